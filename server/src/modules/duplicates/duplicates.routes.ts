import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { principalOf, type Access } from '../../auth/access.js';
import { errorResponses, IdParamsSchema } from '../shared/schemas.js';
import {
  AssetCheckSchema,
  DuplicatesViewSchema,
  FirmCheckSchema,
  ProfileCheckSchema,
  type DuplicatesView,
} from './duplicates.schema.js';
import type { DuplicatesService } from './duplicates.service.js';

/**
 * Likely duplicates of a saved record (`GET /{entity}/{id}/duplicates`, for its page and the form after
 * saving) and of a record being typed (`POST /{entity}/duplicate-check`, for the form before saving).
 * A warning, never a refusal: two people may share a name and a town, a park may hold two identical
 * machines; the operator who knows decides, and merges if they are the same.
 * Access: the roles that may read (and, for the check, write) the entity; companies and marketing
 * officers never reach people's duplicates.
 */
export function duplicatesRoutes(app: FastifyInstance, service: DuplicatesService) {
  const entities: {
    path: string;
    tag: string;
    read: Access;
    write: Access;
    check: z.ZodType;
    of: (id: string, p: ReturnType<typeof principalOf>) => Promise<DuplicatesView>;
    checkWith: (body: never, p: ReturnType<typeof principalOf>) => Promise<DuplicatesView>;
  }[] = [
    {
      path: '/profiles',
      tag: 'profiles',
      read: ['admin', 'operator', 'partner'],
      write: ['admin', 'operator', 'partner'],
      check: ProfileCheckSchema,
      of: service.ofProfile,
      checkWith: service.checkProfile,
    },
    {
      path: '/assets',
      tag: 'assets',
      read: ['admin', 'operator', 'marketing', 'company', 'partner'],
      write: ['admin', 'operator', 'marketing', 'partner'],
      check: AssetCheckSchema,
      of: service.ofAsset,
      checkWith: service.checkAsset,
    },
    {
      path: '/firms',
      tag: 'firms',
      read: ['admin', 'operator', 'marketing', 'company', 'partner'],
      write: ['admin', 'operator', 'marketing', 'company', 'partner'],
      check: FirmCheckSchema,
      of: service.ofFirm,
      checkWith: service.checkFirm,
    },
  ];
  for (const e of entities) {
    app.get(
      `${e.path}/:id/duplicates`,
      {
        config: { access: e.read, scope: e.tag },
        schema: {
          tags: [e.tag],
          params: IdParamsSchema,
          response: { 200: DuplicatesViewSchema, ...errorResponses },
        },
      },
      (req) => e.of((req.params as { id: string }).id, principalOf(req)),
    );
    app.post(
      `${e.path}/duplicate-check`,
      {
        config: { access: e.write, scope: e.tag },
        schema: {
          tags: [e.tag],
          body: e.check,
          response: { 200: DuplicatesViewSchema, ...errorResponses },
        },
      },
      (req) => e.checkWith(req.body as never, principalOf(req)),
    );
  }
}
