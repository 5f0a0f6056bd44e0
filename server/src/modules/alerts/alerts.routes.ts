import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../auth/access.js';
import { SAVED_SEARCH_INDEXES } from '../../db/schema.js';
import { errorResponses, IdParamsSchema } from '../shared/schemas.js';
import { unsubscribePage } from './alert-texts.js';
import type { AlertsService } from './alerts.service.js';

const tags = ['alerts'];
/** People with an account: partner API keys do not save searches. */
const ACCOUNTS = ['admin', 'operator', 'marketing', 'company'] as const;

const FrequencySchema = z.enum(['daily', 'never']).describe('e-mail digest: at most daily, or never');
const NameSchema = z.string().trim().min(1).max(120);

const SavedSearchSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  index: z.enum(SAVED_SEARCH_INDEXES),
  query: z.record(z.string(), z.string()).describe('the query string of GET /search/{index}'),
  frequency: FrequencySchema,
  lang: z.enum(['it', 'fr', 'en']),
  createdAt: z.string(),
  lastDigestAt: z.string().nullable(),
});

const NotificationSchema = z.object({
  id: z.uuid(),
  savedSearchId: z.uuid().nullable(),
  savedSearchName: z.string().nullable(),
  index: z.enum(SAVED_SEARCH_INDEXES).nullable(),
  recordType: z.enum(['asset', 'profile', 'need', 'opportunity']),
  recordId: z.uuid(),
  label: z.string(),
  reason: z.enum(['new', 'changed', 'deadline']),
  deadline: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

export function alertsRoutes(app: FastifyInstance, service: AlertsService) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/alerts/searches',
    {
      config: { access: ACCOUNTS },
      schema: {
        tags,
        description:
          'Saves a search with a name. `query` is the query string of GET /search/{index}, checked the same way and as the caller: records entering it later notify its owner.',
        body: z.strictObject({
          name: NameSchema,
          index: z.enum(SAVED_SEARCH_INDEXES),
          query: z.record(z.string().max(40), z.union([z.string().max(500), z.number(), z.boolean()])),
          frequency: FrequencySchema.optional(),
        }),
        response: { 201: SavedSearchSchema, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await service.create(principalOf(req), req.body)),
  );
  r.get(
    '/alerts/searches',
    {
      config: { access: ACCOUNTS },
      schema: {
        tags,
        description: "The caller's saved searches.",
        response: { 200: z.array(SavedSearchSchema), ...errorResponses },
      },
    },
    (req) => service.list(principalOf(req)),
  );
  r.patch(
    '/alerts/searches/:id',
    {
      config: { access: ACCOUNTS },
      schema: {
        tags,
        description: 'Renames a saved search of the caller, or changes its e-mail frequency.',
        params: IdParamsSchema,
        body: z
          .strictObject({ name: NameSchema.optional(), frequency: FrequencySchema.optional() })
          .refine((b) => b.name !== undefined || b.frequency !== undefined, {
            message: 'give a name or a frequency',
            path: ['name'],
          }),
        response: { 200: SavedSearchSchema, ...errorResponses },
      },
    },
    (req) => service.update(principalOf(req), req.params.id, req.body),
  );
  r.delete(
    '/alerts/searches/:id',
    {
      config: { access: ACCOUNTS },
      schema: {
        tags,
        description: 'Deletes a saved search of the caller and its notifications.',
        params: IdParamsSchema,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await service.remove(principalOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
  r.get(
    '/alerts/notifications',
    {
      config: { access: ACCOUNTS },
      schema: {
        tags,
        description: "The caller's notifications, newest first, with the unread count.",
        querystring: z.strictObject({
          unread: z
            .enum(['true', 'false'])
            .optional()
            .transform((v) => v === 'true'),
          limit: z.coerce.number().int().min(1).max(100).default(50),
          offset: z.coerce.number().int().min(0).max(100_000).default(0),
        }),
        response: {
          200: z.object({ unread: z.number(), items: z.array(NotificationSchema) }),
          ...errorResponses,
        },
      },
    },
    (req) => service.notifications(principalOf(req), req.query),
  );
  r.post(
    '/alerts/notifications/read',
    {
      config: { access: ACCOUNTS },
      schema: {
        tags,
        description: "Marks the caller's notifications read: the ids given, or all.",
        body: z.strictObject({ ids: z.array(z.uuid()).max(500).optional(), all: z.boolean().optional() }),
        response: { 200: z.object({ unread: z.number() }), ...errorResponses },
      },
    },
    (req) => service.markRead(principalOf(req), req.body),
  );
  r.get(
    '/alerts/unsubscribe',
    {
      config: { access: 'public' },
      schema: {
        tags,
        description:
          "The e-mail's unsubscribe link: stops the digest of one saved search, without signing in. Answers a page in the search owner's language.",
        querystring: z.strictObject({ token: z.string().min(20).max(200) }),
        response: { 200: z.string(), 404: z.string() },
      },
    },
    async (req, reply) => {
      const result = await service.unsubscribe(req.query.token);
      return reply
        .code(result.ok ? 200 : 404)
        .type('text/html; charset=utf-8')
        .send(unsubscribePage(result.lang, result.message));
    },
  );
}
