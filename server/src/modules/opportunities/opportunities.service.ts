import { listOpportunityRows } from './opportunities.list.js';
import type { OpportunityListQuery } from './opportunities.schema.js';
import { asc, inArray } from 'drizzle-orm';
import { authorizeCreate } from '../../auth/policy.js';
import type { Principal } from '../../auth/principal.js';
import type { Database, DbOrTx } from '../../db/client.js';
import { assets, opportunityAssets, opportunityRoles } from '../../db/schema.js';
import { ValidationError } from '../../errors.js';
import {
  insertOpportunities,
  OPPORTUNITY_SPEC,
  replaceOpportunityChildren,
  type OpportunityRow,
} from './opportunities.repository.js';

import { assertRecordsExist } from '../shared/owned-references.js';
import { assertEscoConceptsExist, resolveMunicipality, placeColumns } from '../shared/references.js';
import { patchColumns } from '../shared/patch-columns.js';
import { recordReads, versionedWrites } from '../shared/record-service.js';
import { placedViews } from '../shared/placed-views.js';
import type { CreateOpportunity, OpportunityView, UpdateOpportunity } from './opportunities.schema.js';

const SPEC = OPPORTUNITY_SPEC;

async function validateReferences(tx: DbOrTx, input: Partial<CreateOpportunity>) {
  await assertRecordsExist(tx, [
    { kind: 'desk', id: input.deskId, path: 'deskId' },
    { kind: 'firm', id: input.sourceFirmId, path: 'sourceFirmId' },
    { kind: 'crisisCase', id: input.crisisCaseId, path: 'crisisCaseId' },
  ]);
  const roles = input.roles ?? [];
  await assertEscoConceptsExist(
    tx,
    'occupation',
    roles.map((r, i) => ({ uri: r.occupationUri, path: `roles.${i}.occupationUri` })),
  );
  await assertEscoConceptsExist(
    tx,
    'skill',
    roles.flatMap((r, i) => r.keySkills.map((uri, j) => ({ uri, path: `roles.${i}.keySkills.${j}` }))),
  );
  const assetIds = [...new Set(input.assetIds ?? [])];
  if (assetIds.length > 0) {
    const found = new Set(
      (await tx.select({ id: assets.id }).from(assets).where(inArray(assets.id, assetIds))).map((a) => a.id),
    );
    const missing = (input.assetIds ?? []).flatMap((id, i) =>
      found.has(id) ? [] : [{ path: `assetIds.${i}`, reason: 'unknown asset' }],
    );
    if (missing.length > 0) throw new ValidationError(missing);
  }
}

export function createOpportunitiesService(db: Database) {
  async function views(rows: OpportunityRow[]): Promise<OpportunityView[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const [placed, roles, links] = await Promise.all([
      placedViews(db, rows),
      db
        .select()
        .from(opportunityRoles)
        .where(inArray(opportunityRoles.opportunityId, ids))
        .orderBy(asc(opportunityRoles.id)),
      db.select().from(opportunityAssets).where(inArray(opportunityAssets.opportunityId, ids)),
    ]);
    return rows.map((o) => ({
      ...placed(o),
      roles: roles
        .filter((r) => r.opportunityId === o.id)
        .map((r) => ({
          id: r.id,
          occupationUri: r.occupationUri,
          count: r.count,
          keySkills: r.keySkillUris,
        })),
      assetIds: links
        .filter((l) => l.opportunityId === o.id)
        .map((l) => l.assetId)
        .sort(),
    }));
  }
  const { get, viewPage } = recordReads({ db, spec: SPEC, views });
  const writes = versionedWrites({ db, spec: SPEC, get });
  return {
    get,
    async list(query: OpportunityListQuery, principal: Principal) {
      return viewPage(await listOpportunityRows(db, query, principal));
    },
    async create(input: CreateOpportunity, principal: Principal) {
      authorizeCreate(principal, 'opportunity', { deskId: input.deskId }, 'opportunity');
      const id = await db.transaction(async (tx) => {
        await validateReferences(tx, input);
        const m = await resolveMunicipality(tx, input.municipality);
        const { municipality: _m, roles: _r, assetIds: _a, ...fields } = input;
        const [id] = await insertOpportunities(tx, [
          { columns: { ...fields, ...placeColumns(m) }, children: input },
        ]);
        return id!;
      });
      return get(id, principal);
    },
    update(id: string, patch: UpdateOpportunity, principal: Principal) {
      return writes.update({
        id,
        version: patch.version,
        principal,
        columns: async (tx) => {
          await validateReferences(tx, patch);
          await replaceOpportunityChildren(tx, id, patch);
          return patchColumns(tx, patch, ['roles', 'assetIds']);
        },
      });
    },
    end: writes.end,
  };
}
export type OpportunitiesService = ReturnType<typeof createOpportunitiesService>;
