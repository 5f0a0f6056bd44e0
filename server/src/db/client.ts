import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import type { Config } from '../config.js';
import { MIGRATIONS_DIR } from './migrations-dir.js';
import { takingTurns } from './pglite-turns.js';
import * as schema from './schema.js';

export type Schema = typeof schema;
/** The one database type services and repositories see, whichever driver is behind it. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle: the same query API as Database. */
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];
export type DbOrTx = Database | Tx;

/**
 * Cross-process locks (PostgreSQL advisory locks). Only one process can open a PGlite database, so there
 * they are plain in-process locks.
 */
export type LockName =
  | 'migrate'
  | 'startup'
  | 'search-leader'
  | 'retention'
  | 'reindex'
  | 'prune'
  | 'asset-expiry'
  | 'alerts-leader'
  | 'alerts-daily';
/** The advisory-lock namespace (first key of the two-key form), so other applications' locks never clash. */
export const LOCK_NAMESPACE = 0x52494c41; // "RILA"
export const LOCK_KEYS: Record<LockName, number> = {
  migrate: 1,
  'search-leader': 2,
  retention: 3,
  reindex: 4,
  prune: 5,
  startup: 6,
  'asset-expiry': 7,
  'alerts-leader': 8,
  'alerts-daily': 9,
};

/** A lock held until released, or until the connection holding it is lost (then `lost` resolves). */
export interface Lease {
  lost: Promise<void>;
  release(): Promise<void>;
}

export type TryLockResult<T> = { acquired: true; value: T } | { acquired: false };

export interface DatabaseHandle {
  db: Database;
  kind: 'pglite' | 'postgres';
  /** Applies the SQL migrations in `migrations/` that are not applied yet (under the `migrate` lock). */
  migrate(): Promise<void>;
  close(): Promise<void>;
  /**
   * Runs `fn` holding a lock every process of the deployment sees: a session-level advisory lock on a
   * connection of its own (released by PostgreSQL if the process dies). Waits for the lock.
   */
  withLock<T>(name: LockName, fn: () => Promise<T>): Promise<T>;
  /** `withLock` without waiting: `{ acquired: false }` when another process holds the lock. */
  tryWithLock<T>(name: LockName, fn: () => Promise<T>): Promise<TryLockResult<T>>;
  /** Takes a lock and keeps it (leader election); null when another process holds it. */
  tryLease(name: LockName, options?: { checkEveryMs?: number }): Promise<Lease | null>;
  /**
   * PostgreSQL: calls `onNotify` on every NOTIFY of the channel (a connection of its own, re-established
   * by the driver); resolves to an unlisten function. PGlite: absent (one process; writes kick locally).
   */
  listen?(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  /**
   * PGlite only: calls `onNotify` on every NOTIFY of the channel. PGlite delivers it in this process as
   * the notifying statement (or its transaction) commits, before the statement's caller resumes: what a
   * cache of this one process needs to be never stale. PostgreSQL cannot promise that across processes.
   */
  listenAtCommit?(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  /** PGlite only: the whole data directory as a tarball, to start other instances from (test templates). */
  dumpDataDir?: () => Promise<Blob>;
}

export interface OpenOptions {
  /** PGlite only: start from a data directory dumped by `dumpDataDir` instead of an empty one. */
  pgliteTemplate?: Blob;
  /**
   * Told of every statement (query-budget tests): on PGlite with how many rows it returned; on
   * PostgreSQL before it runs, without a row count (postgres.js reports statements, not results).
   */
  onQuery?: QueryObserver;
}

export type QueryObserver = (event: { sql: string; rows?: number }) => void;

/**
 * The PGlite client with every query reported, transactions included. A Proxy, so the driver sees the
 * same object; methods are bound to the real client because PGlite keeps its state in private fields.
 */
function observed<T extends object>(client: T, onQuery: QueryObserver): T {
  return new Proxy(client, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      const fn = value as (...args: unknown[]) => unknown;
      if (prop === 'query')
        return async (...args: unknown[]) => {
          const result = (await fn.apply(target, args)) as { rows: unknown[] };
          onQuery({ sql: String(args[0]), rows: result.rows.length });
          return result;
        };
      if (prop === 'exec')
        return async (...args: unknown[]) => {
          const results = (await fn.apply(target, args)) as { rows: unknown[] }[];
          onQuery({ sql: String(args[0]), rows: results.reduce((n, r) => n + r.rows.length, 0) });
          return results;
        };
      if (prop === 'transaction')
        return (callback: (tx: object) => unknown) =>
          fn.call(target, (tx: object) => callback(observed(tx, onQuery)));
      return fn.bind(target);
    },
  });
}

/** Connections per process to PostgreSQL (a pipelined import holds two of them while it runs). */
export const POSTGRES_POOL_SIZE = 10;

