import type { Principal } from '../../auth/principal.js';
import type { Database, DbOrTx } from '../../db/client.js';
import type { ListPage } from './list-query.js';
import { changeVersioned, endVersioned, readableRowOr404, type VersionedSpec } from './versioned.js';

type OwnedSpec<Row> = VersionedSpec<Row> & { owned: NonNullable<VersionedSpec<Row>['owned']> };
type VersionedRow = { id: string; version: number; endedAt: Date | null };

/**
 * How a record service reads a desk-owned record the same way as every other: one row the principal may
 * read (404 for one they may not, so ids reveal nothing), and a list page, both turned into views.
 */
export function recordReads<Row, View>({
  db,
  spec,
  views,
}: {
  db: Database;
  spec: OwnedSpec<Row>;
  views: (rows: Row[]) => Promise<View[]>;
}) {
  return {
    async get(id: string, principal: Principal): Promise<View> {
      return (await views([await readableRowOr404(db, spec, id, principal)]))[0]!;
    },
    async viewPage({ items, nextCursor, total }: ListPage<Row>) {
      return { items: await views(items), nextCursor, total };
    },
  };
}

/**
 * How a record service changes and ends a record: in one transaction through the versioned write (the
 * policy, the version check, the index update), then the record is read again as the principal sees it,
 * after the commit.
 */
export function versionedWrites<Row extends VersionedRow, View>({
  db,
  spec,
  get,
}: {
  db: Database;
  spec: VersionedSpec<Row>;
  get: (id: string, principal: Principal) => Promise<View>;
}) {
  return {
    /** `columns` checks the patch against the current row, writes any child rows and answers the columns to set. */
    async update({
      id,
      version,
      principal,
      columns,
    }: {
      id: string;
      version: number;
      principal: Principal;
      columns: (tx: DbOrTx, current: Row) => Promise<Record<string, unknown>>;
    }): Promise<View> {
      await db.transaction((tx) =>
        changeVersioned<Row>(tx, spec, id, version, (current) => columns(tx, current), { principal }),
      );
      return get(id, principal);
    },
    async end(id: string, version: number, principal: Principal): Promise<View> {
      await db.transaction((tx) => endVersioned<Row>(tx, spec, id, version, principal));
      return get(id, principal);
    },
  };
}
