import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { searchDeadLetters, searchRetries } from '../db/schema.js';
import type { IndexedAggregate } from '../outbox/outbox.repository.js';
import type { IndexDocument } from '../search/documents.js';
import { SearchRejectedError, type SearchPort } from '../search/search.port.js';
import {
  advanceShared,
  comparePositions,
  forgetReader,
  heartbeat,
  horizonPosition,
  LOG_START,
  localReaderName,
  maxPosition,
  minPosition,
  pinLog,
  placeReader,
  readChanges,
  readerPosition,
  reportCheck,
  rewindShared,
  sharedHeartbeat,
  sharedPosition,
  type ChangeRow,
  type Position,
} from './change-log.js';
import { INDEX_OF, loadIndexDocuments } from './index-documents.js';

export interface RelayOptions {
  batchSize?: number;
  /** A record the engine keeps refusing goes to the dead-letter table after this many attempts. */
  maxAttempts?: number;
  /** Idle wait between polls; writes (a local kick, a NOTIFY) wake the relay earlier through kick(). */
  pollMs?: number;
  /** How often a started relay says it is alive (and a local one publishes its position). */
  heartbeatMs?: number;
  now?: () => Date;
  onError?: (error: unknown) => void;
  /**
   * Other in-process readers of the same changes (the match index): told the changed ids before the search
   * engine is, and told again on a retry, so they must re-read current state (idempotent).
   */
  alsoNotify?: (type: IndexedAggregate, ids: string[]) => Promise<void>;
  /**
   * Which change-log reader this relay is. `local` (default, a new name per relay): this process's
   * in-memory indexes, starting from the beginning of the log unless `register()` places it at the
   * horizon first. `shared`: an index every process sees (Meilisearch), one position for the deployment,
   * driven by whichever process holds the lead (search-leader.ts).
   */
  reader?: { name: string; kind: 'local' | 'shared' };
  /**
   * The log was pruned past this reader (it was taken for dead, or a shared index had no leader for
   * days): rebuild what it feeds from the tables. Called with the relay already placed at the horizon.
   */
  onBehind?: () => Promise<void>;
  /** `npm run reindex -- --reconcile` asks: compare the indexes with the tables, repair, report. */
  onCheck?: () => Promise<unknown>;
}

/** The shared search index's (Meilisearch's) reader: one position for the whole deployment. */
export const SHARED_SEARCH_READER = 'search:meilisearch';

/** Exponential backoff with a ceiling: 1 s, 2 s, 4 s … 5 min. */
export const backoffMs = (attempts: number) => Math.min(300_000, 1000 * 2 ** Math.max(0, attempts - 1));

class EngineUnavailable extends Error {}

/**
 * Applies the change log to an index by position (ADR 0005).
 *
 * - Reads rows after its position in (txid, id) order and moves past them only below the horizon (every
 *   older transaction has ended), so a transaction that commits late is never skipped; rows committed
 *   above the horizon are applied at once and passed over later.
 * - Pushes each record's CURRENT state (or deletes it when it ended): replays, duplicates and reordering
 *   are harmless, and the index ignores versions older than what it holds.
 * - An unavailable engine: the position stays, retry later with backoff (nothing is lost). A refused
 *   record is set aside in search_retries (retried alone with backoff, parked in the dead-letter table
 *   after maxAttempts) and the position moves on: it does not hold up the others.
 * - Never deletes log rows: pruning does, once every live reader has passed them (change-log.ts).
 */
