import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { sql } from 'drizzle-orm';
import type { DatabaseHandle, DbOrTx } from '../db/client.js';
import { queryRows } from '../db/raw.js';
import type { IndexedAggregate } from '../outbox/outbox.repository.js';

/**
 * The outbox read as a change log by position (ADR 0005).
 *
 * A position is (txid, id): the writing transaction's id (xid8, never wraps) and the row id. Rows are read
 * in that order, and a reader only moves its position past rows whose transaction is older than the
 * HORIZON: `pg_snapshot_xmin(pg_current_snapshot())`, the oldest transaction still running. Every
 * transaction below it has ended, and every transaction that has not yet written gets a larger id, so no
 * row can ever appear behind a position once it is passed. (Ordering by the bigserial id alone would not
 * do: ids are taken at insert, commits happen in another order, and a reader past id N would miss a row
 * with a smaller id committed later.) Rows committed by transactions at or above the horizon are applied
 * at once too ("early"), remembered by transaction, and passed over when the horizon reaches them: a long
 * transaction elsewhere delays only the position, not what the indexes show.
 */
export interface Position {
  txid: bigint;
  id: number;
}

/** NOTIFY channel of the trigger on outbox inserts (migration 0012). */
export const CHANGE_LOG_CHANNEL = 'rilancio_change_log';

export const LOG_START: Position = { txid: 0n, id: 0 };

export interface ChangeRow {
  id: number;
  txid: bigint;
  aggregateType: IndexedAggregate;
  aggregateId: string;
  version: number;
}

export interface LogRead {
  /** Every transaction below this has ended: rows below it are final. */
  horizon: bigint;
  /** Rows at or before this position may have been pruned. */
  pruned: Position;
  /** Rows after the position, in (txid, id) order, at most `limit`. */
  rows: ChangeRow[];
}

export type ReaderKind = 'local' | 'shared' | 'pin';

/** How long a reader counts as alive after its last heartbeat (it heartbeats every 2 s). */
export const LIVE_WITHIN_MS = 30_000;
/** A shared reader (Meilisearch) holds the log this long without a leader, then it must rebuild. */
export const SHARED_LIVE_WITHIN_MS = 7 * 24 * 3600_000;
/** Rows of dead readers are removed after this long (they were ignored since LIVE_WITHIN_MS). */
export const FORGET_DEAD_AFTER_MS = 10 * 60_000;

export const comparePositions = (a: Position, b: Position): number =>
  a.txid < b.txid ? -1 : a.txid > b.txid ? 1 : a.id - b.id;
export const minPosition = (a: Position, b: Position): Position => (comparePositions(a, b) <= 0 ? a : b);
export const maxPosition = (a: Position, b: Position): Position => (comparePositions(a, b) >= 0 ? a : b);
export const formatPosition = (p: Position) => `${p.txid}:${p.id}`;