export async function openDatabase(
  config: Config['database'],
  options: OpenOptions = {},
): Promise<DatabaseHandle> {
  if (config.kind === 'postgres') {
    const onQuery = options.onQuery;
    const client = postgres(config.url, {
      max: POSTGRES_POOL_SIZE,
      onnotice: () => {},
      ...(onQuery ? { debug: (_connection: number, sql: string) => onQuery({ sql }) } : {}),
      connection: { application_name: 'rilancio' },
    });
    const db = drizzlePostgres(client, { schema }) as unknown as Database;
    const locks = advisoryLocks(config.url);
    return {
      db,
      kind: 'postgres',
      migrate: () =>
        locks.api.withLock('migrate', () =>
          migratePostgres(drizzlePostgres(client), { migrationsFolder: MIGRATIONS_DIR }),
        ),
      close: async () => {
        await locks.close();
        await client.end({ timeout: 5 });
      },
      ...locks.api,
      async listen(channel, onNotify) {
        const request = await client.listen(channel, () => onNotify());
        return () => request.unlisten();
      },
    };
  }
  // PGlite: persisted under dataDir, or in memory (tests) when dataDir is null.
  let client: PGlite;
  let unlock = () => {};
  if (config.dataDir) {
    const dir = path.resolve(config.dataDir, 'pglite');
    mkdirSync(dir, { recursive: true });
    unlock = await lockDataDir(path.resolve(config.dataDir, 'pglite.lock'), dir);
    try {
      client = await PGlite.create(dir);
    } catch (error) {
      unlock();
      throw error;
    }
  } else {
    client = await PGlite.create(options.pgliteTemplate ? { loadDataDir: options.pgliteTemplate } : {});
  }
  const sliced = takingTurns(client);
  const db = drizzlePglite(options.onQuery ? observed(sliced, options.onQuery) : sliced, {
    schema,
  }) as unknown as Database;
  const locks = localLocks();
  return {
    db,
    kind: 'pglite',
    migrate: () =>
      locks.withLock('migrate', () =>
        migratePglite(drizzlePglite(client), { migrationsFolder: MIGRATIONS_DIR }),
      ),
    close: async () => {
      await client.close();
      unlock();
    },
    dumpDataDir: () => client.dumpDataDir('gzip'),
    listenAtCommit: async (channel, onNotify) => {
      const unlisten = await client.listen(channel, () => onNotify());
      return () => unlisten();
    },
    ...locks,
  };
}

/** Refused start: the configuration cannot be consistent (e.g. a second process on one PGlite directory). */
export class DatabaseInUseError extends Error {
  override name = 'DatabaseInUseError';
}

/**
 * PGlite is PostgreSQL compiled to run inside ONE process: two processes on one data directory would
 * each believe they own the files and corrupt them. A lock file with the owner's pid refuses the second;
 * a lock left by a process that died (pid gone) is taken over. Returns the release function.
 */
const openHere = new Set<string>();

async function lockDataDir(lockFile: string, dir: string): Promise<() => void> {
  const me = `${process.pid}@${hostname()}`;
  if (openHere.has(lockFile))
    throw new DatabaseInUseError(
      `The embedded database in ${dir} is already open in this process: PGlite can be opened once.`,
    );
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, me);
      closeSync(fd);
      openHere.add(lockFile);
      return () => {
        openHere.delete(lockFile);
        try {
          if (readFileSync(lockFile, 'utf8') === me) rmSync(lockFile, { force: true });
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readFileSync(lockFile, 'utf8').trim();
      const [pid, host] = owner.split('@');
      // A process killed a moment ago may take a little while to be gone: give it that.
      if (host === hostname() && Number(pid) !== process.pid && (await stillAlive(Number(pid), 3000)))
        throw new DatabaseInUseError(
          `The embedded database in ${dir} is already open by process ${pid}. PGlite runs inside one ` +
            'process only: stop that process first, or, to run several app processes, set DATABASE_URL ' +
            `to a PostgreSQL server. (If no such process exists, delete ${lockFile}.)`,
        );
      if (host !== hostname() && host !== undefined)
        throw new DatabaseInUseError(
          `The embedded database in ${dir} is locked by process ${owner} on another machine. PGlite runs ` +
            `inside one process only; if that process is gone, delete ${lockFile}.`,
        );
      // Left by a process that died: take it over.
      rmSync(lockFile, { force: true });
    }
  }
  throw new DatabaseInUseError(`Could not lock the embedded database in ${dir} (${lockFile})`);
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    // Linux: a killed process stays a zombie until reaped; it holds nothing any more.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/\) [ZX] /.test(stat);
  } catch {
    return true;
  }
}

