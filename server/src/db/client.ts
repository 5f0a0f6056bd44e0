import { mkdirSync } from 'node:fs';
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
import * as schema from './schema.js';

export type Schema = typeof schema;
/** The one database type services and repositories see, whichever driver is behind it. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle: the same query API as Database. */
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];
export type DbOrTx = Database | Tx;

export interface DatabaseHandle {
  db: Database;
  kind: 'pglite' | 'postgres';
  /** Applies the SQL migrations in `migrations/` that are not applied yet. */
  migrate(): Promise<void>;
  close(): Promise<void>;
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

export async function openDatabase(
  config: Config['database'],
  options: OpenOptions = {},
): Promise<DatabaseHandle> {
  if (config.kind === 'postgres') {
    const onQuery = options.onQuery;
    const client = postgres(config.url, {
      max: 10,
      onnotice: () => {},
      ...(onQuery ? { debug: (_connection: number, sql: string) => onQuery({ sql }) } : {}),
      connection: { application_name: 'rilancio' },
    });
    const db = drizzlePostgres(client, { schema }) as unknown as Database;
    return {
      db,
      kind: 'postgres',
      migrate: () => migratePostgres(drizzlePostgres(client), { migrationsFolder: MIGRATIONS_DIR }),
      close: () => client.end({ timeout: 5 }),
    };
  }
  // PGlite: persisted under dataDir, or in memory (tests) when dataDir is null.
  let client: PGlite;
  if (config.dataDir) {
    const dir = path.resolve(config.dataDir, 'pglite');
    mkdirSync(dir, { recursive: true });
    client = await PGlite.create(dir);
  } else {
    client = await PGlite.create(options.pgliteTemplate ? { loadDataDir: options.pgliteTemplate } : {});
  }
  const db = drizzlePglite(options.onQuery ? observed(client, options.onQuery) : client, {
    schema,
  }) as unknown as Database;
  return {
    db,
    kind: 'pglite',
    migrate: () => migratePglite(drizzlePglite(client), { migrationsFolder: MIGRATIONS_DIR }),
    close: () => client.close(),
    dumpDataDir: () => client.dumpDataDir('gzip'),
  };
}
