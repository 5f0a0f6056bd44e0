import { asc, sql } from 'drizzle-orm';
import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anyUuid } from '../../src/db/any-id.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

const probe = pgTable('any_id_probe', { id: uuid('id').primaryKey(), label: text('label').notNull() });

let database: TestDatabase;
const ids = Array.from({ length: 6000 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.handle.db;
  await db.execute(sql`create table any_id_probe (id uuid primary key, label text not null)`);
  await db.execute(sql`
    insert into any_id_probe (id, label)
    select ('00000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, 'row ' || i
    from generate_series(0, 5999) as i`);
});
afterAll(() => database?.destroy());

const labelsOf = (wanted: readonly string[]) =>
  database.handle.db
    .select({ label: probe.label })
    .from(probe)
    .where(anyUuid(probe.id, wanted))
    .orderBy(asc(probe.label))
    .then((rows) => rows.map((r) => r.label));

describe('anyUuid', () => {
  it('selects exactly the rows whose id is listed, ids absent from the table ignored', async () => {
    const absent = '00000000-0000-4000-8000-999999999999';
    expect(await labelsOf([ids[3]!, absent, ids[10]!])).toEqual(['row 10', 'row 3']);
  });

  it('matches nothing for an empty list', async () => {
    expect(await labelsOf([])).toEqual([]);
  });

  it('takes a page of 5,000 ids in one parameter', async () => {
    const page = ids.slice(500, 5500);
    const rows = await labelsOf(page);
    expect(rows).toHaveLength(5000);
    expect(new Set(rows)).toEqual(new Set(page.map((_, i) => `row ${500 + i}`)));
  });
});
