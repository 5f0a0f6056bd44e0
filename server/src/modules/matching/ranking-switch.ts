import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { settings } from '../../db/schema.js';

const KEY = 'ranking';

/**
 * The stop switch (AI Act Art. 14(4)(e)): with ranking off, match endpoints return filter-only, unranked
 * results with no scores. Stored in the database so every server process obeys it at once.
 */
export function createRankingSwitch(db: Database) {
  return {
    async isEnabled(): Promise<boolean> {
      const [row] = await db.select().from(settings).where(eq(settings.key, KEY));
      return (row?.value as { enabled?: boolean } | undefined)?.enabled ?? true;
    },
    async set(enabled: boolean, by: string | null): Promise<void> {
      await db
        .insert(settings)
        .values({ key: KEY, value: { enabled }, updatedBy: by })
        .onConflictDoUpdate({
          target: settings.key,
          set: { value: { enabled }, updatedBy: by, updatedAt: new Date() },
        });
    },
  };
}
