import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../src/db/schema.js';
import { insertNotifications, unreadPairs } from '../../src/modules/alerts/alerts.repository.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.destroy();
});

describe('notification writes at scale', () => {
  it('adds a batch larger than one statement’s 65,535 bind parameters allow', async () => {
    const db = database.handle.db;
    const [user] = await db
      .insert(users)
      .values({ email: 'many@example.org', displayName: 'Molte notifiche', role: 'operator' })
      .returning();
    // 500 changes × a few dozen searches each: what one change-log batch makes at 10,000 searches.
    const rows = Array.from({ length: 12_000 }, (_, i) => ({
      userId: user!.id,
      savedSearchId: null,
      recordType: 'asset',
      recordId: '00000000-0000-4000-8000-000000000001',
      recordVersion: i + 1,
      label: `Capannone ${i}`,
      reason: 'changed',
      deadline: null,
      dedupeKey: `bench:${i}`,
    }));
    expect(await insertNotifications(db, rows)).toBe(12_000);
    expect(await insertNotifications(db, rows)).toBe(0); // replayed: the dedupe keys hold
    const ids = Array.from(
      { length: 70_000 },
      (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    );
    expect((await unreadPairs(db, ids, ids.slice(0, 500))).size).toBe(0);
  });
});
