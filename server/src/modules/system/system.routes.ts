import { readdirSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MIGRATIONS_DIR } from '../../db/client.js';
import { queryRows } from '../../db/raw.js';
import type { Deps } from '../../deps.js';
import { ATTRIBUTIONS } from './attributions.js';

const tags = ['system'];
const migrationCount = readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql')).length;

export function systemRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = deps.database.db;

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
      try {
        const [migrations] = await queryRows<{ n: number }>(
          db,
          sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
        );
        const [outbox] = await queryRows<{ pending: number; oldest: number | null; dead: number }>(
          db,
          sql`select (select count(*)::int from outbox) as pending,
                     (select extract(epoch from now() - min(created_at))::float8 from outbox) as oldest,
                     (select count(*)::int from search_dead_letters) as dead`,
        );
        const applied = migrations?.n ?? 0;
        const body = {
          status: applied >= migrationCount ? ('ready' as const) : ('not_ready' as const),
          database: { reachable: true, migrationsApplied: applied, migrationsExpected: migrationCount },
          search: {
            pending: outbox?.pending ?? 0,
            lagSeconds: outbox?.oldest ?? 0,
            deadLetters: outbox?.dead ?? 0,
          },
        };
        return reply.code(body.status === 'ready' ? 200 : 503).send(body);
      } catch {
        return reply.code(503).send({
          status: 'not_ready' as const,
          database: { reachable: false, migrationsApplied: 0, migrationsExpected: migrationCount },
          search: { pending: 0, lagSeconds: 0, deadLetters: 0 },
        });
      }
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
