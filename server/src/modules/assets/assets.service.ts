import { deskForNewRecord } from '../../auth/policy.js';
import type { Principal } from '../../auth/principal.js';
import type { Database, DbOrTx } from '../../db/client.js';
import { assets } from '../../db/schema.js';
import { ValidationError } from '../../errors.js';
import { DEFAULT_ASSET_FRESHNESS, verificationOf, verifiedAtOf, type AssetFreshness } from './freshness.js';
import { ASSET_SPEC, insertAssets, type AssetRow } from './assets.repository.js';

import { assertRecordsExist } from '../shared/owned-references.js';
import { assertEscoConceptsExist, resolveMunicipality } from '../shared/references.js';
import { placedViews } from '../shared/placed-views.js';
import { toIso, type PageQuery } from '../shared/schemas.js';
import { recordReads, versionedWrites } from '../shared/record-service.js';
import { pageOfRows, readScopeFilter } from '../shared/versioned.js';
import { assetRuleViolations, type AssetView, type CreateAsset, type UpdateAsset } from './assets.schema.js';

const SPEC = ASSET_SPEC;

async function validateReferences(tx: DbOrTx, input: Partial<CreateAsset>) {
  await assertRecordsExist(tx, [
    { kind: 'desk', id: input.deskId, path: 'deskId' },
    { kind: 'firm', id: input.ownerFirmId, path: 'ownerFirmId' },
    { kind: 'crisisCase', id: input.crisisCaseId, path: 'crisisCaseId' },
  ]);
  await assertEscoConceptsExist(
    tx,
    'skill',
    (input.requiredSkillUris ?? []).map((uri, i) => ({ uri, path: `requiredSkillUris.${i}` })),
  );
}

/** Where the asset is: its own coordinates when given, else the municipality's point. */
async function place(tx: DbOrTx, input: Pick<Partial<CreateAsset>, 'municipality' | 'lat' | 'lon'>) {
  if (!input.municipality) return {};
  const m = await resolveMunicipality(tx, input.municipality);
  return {
    municipalityCountry: m.country,
    municipalityCode: m.code,
    lat: input.lat ?? m.lat,
    lon: input.lon ?? m.lon,
  };
}

export function createAssetsService(db: Database, freshness: AssetFreshness = DEFAULT_ASSET_FRESHNESS) {
  async function views(rows: AssetRow[]): Promise<AssetView[]> {
    const placed = await placedViews(db, rows);
    return rows.map((a) => ({
      ...placed(a),
      lastVerifiedAt: toIso(a.lastVerifiedAt),
      verification: verificationOf(verifiedAtOf(a), new Date(), freshness),
    }));
  }

  const { get, viewPage } = recordReads({ db, spec: SPEC, views });
  const writes = versionedWrites({ db, spec: SPEC, get });

  return {
    get,
    /** The views of rows already read and authorised (a merge's preview shows rows not yet written). */
    views,

    async list(page: PageQuery, principal: Principal) {
      const scope = readScopeFilter(principal, 'asset', { deskId: assets.deskId });
      return viewPage(await pageOfRows(db, assets, page, scope));
    },

    async create(input: CreateAsset, principal: Principal): Promise<AssetView> {
      const deskId = deskForNewRecord(principal, 'asset', input.deskId);
      const id = await db.transaction(async (tx) => {
        await validateReferences(tx, input);
        const { municipality: _m, lat: _lat, lon: _lon, ...fields } = { ...input, deskId };
        const [id] = await insertAssets(tx, [
          { ...fields, ...(await place(tx, input)) } as typeof assets.$inferInsert,
        ]);
        return id!;
      });
      return get(id, principal);
    },

    update(id: string, patch: UpdateAsset, principal: Principal): Promise<AssetView> {
      return writes.update({
        id,
        version: patch.version,
        principal,
        columns: async (tx, current) => {
          // Kind-specific rules hold for the record as it will be, not just for the patch.
          const merged = { ...current, ...patch } as Parameters<typeof assetRuleViolations>[0];
          const violations = assetRuleViolations(merged);
          if (violations.length > 0) throw new ValidationError(violations);
          await validateReferences(tx, patch);
          const { version: _v, municipality: _m, lat: _lat, lon: _lon, lastVerifiedAt, ...fields } = patch;
          return {
            ...fields,
            ...(await place(tx, { municipality: patch.municipality, lat: patch.lat, lon: patch.lon })),
            ...(lastVerifiedAt ? { lastVerifiedAt: new Date(lastVerifiedAt) } : {}),
          };
        },
      });
    },

    end: writes.end,
  };
}
export type AssetsService = ReturnType<typeof createAssetsService>;
