import { createHash } from 'node:crypto';
import { asc, desc, sql } from 'drizzle-orm';
import type { Database, DbOrTx } from '../../db/client.js';
import { matchRuns } from '../../db/schema.js';

/** Enough of a component to explain the result later to the person (Art. 15(1)(h), Art. 86). */
export interface LoggedComponent {
  name: string;
  weight: number;
  value: number;
  contribution: number;
  reason: { code: string; params: Record<string, string | number> };
}

export interface RunRecord {
  actorUserId: string | null;
  actorRole: string;
  direction: string;
  subjectType: string;
  subjectId: string;
  poolQuery: Record<string, unknown>;
  poolSize: number;
  engineVersion: string;
  weightsHash: string;
  ranked: boolean;
  /** Ids, scores and the components with their reason codes: never copies of personal data. */
  results: {
    id: string;
    rank: number;
    score: number | null;
    contributions: Record<string, number>;
    components?: LoggedComponent[];
  }[];
}

const GENESIS = '0'.repeat(64);

/** Canonical JSON (sorted keys) so the hash does not depend on key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      // jsonb drops undefined members: the hash must see what is stored.
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

export function runHash(prevHash: string, ranAt: Date, record: RunRecord): string {
  return createHash('sha256')
    .update(prevHash)
    .update(ranAt.toISOString())
    .update(canonical(record))
    .digest('hex');
}

/**
 * Appends one run to the match log (AI Act Art. 12). Each row carries the hash of the previous one, so
 * an edit made behind the application's back (the table refuses UPDATE and DELETE) breaks the chain.
 * An advisory lock keeps the chain linear when runs are logged concurrently.
 */
export async function appendRun(db: Database, record: RunRecord): Promise<{ id: string; ranAt: Date }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(4242001)`);
    const [last] = await tx
      .select({ hash: matchRuns.hash })
      .from(matchRuns)
      .orderBy(desc(matchRuns.seq))
      .limit(1);
    const prevHash = last?.hash ?? GENESIS;
    const ranAt = new Date();
    const [row] = await tx
      .insert(matchRuns)
      .values({ ...record, ranAt, prevHash, hash: runHash(prevHash, ranAt, record) })
      .returning({ id: matchRuns.id });
    return { id: row!.id, ranAt };
  });
}

/** Walks the chain; returns the ids of rows whose content or link no longer matches their hash. */
export async function verifyRunChain(db: DbOrTx): Promise<string[]> {
  const rows = await db.select().from(matchRuns).orderBy(asc(matchRuns.seq));
  const broken: string[] = [];
  let prev = GENESIS;
  for (const r of rows) {
    const record: RunRecord = {
      actorUserId: r.actorUserId,
      actorRole: r.actorRole,
      direction: r.direction,
      subjectType: r.subjectType,
      subjectId: r.subjectId,
      poolQuery: r.poolQuery as Record<string, unknown>,
      poolSize: r.poolSize,
      engineVersion: r.engineVersion,
      weightsHash: r.weightsHash,
      ranked: r.ranked,
      results: r.results as RunRecord['results'],
    };
    if (r.prevHash !== prev || r.hash !== runHash(prev, r.ranAt, record)) broken.push(r.id);
    prev = r.hash;
  }
  return broken;
}
