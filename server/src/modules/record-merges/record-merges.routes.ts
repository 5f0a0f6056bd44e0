import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { Principal } from '../../auth/principal.js';
import { ASSET_MERGE_FIELDS, FIRM_MERGE_FIELDS } from '@rilancio/vocabulary';
import { principalOf, type Access } from '../../auth/access.js';
import { AssetViewSchema } from '../assets/index.js';
import { FirmViewSchema } from '../firms/index.js';
import { errorResponses, IdParamsSchema } from '../shared/schemas.js';
import { recordMergeSchemas } from './record-merges.schema.js';
import type { AssetAndFirmMerges } from './record-merges.service.js';

type Fields = readonly [string, ...string[]];

/**
 * What the routes call on one kind's merge service, its fields' names as `F`: the request bodies the
 * schemas below validate are exactly these parameters. The answers are checked against the response
 * schemas when they are sent.
 */
interface MergeService<F extends string> {
  preview(keptId: string, body: { otherId: string; take: F[] }, principal: Principal): Promise<unknown>;
  merge(
    keptId: string,
    body: { otherId: string; take: F[]; keptVersion: number; otherVersion: number },
    principal: Principal,
  ): Promise<unknown>;
  of(recordId: string, principal: Principal): Promise<unknown>;
  undo(id: string, principal: Principal): Promise<unknown>;
  confirm(id: string, principal: Principal): Promise<unknown>;
}

/**
 * One kind's merge routes: `{path}/{id}/merge-preview`, `{path}/{id}/merge`, `{path}/{id}/merges`, and
 * `{settlePath}/{id}/undo|confirm`. The staff who may change both records merge them; a company or a
 * partner system never does.
 */
function recordMergeRoutes<const F extends Fields>(
  app: FastifyInstance,
  options: {
    path: string;
    settlePath: string;
    tag: string;
    access: Access;
    /** The kind's merge fields and its record's view: the schemas are made from them. */
    fields: F;
    view: z.ZodType;
    service: MergeService<F[number]>;
  },
) {
  const { path, settlePath, tag, service } = options;
  const schemas = recordMergeSchemas(options.fields, options.view);
  type Schemas = typeof schemas;
  const config = { access: options.access };
  const id = (req: { params: unknown }) => (req.params as { id: string }).id;
  app.post(
    `${path}/:id/merge-preview`,
    {
      config,
      schema: {
        tags: [tag],
        summary: 'What merging another record of the same thing into this one would give',
        params: IdParamsSchema,
        body: schemas.previewBody,
        response: { 200: schemas.preview, ...errorResponses },
      },
    },
    (req) => service.preview(id(req), req.body as z.infer<Schemas['previewBody']>, principalOf(req)),
  );
  app.post(
    `${path}/:id/merge`,
    {
      config,
      schema: {
        tags: [tag],
        summary: 'Merges another record of the same thing into this one (undoable until confirmed)',
        params: IdParamsSchema,
        body: schemas.mergeBody,
        response: { 201: schemas.mergeView, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await service.merge(id(req), req.body as z.infer<Schemas['mergeBody']>, principalOf(req))),
  );
  app.get(
    `${path}/:id/merges`,
    {
      config,
      schema: {
        tags: [tag],
        summary: 'The merges this record took part in, newest first',
        params: IdParamsSchema,
        response: { 200: schemas.mergeList, ...errorResponses },
      },
    },
    (req) => service.of(id(req), principalOf(req)),
  );
  for (const [step, summary] of [
    ['undo', 'Puts both records back as they were before the merge'],
    ['confirm', 'Makes the merge final'],
  ] as const)
    app.post(
      `${settlePath}/:id/${step}`,
      {
        config,
        schema: {
          tags: [tag],
          summary,
          params: IdParamsSchema,
          response: { 200: schemas.mergeView, ...errorResponses },
        },
      },
      (req) => service[step](id(req), principalOf(req)),
    );
}

/** Staff who change assets and firms merge them: operators at their desk, marketing officers anywhere. */
const MERGERS: Access = ['admin', 'operator', 'marketing'];

/** The merge routes of assets (`/assets`, `/asset-merges`) and firms (`/firms`, `/firm-merges`). */
export function assetAndFirmMergeRoutes(app: FastifyInstance, merges: AssetAndFirmMerges) {
  recordMergeRoutes(app, {
    path: '/assets',
    settlePath: '/asset-merges',
    tag: 'assets',
    access: MERGERS,
    fields: ASSET_MERGE_FIELDS,
    view: AssetViewSchema,
    service: merges.assets,
  });
  recordMergeRoutes(app, {
    path: '/firms',
    settlePath: '/firm-merges',
    tag: 'firms',
    access: MERGERS,
    fields: FIRM_MERGE_FIELDS,
    view: FirmViewSchema,
    service: merges.firms,
  });
}
