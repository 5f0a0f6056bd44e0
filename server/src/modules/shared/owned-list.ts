import { arrayOverlaps, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Principal } from '../../auth/principal.js';
import type { OwnedKind } from '../../auth/policy.js';
import type { DbOrTx } from '../../db/client.js';
import { filtersOf, listRows, placeFilters, searchText, sortOrder, type ListPage } from './list-query.js';
import { readScopeFilter } from './versioned.js';
import type { VersionedTable } from './versioned-table.js';

type Place = { country: AnyPgColumn; code: AnyPgColumn };

/**
 * A desk list of one kind of record, declared once: which rows the policy lets a principal read, where
 * the search box looks, which query fields filter which columns, and the orders beyond newest and oldest.
 * `listOwnedRows` turns it into SQL the same way for every list.
 */
type ListedTable = VersionedTable & {
  createdAt: AnyPgColumn;
  municipalityCountry: AnyPgColumn;
  municipalityCode: AnyPgColumn;
};

export interface OwnedList<T extends ListedTable> {
  table: T;
  kind: OwnedKind;
  /** The columns the policy's read scope is decided on. */
  owner: { deskId?: AnyPgColumn; firmId?: AnyPgColumn };
  /** The record's own text columns, its firm (searched by name) and, per principal, what else matches. */
  text: {
    columns: (AnyPgColumn | SQL)[];
    firmId?: AnyPgColumn;
    more?: (pattern: string, principal: Principal) => (SQL | undefined)[];
  };
  /** The columns filtered by the query field of the same name: equal, or any of the values of a list. */
  filters: readonly (keyof T & string)[];
  /** Query field → array column: a record matches when it shares any of the values. */
  anyOf?: Readonly<Record<string, AnyPgColumn>>;
  /** Sort name → order, before the id that breaks ties. */
  sorts: Readonly<Record<string, (SQL | AnyPgColumn)[]>>;
}

export interface OwnedListQuery {
  limit: number;
  cursor?: string;
  includeEnded: boolean;
  offset?: number;
  sort?: string;
  q?: string;
  region?: string;
  province?: string;
  municipality?: string;
}

/** The rows of a declared list a principal may read that match the query: one page and the total. */
export function listOwnedRows<T extends ListedTable>(
  conn: DbOrTx,
  list: OwnedList<T>,
  query: OwnedListQuery,
  principal: Principal,
): Promise<ListPage<T['$inferSelect']>> {
  const fields = query as unknown as Readonly<Record<string, unknown>>;
  // Every listed record is placed in a municipality; the search box and the place filters look there.
  const place: Place = { country: list.table.municipalityCountry, code: list.table.municipalityCode };
  const filterColumns = Object.fromEntries(list.filters.map((key) => [key, list.table[key] as AnyPgColumn]));
  const where: (SQL | undefined)[] = [
    readScopeFilter(principal, list.kind, list.owner),
    searchText(query.q, {
      columns: list.text.columns,
      firmId: list.text.firmId,
      place,
      more: list.text.more && ((pattern) => list.text.more!(pattern, principal)),
    }),
    ...filtersOf(fields, filterColumns),
    ...placeFilters(query, place),
    ...Object.entries(list.anyOf ?? {}).map(([key, column]) => {
      const values = fields[key];
      return Array.isArray(values) && values.length > 0 ? arrayOverlaps(column, values) : undefined;
    }),
  ];
  return listRows(conn, list.table, query, where, sortOrder(list.table, query.sort, list.sorts));
}
