import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { principalOf } from '../../auth/access.js';
import {
  errorResponses,
  IdParamsSchema,
  pageOf,
  PageQuerySchema,
  VersionBodySchema,
} from '../shared/schemas.js';
import { CreateProfileSchema, ProfileViewSchema, UpdateProfileSchema } from './profiles.schema.js';
import type { ProfilesService } from './profiles.service.js';

const tags = ['profiles'];
const staff = ['admin', 'operator'] as const;

export function profilesRoutes(app: FastifyInstance, service: ProfilesService) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/profiles',
    {
      config: { access: staff },
      schema: {
        tags,
        querystring: PageQuerySchema,
        response: { 200: pageOf(ProfileViewSchema), ...errorResponses },
      },
    },
    (req) => service.list(req.query, principalOf(req)),
  );
  r.get(
    '/profiles/:id',
    {
      config: { access: staff },
      schema: { tags, params: IdParamsSchema, response: { 200: ProfileViewSchema, ...errorResponses } },
    },
    (req) => service.get(req.params.id, principalOf(req)),
  );
  r.post(
    '/profiles',
    {
      config: { access: staff },
      schema: { tags, body: CreateProfileSchema, response: { 201: ProfileViewSchema, ...errorResponses } },
    },
    async (req, reply) => reply.code(201).send(await service.create(req.body, principalOf(req))),
  );
  r.patch(
    '/profiles/:id',
    {
      config: { access: staff },
      schema: {
        tags,
        params: IdParamsSchema,
        body: UpdateProfileSchema,
        response: { 200: ProfileViewSchema, ...errorResponses },
      },
    },
    (req) => service.update(req.params.id, req.body, principalOf(req)),
  );
  r.post(
    '/profiles/:id/end',
    {
      config: { access: staff },
      schema: {
        tags,
        params: IdParamsSchema,
        body: VersionBodySchema,
        response: { 200: ProfileViewSchema, ...errorResponses },
      },
    },
    (req) => service.end(req.params.id, req.body.version, principalOf(req)),
  );
}
