import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeStaleTables, analyzeTable, QUICK_STATISTICS_TARGET } from '../../src/db/statistics.js';
import { seedDemoData } from '../../src/demo/demo.seeder.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

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

describe('a quick ANALYZE (PGlite always; PostgreSQL while an import grows a table)', () => {
  it('samples with the small target on either database, and a full one with the default', async () => {
    const own = await createTestDatabase();
    try {
      await seedDemoData(own.handle.db, { profiles: 300, assets: 0, needs: 0, firms: 1, opportunities: 0 });
      const bounds = async () => {
        const result = await own.handle.db.execute<{ bounds: number }>(sql`
          select array_length(histogram_bounds::text::text[], 1) as bounds
          from pg_stats where tablename = 'profiles' and attname = 'id'`);
        return (Array.isArray(result) ? result : (result as { rows: { bounds: number }[] }).rows)[0]!.bounds;
      };
      // 300 distinct ids: the default target (100) gives 101 histogram bounds.
      await analyzeTable(own.handle, 'profiles', false);
      expect(await bounds()).toBe(101);
      await analyzeTable(own.handle, 'profiles', true);
      expect(await bounds()).toBe(QUICK_STATISTICS_TARGET + 1);
    } finally {
      await own.destroy();
    }
  });
});