/** A name for this process's local reader: unique, and saying where it runs. */
export const localReaderName = () => `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

/**
 * Reads the rows after `after`, in one statement, so the horizon, the pruning mark and the rows come from
 * the same snapshot: a prune that removed rows this reader had not read shows in `pruned`.
 * `skipTxids`: transactions already applied early.
 */
export async function readChanges(
  db: DbOrTx,
  after: Position,
  limit: number,
  skipTxids: Iterable<bigint> = [],
): Promise<LogRead> {
  const skip = [...skipTxids].join(',');
  const rows = await queryRows<{
    horizon: string;
    pruned_txid: string;
    pruned_id: string | number;
    id: string | number | null;
    txid: string | null;
    aggregate_type: string | null;
    aggregate_id: string | null;
    version: number | null;
  }>(
    db,
    sql`select m.horizon, m.pruned_txid, m.pruned_id, o.id, o.txid::text as txid, o.aggregate_type,
               o.aggregate_id, o.version
        from (select pg_snapshot_xmin(pg_current_snapshot())::text as horizon, p.txid::text as pruned_txid,
                     p.last_id as pruned_id
              from change_log_pruned p where p.id = 1) m
        left join lateral (
          select id, txid, aggregate_type, aggregate_id, version from outbox
          where (txid, id) > (${after.txid.toString()}::xid8, ${after.id}::bigint)
            and not (txid = any(string_to_array(${skip}, ',')::xid8[]))
          order by txid, id
          limit ${limit}) o on true
        order by o.txid, o.id`,
  );
  const first = rows[0];
  if (!first) throw new Error('change_log_pruned has no row: migration 0012 did not run');
  return {
    horizon: BigInt(first.horizon),
    pruned: { txid: BigInt(first.pruned_txid), id: Number(first.pruned_id) },
    rows: rows
      .filter((r) => r.id !== null)
      .map((r) => ({
        id: Number(r.id),
        txid: BigInt(r.txid!),
        aggregateType: r.aggregate_type as IndexedAggregate,
        aggregateId: r.aggregate_id!,
        version: r.version!,
      })),
  };
}

/** The position just before everything not yet final: a reader starting here misses nothing. */
export async function horizonPosition(db: DbOrTx): Promise<Position> {
  const [row] = await queryRows<{ horizon: string }>(
    db,
    sql`select pg_snapshot_xmin(pg_current_snapshot())::text as horizon`,
  );
  return { txid: BigInt(row!.horizon), id: 0 };
}

/**
 * Creates a reader at `at` (the horizon when omitted), or moves an existing one of that name there.
 * Returns the position stored.
 */
export async function placeReader(
  db: DbOrTx,
  name: string,
  kind: ReaderKind,
  at?: Position,
): Promise<Position> {
  const txid = at ? sql`${at.txid.toString()}::xid8` : sql`pg_snapshot_xmin(pg_current_snapshot())`;
  const [row] = await queryRows<{ txid: string; id: string | number }>(
    db,
    sql`insert into change_log_readers (name, kind, position_txid, position_id, host, pid)
        values (${name}, ${kind}, ${txid}, ${at?.id ?? 0}, ${hostname()}, ${process.pid})
        on conflict (name) do update set position_txid = excluded.position_txid,
          position_id = excluded.position_id, heartbeat_at = now()
        returning position_txid::text as txid, position_id as id`,
  );
  return { txid: BigInt(row!.txid), id: Number(row!.id) };
}

/** A shared reader's stored position; the reader is created at the start of the log the first time. */
export async function sharedPosition(db: DbOrTx, name: string): Promise<Position> {
  await queryRows(
    db,
    sql`insert into change_log_readers (name, kind) values (${name}, 'shared') on conflict (name) do nothing`,
  );
  const [row] = await queryRows<{ txid: string; id: string | number }>(
    db,
    sql`select position_txid::text as txid, position_id as id from change_log_readers where name = ${name}`,
  );
  return { txid: BigInt(row!.txid), id: Number(row!.id) };
}

/** A reader's stored position (a shared reader's, which another process may have moved). */
export async function readerPosition(db: DbOrTx, name: string): Promise<Position> {
  const [row] = await queryRows<{ txid: string; id: string | number }>(
    db,
    sql`select position_txid::text as txid, position_id as id from change_log_readers where name = ${name}`,
  );
  return row ? { txid: BigInt(row.txid), id: Number(row.id) } : LOG_START;
}

/**
 * Moves a shared reader from `from` to `to` if nobody moved it meanwhile (a rebuild rewinds it; a leader
 * that lost its lease must not undo that). Returns whether it moved.
 */
export async function advanceShared(db: DbOrTx, name: string, from: Position, to: Position) {
  const rows = await queryRows<{ name: string }>(
    db,
    sql`update change_log_readers
        set position_txid = ${to.txid.toString()}::xid8, position_id = ${to.id}, heartbeat_at = now(),
            host = ${hostname()}, pid = ${process.pid}
        where name = ${name} and position_txid = ${from.txid.toString()}::xid8 and position_id = ${from.id}
        returning name`,
  );
  return rows.length > 0;
}

/** Moves a shared reader back to `to` if it is past it (after a rebuild that started at `to`). */
export async function rewindShared(db: DbOrTx, name: string, to: Position) {
  await queryRows(
    db,
    sql`update change_log_readers
        set position_txid = ${to.txid.toString()}::xid8, position_id = ${to.id}
        where name = ${name}
          and (position_txid, position_id) > (${to.txid.toString()}::xid8, ${to.id}::bigint)`,
  );
}

export interface HeartbeatAnswer {
  /**
   * `npm run reindex -- --reconcile` asked this reader to check its indexes: the request's time as the
   * database wrote it (microseconds, handed back as is to mark it answered).
   */
  checkRequested: string | null;
}

/**
 * Says this reader is alive, with the position below which it needs nothing (local and pin readers);
 * re-creates its row if it was forgotten as dead.
 */
export async function heartbeat(
  db: DbOrTx,
  name: string,
  kind: ReaderKind,
  position: Position,
): Promise<HeartbeatAnswer> {
  const [row] = await queryRows<{ requested: string | null; pending: boolean }>(
    db,
    sql`insert into change_log_readers (name, kind, position_txid, position_id, host, pid)
        values (${name}, ${kind}, ${position.txid.toString()}::xid8, ${position.id}, ${hostname()}, ${process.pid})
        on conflict (name) do update set heartbeat_at = now(), position_txid = excluded.position_txid,
          position_id = excluded.position_id
        returning check_requested_at::text as requested,
          (check_requested_at is not null
           and (checked_at is null or checked_at < check_requested_at)) as pending`,
  );
  return { checkRequested: row?.pending ? row.requested : null };
}

/** A shared reader's leader says it is alive (its position moves only with advanceShared). */
export async function sharedHeartbeat(db: DbOrTx, name: string) {
  await queryRows(db, sql`update change_log_readers set heartbeat_at = now() where name = ${name}`);
}

export async function reportCheck(db: DbOrTx, name: string, requested: string, report: unknown) {
  await queryRows(
    db,
    sql`update change_log_readers set checked_at = ${requested}::timestamptz,
          check_report = ${JSON.stringify(report)}::jsonb
        where name = ${name}`,
  );
}

export async function forgetReader(db: DbOrTx, name: string) {
  await queryRows(db, sql`delete from search_retries where reader = ${name}`);
  await queryRows(db, sql`delete from change_log_readers where name = ${name}`);
}

/**
 * Holds the log at the current horizon while something rebuilds from the tables (a `pin` reader with its
 * own heartbeat), so rows written during the rebuild stay until whoever replays them has passed them.
 */
export async function pinLog(db: DbOrTx, heartbeatMs = 2000) {
  const name = `pin:${localReaderName()}`;
  const position = await placeReader(db, name, 'pin');
  const timer = setInterval(() => {
    heartbeat(db, name, 'pin', position).catch(() => {});
  }, heartbeatMs);
  timer.unref();
  return {
    position,
    async release() {
      clearInterval(timer);
      await forgetReader(db, name);
    },
  };
}

export interface PruneReport {
  deleted: number;
  /** The position up to which rows are gone. */
  through: Position | null;
  forgotten: number;
}

/**
 * Deletes the rows every live reader has passed: local and pin readers whose heartbeat is fresh, and shared
 * readers (Meilisearch) unless no leader has shown up for SHARED_LIVE_WITHIN_MS. With no live reader at
 * all, rows below the horizon go (a process starting later builds from the tables). Each chunk and the
 * pruning mark commit together, so a reader sees either both or neither. Dead readers are forgotten.
 */
export async function pruneChangeLog(
  db: DbOrTx,
  options: { liveWithinMs?: number; sharedLiveWithinMs?: number; chunk?: number } = {},
): Promise<PruneReport> {
  const live = options.liveWithinMs ?? LIVE_WITHIN_MS;
  const sharedLive = options.sharedLiveWithinMs ?? SHARED_LIVE_WITHIN_MS;
  const chunk = options.chunk ?? 5000;
  const forgotten = await queryRows<{ name: string }>(
    db,
    sql`with gone as (
          delete from change_log_readers
          where kind <> 'shared' and heartbeat_at < now() - make_interval(secs => ${FORGET_DEAD_AFTER_MS / 1000})
          returning name)
        delete from search_retries r using gone where r.reader = gone.name returning r.reader as name`,
  );
  const [slowest] = await queryRows<{ txid: string; id: string | number }>(
    db,
    sql`select position_txid::text as txid, position_id as id from change_log_readers
        where (kind <> 'shared' and heartbeat_at > now() - make_interval(secs => ${live / 1000}))
           or (kind = 'shared' and heartbeat_at > now() - make_interval(secs => ${sharedLive / 1000}))
        order by position_txid, position_id limit 1`,
  );
  const bound = slowest ? { txid: BigInt(slowest.txid), id: Number(slowest.id) } : await horizonPosition(db);
  let deleted = 0;
  let through: Position | null = null;
  for (;;) {
    const rows = await db.transaction(async (tx) => {
      const gone = await queryRows<{ txid: string; id: string | number; n: string | number }>(
        tx,
        sql`with doomed as (
              select id from outbox
              where (txid, id) <= (${bound.txid.toString()}::xid8, ${bound.id}::bigint)
              order by txid, id limit ${chunk}),
            gone as (delete from outbox o using doomed d where o.id = d.id returning o.txid, o.id)
            select txid::text as txid, id, (select count(*) from gone) as n from gone
            order by txid desc, id desc limit 1`,
      );
      const last = gone[0];
      if (!last) return 0;
      await queryRows(
        tx,
        sql`update change_log_pruned set txid = ${last.txid}::xid8, last_id = ${last.id}, pruned_at = now()
            where id = 1 and (txid, last_id) < (${last.txid}::xid8, ${last.id}::bigint)`,
      );
      through = { txid: BigInt(last.txid), id: Number(last.id) };
      return Number(last.n);
    });
    deleted += rows;
    if (rows < chunk) break;
  }
  return { deleted, through, forgotten: forgotten.length };
}

/**
 * Prunes the log every `everyMs` (with jitter), in one process at a time (the `prune` lock; the others
 * skip that round). Returns the stop function.
 */
export function keepChangeLogPruned(
  database: DatabaseHandle,
  options: {
    everyMs?: number;
    onPruned?: (report: PruneReport) => void;
    onError?: (error: unknown) => void;
  } = {},
): () => void {
  const every = options.everyMs ?? 30_000;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(round, every * (0.75 + Math.random() * 0.5));
    timer.unref();
  };
  const round = () => {
    database
      .tryWithLock('prune', () => pruneChangeLog(database.db))
      .then((result) => {
        if (result.acquired && (result.value.deleted > 0 || result.value.forgotten > 0))
          options.onPruned?.(result.value);
      })
      .catch((error: unknown) => options.onError?.(error))
      .finally(schedule);
  };
  schedule();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

export interface Backlog {
  /** Rows the slowest live reader has not passed yet. */
  pending: number;
  /** Age of the oldest of them, in seconds (0 when none). */
  lagSeconds: number;
  readers: number;
}

/** How far the slowest live reader (each process, the shared search leader) is behind the log. */
export async function changeLogBacklog(db: DbOrTx): Promise<Backlog> {
  const [row] = await queryRows<{ pending: number; lag: number | null; readers: number }>(
    db,
    sql`with live as (
          select position_txid, position_id from change_log_readers
          where (kind <> 'shared' and heartbeat_at > now() - make_interval(secs => ${LIVE_WITHIN_MS / 1000}))
             or (kind = 'shared'
                 and heartbeat_at > now() - make_interval(secs => ${SHARED_LIVE_WITHIN_MS / 1000}))),
        slowest as (select position_txid, position_id from live order by 1, 2 limit 1),
        behind as (
          select o.created_at from outbox o
          where not exists (select 1 from slowest)
             or (o.txid, o.id) > (select position_txid, position_id from slowest))
        select (select count(*)::int from behind) as pending,
               (select extract(epoch from now() - min(created_at))::float8 from behind) as lag,
               (select count(*)::int from live) as readers`,
  );
  return { pending: row?.pending ?? 0, lagSeconds: row?.lag ?? 0, readers: row?.readers ?? 0 };
}

export interface CheckAnswer {
  reader: string;
  host: string | null;
  pid: number | null;
  report: unknown;
}

/** A process that stops heartbeating this long while it is asked is taken for dead (it beats every 2 s). */
const GONE_AFTER_MS = 10_000;

/**
 * `npm run reindex -- --reconcile` with the embedded engine: the indexes live in each process's memory,
 * so the live processes are asked (through their reader rows) to compare them with the tables, repair
 * drift and report. Waits up to `timeoutMs` for every process to answer; one that stops heartbeating
 * meanwhile (it was killed) is reported as gone, not waited for.
 */
export async function askProcessesToCheck(
  db: DbOrTx,
  options: { timeoutMs?: number; pollMs?: number } = {},
): Promise<{ answered: CheckAnswer[]; silent: string[]; gone: string[] }> {
  const asked = await queryRows<{ name: string }>(
    db,
    sql`update change_log_readers set check_requested_at = now()
        where kind = 'local' and heartbeat_at > now() - make_interval(secs => ${LIVE_WITHIN_MS / 1000})
        returning name`,
  );
  const names = asked.map((a) => a.name);
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  for (;;) {
    const rows = await queryRows<{
      name: string;
      host: string | null;
      pid: number | null;
      report: unknown;
      done: boolean;
      gone: boolean;
    }>(
      db,
      sql`select name, host, pid, check_report as report,
                 (checked_at is not null and checked_at >= check_requested_at) as done,
                 heartbeat_at < now() - make_interval(secs => ${GONE_AFTER_MS / 1000}) as gone
          from change_log_readers where name = any(string_to_array(${names.join(',')}, ','))`,
    );
    const answered = rows.filter((r) => r.done);
    const gone = names.filter((n) => {
      const row = rows.find((r) => r.name === n);
      return !row || (!row.done && row.gone);
    });
    const silent = names.filter((n) => !answered.some((r) => r.name === n) && !gone.includes(n));
    if (silent.length === 0 || Date.now() > deadline)
      return {
        answered: answered.map((r) => ({ reader: r.name, host: r.host, pid: r.pid, report: r.report })),
        silent,
        gone,
      };
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 500));
  }
}
