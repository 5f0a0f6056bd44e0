import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../auth/access.js';
import { errorResponses, IdParamsSchema } from '../shared/schemas.js';
import { CONSENT_PURPOSES, type ConsentsService } from './consents.service.js';
import { renderDataExportHtml, type createDataExportService } from './data-export.service.js';
import { OPERATOR_ERASURE_REASONS, type ErasureService } from './erasure.service.js';

const tags = ['personal data'];
const staff = ['admin', 'operator'] as const;
const ConsentSchema = z.object({
  id: z.uuid(),
  purpose: z.string(),
  textVersion: z.string(),
  language: z.string(),
  channel: z.string(),
  givenAt: z.string(),
  withdrawnAt: z.string().nullable(),
});

export function privacyRoutes(
  app: FastifyInstance,
  services: {
    consents: ConsentsService;
    dataExport: ReturnType<typeof createDataExportService>;
    erasure: ErasureService;
    retention: () => Promise<Record<string, number>>;
  },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/profiles/:id/consents',
    {
      config: { access: staff },
      schema: { tags, params: IdParamsSchema, response: { 200: z.array(ConsentSchema), ...errorResponses } },
    },
    (req) => services.consents.list(req.params.id, principalOf(req)),
  );
  r.post(
    '/profiles/:id/consents',
    {
      config: { access: staff },
      schema: {
        tags,
        params: IdParamsSchema,
        body: z.strictObject({
          purpose: z.enum(CONSENT_PURPOSES),
          textVersion: z.string().trim().min(1).max(50),
          language: z.enum(['it', 'fr', 'en']),
          channel: z.enum(['desk', 'paper', 'email', 'online']),
        }),
        response: { 201: ConsentSchema, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await services.consents.give(req.params.id, req.body, principalOf(req))),
  );
  r.post(
    '/profiles/:id/consents/:consentId/withdraw',
    {
      config: { access: staff },
      schema: {
        tags,
        params: z.strictObject({ id: z.uuid(), consentId: z.uuid() }),
        response: { 200: ConsentSchema, ...errorResponses },
      },
    },
    (req) => services.consents.withdraw(req.params.id, req.params.consentId, principalOf(req)),
  );
  r.get(
    '/profiles/:id/data-export',
    {
      config: { access: staff, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags,
        description: 'Everything held about the person (GDPR Arts. 15 and 20), as JSON or a readable page.',
        params: IdParamsSchema,
        querystring: z.strictObject({
          format: z.enum(['json', 'html']).default('json'),
          lang: z.enum(['it', 'fr', 'en']).default('it'),
        }),
      },
    },
    async (req, reply) => {
      const data = await services.dataExport.export(req.params.id, principalOf(req));
      reply.header(
        'content-disposition',
        `attachment; filename="rilancio-${data.profile.code}.${req.query.format}"`,
      );
      if (req.query.format === 'html')
        return reply.type('text/html; charset=utf-8').send(renderDataExportHtml(data, req.query.lang));
      return reply.type('application/json').send(JSON.stringify(data, null, 2));
    },
  );
  r.post(
    '/profiles/:id/erase',
    {
      config: { access: staff },
      schema: {
        tags,
        description: 'Erases the person from the database and the search index (GDPR Art. 17).',
        params: IdParamsSchema,
        body: z.strictObject({
          reason: z
            .enum(OPERATOR_ERASURE_REASONS)
            .describe('The Art. 17(1) ground, as a code: no free text is stored'),
        }),
        response: { 200: z.object({ erased: z.boolean() }), ...errorResponses },
      },
    },
    (req) => services.erasure.erase(req.params.id, req.body.reason, principalOf(req)),
  );
  r.get(
    '/admin/erasure-ledger',
    {
      config: { access: ['admin'] },
      schema: {
        tags,
        description:
          'Keyed HMACs of erased people, to purge them again from a restored backup (replay-erasures).',
        response: {
          200: z.array(z.object({ subjectHmac: z.string(), erasedAt: z.string(), reason: z.string() })),
          ...errorResponses,
        },
      },
    },
    () => services.erasure.ledger(),
  );
  r.post(
    '/admin/retention/run',
    {
      config: { access: ['admin'] },
      schema: { tags, response: { 200: z.record(z.string(), z.number()), ...errorResponses } },
    },
    () => services.retention(),
  );
}
