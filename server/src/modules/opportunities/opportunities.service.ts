import { asc, eq, inArray } from 'drizzle-orm';
import { authorizeCreate } from '../../auth/policy.js';
import type { Principal } from '../../auth/principal.js';
import type { Database, DbOrTx } from '../../db/client.js';
import { assets, opportunities, opportunityAssets, opportunityRoles } from '../../db/schema.js';
import { ValidationError } from '../../errors.js';
import { enqueueIndexing } from '../../outbox/outbox.repository.js';

import { assertRecordsExist } from '../shared/owned-references.js';
import {
  assertEscoConceptsExist,
  loadMunicipalityViews,
  municipalityKey,
  resolveMunicipality,
  movedTo,
  placeColumns,
} from '../shared/references.js';
import { toIso, type PageQuery } from '../shared/schemas.js';
import {
  changeVersioned,
  endVersioned,
  pageOfRows,
  readableRowOr404,
  readScopeFilter,
  type VersionedSpec,
} from '../shared/versioned.js';
import type { CreateOpportunity, OpportunityView, UpdateOpportunity } from './opportunities.schema.js';

type OpportunityRow = typeof opportunities.$inferSelect;
const SPEC = {
  entity: 'opportunity',
  table: opportunities,
  indexAs: 'opportunity',
  owned: { kind: 'opportunity', owner: (row) => ({ deskId: row.deskId }) },
} satisfies VersionedSpec<OpportunityRow>;

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

async function replaceChildren(tx: DbOrTx, opportunityId: string, input: Partial<CreateOpportunity>) {
  if (input.roles) {
    await tx.delete(opportunityRoles).where(eq(opportunityRoles.opportunityId, opportunityId));
    if (input.roles.length > 0)
      await tx.insert(opportunityRoles).values(
        input.roles.map((r) => ({
          opportunityId,
          occupationUri: r.occupationUri,
          count: r.count,
          keySkillUris: r.keySkills,
        })),
      );
  }
  if (input.assetIds) {
    await tx.delete(opportunityAssets).where(eq(opportunityAssets.opportunityId, opportunityId));
    const ids = [...new Set(input.assetIds)];
    if (ids.length > 0)
      await tx.insert(opportunityAssets).values(ids.map((assetId) => ({ opportunityId, assetId })));
  }
}

export function createOpportunitiesService(db: Database) {
  async function views(rows: OpportunityRow[]): Promise<OpportunityView[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const [places, roles, links] = await Promise.all([
      loadMunicipalityViews(
        db,
        rows.map((r) => ({ country: r.municipalityCountry, code: r.municipalityCode })),
      ),
      db
        .select()
        .from(opportunityRoles)
        .where(inArray(opportunityRoles.opportunityId, ids))
        .orderBy(asc(opportunityRoles.id)),
      db.select().from(opportunityAssets).where(inArray(opportunityAssets.opportunityId, ids)),
    ]);
    return rows.map(({ municipalityCountry, municipalityCode, createdAt, updatedAt, endedAt, ...o }) => ({
      ...o,
      municipality: places.get(municipalityKey(municipalityCountry, municipalityCode)) ?? null,
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
      createdAt: toIso(createdAt)!,
      updatedAt: toIso(updatedAt)!,
      endedAt: toIso(endedAt),
    }));
  }
  async function get(id: string, principal: Principal) {
    return (await views([await readableRowOr404(db, SPEC, id, principal)]))[0]!;
  }
  return {
    get,
    async list(page: PageQuery, principal: Principal) {
      const scope = readScopeFilter(principal, 'opportunity', { deskId: opportunities.deskId });
      const { items, nextCursor } = await pageOfRows(db, opportunities, page, scope);
      return { items: await views(items), nextCursor };
    },
    async create(input: CreateOpportunity, principal: Principal) {
      authorizeCreate(principal, 'opportunity', { deskId: input.deskId }, 'opportunity');
      const id = await db.transaction(async (tx) => {
        await validateReferences(tx, input);
        const m = await resolveMunicipality(tx, input.municipality);
        const { municipality: _m, roles: _r, assetIds: _a, ...fields } = input;
        const [row] = await tx
          .insert(opportunities)
          .values({
            ...fields,
            ...placeColumns(m),
          })
          .returning({ id: opportunities.id, version: opportunities.version });
        await replaceChildren(tx, row!.id, input);
        await enqueueIndexing(tx, 'opportunity', row!.id, row!.version);
        return row!.id;
      });
      return get(id, principal);
    },
    async update(id: string, patch: UpdateOpportunity, principal: Principal) {
      await db.transaction((tx) =>
        changeVersioned<OpportunityRow>(
          tx,
          SPEC,
          id,
          patch.version,
          async () => {
            await validateReferences(tx, patch);
            await replaceChildren(tx, id, patch);
            const { version: _v, municipality: _m, roles: _r, assetIds: _a, ...fields } = patch;
            return {
              ...fields,
              ...(await movedTo(tx, patch.municipality)),
            };
          },
          { principal },
        ),
      );
      return get(id, principal);
    },
    async end(id: string, version: number, principal: Principal) {
      await db.transaction((tx) => endVersioned<OpportunityRow>(tx, SPEC, id, version, principal));
      return get(id, principal);
    },
  };
}
export type OpportunitiesService = ReturnType<typeof createOpportunitiesService>;
