import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MIGRATIONS_DIR } from '../../src/db/migrations-dir.js';
import { REFERENCE_DIR } from '../../src/reference/reference.loader.js';

export const TEST_OUTPUT_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../test-output',
);

/**
 * A key over the migrations and the reference data: a cached template database is reused only while
 * both are unchanged.
 */
export function templateKey(): string {
  const hash = createHash('sha256');
  for (const dir of [MIGRATIONS_DIR, REFERENCE_DIR]) {
    for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
      if (!/\.(sql|gz|csv|json)$/.test(name)) continue;
      hash.update(name).update(readFileSync(path.join(dir, name)));
    }
  }
  return hash.digest('hex').slice(0, 16);
}

export const pgliteTemplatePath = (key: string) =>
  path.join(TEST_OUTPUT_DIR, `pglite-template-${key}.tar.gz`);
export const postgresTemplateName = (key: string) => `rilancio_template_${key}`;

/** The same URL pointing at another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
