import type { DbOrTx } from '../../db/client.js';
import { firms } from '../../db/schema.js';
import { insertIndexed } from '../shared/insert-rows.js';
import type { VersionedSpec } from '../shared/versioned.js';

export type FirmRow = typeof firms.$inferSelect;

/** How a firm changes. A firm is its own firm: a company account reaches exactly the firm it belongs to. */
export const FIRM_SPEC = {
  entity: 'firm',
  table: firms,
  indexAs: 'firm',
  owned: { kind: 'firm', owner: (row) => ({ deskId: row.deskId, firmId: row.id }) },
} satisfies VersionedSpec<FirmRow>;

/** The one way firms are created, by the API and the importer. Returns the ids in order. */
export async function insertFirms(tx: DbOrTx, rows: readonly (typeof firms.$inferInsert)[]) {
  return (await insertIndexed(tx, firms, 'firm', rows)).map((r) => r.id);
}
