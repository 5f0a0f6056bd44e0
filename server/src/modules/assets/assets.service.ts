import type { Principal } from '../../auth/principal.js';
import type { Database, DbOrTx } from '../../db/client.js';
import { assets } from '../../db/schema.js';
import { ForbiddenError, ValidationError } from '../../errors.js';
import { enqueueIndexing } from '../../outbox/outbox.repository.js';

import { assertRecordsExist } from '../shared/owned-references.js';
import {
  assertEscoConceptsExist,
  loadMunicipalityViews,
  municipalityKey,
  resolveMunicipality,
} from '../shared/references.js';
import { toIso, type PageQuery } from '../shared/schemas.js';
import { changeVersioned, endVersioned, pageOfRows, rowOr404 } from '../shared/versioned.js';
import { assetRuleViolations, type AssetView, type CreateAsset, type UpdateAsset } from './assets.schema.js';

export type AssetRow = typeof assets.$inferSelect;
const SPEC = { entity: 'asset', table: assets, indexAs: 'asset' } as const;

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

export function createAssetsService(db: Database) {
  async function views(rows: AssetRow[]): Promise<AssetView[]> {
    const places = await loadMunicipalityViews(
      db,
      rows.map((r) => ({ country: r.municipalityCountry, code: r.municipalityCode })),
    );
    return rows.map(
      ({ municipalityCountry, municipalityCode, createdAt, updatedAt, lastVerifiedAt, endedAt, ...a }) => ({
        ...a,
        municipality: places.get(municipalityKey(municipalityCountry, municipalityCode)) ?? null,
        createdAt: toIso(createdAt)!,
        updatedAt: toIso(updatedAt)!,
        lastVerifiedAt: toIso(lastVerifiedAt),
        endedAt: toIso(endedAt),
      }),
    );
  }

  async function get(id: string): Promise<AssetView> {
    return (await views([await rowOr404(db, assets, id, 'asset')]))[0]!;
  }

  return {
    get: (id: string, _principal: Principal) => get(id),

    async list(page: PageQuery, _principal: Principal) {
      const { items, nextCursor } = await pageOfRows(db, assets, page);
      return { items: await views(items), nextCursor };
    },

    async create(input: CreateAsset, principal: Principal): Promise<AssetView> {
      if (principal.role === 'partner' && principal.deskId !== input.deskId)
        throw new ForbiddenError('An API key writes within its own desk only');
      const id = await db.transaction(async (tx) => {
        await validateReferences(tx, input);
        const { municipality: _m, lat: _lat, lon: _lon, ...fields } = input;
        const [row] = await tx
          .insert(assets)
          .values({ ...fields, ...(await place(tx, input)) } as typeof assets.$inferInsert)
          .returning({ id: assets.id, version: assets.version });
        await enqueueIndexing(tx, 'asset', row!.id, row!.version);
        return row!.id;
      });
      return get(id);
    },

    async update(id: string, patch: UpdateAsset, _principal: Principal): Promise<AssetView> {
      await db.transaction(async (tx) => {
        await changeVersioned<AssetRow>(tx, SPEC, id, patch.version, async (current) => {
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
        });
      });
      return get(id);
    },

    async end(id: string, version: number, _principal: Principal): Promise<AssetView> {
      await db.transaction((tx) => endVersioned<AssetRow>(tx, SPEC, id, version));
      return get(id);
    },
  };
}
export type AssetsService = ReturnType<typeof createAssetsService>;
