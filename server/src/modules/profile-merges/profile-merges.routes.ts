import type { FastifyInstance } from 'fastify';
import { principalOf, type Access } from '../../auth/access.js';
import { errorResponses, IdParamsSchema } from '../shared/schemas.js';
import {
  MergeBodySchema,
  MergeListSchema,
  MergePreviewBodySchema,
  MergePreviewSchema,
  MergeViewSchema,
  type MergeBody,
  type MergePreviewBody,
} from './profile-merges.schema.js';
import type { ProfileMergesService } from './profile-merges.service.js';

/** Desk staff merge a person's two records; a partner system's key never does (it feeds, it does not judge). */
const MERGERS: Access = ['admin', 'operator'];

export function profileMergesRoutes(app: FastifyInstance, service: ProfileMergesService) {
  const config = { access: MERGERS, scope: 'profiles' };
  const id = (req: { params: unknown }) => (req.params as { id: string }).id;
  app.post(
    '/profiles/:id/merge-preview',
    {
      config,
      schema: {
        tags: ['profiles'],
        summary: 'What merging another record of the same person into this one would give',
        params: IdParamsSchema,
        body: MergePreviewBodySchema,
        response: { 200: MergePreviewSchema, ...errorResponses },
      },
    },
    (req) => service.preview(id(req), req.body as MergePreviewBody, principalOf(req)),
  );
  app.post(
    '/profiles/:id/merge',
    {
      config,
      schema: {
        tags: ['profiles'],
        summary: 'Merges another record of the same person into this one (undoable until confirmed)',
        params: IdParamsSchema,
        body: MergeBodySchema,
        response: { 201: MergeViewSchema, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await service.merge(id(req), req.body as MergeBody, principalOf(req))),
  );
  app.get(
    '/profiles/:id/merges',
    {
      config,
      schema: {
        tags: ['profiles'],
        params: IdParamsSchema,
        response: { 200: MergeListSchema, ...errorResponses },
      },
    },
    (req) => service.of(id(req), principalOf(req)),
  );
  for (const [step, summary] of [
    ['undo', 'Puts both records back as they were before the merge'],
    ['confirm', 'Makes the merge final: decisions and outcomes are carried over'],
  ] as const)
    app.post(
      `/profile-merges/:id/${step}`,
      {
        config,
        schema: {
          tags: ['profiles'],
          summary,
          params: IdParamsSchema,
          response: { 200: MergeViewSchema, ...errorResponses },
        },
      },
      (req) => service[step](id(req), principalOf(req)),
    );
}
