import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { ATTRIBUTIONS } from './attributions.js';
import { labelSources, readiness } from './system.service.js';

const tags = ['system'];

export function systemRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/health',
    {
      config: { access: 'public' },
      schema: { tags, response: { 200: z.object({ status: z.literal('ok') }) } },
    },
    async () => ({ status: 'ok' as const }),
  );

  const ReadySchema = z.object({
    status: z.enum(['ready', 'not_ready']),
    database: z.object({
      reachable: z.boolean(),
      migrationsApplied: z.number(),
      migrationsExpected: z.number(),
    }),
    search: z.object({ pending: z.number(), lagSeconds: z.number(), deadLetters: z.number() }),
  });
  r.get(
    '/ready',
    { config: { access: 'public' }, schema: { tags, response: { 200: ReadySchema, 503: ReadySchema } } },
    async (_req, reply) => {
      const body = await readiness(deps.database.db);
      return reply.code(body.status === 'ready' ? 200 : 503).send(body);
    },
  );

  // Reference labels are loaded at start-up (import:esco needs a restart too): counted once per process.
  let sources: ReturnType<typeof labelSources> | undefined;
  r.get(
    '/about',
    {
      config: { access: 'public' },
      schema: {
        tags,
        response: {
          200: z.object({
            name: z.string(),
            version: z.string(),
            attributions: z.array(z.string()),
            labelSources: z
              .array(
                z.object({
                  lang: z.string(),
                  kind: z.string(),
                  source: z.enum(['esco', 'provisional', 'supplement']),
                  concepts: z.number(),
                }),
              )
              .describe(
                "ESCO labels held, by language and provenance: `provisional` is the project's own vocabulary " +
                  '(until official labels of that language are imported), `supplement` everyday words the project added.',
              ),
            mapTilesUrl: z.string().nullable(),
            demo: z.boolean(),
          }),
        },
      },
    },
    async () => ({
      name: 'Rilancio',
      version: '0.1.0',
      attributions: [...ATTRIBUTIONS],
      labelSources: await (sources ??= labelSources(deps.database.db).catch((err: unknown) => {
        sources = undefined;
        throw err;
      })),
      mapTilesUrl: deps.mapTilesUrl ?? null,
      demo: deps.demo,
    }),
  );
}
