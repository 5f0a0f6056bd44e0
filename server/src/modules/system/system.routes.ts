import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { ATTRIBUTIONS } from './attributions.js';
import { readiness } from './system.service.js';

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
      mapTilesUrl: deps.mapTilesUrl ?? null,
      demo: deps.demo,
    }),
  );
}
