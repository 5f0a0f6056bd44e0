import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../auth/access.js';
import type { Limits } from '../../auth/limits.js';
import { errorResponses, ErrorResponseSchema, IdParamsSchema } from '../shared/schemas.js';
import {
  ApprovedCandidatesSchema,
  DecisionSchema,
  MatchFiltersSchema,
  MatchRunSchema,
  OutcomeSchema,
  RankingSwitchSchema,
  TeamSchema,
} from './matching.schema.js';
import type { MatchingService } from './matching.service.js';
import { WeightsSchema } from './weights.js';
import { MATCH_OUTCOMES } from '../../domain/vocabulary.js';

const WeightsViewSchema = z.object({
  engineVersion: z.string(),
  weightsHash: z.string(),
  isDefault: z.boolean(),
  weights: WeightsSchema,
});

const tags = ['matching'];
const staff = ['admin', 'operator'] as const;

export function matchingRoutes(app: FastifyInstance, service: MatchingService, limits: Limits) {
  const matchLimit = { max: limits.matchPerMinute, timeWindow: '1 minute' };
  const r = app.withTypeProvider<ZodTypeProvider>();
  const filters = (q: z.infer<typeof MatchFiltersSchema>) => ({
    deskId: q.deskId,
    region: q.region,
    employmentStatus: q.employmentStatus,
  });

  // A need's and an asset's matches are one route: the same filters, limit and rate, only the run differs.
  const recordMatchesRoute = (route: { path: string; description: string; run: 'forNeed' | 'forAsset' }) =>
    r.get(
      route.path,
      {
        config: { access: staff, rateLimit: matchLimit },
        schema: {
          tags,
          description: route.description,
          params: IdParamsSchema,
          querystring: MatchFiltersSchema,
          response: { 200: MatchRunSchema, ...errorResponses },
        },
      },
      (req) =>
        service[route.run](
          req.params.id,
          filters(req.query),
          req.query.limit,
          principalOf(req),
          req.query.lang,
        ),
    );

  recordMatchesRoute({
    path: '/needs/:id/matches',
    description: 'People for a job need, or assets for an asset need; each run is logged.',
    run: 'forNeed',
  });
  r.get(
    '/profiles/:id/matches',
    {
      config: { access: staff, rateLimit: matchLimit },
      schema: {
        tags,
        description: 'Job needs and opportunity roles that fit a person.',
        params: IdParamsSchema,
        querystring: MatchFiltersSchema.pick({ limit: true, lang: true }),
        response: { 200: MatchRunSchema, ...errorResponses },
      },
    },
    (req) => service.forProfile(req.params.id, req.query.limit, principalOf(req), req.query.lang),
  );
  r.get(
    '/opportunities/:id/team',
    {
      config: { access: staff, rateLimit: matchLimit },
      schema: {
        tags,
        description: 'Team builder: displaced workers who cover the roles, and the roles still missing.',
        params: IdParamsSchema,
        querystring: MatchFiltersSchema.omit({ limit: true }),
        response: { 200: TeamSchema, ...errorResponses },
      },
    },
    (req) =>
      service.team(req.params.id, filters({ ...req.query, limit: 20 }), principalOf(req), req.query.lang),
  );
  recordMatchesRoute({
    path: '/assets/:id/matches',
    description: 'People who can operate an asset, and asset needs it could satisfy.',
    run: 'forAsset',
  });
  r.post(
    '/matches/decisions',
    {
      config: { access: staff },
      schema: {
        tags,
        description:
          'Shortlist, approve for the firm, reject, re-rank or revoke, with a reason that fits the decision: shortlist and approve take good_fit or other; reject and revoke a negative reason (skills_gap, too_far, not_available, person_declined, firm_declined, better_candidate, data_outdated) or other; rerank any. `other` needs a note. A reason that does not fit is refused with 422 naming body.reasonCode.',
        body: DecisionSchema,
        response: {
          201: z.object({ id: z.uuid(), at: z.string(), action: z.string() }),
          ...errorResponses,
          422: ErrorResponseSchema,
        },
      },
    },
    async (req, reply) => reply.code(201).send(await service.decide(req.body, principalOf(req))),
  );
  r.get(
    '/needs/:id/candidates',
    {
      config: { access: ['admin', 'operator', 'company'] },
      schema: {
        tags,
        description: 'Candidates an operator approved for this need, pseudonymised (what the company sees).',
        params: IdParamsSchema,
        response: { 200: ApprovedCandidatesSchema, ...errorResponses },
      },
    },
    (req) => service.approvedCandidates(req.params.id, principalOf(req)),
  );
  r.post(
    '/needs/:id/candidates/:code/contact-request',
    {
      config: { access: ['admin', 'company'] },
      schema: {
        tags,
        description:
          'The company asks to contact an approved candidate: contacts come back when the person consented, otherwise the desk asks them.',
        params: z.strictObject({ id: z.uuid(), code: z.string().regex(/^P-[0-9A-Z]{5,10}$/) }),
        response: {
          200: z.object({
            status: z.enum(['shared', 'pending_consent']),
            contact: z
              .object({ name: z.string(), email: z.string().nullable(), phone: z.string().nullable() })
              .nullable(),
            requestedAt: z
              .string()
              .describe('when contact was first asked for (a repeat keeps the first date)'),
          }),
          ...errorResponses,
        },
      },
    },
    (req) => service.requestContact(req.params.id, req.params.code, principalOf(req)),
  );
  r.get(
    '/needs/:id/outcomes',
    {
      config: { access: staff },
      schema: {
        tags,
        description:
          'Where each candidate of the need stands (approved, contacted, interviewed, hired, not hired, ' +
          'withdrawn, rejected), since when, and which outcomes may be recorded next. Lists the candidates ' +
          "whose outcomes the caller may record (their profile's desk).",
        params: IdParamsSchema,
        response: {
          200: z.array(
            z.object({
              profileId: z.uuid(),
              state: z.enum(['proposed', 'rejected', 'approved', ...MATCH_OUTCOMES]),
              since: z.string().nullable(),
              next: z.array(z.enum(MATCH_OUTCOMES)),
            }),
          ),
          ...errorResponses,
        },
      },
    },
    (req) => service.outcomeStates(req.params.id, principalOf(req)),
  );
  r.post(
    '/needs/:id/outcomes',
    {
      config: { access: staff },
      schema: {
        tags,
        params: IdParamsSchema,
        body: OutcomeSchema,
        response: { 201: z.object({ id: z.uuid(), at: z.string(), outcome: z.string() }), ...errorResponses },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await service.recordOutcome(req.params.id, req.body, principalOf(req))),
  );
  r.get(
    '/admin/ranking',
    {
      config: { access: ['admin'] },
      schema: { tags, response: { 200: z.object({ enabled: z.boolean() }), ...errorResponses } },
    },
    async () => ({ enabled: await service.ranking.isEnabled() }),
  );
  r.put(
    '/admin/ranking',
    {
      config: { access: ['admin'] },
      schema: {
        tags,
        description: 'The stop switch: with ranking off, matches come back unranked and filter-only.',
        body: RankingSwitchSchema,
        response: { 200: z.object({ enabled: z.boolean() }), ...errorResponses },
      },
    },
    (req) => service.setRanking(req.body.enabled, req.body.reason, principalOf(req)),
  );
  r.get(
    '/admin/weights',
    {
      config: { access: ['admin'] },
      schema: { tags, response: { 200: WeightsViewSchema, ...errorResponses } },
    },
    () => service.weights.view(),
  );
  r.put(
    '/admin/weights',
    {
      config: { access: ['admin'] },
      schema: {
        tags,
        description:
          'Sets the weights of the score components (each group adds up to 1), or resets them with weights: null. Logged; every later run carries the new weights hash.',
        body: z.strictObject({
          weights: WeightsSchema.nullable(),
          reason: z.string().trim().min(3).max(500),
        }),
        response: { 200: WeightsViewSchema, ...errorResponses },
      },
    },
    (req) => {
      const p = principalOf(req);
      return service.weights.set(req.body.weights, req.body.reason, { userId: p.userId, role: p.role });
    },
  );
}
