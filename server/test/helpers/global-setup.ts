import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import postgres from 'postgres';
import { openDatabase } from '../../src/db/client.js';
import { loadReferenceData } from '../../src/reference/reference.loader.js';
import {
  pgliteTemplatePath,
  postgresTemplateName,
  TEST_OUTPUT_DIR,
  templateKey,
  withDatabase,
} from './template.js';

/**
 * Builds, once per change of migrations or reference data, a database with the schema and the FULL
 * reference data (ESCO, NACE, municipalities), so every test file starts from a copy in a second or two
 * instead of loading 300,000 reference rows itself.
 */
export default async function setup() {
  const key = templateKey();
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = postgresTemplateName(key);
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    try {
      const exists = await admin`select 1 from pg_database where datname = ${name}`;
      if (exists.length === 0) {
        const building = `${name}_building_${process.pid}`;
        await admin.unsafe(`create database "${building}"`);
        const handle = await openDatabase({ kind: 'postgres', url: withDatabase(url, building) });
        await handle.migrate();
        await loadReferenceData(handle.db);
        await handle.close();
        // Renamed only when complete, so an interrupted build is never taken for a template.
        await admin.unsafe(`alter database "${building}" rename to "${name}"`);
      }
    } finally {
      await admin.end();
    }
    return;
  }
  const file = pgliteTemplatePath(key);
  if (existsSync(file)) return;
  mkdirSync(TEST_OUTPUT_DIR, { recursive: true });
  const handle = await openDatabase({ kind: 'pglite', dataDir: null });
  await handle.migrate();
  await loadReferenceData(handle.db);
  const blob = await handle.dumpDataDir!();
  await handle.close();
  writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
}
