import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../../auth/access.js';
import type { Limits } from '../../../auth/limits.js';
import { contentDisposition } from '../../../files/index.js';
import { errorResponses, IdParamsSchema } from '../../shared/schemas.js';
import {
  ChecklistItemParamsSchema,
  ChecklistItemViewSchema,
  ReadinessQuerySchema,
  ReadinessSchema,
  UpdateChecklistItemSchema,
} from './readiness.schema.js';
import type { ReadinessService } from './readiness.service.js';

const tags = ['opportunities'];
/** The card carries the proposed team (pseudonymised people): for desk staff, like the team builder. */
const staff = ['admin', 'operator'] as const;

export function readinessRoutes(app: FastifyInstance, service: ReadinessService, limits: Limits) {
  // Each card runs the team builder: it counts against the same limit as a match run.
  const rateLimit = { max: limits.matchPerMinute, timeWindow: '1 minute' };
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/opportunities/:id/readiness',
    {
      config: { access: staff, rateLimit },
      schema: {
        tags,
        description:
          "Readiness card: roles with the team builder's coverage and named gaps, the proposed team, included assets with status and own deadlines (auction date, end of availability), the route as a checklist (made from the reference route of the kind and country on first read), and what blocks it.",
        params: IdParamsSchema,
        querystring: ReadinessQuerySchema,
        response: { 200: ReadinessSchema, ...errorResponses },
      },
    },
    (req) => service.get(req.params.id, req.query.lang, principalOf(req)),
  );
  r.get(
    '/opportunities/:id/readiness.pdf',
    {
      config: { access: staff, rateLimit },
      schema: {
        tags,
        description:
          'The readiness card as a PDF of one or two pages in the chosen language, with the issuing desk, contact, reference and date.',
        params: IdParamsSchema,
        querystring: ReadinessQuerySchema,
        response: { 200: z.unknown().describe('application/pdf'), ...errorResponses },
      },
    },
    async (req, reply) => {
      const { pdf, filename } = await service.pdf(req.params.id, req.query.lang, principalOf(req));
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', contentDisposition(filename))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'no-store')
        .send(pdf);
    },
  );
  r.patch(
    '/opportunities/:id/readiness/checklist/:itemId',
    {
      config: { access: staff },
      schema: {
        tags,
        description:
          "Ticks, dates or annotates one step of the route. Only the opportunity's desk (or an admin) may; send the version read (409 when someone changed the step since).",
        params: ChecklistItemParamsSchema,
        querystring: ReadinessQuerySchema,
        body: UpdateChecklistItemSchema,
        response: { 200: ChecklistItemViewSchema, ...errorResponses },
      },
    },
    (req) => service.updateItem(req.params.id, req.params.itemId, req.body, req.query.lang, principalOf(req)),
  );
}
