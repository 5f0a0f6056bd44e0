import { listCrisisCaseRows } from './crisis-cases.list.js';
import type { CrisisCaseListQuery } from './crisis-cases.schema.js';
import { authorizeCreate } from '../../auth/policy.js';
import type { Principal } from '../../auth/principal.js';
import type { Database } from '../../db/client.js';
import { crisisCases } from '../../db/schema.js';

import { assertRecordsExist } from '../shared/owned-references.js';
import {
  loadMunicipalityViews,
  municipalityKey,
  resolveMunicipality,
  movedTo,
  placeColumns,
} from '../shared/references.js';
import { toIso } from '../shared/schemas.js';
import { changeVersioned, endVersioned, readableRowOr404, type VersionedSpec } from '../shared/versioned.js';
import type { CreateCrisisCase, CrisisCaseView, UpdateCrisisCase } from './crisis-cases.schema.js';

type CrisisRow = typeof crisisCases.$inferSelect;
// Crisis cases are not indexed themselves; the profiles, assets and opportunities that cite them are.
const SPEC = {
  entity: 'crisis_case',
  table: crisisCases,
  owned: { kind: 'crisis_case', owner: (row) => ({ deskId: row.deskId }) },
} satisfies VersionedSpec<CrisisRow>;

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
  async function get(id: string, principal: Principal) {
    return (await views([await readableRowOr404(db, SPEC, id, principal)]))[0]!;
  }
  return {
    get,
    async list(query: CrisisCaseListQuery, principal: Principal) {
      const { items, nextCursor, total } = await listCrisisCaseRows(db, query, principal);
      return { items: await views(items), nextCursor, total };
    },
    async create(input: CreateCrisisCase, principal: Principal) {
      authorizeCreate(principal, 'crisis_case', { deskId: input.deskId }, 'crisis case');
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
            ...placeColumns(m),
          })
          .returning({ id: crisisCases.id });
        return row!.id;
      });
      return get(id, principal);
    },
    async update(id: string, patch: UpdateCrisisCase, principal: Principal) {
      await db.transaction((tx) =>
        changeVersioned<CrisisRow>(
          tx,
          SPEC,
          id,
          patch.version,
          async () => {
            await assertRecordsExist(tx, [{ kind: 'firm', id: patch.firmId, path: 'firmId' }]);
            const { version: _v, municipality: _m, ...fields } = patch;
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
      await db.transaction((tx) => endVersioned<CrisisRow>(tx, SPEC, id, version, principal));
      return get(id, principal);
    },
  };
}
export type CrisisCasesService = ReturnType<typeof createCrisisCasesService>;