/** Whether the process is still there after up to `graceMs`. */
async function stillAlive(pid: number, graceMs: number): Promise<boolean> {
  const until = Date.now() + graceMs;
  while (isAlive(pid)) {
    if (Date.now() > until) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

/** Locks for the single process that opens a PGlite database. */
function localLocks(): Pick<DatabaseHandle, 'withLock' | 'tryWithLock' | 'tryLease'> {
  const held = new Set<LockName>();
  const waiting = new Map<LockName, (() => void)[]>();
  const release = (name: LockName) => {
    held.delete(name);
    waiting.get(name)?.shift()?.();
  };
  return {
    async withLock(name, fn) {
      while (held.has(name))
        await new Promise<void>((resolve) => waiting.set(name, [...(waiting.get(name) ?? []), resolve]));
      held.add(name);
      try {
        return await fn();
      } finally {
        release(name);
      }
    },
    async tryWithLock(name, fn) {
      if (held.has(name)) return { acquired: false };
      held.add(name);
      try {
        return { acquired: true, value: await fn() };
      } finally {
        release(name);
      }
    },
    async tryLease(name) {
      if (held.has(name)) return null;
      held.add(name);
      let released = false;
      return {
        lost: new Promise<void>(() => {}),
        release: async () => {
          if (released) return;
          released = true;
          release(name);
        },
      };
    },
  };
}

/**
 * Advisory locks on PostgreSQL, each on a connection of its own (a one-connection client), never on a
 * pooled one: a session lock left on a pooled connection would outlive its holder. If the process dies,
 * PostgreSQL ends its sessions and their locks with them.
 */
function advisoryLocks(url: string) {
  const open = new Set<postgres.Sql>();
  /** Connections of processes waiting for a lease, kept between attempts. */
  const waiting = new Map<LockName, postgres.Sql>();
  let closed = false;
  const connect = () => {
    if (closed) throw new Error('the database handle is closed');
    const sql = postgres(url, {
      max: 1,
      onnotice: () => {},
      idle_timeout: 0,
      connection: { application_name: 'rilancio-lock' },
    });
    open.add(sql);
    return sql;
  };
  const end = async (sql: postgres.Sql) => {
    open.delete(sql);
    await sql.end({ timeout: 5 }).catch(() => {});
  };
  const key = (name: LockName) => LOCK_KEYS[name];

  const api: Pick<DatabaseHandle, 'withLock' | 'tryWithLock' | 'tryLease'> = {
    async withLock(name, fn) {
      const sql = connect();
      try {
        await sql`select pg_advisory_lock(${LOCK_NAMESPACE}::int, ${key(name)}::int)`;
        return await fn();
      } finally {
        // Ending the session releases the lock, whether or not an unlock would have reached the server.
        await end(sql);
      }
    },
    async tryWithLock(name, fn) {
      const sql = connect();
      try {
        const [row] = await sql<{ ok: boolean }[]>`
          select pg_try_advisory_lock(${LOCK_NAMESPACE}::int, ${key(name)}::int) as ok`;
        if (!row?.ok) return { acquired: false };
        return { acquired: true, value: await fn() };
      } finally {
        await end(sql);
      }
    },
    async tryLease(name, options = {}) {
      // A follower asks every few seconds: on one connection it keeps, not a new one each time.
      const sql = waiting.get(name) ?? connect();
      waiting.set(name, sql);
      let ok: boolean;
      try {
        const [row] = await sql<{ ok: boolean }[]>`
          select pg_try_advisory_lock(${LOCK_NAMESPACE}::int, ${key(name)}::int) as ok`;
        ok = row?.ok === true;
      } catch (error) {
        waiting.delete(name);
        await end(sql);
        throw error;
      }
      if (!ok) return null;
      waiting.delete(name);
      let signalLost = () => {};
      const lost = new Promise<void>((resolve) => (signalLost = resolve));
      let over = false;
      const finish = async () => {
        if (over) return;
        over = true;
        clearInterval(timer);
        signalLost();
        await end(sql);
      };
      // The driver reconnects a dropped connection silently, without the lock: ask the server whether
      // this session still holds it, and give the lease up when it does not or does not answer.
      const check = async () => {
        try {
          const [row] = await Promise.race([
            sql<{ held: boolean }[]>`
              select exists(select 1 from pg_locks where locktype = 'advisory' and granted
                and pid = pg_backend_pid() and classid = ${LOCK_NAMESPACE}::int::oid
                and objid = ${key(name)}::int::oid and objsubid = 2) as held`,
            new Promise<never>((_, reject) =>
              setTimeout(() => reject(new Error('lock check timed out')), 5000).unref(),
            ),
          ]);
          if (!row?.held) await finish();
        } catch {
          await finish();
        }
      };
      const timer = setInterval(() => void check(), options.checkEveryMs ?? 2000);
      timer.unref();
      return { lost, release: finish };
    },
  };
  return {
    api,
    async close() {
      closed = true;
      waiting.clear();
      await Promise.all([...open].map(end));
    },
  };
}
