import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../auth/access.js';
import { SEARCH_ACCESS } from '../search/index.js';
import { errorResponses, IdParamsSchema } from '../shared/schemas.js';
import { NearbyMinutesSchema } from '../shared/travel-budgets.js';
import type { PeopleNearby } from './people-nearby.service.js';

export const PeopleNearbyQuerySchema = z.strictObject({ minutes: NearbyMinutesSchema.default(30) });

export const PeopleNearbySchema = z.object({
  minutes: z.number(),
  total: z.number().describe('suppressed under 5 and rounded to 5'),
  iscoGroups: z.record(z.string(), z.number()).describe('ISCO-08 unit group → people (same protection)'),
});

export function peopleNearbyRoutes(app: FastifyInstance, service: PeopleNearby) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/assets/:id/people-nearby',
    {
      config: { access: SEARCH_ACCESS.profiles },
      schema: {
        tags: ['matching'],
        description:
          'People living within a travel time of the asset (road and all-year ferries), by occupation group; counts only.',
        params: IdParamsSchema,
        querystring: PeopleNearbyQuerySchema,
        response: { 200: PeopleNearbySchema, ...errorResponses },
      },
    },
    async (req) => {
      const { minutes, total, iscoGroups } = await service.forAsset(
        req.params.id,
        req.query.minutes,
        principalOf(req),
      );
      return { minutes, total, iscoGroups };
    },
  );
}
