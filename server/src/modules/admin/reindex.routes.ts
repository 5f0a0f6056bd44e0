import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ReindexJobs } from '../../indexing/reindex-jobs.js';
import { errorResponses } from '../shared/schemas.js';

const StatusSchema = z.object({
  status: z.enum(['idle', 'running', 'done', 'failed']),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  done: z.number(),
  total: z.number(),
  indexed: z.record(z.string(), z.number()),
  error: z.string().nullable(),
});

export function reindexRoutes(app: FastifyInstance, jobs: ReindexJobs) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/admin/reindex',
    {
      config: { access: ['admin'] },
      schema: { tags: ['admin'], response: { 200: StatusSchema, ...errorResponses } },
    },
    () => jobs.status(),
  );
  r.post(
    '/admin/reindex',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['admin'],
        description: 'Rebuilds every search index from PostgreSQL in the background; follow it with GET.',
        response: { 202: StatusSchema, ...errorResponses },
      },
    },
    async (_req, reply) => reply.code(202).send(await jobs.start()),
  );
}
