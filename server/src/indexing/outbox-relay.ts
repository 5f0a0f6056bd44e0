import { asc, inArray, lte, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { outbox, searchDeadLetters } from '../db/schema.js';
import type { IndexedAggregate } from '../outbox/outbox.repository.js';
import type { IndexDocument } from '../search/documents.js';
import { SearchRejectedError, type SearchPort } from '../search/search.port.js';
import { INDEX_OF, loadIndexDocuments } from './index-documents.js';

export interface RelayOptions {
  batchSize?: number;
  /** A record the engine keeps refusing goes to the dead-letter table after this many attempts. */
  maxAttempts?: number;
  /** How long a claimed batch is ours before another relay may take it (a crashed relay's lease ends). */
  leaseMs?: number;
  /** Idle wait between polls; writes wake the relay earlier through kick(). */
  pollMs?: number;
  now?: () => Date;
  onError?: (error: unknown) => void;
  /**
   * Other in-process readers of the same changes (the match index): told the changed ids before the search
   * engine is, and told again on a retry, so they must re-read current state (idempotent).
   */
  alsoNotify?: (type: IndexedAggregate, ids: string[]) => Promise<void>;
}

type OutboxRow = typeof outbox.$inferSelect;

/** Exponential backoff with a ceiling: 1 s, 2 s, 4 s … 5 min. */
export const backoffMs = (attempts: number) => Math.min(300_000, 1000 * 2 ** Math.max(0, attempts - 1));

/**
 * Pushes the current state of changed records from PostgreSQL to the search index.
 *
 * - Claims due outbox rows with a lease (FOR UPDATE SKIP LOCKED in a short transaction), so several
 *   server processes can relay side by side and a crashed one's rows come back after the lease.
 * - Reads each record's CURRENT state and upserts it (or deletes it when it ended): replays, duplicates and
 *   reordering are harmless, and the index ignores versions older than what it holds.
 * - Deletes outbox rows only after the index accepted the batch; an unavailable engine means retry later
 *   with backoff (nothing is lost); a refused record is retried alone and parked in the dead-letter table
 *   after maxAttempts, without holding up the others.
 */
export function createOutboxRelay(db: Database, search: SearchPort, options: RelayOptions = {}) {
  const batchSize = options.batchSize ?? 500;
  const maxAttempts = options.maxAttempts ?? 5;
  const leaseMs = options.leaseMs ?? 60_000;
  const pollMs = options.pollMs ?? 500;
  const now = options.now ?? (() => new Date());

  let running = false;
  let wake: (() => void) | undefined;
  let loop: Promise<void> | undefined;

  async function claim(): Promise<OutboxRow[]> {
    return db.transaction(async (tx) => {
      const due = await tx
        .select()
        .from(outbox)
        .where(lte(outbox.nextAttemptAt, now()))
        .orderBy(asc(outbox.id))
        .limit(batchSize)
        .for('update', { skipLocked: true });
      if (due.length > 0) {
        await tx
          .update(outbox)
          .set({ nextAttemptAt: new Date(now().getTime() + leaseMs) })
          .where(
            inArray(
              outbox.id,
              due.map((r) => r.id),
            ),
          );
      }
      return due;
    });
  }

  async function push(type: IndexedAggregate, ids: string[]) {
    await options.alsoNotify?.(type, ids);
    const docs = await loadIndexDocuments(db, type, ids);
    const index = INDEX_OF[type];
    const upserts: IndexDocument[] = [];
    const deletes: string[] = [];
    for (const [id, doc] of docs) {
      if (doc) upserts.push(doc);
      else deletes.push(id);
    }
    if (upserts.length > 0) await search.upsert(index, upserts);
    if (deletes.length > 0) await search.delete(index, deletes);
  }

  async function done(rows: OutboxRow[]) {
    if (rows.length === 0) return;
    await db.delete(outbox).where(
      inArray(
        outbox.id,
        rows.map((r) => r.id),
      ),
    );
  }

  async function retryLater(rows: OutboxRow[], error: unknown) {
    const message = error instanceof Error ? error.message : String(error);
    for (const row of rows) {
      const attempts = row.attempts + 1;
      await db
        .update(outbox)
        .set({
          attempts,
          lastError: message.slice(0, 500),
          nextAttemptAt: new Date(now().getTime() + backoffMs(attempts)),
        })
        .where(sql`${outbox.id} = ${row.id}`);
    }
  }

  async function deadLetter(row: OutboxRow, error: unknown) {
    await db.transaction(async (tx) => {
      await tx.insert(searchDeadLetters).values({
        aggregateType: row.aggregateType,
        aggregateId: row.aggregateId,
        version: row.version,
        attempts: row.attempts + 1,
        error: (error instanceof Error ? error.message : String(error)).slice(0, 1000),
      });
      await tx.delete(outbox).where(sql`${outbox.id} = ${row.id}`);
    });
  }

  /** One pass over due rows; returns how many outbox rows were settled (pushed or parked). */
  async function drainOnce(): Promise<number> {
    const rows = await claim();
    if (rows.length === 0) return 0;
    let settled = 0;
    const byType = new Map<IndexedAggregate, OutboxRow[]>();
    for (const row of rows) {
      const type = row.aggregateType as IndexedAggregate;
      byType.set(type, [...(byType.get(type) ?? []), row]);
    }
    for (const [type, typeRows] of byType) {
      try {
        await push(type, [...new Set(typeRows.map((r) => r.aggregateId))]);
        await done(typeRows);
        settled += typeRows.length;
      } catch (error) {
        if (!(error instanceof SearchRejectedError)) {
          options.onError?.(error);
          await retryLater(typeRows, error);
          continue;
        }
        // One bad record must not hold up the batch: retry each alone.
        for (const row of typeRows) {
          try {
            await push(type, [row.aggregateId]);
            await done([row]);
            settled++;
          } catch (single) {
            if (single instanceof SearchRejectedError && row.attempts + 1 >= maxAttempts) {
              await deadLetter(row, single);
              settled++;
            } else {
              await retryLater([row], single);
            }
          }
        }
      }
    }
    return settled;
  }

  /** Drains until nothing is due (tests, reindex, shutdown). */
  async function drain(): Promise<void> {
    while ((await drainOnce()) > 0);
  }

  async function run() {
    while (running) {
      let worked = 0;
      try {
        worked = await drainOnce();
      } catch (error) {
        options.onError?.(error);
      }
      if (worked === 0 && running) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, pollMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = undefined;
      }
    }
  }

  return {
    drainOnce,
    drain,
    /** Starts relaying in the background. */
    start() {
      if (running) return;
      running = true;
      loop = run();
    },
    /** Wakes the relay now (after a write) instead of at the next poll. */
    kick() {
      wake?.();
    },
    /** Stops after the batch in progress. */
    async stop() {
      running = false;
      wake?.();
      await loop;
    },
  };
}
export type OutboxRelay = ReturnType<typeof createOutboxRelay>;
