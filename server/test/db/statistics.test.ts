import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeStaleTables, analyzeTable, QUICK_STATISTICS_TARGET } from '../../src/db/statistics.js';
import { seedDemoData } from '../../src/demo/demo.seeder.js';
import { createImportService, importSettingsFor } from '../../src/modules/imports/imports.service.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { ESCO, makeDesk } from '../helpers/factories.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.destroy());

async function lastAnalyze(table: string): Promise<Date | null> {
  const result = await database.handle.db.execute<{ at: Date | null }>(
    sql`select coalesce(last_analyze, last_autoanalyze) as at from pg_stat_user_tables where relname = ${table}`,
  );
  const rows = Array.isArray(result) ? result : (result as { rows: { at: Date | null }[] }).rows;
  return rows[0]?.at ?? null;
}

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  const result = await database.handle.db.execute<T & Record<string, unknown>>(query);
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

describe.skipIf(!!process.env.DATABASE_URL)(
  'planner statistics are kept current (PGlite has no autovacuum)',
  () => {
    it('analyses the tables a bulk write changed, and only those', async () => {
      await analyzeStaleTables(database.handle);
      expect(await analyzeStaleTables(database.handle)).toEqual([]);
      await seedDemoData(database.handle.db, {
        profiles: 300,
        assets: 10,
        needs: 10,
        firms: 5,
        opportunities: 1,
      });
      const analysed = await analyzeStaleTables(database.handle);
      expect(analysed).toEqual(expect.arrayContaining(['profiles', 'profile_skills']));
      expect(analysed).not.toContain('esco_labels');
      expect(await lastAnalyze('profiles')).not.toBeNull();
      expect(await analyzeStaleTables(database.handle)).toEqual([]);
    });

    it('samples with the small target that keeps an ANALYZE short, and leaves the session default alone', async () => {
      // 300 distinct ids: the default target (100) would give 101 histogram bounds.
      const [stats] = await rows<{ bounds: number }>(sql`
        select array_length(histogram_bounds::text::text[], 1) as bounds
        from pg_stats where tablename = 'profiles' and attname = 'id'`);
      expect(stats!.bounds).toBe(QUICK_STATISTICS_TARGET + 1);
      const [setting] = await rows<{ target: string }>(
        sql`select current_setting('default_statistics_target') as target`,
      );
      expect(setting!.target).toBe('100');
    });
  },
);

async function defaultTarget(on: TestDatabase): Promise<number> {
  const result = await on.handle.db.execute<{ target: string }>(
    sql`select current_setting('default_statistics_target') as target`,
  );
  return Number(
    (Array.isArray(result) ? result : (result as { rows: { target: string }[] }).rows)[0]!.target,
  );
}

async function idBounds(on: TestDatabase): Promise<number> {
  const result = await on.handle.db.execute<{ bounds: number }>(sql`
    select array_length(histogram_bounds::text::text[], 1) as bounds
    from pg_stats where tablename = 'profiles' and attname = 'id'`);
  return (Array.isArray(result) ? result : (result as { rows: { bounds: number }[] }).rows)[0]!.bounds;
}

describe('a quick ANALYZE (PGlite always; PostgreSQL while an import grows a table)', () => {
  it('samples with the small target on either database, and a full one with the default', async () => {
    const own = await createTestDatabase();
    try {
      await seedDemoData(own.handle.db, { profiles: 300, assets: 0, needs: 0, firms: 1, opportunities: 0 });
      const bounds = () => idBounds(own);
      // 300 distinct ids: the default target gives one more histogram bound than the target.
      await analyzeTable(own.handle, 'profiles', false);
      expect(await bounds()).toBe((await defaultTarget(own)) + 1);
      await analyzeTable(own.handle, 'profiles', true);
      expect(await bounds()).toBe(QUICK_STATISTICS_TARGET + 1);
    } finally {
      await own.destroy();
    }
  });
});

describe('the statistics an import leaves', () => {
  it('are full on PostgreSQL even when the run ends just after a quick refresh (quick on PGlite)', async () => {
    const own = await createTestDatabase();
    try {
      const desk = await makeDesk(own.handle.db);
      const service = createImportService(own.handle.db, importSettingsFor(own.handle));
      // 1,050 rows: a quick refresh at 1,000, then too few rows for the table to be stale at the end.
      const file = Buffer.from(
        [
          'External reference,First name,Last name,Municipality,Occupations (ESCO),Employment status',
          ...Array.from(
            { length: 1050 },
            (_, i) => `S-${i},Nome${i},Cognome${i},Genova,${ESCO.cook},Unemployed`,
          ),
        ].join('\r\n') + '\r\n',
      );
      const job = await service.open({
        source: file,
        fileName: 'people.csv',
        entity: 'profiles',
        dryRun: false,
        deskId: desk.id,
        createdBy: null,
        options: {},
      });
      expect((await service.run(job.id, file)).status).toBe('done');
      await service.close();
      const target = own.handle.kind === 'pglite' ? QUICK_STATISTICS_TARGET : await defaultTarget(own);
      expect(await idBounds(own)).toBe(target + 1);
    } finally {
      await own.destroy();
    }
  });
});
