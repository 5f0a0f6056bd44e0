import { getTableColumns, getTableName, is, SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from './client.js';
import { queryRows } from './raw.js';

/** Column types a JSON value converts to exactly (jsonb_to_recordset reads each as its text form). */
const RECORD_TYPES: Record<string, string> = {
  serial: 'integer',
  bigserial: 'bigint',
  smallserial: 'smallint',
};

/** Rows per statement: one JSON parameter of a few hundred kilobytes at most. */
export const BULK_ROWS = 1000;

/**
 * Writes many rows into one table, one statement per thousand rows with a single parameter: the rows
 * travel as one JSON array that `jsonb_to_recordset` turns into typed columns. A VALUES list has a
 * parameter per cell, which drizzle builds piece by piece and both drivers serialise one at a time: a
 * quarter of an import's CPU went there (issue 10). Both PostgreSQL 15 and PGlite convert JSON arrays,
 * numbers, dates and objects to text[], numeric, date and jsonb columns.
 *
 * Values are the table's JS shape (what `insert(table).values` takes); a column no row gives takes its
 * default. Rows that give different sets of columns are written in groups, so an absent value is
 * never turned into NULL where the column has a default. `onConflictDoNothing` skips rows that clash.
 * `returning` names columns to read back from the written rows, as they come from the driver (no
 * mapping: use it for ids, numbers and text), in no promised order.
 */
export async function insertRows<T extends PgTable, K extends keyof T['$inferSelect'] & string = never>(
  db: DbOrTx,
  table: T,
  rows: readonly T['$inferInsert'][],
  options: { onConflictDoNothing?: boolean; returning?: readonly K[] } = {},
): Promise<Pick<T['$inferSelect'], K>[]> {
  const columns = getTableColumns(table);
  const returned: Pick<T['$inferSelect'], K>[] = [];
  const returning = (options.returning ?? []).map((key) => ({ key, name: columns[key]!.name }));
  const groups = new Map<string, Record<string, unknown>[]>();
  for (const row of rows as Record<string, unknown>[]) {
    const keys = Object.keys(row).filter((k) => row[k] !== undefined);
    const signature = keys.sort().join(',');
    const group = groups.get(signature) ?? [];
    if (group.length === 0) groups.set(signature, group);
    group.push(row);
  }
  for (const [signature, group] of groups) {
    const keys = signature.split(',').filter(Boolean);
    const known = keys.map((key) => {
      const column = columns[key];
      if (!column) throw new Error(`insertRows: ${getTableName(table)} has no column ${key}`);
      const type = column.getSQLType();
      return { key, name: column.name, type: RECORD_TYPES[type] ?? type };
    });
    const names = sql.join(
      known.map((c) => sql.identifier(c.name)),
      sql`, `,
    );
    const definitions = sql.raw(known.map((c) => `"${c.name}" ${c.type}`).join(', '));
    for (let i = 0; i < group.length; i += BULK_ROWS) {
      const chunk = group.slice(i, i + BULK_ROWS).map((row) => {
        const record: Record<string, unknown> = {};
        for (const c of known) {
          const value = row[c.key];
          // `is` walks the prototype chain: asked only of what may be a query (most cells are text,
          // numbers, arrays, dates or null), 3 % of an import's CPU otherwise.
          const plain =
            typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Date;
          if (typeof value === 'bigint' || (!plain && (value instanceof Uint8Array || is(value, SQL))))
            throw new Error(`insertRows: ${getTableName(table)}.${c.name} takes no SQL, bigint or bytes`);
          record[c.name] = value;
        }
        return record;
      });
      const written = await queryRows(
        db,
        sql`insert into ${table} (${names}) select ${names} from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as x(${definitions})${
          options.onConflictDoNothing ? sql` on conflict do nothing` : sql``
        }${
          returning.length > 0
            ? sql` returning ${sql.join(
                returning.map((r) => sql`${sql.identifier(r.name)} as ${sql.identifier(r.key)}`),
                sql`, `,
              )}`
            : sql``
        }`,
      );
      returned.push(...(written as Pick<T['$inferSelect'], K>[]));
    }
  }
  return returned;
}
