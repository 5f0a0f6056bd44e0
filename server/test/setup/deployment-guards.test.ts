import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseInUseError, openDatabase } from '../../src/db/client.js';
import {
  assertSameKeys,
  assertSchemaKnown,
  InconsistentDeploymentError,
} from '../../src/db/schema-version.js';
import { createTestDatabase } from '../helpers/database.js';
import { runToEnd } from '../helpers/processes.js';

/**
 * Issue 15, item 5: `npm start` refuses a configuration that cannot be consistent, with a clear message,
 * rather than corrupting data: a second process on one PGlite data directory, or a database migrated by a
 * newer build than the one starting.
 */
let work: string;

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'rilancio-guards-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function start(env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  const vars: NodeJS.ProcessEnv = {
    ...process.env,
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'silent',
    ...env,
  };
  delete vars.DATABASE_URL;
  return runToEnd('npx', ['tsx', 'src/server.ts'], vars);
}

describe('one PGlite data directory, one process', () => {
  it('refuses a second npm start on a data directory in use, saying why and what to do', async () => {
    const dir = path.join(work, 'busy');
    const held = await openDatabase({ kind: 'pglite', dataDir: dir });
    try {
      // The same process opening it twice is refused too.
      await expect(openDatabase({ kind: 'pglite', dataDir: dir })).rejects.toBeInstanceOf(DatabaseInUseError);
      const second = await start({ DATA_DIR: dir });
      expect(second.code).toBe(2);
      expect(second.out).toContain('Rilancio cannot start');
      expect(second.out).toContain(`already open by process ${process.pid}`);
      expect(second.out).toContain('DATABASE_URL');
    } finally {
      await held.close();
    }
    // Closed: free again.
    const again = await openDatabase({ kind: 'pglite', dataDir: dir });
    await again.close();
  }, 240_000);

  it('takes over the lock a killed process left behind', async () => {
    const dir = path.join(work, 'stale');
    const first = await openDatabase({ kind: 'pglite', dataDir: dir });
    await first.close();
    // A pid that is not running (beyond the kernel's pid_max).
    writeFileSync(path.join(dir, 'pglite.lock'), `4194305@${hostname()}`);
    const handle = await openDatabase({ kind: 'pglite', dataDir: dir });
    await handle.close();
    // Two fresh PGlite opens with every migration: about 20 s on a quiet machine, over a minute on a busy one.
  }, 240_000);
});

describe('one version of the schema', () => {
  it('refuses a database migrated by a newer build', async () => {
    const t = await createTestDatabase();
    try {
      await expect(assertSchemaKnown(t.handle.db)).resolves.toBeUndefined();
      await t.handle.db.execute(
        sql`insert into drizzle.__drizzle_migrations (hash, created_at) values ('from-a-newer-build', 4102444800000)`,
      );
      const refused = assertSchemaKnown(t.handle.db);
      await expect(refused).rejects.toBeInstanceOf(InconsistentDeploymentError);
      await expect(refused).rejects.toThrow(/newer than this build knows.*same version in every process/);
    } finally {
      await t.destroy();
    }
  });
});

describe('one set of keys', () => {
  it('refuses a process whose LEDGER_KEY or SESSION_SECRET differs from the deployment’s', async () => {
    const t = await createTestDatabase();
    try {
      const keys = { session: 's'.repeat(40), ledger: 'l'.repeat(40) };
      await assertSameKeys(t.handle.db, keys);
      // The same keys again (another process, a restart): fine.
      await assertSameKeys(t.handle.db, keys);
      await expect(assertSameKeys(t.handle.db, { ...keys, ledger: 'x'.repeat(40) })).rejects.toThrow(
        /LEDGER_KEY differs.*must never change/,
      );
      await expect(assertSameKeys(t.handle.db, { ...keys, session: 'y'.repeat(40) })).rejects.toThrow(
        /SESSION_SECRET differs.*same SESSION_SECRET/,
      );
      // Only fingerprints are stored, never the keys.
      const stored = JSON.stringify(await t.handle.db.execute(sql`select value from settings`));
      expect(stored).not.toContain('s'.repeat(40));
      expect(stored).not.toContain('l'.repeat(40));
    } finally {
      await t.destroy();
    }
  });
});
