import { listCrisisCaseRows } from './crisis-cases.list.js';
import type { CrisisCaseListQuery } from './crisis-cases.schema.js';
import { authorizeCreate } from '../../auth/policy.js';
import type { Principal } from '../../auth/principal.js';
import type { Database } from '../../db/client.js';
import { crisisCases } from '../../db/schema.js';

import { assertRecordsExist } from '../shared/owned-references.js';
import { patchColumns } from '../shared/patch-columns.js';
import { recordReads, versionedWrites } from '../shared/record-service.js';
import { resolveMunicipality, placeColumns } from '../shared/references.js';
import { placedViews } from '../shared/placed-views.js';
import type { VersionedSpec } from '../shared/versioned.js';
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
    return rows.map(await placedViews(db, rows));
  }
  const { get, viewPage } = recordReads({ db, spec: SPEC, views });
  const writes = versionedWrites({ db, spec: SPEC, get });
  return {
    get,
    async list(query: CrisisCaseListQuery, principal: Principal) {
      return viewPage(await listCrisisCaseRows(db, query, principal));
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
    update(id: string, patch: UpdateCrisisCase, principal: Principal) {
      return writes.update({
        id,
        version: patch.version,
        principal,
        columns: async (tx) => {
          await assertRecordsExist(tx, [{ kind: 'firm', id: patch.firmId, path: 'firmId' }]);
          return patchColumns(tx, patch);
        },
      });
    },
    end: writes.end,
  };
}
export type CrisisCasesService = ReturnType<typeof createCrisisCasesService>;
