import { sql } from 'drizzle-orm';
import type { Database } from '../../src/db/client.js';
import { queryRows } from '../../src/db/raw.js';

/**
 * What writing an import's rows costs the database itself, at the least: the rows one desk's import
 * wrote are written again, each table with one `INSERT … SELECT` from a temporary copy that already
 * holds them typed and keyed, inside a transaction that is rolled back. Every index, constraint,
 * foreign key and trigger of the real tables does its work; what is left out is everything an import
 * adds around the writes (the file, the checks, the parameters, the round trips, the duplicate lookups).
 * No import into these tables, on this database, can write faster: the import's time over this one says
 * how much of it is the database's writing (issue 10, item 6).
 */

/** The tables an import of the entity writes, children after their parent, the outbox last. */
const TABLES = {
  profiles: ['profiles', 'profile_skills', 'profile_occupations', 'profile_languages', 'outbox'],
  assets: ['assets', 'outbox'],
} as const;

/** Columns that are unique on their own or with the desk: the copy gets a suffix there. */
const UNIQUE_TEXT = new Set(['code', 'external_ref', 'inventory_number']);

export interface TableFloor {
  table: string;
  ms: number;
}

/** The tables' figures for the entity's rows of `deskId`; the database is left as it was. */
export async function writeFloor(
  db: Database,
  entity: keyof typeof TABLES,
  deskId: string,
): Promise<TableFloor[]> {
  const tables = TABLES[entity];
  const parent = tables[0];
  const floors: TableFloor[] = [];
  const rollBack = new Error('write floor: rolled back');
  await db
    .transaction(async (tx) => {
      const run = (text: string) => queryRows<Record<string, unknown>>(tx, sql.raw(text));
      const columnsOf = async (table: string) =>
        (
          await queryRows<{ name: string }>(
            tx,
            sql`select column_name as name from information_schema.columns
              where table_schema = 'public' and table_name = ${table} and is_generated = 'NEVER'
              order by ordinal_position`,
          )
        ).map((c) => c.name);
      // New ids for the copies, and each table's copy staged first, so that only the writes are timed.
      await run(`create temp table floor_ids on commit drop as
        select id as old, gen_random_uuid() as new from ${parent} where desk_id = '${deskId}'`);
      const staged: { table: string; columns: string[] }[] = [];
      for (const table of tables) {
        // The outbox's position (id, txid) is the database's to give.
        const columns =
          table === 'outbox' ? ['aggregate_type', 'aggregate_id', 'version'] : await columnsOf(table);
        const link =
          table === parent ? 'id' : table === 'outbox' ? 'aggregate_id' : `${entity.slice(0, -1)}_id`;
        const select = columns.map((c) =>
          c === link ? `f.new as ${c}` : UNIQUE_TEXT.has(c) ? `t.${c} || '·floor' as ${c}` : `t.${c}`,
        );
        await run(`create temp table floor_${table} on commit drop as
          select ${select.join(', ')} from ${table} t join floor_ids f on f.old = t.${link}`);
        staged.push({ table, columns });
      }
      for (const { table, columns } of staged) {
        const started = performance.now();
        const list = columns.join(', ');
        await run(`insert into ${table} (${list}) select ${list} from floor_${table}`);
        floors.push({ table, ms: performance.now() - started });
      }
      throw rollBack;
    })
    .catch((error: unknown) => {
      if (error !== rollBack) throw error;
    });
  return floors;
}