export function createOutboxRelay(db: Database, search: SearchPort | null, options: RelayOptions = {}) {
  const batchSize = options.batchSize ?? 500;
  const maxAttempts = options.maxAttempts ?? 5;
  const pollMs = options.pollMs ?? 500;
  const heartbeatMs = options.heartbeatMs ?? 2000;
  const now = options.now ?? (() => new Date());
  const reader = options.reader ?? { name: localReaderName(), kind: 'local' as const };
  const shared = reader.kind === 'shared';

  let position: Position = LOG_START;
  let placed = false;
  /** Transactions above the horizon whose rows were all applied already. */
  const appliedEarly = new Set<bigint>();
  /** Rebuilds in progress (local): the position published for pruning stays at or before them. */
  const pins: Position[] = [];
  let rewindTo: Position | undefined;
  let failures = 0;
  let blockedUntil = 0;
  let retries: number | undefined;

  let running = false;
  let wake: (() => void) | undefined;
  let loop: Promise<void> | undefined;
  let beat: NodeJS.Timeout | undefined;
  let checking = false;
  /** One pass at a time, whoever asks (the loop, a test's drain, a rebuild). */
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = queue.then(fn, fn);
    queue = next.catch(() => undefined);
    return next;
  };

  async function place() {
    if (placed) return;
    position = shared
      ? await sharedPosition(db, reader.name)
      : await placeReader(db, reader.name, 'local', position);
    appliedEarly.clear();
    placed = true;
    const [row] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(searchRetries)
      .where(eq(searchRetries.reader, reader.name));
    retries = row?.n ?? 0;
  }

  /** The position below which this reader needs nothing, as pruning must see it. */
  const published = () => [...pins, ...(rewindTo ? [rewindTo] : [])].reduce(minPosition, position);

  async function push(type: IndexedAggregate, ids: string[]) {
    await options.alsoNotify?.(type, ids);
    if (!search) return;
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

  const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

  /**
   * A record refused on its own: set aside for a retry with backoff (a refusal from the log keeps the
   * attempts and schedule of a record already set aside), or parked after maxAttempts.
   */
  async function refused(
    type: IndexedAggregate,
    id: string,
    version: number,
    attempts: number,
    error: unknown,
  ) {
    if (attempts >= maxAttempts) {
      await db.transaction(async (tx) => {
        await tx.insert(searchDeadLetters).values({
          aggregateType: type,
          aggregateId: id,
          version,
          attempts,
          error: message(error).slice(0, 1000),
          reader: reader.name,
        });
        await tx
          .delete(searchRetries)
          .where(
            and(
              eq(searchRetries.reader, reader.name),
              eq(searchRetries.aggregateType, type),
              eq(searchRetries.aggregateId, id),
            ),
          );
      });
      return;
    }
    const lastError = message(error).slice(0, 500);
    const nextAttemptAt = new Date(now().getTime() + backoffMs(attempts));
    await db
      .insert(searchRetries)
      .values({
        reader: reader.name,
        aggregateType: type,
        aggregateId: id,
        version,
        attempts,
        lastError,
        nextAttemptAt,
      })
      .onConflictDoUpdate({
        target: [searchRetries.reader, searchRetries.aggregateType, searchRetries.aggregateId],
        set:
          attempts > 1
            ? { version, attempts, lastError, nextAttemptAt }
            : { version: sql`greatest(${searchRetries.version}, ${version})`, lastError },
      });
  }

  function unavailable(error: unknown): never {
    failures++;
    blockedUntil = now().getTime() + backoffMs(failures);
    options.onError?.(error);
    throw new EngineUnavailable();
  }

  /**
   * Pushes the records of some rows. Returns normally when every record was indexed or set aside; throws
   * EngineUnavailable (after arming the backoff) when the engine could not be reached.
   */
  async function apply(rows: ChangeRow[]) {
    const byType = new Map<IndexedAggregate, Map<string, number>>();
    for (const row of rows) {
      const ids = byType.get(row.aggregateType) ?? new Map<string, number>();
      ids.set(row.aggregateId, Math.max(row.version, ids.get(row.aggregateId) ?? 0));
      byType.set(row.aggregateType, ids);
    }
    for (const [type, versions] of byType) {
      const ids = [...versions.keys()];
      const setAside = new Set<string>();
      try {
        await push(type, ids);
      } catch (error) {
        if (!(error instanceof SearchRejectedError)) unavailable(error);
        // One bad record must not hold up the batch: each alone, the refused ones set aside.
        for (const id of ids) {
          try {
            await push(type, [id]);
          } catch (single) {
            if (!(single instanceof SearchRejectedError)) unavailable(single);
            await refused(type, id, versions.get(id)!, 1, single);
            setAside.add(id);
            retries = (retries ?? 0) + 1;
          }
        }
      }
      if (retries)
        await settleRetries(
          type,
          ids.filter((id) => !setAside.has(id)),
        );
    }
  }

  /** Records indexed fine now need no retry any more. */
  async function settleRetries(type: IndexedAggregate, ids: string[]) {
    if (ids.length === 0) return;
    const gone = await db
      .delete(searchRetries)
      .where(
        and(
          eq(searchRetries.reader, reader.name),
          eq(searchRetries.aggregateType, type),
          inArray(searchRetries.aggregateId, ids),
        ),
      )
      .returning({ id: searchRetries.aggregateId });
    retries = Math.max(0, (retries ?? 0) - gone.length);
  }

  /** Due retries of refused records, alone each. Returns how many were settled (indexed or parked). */
  async function retryDue(): Promise<number> {
    if (!retries) return 0;
    const due = await db
      .select()
      .from(searchRetries)
      .where(and(eq(searchRetries.reader, reader.name), lte(searchRetries.nextAttemptAt, now())))
      .orderBy(asc(searchRetries.nextAttemptAt))
      .limit(batchSize);
    let settled = 0;
    for (const row of due) {
      const type = row.aggregateType as IndexedAggregate;
      try {
        await push(type, [row.aggregateId]);
      } catch (error) {
        if (!(error instanceof SearchRejectedError)) unavailable(error);
        await refused(type, row.aggregateId, row.version, row.attempts + 1, error);
        if (row.attempts + 1 >= maxAttempts) {
          retries = Math.max(0, (retries ?? 1) - 1);
          settled++;
        }
        continue;
      }
      await db
        .delete(searchRetries)
        .where(
          and(
            eq(searchRetries.reader, reader.name),
            eq(searchRetries.aggregateType, row.aggregateType),
            eq(searchRetries.aggregateId, row.aggregateId),
          ),
        );
      retries = Math.max(0, (retries ?? 1) - 1);
      settled++;
    }
    return settled;
  }

  /** The log was pruned past us: start again from the horizon, after rebuilding from the tables. */
  async function catchUpFromTables() {
    position = await placeReader(db, reader.name, reader.kind);
    appliedEarly.clear();
    if (!options.onBehind) {
      options.onError?.(new Error(`change-log reader ${reader.name} fell behind the pruned log`));
      return;
    }
    await options.onBehind();
  }

  /** One pass: due retries, then one batch of the log. Returns how many rows or records it settled. */
  async function drainOnceNow(): Promise<number> {
    await place();
    if (rewindTo) {
      position = minPosition(position, rewindTo);
      rewindTo = undefined;
      appliedEarly.clear();
    }
    if (now().getTime() < blockedUntil) return 0;
    try {
      let settled = await retryDue();
      if (shared) position = await readerPosition(db, reader.name);
      const from = position;
      const read = await readChanges(db, position, batchSize, appliedEarly);
      if (comparePositions(read.pruned, position) > 0) {
        await catchUpFromTables();
        return settled + 1;
      }
      const { rows, horizon } = read;
      const fresh = rows.filter((r) => r.txid >= horizon);
      if (rows.length > 0) await apply(rows);
      failures = 0;
      settled += rows.length;
      let next = position;
      const final = rows.filter((r) => r.txid < horizon);
      if (final.length > 0) {
        const last = final[final.length - 1]!;
        next = { txid: last.txid, id: last.id };
      }
      const full = rows.length >= batchSize;
      // Everything below the horizon was in this read (or applied early before): pass it all.
      if (!full) next = maxPosition(next, { txid: horizon, id: 0 });
      const cut = full ? rows[rows.length - 1]!.txid : undefined;
      for (const r of fresh) if (r.txid !== cut) appliedEarly.add(r.txid);
      for (const txid of appliedEarly) if (txid < next.txid) appliedEarly.delete(txid);
      if (shared && comparePositions(next, from) !== 0) {
        // Someone rewound it meanwhile (a rebuild): keep theirs; the next pass reads from there.
        if (!(await advanceShared(db, reader.name, from, next))) appliedEarly.clear();
      }
      position = next;
      return settled;
    } catch (error) {
      if (error instanceof EngineUnavailable) return 0;
      throw error;
    }
  }

  const drainOnce = () => serial(drainOnceNow);

  async function beatOnce() {
    if (shared) return sharedHeartbeat(db, reader.name);
    const answer = await heartbeat(db, reader.name, 'local', published());
    if (answer.checkRequested && options.onCheck && !checking) {
      checking = true;
      const requested = answer.checkRequested;
      options
        .onCheck()
        .then((report) => reportCheck(db, reader.name, requested, report))
        .catch((error: unknown) =>
          reportCheck(db, reader.name, requested, { error: message(error) }).catch(() => {}),
        )
        .finally(() => (checking = false));
    }
  }

  function beating() {
    if (beat) return;
    beat = setInterval(() => {
      beatOnce().catch((error: unknown) => options.onError?.(error));
    }, heartbeatMs);
    beat.unref();
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
    /** This reader's name in change_log_readers. */
    name: reader.name,
    /** `shared`: the index it feeds is one for every process (Meilisearch). */
    kind: reader.kind,
    /** The position in memory (tests). */
    position: () => position,
    drainOnce,
    /** Drains until nothing is due (tests, reindex, shutdown), then publishes the position. */
    async drain(): Promise<void> {
      while ((await drainOnce()) > 0);
      await beatOnce();
    },
    /**
     * A local reader about to build its indexes from the tables: placed at the horizon first, so whatever
     * commits during the build is read afterwards (and nothing before it is needed).
     */
    async register(): Promise<void> {
      if (shared) return;
      await serial(async () => {
        position = await placeReader(db, reader.name, 'local');
        appliedEarly.clear();
        placed = false;
        await place();
      });
      // Alive from now on, while the indexes are built (minutes at 100k records), not only once started.
      beating();
    },
    /**
     * Runs a rebuild of what this reader feeds from the tables, then replays from where it started:
     * changes the rebuild may have missed (written to the live index while the shadow was filled) come
     * again. The log is held at that point meanwhile.
     */
    async rebuilding<T>(fn: () => Promise<T>): Promise<T> {
      if (shared) {
        const pin = await pinLog(db, heartbeatMs);
        try {
          return await fn();
        } finally {
          await rewindShared(db, reader.name, pin.position);
          await pin.release();
        }
      }
      const at = await horizonPosition(db);
      pins.push(at);
      try {
        return await fn();
      } finally {
        // The rewind holds the published position until the next pass applies it.
        rewindTo = rewindTo ? minPosition(rewindTo, at) : at;
        pins.splice(pins.indexOf(at), 1);
      }
    },
    /** Starts relaying in the background, with a heartbeat. */
    start() {
      if (running) return;
      running = true;
      // A shared reader's position and retries may have moved under another leader: read them again.
      if (shared) placed = false;
      beating();
      loop = run();
    },
    /** Wakes the relay now (after a write) instead of at the next poll. */
    kick() {
      wake?.();
    },
    /** Stops after the batch in progress. `forget`: a local reader leaves the log (process shutdown). */
    async stop(options: { forget?: boolean } = {}) {
      running = false;
      clearInterval(beat);
      beat = undefined;
      wake?.();
      await loop;
      if (options.forget && !shared) await forgetReader(db, reader.name).catch(() => {});
    },
  };
}
export type OutboxRelay = ReturnType<typeof createOutboxRelay>;
