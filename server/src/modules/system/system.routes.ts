import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { errorResponses } from '../shared/schemas.js';
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

  // Public: only whether the instance is ready (for load balancers and the compose health check). How far
  // search lags and how many documents were parked are operational details for admins only.
  const StatusSchema = z.object({ status: z.enum(['ready', 'not_ready']) });
  r.get(
    '/ready',
    { config: { access: 'public' }, schema: { tags, response: { 200: StatusSchema, 503: StatusSchema } } },
    async (_req, reply) => {
      const { status } = await readiness(deps.database.db);
      return reply.code(status === 'ready' ? 200 : 503).send({ status });
    },
  );

  const ReadinessSchema = z.object({
    status: z.enum(['ready', 'not_ready']),
    database: z.object({
      reachable: z.boolean(),
      migrationsApplied: z.number(),
      migrationsExpected: z.number(),
    }),
    search: z.object({ pending: z.number(), lagSeconds: z.number(), deadLetters: z.number() }),
  });
  r.get(
    '/admin/readiness',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['admin'],
        description: 'Readiness with the details: migrations, outbox backlog and lag, dead letters.',
        response: { 200: ReadinessSchema, ...errorResponses },
      },
    },
    () => readiness(deps.database.db),
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
