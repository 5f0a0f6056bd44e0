import { asc, sql } from 'drizzle-orm';
import { date, integer, jsonb, numeric, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BULK_ROWS, insertRows } from '../../src/db/bulk-insert.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

/** A table of its own with the column types the bulk writes carry (arrays, JSON, dates, decimals). */
const probe = pgTable('bulk_probe', {
  id: uuid('id').primaryKey().defaultRandom(),
  label: text('label').notNull(),
  note: text('note').notNull().default('none'),
  tags: text('tags').array(),
  doc: jsonb('doc'),
  day: date('day'),
  amount: numeric('amount', { precision: 4, scale: 1 }),
  n: integer('n'),
});

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await database.handle.db.execute(sql`
    create table bulk_probe (
      id uuid primary key default gen_random_uuid(), label text not null unique, note text not null default 'none',
      tags text[], doc jsonb, day date, amount numeric(4, 1), n integer)`);
});
afterAll(() => database?.destroy());

const read = () => database.handle.db.select().from(probe).orderBy(asc(probe.label));

describe('insertRows', () => {
  it('writes every column type as the VALUES insert would, and reads back what it is asked for', async () => {
    const db = database.handle.db;
    const written = await insertRows(
      db,
      probe,
      [
        {
          label: 'a',
          tags: ['x', 'y "quoted", {braced}', 'back\\slash'],
          doc: { k: [1, 'two'], nested: { ok: true } },
          day: '2027-02-03',
          amount: '12.5',
          n: 7,
        },
        { label: 'b', tags: [], doc: null, day: null, amount: null, n: null },
      ],
      { returning: ['id', 'label'] },
    );
    expect(written.map((r) => r.label).sort()).toEqual(['a', 'b']);
    expect(written.every((r) => /^[0-9a-f-]{36}$/.test(r.id))).toBe(true);
    const rows = await read();
    expect(rows.map(({ id: _id, ...rest }) => rest)).toEqual([
      {
        label: 'a',
        note: 'none',
        tags: ['x', 'y "quoted", {braced}', 'back\\slash'],
        doc: { k: [1, 'two'], nested: { ok: true } },
        day: '2027-02-03',
        amount: '12.5',
        n: 7,
      },
      { label: 'b', note: 'none', tags: [], doc: null, day: null, amount: null, n: null },
    ]);
    await db.delete(probe);
  });

  it('leaves an absent column to its default, even when other rows give it', async () => {
    const db = database.handle.db;
    await insertRows(db, probe, [
      { label: 'given', note: 'mine' },
      { label: 'absent' },
      { label: 'undef', note: undefined },
    ]);
    expect((await read()).map((r) => [r.label, r.note])).toEqual([
      ['absent', 'none'],
      ['given', 'mine'],
      ['undef', 'none'],
    ]);
    await db.delete(probe);
  });

  it(`writes more than ${BULK_ROWS} rows in several statements, and skips clashes when asked`, async () => {
    const db = database.handle.db;
    const rows = Array.from({ length: BULK_ROWS * 2 + 5 }, (_, i) => ({ label: `r${i}`, n: i }));
    await insertRows(db, probe, rows);
    const [count] = await db
      .select({ n: sql<number>`count(*)::int`, sum: sql<number>`sum(n)::int` })
      .from(probe);
    expect(count).toEqual({ n: rows.length, sum: (rows.length * (rows.length - 1)) / 2 });
    await expect(insertRows(db, probe, [{ label: 'r1' }])).rejects.toThrow();
    await insertRows(db, probe, [{ label: 'r1', n: -1 }, { label: 'new' }], { onConflictDoNothing: true });
    const [after] = await db.select({ n: sql<number>`count(*)::int` }).from(probe);
    expect(after!.n).toBe(rows.length + 1);
    await db.delete(probe);
  });

  it('refuses values it cannot carry as JSON instead of writing something else', async () => {
    const db = database.handle.db;
    await expect(insertRows(db, probe, [{ label: 'x', note: sql`now()::text` as never }])).rejects.toThrow(
      /takes no SQL/,
    );
    await expect(insertRows(db, probe, [{ label: 'x', nope: 1 } as never])).rejects.toThrow(
      /has no column nope/,
    );
    expect(await read()).toEqual([]);
  });
});
