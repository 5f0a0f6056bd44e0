import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { principalOf, type Access } from '../../auth/access.js';
import type { Principal } from '../../auth/principal.js';
import {
  errorResponses,
  IdParamsSchema,
  pageOf,
  PageQuerySchema,
  VersionBodySchema,
  type PageQuery,
} from './schemas.js';

export interface CrudService<Create, Update, View, List extends PageQuery = PageQuery> {
  list(
    query: List,
    principal: Principal,
  ): Promise<{ items: View[]; nextCursor: string | null; total: number }>;
  get(id: string, principal: Principal): Promise<View>;
  create(input: Create, principal: Principal): Promise<View>;
  update(id: string, patch: Update, principal: Principal): Promise<View>;
  end(id: string, version: number, principal: Principal): Promise<View>;
}

/**
 * The five routes every entity has — list, read, create, update (PATCH with version), end — with the
 * same shapes, status codes and access declarations. Entity-specific routes are added beside them.
 */
export function crudRoutes<
  C extends z.ZodType,
  U extends z.ZodType,
  V extends z.ZodType,
  L extends z.ZodType<PageQuery> = typeof PageQuerySchema,
>(
  app: FastifyInstance,
  spec: {
    path: string;
    tag: string;
    read: Access;
    write: Access;
    /** `list` is the list's query string (search, filters, sort); the plain page when left out. */
    schemas: { create: C; update: U; view: V; list?: L };
    service: CrudService<z.output<C>, z.output<U>, z.output<V>, z.output<L>>;
  },
) {
  // Generic schemas defeat the type provider's inference; the validator still enforces them at run time,
  // so the request parts are typed here by the schemas' outputs.
  const r = app;
  type Req = { params: { id: string }; query: PageQuery; body: unknown; principal: Principal | null };
  const { path, service, schemas } = spec;
  const tags = [spec.tag];
  r.get(
    path,
    {
      config: { access: spec.read, scope: spec.tag },
      schema: {
        tags,
        querystring: schemas.list ?? PageQuerySchema,
        response: { 200: pageOf(schemas.view), ...errorResponses },
      },
    },
    (req) => service.list((req as Req).query as z.output<L>, principalOf(req)),
  );
  r.get(
    `${path}/:id`,
    {
      config: { access: spec.read, scope: spec.tag },
      schema: { tags, params: IdParamsSchema, response: { 200: schemas.view, ...errorResponses } },
    },
    (req) => service.get((req as Req).params.id, principalOf(req)),
  );
  r.post(
    path,
    {
      config: { access: spec.write, scope: spec.tag },
      schema: { tags, body: schemas.create, response: { 201: schemas.view, ...errorResponses } },
    },
    async (req, reply) =>
      reply.code(201).send(await service.create((req as Req).body as z.output<C>, principalOf(req))),
  );
  r.patch(
    `${path}/:id`,
    {
      config: { access: spec.write, scope: spec.tag },
      schema: {
        tags,
        params: IdParamsSchema,
        body: schemas.update,
        response: { 200: schemas.view, ...errorResponses },
      },
    },
    (req) => service.update((req as Req).params.id, (req as Req).body as z.output<U>, principalOf(req)),
  );
  r.post(
    `${path}/:id/end`,
    {
      config: { access: spec.write, scope: spec.tag },
      schema: {
        tags,
        params: IdParamsSchema,
        body: VersionBodySchema,
        response: { 200: schemas.view, ...errorResponses },
      },
    },
    (req) =>
      service.end(
        (req as Req).params.id,
        ((req as Req).body as { version: number }).version,
        principalOf(req),
      ),
  );
}
