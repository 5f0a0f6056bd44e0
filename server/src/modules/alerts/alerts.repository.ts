import { and, count, desc, eq, inArray, isNull, max, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { notifications, savedSearches, users } from '../../db/schema.js';
import type { Role } from '../../domain/vocabulary.js';
import type { AlertIndex, SavedSearchEntry } from './alert-matcher.js';

export type SavedSearchRow = typeof savedSearches.$inferSelect;
export type NotificationInsert = typeof notifications.$inferInsert;

/**
 * A batch of 500 changes against thousands of saved searches makes tens of thousands of notifications:
 * one statement with all of them would pass PostgreSQL's 65,535 bind parameters (the benchmark's first
 * run at 10,000 searches made none, every batch failing). Ids and rows go in slices that stay under it.
 */
const ID_CHUNK = 5_000;
const ROW_CHUNK = 2_000;
function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Every saved search of a live account, with what its owner's principal needs. */
export async function loadSavedSearchEntries(db: DbOrTx): Promise<SavedSearchEntry[]> {
  const rows = await db
    .select({
      id: savedSearches.id,
      userId: savedSearches.userId,
      index: savedSearches.index,
      query: savedSearches.query,
      role: users.role,
      deskId: users.deskId,
      firmId: users.firmId,
    })
    .from(savedSearches)
    .innerJoin(users, eq(users.id, savedSearches.userId))
    .where(isNull(users.endedAt));
  return rows.map((r) => ({
    id: r.id,
    userId: r.userId,
    index: r.index as AlertIndex,
    query: r.query,
    principal: { userId: r.userId, role: r.role as Role, deskId: r.deskId, firmId: r.firmId, via: 'session' },
  }));
}

/** Changes whenever a saved search is added, renamed or removed (or an owner's role changes). */
export async function savedSearchStamp(db: DbOrTx): Promise<string> {
  const [row] = await db
    .select({ n: count(), at: max(savedSearches.updatedAt), u: max(users.updatedAt) })
    .from(savedSearches)
    .innerJoin(users, eq(users.id, savedSearches.userId));
  return `${row?.n ?? 0}:${row?.at?.toISOString() ?? ''}:${row?.u?.toISOString() ?? ''}`;
}

/**
 * Adds notifications; one already there (same dedupe key) is left alone, and so is one for a saved search
 * deleted meanwhile (the select finds no search). Returns how many were added.
 */
export async function insertNotifications(db: DbOrTx, rows: NotificationInsert[]): Promise<number> {
  if (rows.length === 0) return 0;
  const searchIds = [...new Set(rows.map((r) => r.savedSearchId).filter((id): id is string => !!id))];
  const alive = new Set<string>();
  for (const part of chunks(searchIds, ID_CHUNK))
    for (const r of await db
      .select({ id: savedSearches.id })
      .from(savedSearches)
      .where(inArray(savedSearches.id, part)))
      alive.add(r.id);
  const kept = rows.filter((r) => !r.savedSearchId || alive.has(r.savedSearchId));
  let added = 0;
  for (const part of chunks(kept, ROW_CHUNK))
    added += (
      await db
        .insert(notifications)
        .values(part)
        .onConflictDoNothing({ target: notifications.dedupeKey })
        .returning({ id: notifications.id })
    ).length;
  return added;
}

/** (search, record) pairs that already have an unread notification: a further change adds none. */
export async function unreadPairs(
  db: DbOrTx,
  searchIds: string[],
  recordIds: string[],
): Promise<Set<string>> {
  const out = new Set<string>();
  for (const searches of chunks(searchIds, ID_CHUNK))
    for (const records of chunks(recordIds, ID_CHUNK)) {
      const rows = await db
        .select({ s: notifications.savedSearchId, r: notifications.recordId })
        .from(notifications)
        .where(
          and(
            inArray(notifications.savedSearchId, searches),
            inArray(notifications.recordId, records),
            isNull(notifications.readAt),
            sql`${notifications.reason} <> 'deadline'`,
          ),
        );
      for (const r of rows) out.add(`${r.s}:${r.r}`);
    }
  return out;
}

export async function listSavedSearches(db: DbOrTx, userId: string) {
  return db
    .select()
    .from(savedSearches)
    .where(eq(savedSearches.userId, userId))
    .orderBy(desc(savedSearches.createdAt));
}

export async function listNotifications(
  db: DbOrTx,
  userId: string,
  options: { unreadOnly: boolean; limit: number; offset: number },
) {
  const where = options.unreadOnly
    ? and(eq(notifications.userId, userId), isNull(notifications.readAt))
    : eq(notifications.userId, userId);
  const items = await db
    .select({
      n: notifications,
      searchName: savedSearches.name,
      searchIndex: savedSearches.index,
    })
    .from(notifications)
    .leftJoin(savedSearches, eq(savedSearches.id, notifications.savedSearchId))
    .where(where)
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(options.limit)
    .offset(options.offset);
  const [unread] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return { items, unread: unread?.n ?? 0 };
}
