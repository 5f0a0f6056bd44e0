import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import postgres from 'postgres';
import { openDatabase, type DatabaseHandle, type QueryObserver } from '../../src/db/client.js';
import { pgliteTemplatePath, postgresTemplateName, templateKey, withDatabase } from './template.js';

export interface TestDatabase {
  handle: DatabaseHandle;
  destroy(): Promise<void>;
}

/**
 * A fresh database with the schema and the full reference data, copied from the template that
 * global-setup built: PGlite in memory by default, a new PostgreSQL database when DATABASE_URL is set.
 */
export async function createTestDatabase(options: { onQuery?: QueryObserver } = {}): Promise<TestDatabase> {
  const key = templateKey();
  const url = process.env.DATABASE_URL;
  if (!url) {
    const template = new Blob([readFileSync(pgliteTemplatePath(key))]);
    const handle = await openDatabase(
      { kind: 'pglite', dataDir: null },
      { pgliteTemplate: template, onQuery: options.onQuery },
    );
    return { handle, destroy: () => handle.close() };
  }
  const name = `rilancio_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}" template "${postgresTemplateName(key)}"`);
  const handle = await openDatabase(
    { kind: 'postgres', url: withDatabase(url, name) },
    { onQuery: options.onQuery },
  );
  return {
    handle,
    async destroy() {
      await handle.close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}
