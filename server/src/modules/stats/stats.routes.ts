import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../shared/schemas.js';
import type { StatsService } from './stats.service.js';

const Counts = z.record(z.string(), z.number());

export function statsRoutes(app: FastifyInstance, service: StatsService) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/stats/matching',
    {
      config: { access: ['admin', 'operator', 'marketing'] },
      schema: {
        tags: ['stats'],
        description:
          'Weekly counts of match runs, decisions by action and outcomes by kind (aggregates only).',
        querystring: z.strictObject({ weeks: z.coerce.number().int().min(1).max(104).default(12) }),
        response: {
          200: z.object({
            weeks: z.array(z.string()),
            runs: Counts,
            decisions: z.record(z.string(), Counts),
            outcomes: z.record(z.string(), Counts),
          }),
          ...errorResponses,
        },
      },
    },
    (req) => service.matchingOverTime(req.query.weeks),
  );
}
