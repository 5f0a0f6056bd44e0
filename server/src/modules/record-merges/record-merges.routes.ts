import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { ASSET_MERGE_FIELDS, FIRM_MERGE_FIELDS } from '@rilancio/vocabulary';
import { principalOf, type Access } from '../../auth/access.js';
import { AssetViewSchema } from '../assets/index.js';
import { FirmViewSchema } from '../firms/index.js';
import { errorResponses, IdParamsSchema } from '../shared/schemas.js';
import { recordMergeSchemas } from './record-merges.schema.js';
import type { AssetAndFirmMerges, createRecordMergesService } from './record-merges.service.js';

type Schemas = ReturnType<typeof recordMergeSchemas>;
type Service = ReturnType<typeof createRecordMergesService<never, string, unknown>>;

/**
 * One kind's merge routes: `{path}/{id}/merge-preview`, `{path}/{id}/merge`, `{path}/{id}/merges`, and
 * `{settlePath}/{id}/undo|confirm`. The staff who may change both records merge them; a company or a
 * partner system never does.
 */
function recordMergeRoutes(
  app: FastifyInstance,
  options: {
    path: string;
    settlePath: string;
    tag: string;
    access: Access;
    schemas: Schemas;
    service: Service;
  },
) {
  const { path, settlePath, tag, schemas, service } = options;
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
    schemas: recordMergeSchemas(ASSET_MERGE_FIELDS, AssetViewSchema),
    service: merges.assets as never,
  });
  recordMergeRoutes(app, {
    path: '/firms',
    settlePath: '/firm-merges',
    tag: 'firms',
    access: MERGERS,
    schemas: recordMergeSchemas(FIRM_MERGE_FIELDS, FirmViewSchema),
    service: merges.firms as never,
  });
}
