import type { DbOrTx } from '../../db/client.js';
import { assets } from '../../db/schema.js';
import { insertIndexed } from '../shared/insert-rows.js';
import type { VersionedSpec } from '../shared/versioned.js';

export type AssetRow = typeof assets.$inferSelect;

/** How an asset changes: versioned, indexed for search, written by its desk under the policy. */
export const ASSET_SPEC = {
  entity: 'asset',
  table: assets,
  indexAs: 'asset',
  owned: { kind: 'asset', owner: (row) => ({ deskId: row.deskId }) },
} satisfies VersionedSpec<AssetRow>;

/** The one way assets are created, by the API and the importer. Returns the ids in order. */
export async function insertAssets(tx: DbOrTx, rows: readonly (typeof assets.$inferInsert)[]) {
  return (await insertIndexed(tx, assets, 'asset', rows)).map((r) => r.id);
}
