import type { Principal } from '../../auth/principal.js';
import type { Database } from '../../db/client.js';
import { crisisCases } from '../../db/schema.js';

import { assertRecordsExist } from '../shared/owned-references.js';
import { loadMunicipalityViews, municipalityKey, resolveMunicipality } from '../shared/references.js';
import { toIso, type PageQuery } from '../shared/schemas.js';
import { changeVersioned, endVersioned, pageOfRows, rowOr404 } from '../shared/versioned.js';
import type { CreateCrisisCase, CrisisCaseView, UpdateCrisisCase } from './crisis-cases.schema.js';

type CrisisRow = typeof crisisCases.$inferSelect;
// Crisis cases are not indexed themselves; the profiles, assets and opportunities that cite them are.
const SPEC = { entity: 'crisis_case', table: crisisCases } as const;

export function createCrisisCasesService(db: Database) {
  async function views(rows: CrisisRow[]): Promise<CrisisCaseView[]> {
    const places = await loadMunicipalityViews(
      db,
      rows.map((r) => ({ country: r.municipalityCountry, code: r.municipalityCode })),
    );
    return rows.map(({ municipalityCountry, municipalityCode, createdAt, updatedAt, endedAt, ...c }) => ({
      ...c,
      municipality: places.get(municipalityKey(municipalityCountry, municipalityCode)) ?? null,
      createdAt: toIso(createdAt)!,
      updatedAt: toIso(updatedAt)!,
      endedAt: toIso(endedAt),
    }));
  }
  async function get(id: string) {
    return (await views([await rowOr404(db, crisisCases, id, 'crisis_case')]))[0]!;
  }
  return {
    get: (id: string, _principal: Principal) => get(id),
    async list(page: PageQuery, _principal: Principal) {
      const { items, nextCursor } = await pageOfRows(db, crisisCases, page);
      return { items: await views(items), nextCursor };
    },
    async create(input: CreateCrisisCase, _principal: Principal) {
      const id = await db.transaction(async (tx) => {
        await assertRecordsExist(tx, [
          { kind: 'desk', id: input.deskId, path: 'deskId' },
          { kind: 'firm', id: input.firmId, path: 'firmId' },
        ]);
        const m = await resolveMunicipality(tx, input.municipality);
        const { municipality: _m, ...fields } = input;
        const [row] = await tx
          .insert(crisisCases)
          .values({
            ...fields,
            municipalityCountry: m.country,
            municipalityCode: m.code,
            lat: m.lat,
            lon: m.lon,
          })
          .returning({ id: crisisCases.id });
        return row!.id;
      });
      return get(id);
    },
    async update(id: string, patch: UpdateCrisisCase, _principal: Principal) {
      await db.transaction((tx) =>
        changeVersioned<CrisisRow>(tx, SPEC, id, patch.version, async () => {
          await assertRecordsExist(tx, [{ kind: 'firm', id: patch.firmId, path: 'firmId' }]);
          const m = patch.municipality ? await resolveMunicipality(tx, patch.municipality) : undefined;
          const { version: _v, municipality: _m, ...fields } = patch;
          return {
            ...fields,
            ...(m
              ? { municipalityCountry: m.country, municipalityCode: m.code, lat: m.lat, lon: m.lon }
              : {}),
          };
        }),
      );
      return get(id);
    },
    async end(id: string, version: number, _principal: Principal) {
      await db.transaction((tx) => endVersioned<CrisisRow>(tx, SPEC, id, version));
      return get(id);
    },
  };
}
export type CrisisCasesService = ReturnType<typeof createCrisisCasesService>;
