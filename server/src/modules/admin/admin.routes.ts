import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../auth/access.js';
import { API_KEY_SCOPES, type AuthService } from '../../auth/auth.service.js';
import { ROLES } from '../../domain/vocabulary.js';
import { errorResponses, IdParamsSchema, VersionBodySchema } from '../shared/schemas.js';
import type { DesksService } from './desks.service.js';

const tags = ['admin'];
const admin = ['admin'] as const;

export function adminRoutes(app: FastifyInstance, auth: AuthService, desks: DesksService) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const UserViewSchema = z.object({
    id: z.uuid(),
    email: z.string(),
    displayName: z.string(),
    role: z.string(),
    deskId: z.uuid().nullable(),
    firmId: z.uuid().nullable(),
    endedAt: z.string().nullable(),
    version: z.number(),
  });
  r.get(
    '/admin/users',
    {
      config: { access: admin },
      schema: { tags, response: { 200: z.array(UserViewSchema), ...errorResponses } },
    },
    () => auth.listUsers(),
  );
  r.post(
    '/admin/users',
    {
      config: { access: admin },
      schema: {
        tags,
        body: z
          .strictObject({
            email: z.email().max(254),
            displayName: z.string().trim().min(1).max(200),
            role: z.enum(ROLES),
            deskId: z.uuid().nullable().default(null),
            firmId: z.uuid().nullable().default(null),
            password: z.string().min(12).max(200),
            locale: z.enum(['it', 'fr', 'en']).default('it'),
          })
          .refine((u) => u.role !== 'operator' || u.deskId, {
            path: ['deskId'],
            message: 'an operator belongs to a desk',
          })
          .refine((u) => u.role !== 'company' || u.firmId, {
            path: ['firmId'],
            message: 'a company account belongs to a firm',
          }),
        response: { 201: z.object({ id: z.uuid(), email: z.string(), role: z.string() }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const user = await auth.createUser(req.body);
      return reply.code(201).send({ id: user.id, email: user.email, role: user.role });
    },
  );
  r.patch(
    '/admin/users/:id',
    {
      config: { access: admin },
      schema: {
        tags,
        description:
          'Moves an account to another role, desk or firm. Its sessions end at once; the change is audited.',
        params: IdParamsSchema,
        body: z.strictObject({
          version: z.number().int().min(1),
          role: z.enum(ROLES).optional(),
          deskId: z.uuid().nullable().optional(),
          firmId: z.uuid().nullable().optional(),
        }),
        response: { 200: UserViewSchema, ...errorResponses },
      },
    },
    (req) => auth.changeUser(req.params.id, req.body, principalOf(req)),
  );
  r.post(
    '/admin/users/:id/end',
    {
      config: { access: admin },
      schema: {
        tags,
        description:
          'Ends an account: its sessions and the API keys it created stop working on the next request. Audited.',
        params: IdParamsSchema,
        body: VersionBodySchema,
        response: { 200: UserViewSchema, ...errorResponses },
      },
    },
    (req) => auth.endUser(req.params.id, req.body.version, principalOf(req)),
  );
  r.post(
    '/admin/users/:id/revoke-sessions',
    {
      config: { access: admin },
      schema: {
        tags,
        description: 'Signs the user out everywhere. Audited.',
        params: IdParamsSchema,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await auth.signOutUser(req.params.id, principalOf(req));
      return reply.code(204).send(null);
    },
  );
  r.post(
    '/admin/api-keys',
    {
      config: { access: admin },
      schema: {
        tags,
        description: 'Creates an API key for a partner system. The key is shown in this answer only.',
        body: z.strictObject({
          deskId: z.uuid(),
          name: z.string().trim().min(1).max(100),
          scopes: z.array(z.enum(API_KEY_SCOPES)).min(1),
        }),
        response: {
          201: z.object({
            id: z.uuid(),
            key: z.string(),
            prefix: z.string(),
            deskId: z.uuid(),
            name: z.string(),
            scopes: z.array(z.string()),
          }),
          ...errorResponses,
        },
      },
    },
    async (req, reply) => reply.code(201).send(await auth.createApiKey(req.body, principalOf(req))),
  );
  r.post(
    '/admin/api-keys/:id/revoke',
    {
      config: { access: admin },
      schema: {
        tags,
        params: IdParamsSchema,
        response: { 200: z.object({ id: z.uuid(), revokedAt: z.string() }), ...errorResponses },
      },
    },
    (req) => auth.revokeApiKey(req.params.id, principalOf(req)),
  );

  const DeskSchema = z.object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    country: z.string(),
    regionName: z.string(),
    municipalityCode: z.string().nullable(),
    endedAt: z.string().nullable(),
    version: z.number(),
  });
  const deskFields = {
    name: z.string().trim().min(3).max(200),
    regionName: z.string().trim().min(2).max(100),
    municipalityCode: z
      .string()
      .regex(/^[0-9AB]{5,6}$/)
      .nullable(),
  };
  r.post(
    '/admin/desks',
    {
      config: { access: admin },
      schema: {
        tags,
        body: z.strictObject({
          code: z.string().regex(/^[A-Z0-9-]{2,32}$/, 'upper-case letters, digits and dashes'),
          country: z.enum(['IT', 'FR']),
          ...deskFields,
          municipalityCode: deskFields.municipalityCode.default(null),
        }),
        response: { 201: DeskSchema, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await desks.create(req.body)),
  );
  r.patch(
    '/admin/desks/:id',
    {
      config: { access: admin },
      schema: {
        tags,
        params: IdParamsSchema,
        body: z
          .strictObject(deskFields)
          .partial()
          .extend({ version: z.number().int().min(1) }),
        response: { 200: DeskSchema, ...errorResponses },
      },
    },
    (req) => desks.update(req.params.id, req.body),
  );
  r.post(
    '/admin/desks/:id/end',
    {
      config: { access: admin },
      schema: {
        tags,
        params: IdParamsSchema,
        body: VersionBodySchema,
        response: { 200: DeskSchema, ...errorResponses },
      },
    },
    (req) => desks.end(req.params.id, req.body.version),
  );
}
