import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from './client.js';
import { MIGRATIONS_DIR } from './migrations-dir.js';
import { queryRows } from './raw.js';
import { settings } from './schema.js';

/** A process refuses to serve a configuration that cannot be consistent (issue 15, item 5). */
export class InconsistentDeploymentError extends Error {
  override name = 'InconsistentDeploymentError';
}

interface Journal {
  entries: { idx: number; when: number; tag: string }[];
}

/**
 * Refuses a database migrated by a NEWER build than this one: several processes share one database, and
 * an older process next to a newer one may read or write it in ways the newer schema no longer means
 * (the change log by position is such a change: an old relay would take rows from every other process).
 * Run one version everywhere; roll out by stopping the old processes before the new ones migrate.
 */
export async function assertSchemaKnown(db: DbOrTx): Promise<void> {
  const journal = JSON.parse(
    readFileSync(path.join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8'),
  ) as Journal;
  const known = new Set(journal.entries.map((e) => e.when));
  const newest = Math.max(...known);
  const applied = await queryRows<{ created_at: string | number }>(
    db,
    sql`select created_at from drizzle.__drizzle_migrations order by created_at`,
  );
  const unknown = applied
    .map((r) => Number(r.created_at))
    .filter((when) => when > newest && !known.has(when));
  if (unknown.length > 0)
    throw new InconsistentDeploymentError(
      `The database has ${unknown.length} migration(s) newer than this build knows (last known: ` +
        `${journal.entries.at(-1)?.tag}). A newer version of Rilancio runs against this database: start ` +
        'the same version in every process.',
    );
}

const FINGERPRINTS_KEY = 'deployment.key-fingerprints';
const fingerprint = (key: string, what: string) =>
  createHmac('sha256', key).update(`rilancio key fingerprint: ${what}`).digest('hex').slice(0, 16);

/**
 * Refuses keys that differ from the ones the deployment runs with. Every process must sign CSRF tokens
 * with the same SESSION_SECRET (a token one process made is checked by another) and keep the erasure
 * ledger with the same LEDGER_KEY (a restore replays it). Without them in the environment, each process
 * generates its own under DATA_DIR: fine for one, inconsistent for several. The database keeps a
 * fingerprint (an HMAC, not the key) of each, written by the first process that starts.
 */
export async function assertSameKeys(db: DbOrTx, keys: { session: string; ledger: string }): Promise<void> {
  const mine = { session: fingerprint(keys.session, 'session'), ledger: fingerprint(keys.ledger, 'ledger') };
  await db.insert(settings).values({ key: FINGERPRINTS_KEY, value: mine }).onConflictDoNothing();
  const [row] = await db.select().from(settings).where(eq(settings.key, FINGERPRINTS_KEY));
  const theirs = row!.value as { session?: string; ledger?: string };
  if (theirs.ledger !== mine.ledger)
    throw new InconsistentDeploymentError(
      'LEDGER_KEY differs from the one this database has been used with (the erasure ledger is keyed by ' +
        'it and must never change). Give every process the deployment’s LEDGER_KEY.',
    );
  if (theirs.session !== mine.session)
    throw new InconsistentDeploymentError(
      'SESSION_SECRET differs from the one the other processes of this deployment use (a CSRF token ' +
        'made by one process would be refused by another). Give every process the same SESSION_SECRET. ' +
        `To change it on purpose, stop every process, delete the setting "${FINGERPRINTS_KEY}" ` +
        'and start them all with the new one.',
    );
}
