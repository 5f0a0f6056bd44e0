import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../shared/schemas.js';
import { OUTCOME_GROUPINGS } from './outcome-stats.js';
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
  const Funnel = z.object({
    key: z.string().nullable(),
    approved: z.number().int(),
    contacted: z.number().int(),
    interviewed: z.number().int(),
    hired: z.number().int(),
    notHired: z.number().int(),
    withdrawn: z.number().int(),
    contactRate: z.number().nullable(),
    hireRate: z.number().nullable(),
    medianDaysToHire: z.number().nullable(),
    suppressed: z.boolean(),
  });
  r.get(
    '/stats/outcomes',
    {
      config: { access: ['admin', 'operator', 'marketing'] },
      schema: {
        tags: ['stats'],
        description:
          'What became of the candidates operators approved (contacted, interviewed, hired or not, withdrawn), ' +
          'grouped by desk, region, supply chain or path (employment, or the kind of buy-out, spin-off, ' +
          'start-up or cooperative), with conversion rates and the median days from approval to hire. ' +
          'Counts under 5 are shown as 0 and the others rounded to 5; rates and times come from those counts.',
        querystring: z.strictObject({
          by: z.enum(OUTCOME_GROUPINGS).default('desk'),
          months: z.coerce.number().int().min(1).max(60).default(12),
        }),
        response: {
          200: z.object({ by: z.enum(OUTCOME_GROUPINGS), since: z.string(), groups: z.array(Funnel) }),
          ...errorResponses,
        },
      },
    },
    (req) => service.outcomes(req.query.by, req.query.months),
  );
}
