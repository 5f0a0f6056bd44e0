import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/raw.js';
import { createImportService, importSettingsFor } from '../../src/modules/imports/imports.service.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { makeDesk } from '../helpers/factories.js';
import { profilesCsv } from '../fixtures/import/profiles-csv.js';

/**
 * An import's duplicate checks look up the rows of its earlier batches, so their plans need statistics
 * that know those rows: a plan made when the table was empty read every namesake of every row. A run
 * refreshes them each time the rows it wrote double, not only at its end.
 */
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.destroy());

describe('planner statistics during an import', () => {
  it('are refreshed as the rows written double (1,000, 2,000), and the table is analysed by then', async () => {
    const db = database.handle.db;
    const desk = await makeDesk(db);
    const refreshedAt: number[] = [];
    const tables = new Set<string>();
    const service = createImportService(db, {
      batchSize: 250,
      whileGrowing: async (table) => {
        tables.add(table);
        const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from profiles`);
        refreshedAt.push(row!.n);
        await db.execute(sql`analyze profiles`);
      },
    });
    const bytes = Buffer.from(profilesCsv(2600).text, 'latin1');
    const job = await service.open({
      source: bytes,
      fileName: 'p.csv',
      entity: 'profiles',
      dryRun: false,
      deskId: desk.id,
      createdBy: null,
      options: {},
    });
    const done = await service.run(job.id, bytes);
    expect(done.counts).toMatchObject({ create: 2600, error: 0 });
    expect(refreshedAt).toEqual([1000, 2000]);
    expect([...tables]).toEqual(['profiles']);
  });

  it('the server’s settings refresh the table the run writes while it grows, and every stale one after', async () => {
    const db = database.handle.db;
    const settings = importSettingsFor(database.handle);
    await db.execute(sql`analyze profiles`);
    const analysed = async (table = 'profiles') =>
      (
        await queryRows<{ at: string | null }>(
          db,
          sql`select coalesce(last_analyze, last_autoanalyze)::text as at from pg_stat_user_tables where relname = ${table}`,
        )
      )[0]!.at;
    await db.execute(sql`analyze profile_skills`);
    const before = await analysed();
    const skillsBefore = await analysed('profile_skills');
    await db.execute(sql`update profiles set mobility_km = mobility_km + 1`);
    await db.execute(sql`update profile_skills set source = source`);
    // PostgreSQL reports another connection's writes to its statistics views within a second or so.
    for (let i = 0; i < 50; i++) {
      if (database.handle.kind === 'pglite') break;
      const [row] = await queryRows<{ n: number }>(
        db,
        sql`select min(n_mod_since_analyze)::int as n from pg_stat_user_tables
            where relname in ('profiles', 'profile_skills')`,
      );
      if (row!.n > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await settings.whileGrowing!('profiles');
    expect(await analysed()).not.toBe(before);
    // The child rows the batches wrote are left to the end of the run.
    expect(await analysed('profile_skills')).toBe(skillsBefore);
    await settings.afterRun!();
    expect(await analysed('profile_skills')).not.toBe(skillsBefore);
  });
});
