import { createHash, randomBytes } from 'node:crypto';
import { canonicalJson } from '@rilancio/matcher';
import { asc, desc, eq, or, sql } from 'drizzle-orm';
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
  results: LoggedResult[];
}

export interface LoggedResult {
  id: string;
  rank: number;
  score: number | null;
  contributions: Record<string, number>;
  components?: LoggedComponent[];
  /** Random per entry (chain version 2), so the digest left after erasure cannot be linked to anyone. */
  salt?: string;
}

/** What erasure leaves of a result: its rank and the digest the chain was computed over. */
export interface RedactedResult {
  rank: number;
  redacted: true;
  digest: string;
}

export type StoredResult = LoggedResult | RedactedResult;
const isRedacted = (r: StoredResult): r is RedactedResult => 'redacted' in r;

const GENESIS = '0'.repeat(64);

/** RFC 8785 canonical JSON, the matcher's: the same text the weights hash is computed over. */
const canonical = canonicalJson;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export const resultDigest = (r: StoredResult) => (isRedacted(r) ? r.digest : sha256(canonical(r)));

/** Chain version 1: the hash covers the record as stored (runs logged before redaction existed). */
export function runHash(prevHash: string, ranAt: Date, record: RunRecord): string {
  return createHash('sha256')
    .update(prevHash)
    .update(ranAt.toISOString())
    .update(canonical(record))
    .digest('hex');
}

/** Chain version 2: the hash covers each result's digest, so a redacted entry verifies as before. */
export function runHashV2(
  prevHash: string,
  ranAt: Date,
  record: Omit<RunRecord, 'results'> & { results: StoredResult[] },
): string {
  return runHash(prevHash, ranAt, { ...record, results: record.results.map(resultDigest) as never });
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
    // One draw for the whole page: a draw per result cost about 3 ms a run at 1,000,000 profiles.
    const salts = randomBytes(16 * record.results.length);
    const salted = {
      ...record,
      results: record.results.map((r, i) => ({
        ...r,
        salt: salts.subarray(16 * i, 16 * (i + 1)).toString('hex'),
      })),
    };
    const [row] = await tx
      .insert(matchRuns)
      .values({ ...salted, ranAt, prevHash, hash: runHashV2(prevHash, ranAt, salted), chainVersion: 2 })
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
    const expected = r.chainVersion === 1 ? runHash(prev, r.ranAt, record) : runHashV2(prev, r.ranAt, record);
    if (r.prevHash !== prev || r.hash !== expected) broken.push(r.id);
    prev = r.hash;
  }
  return broken;
}

/**
 * Erasure (GDPR Art. 17): every result about the person becomes its rank and digest, and so does every
 * result of a run whose subject the person was (those scores describe them too). The chain still
 * verifies; nothing of the person is left but the id of a run's subject. Runs of chain version 1 cannot
 * be redacted without breaking their hash, so their entries are redacted and the break is expected and
 * visible in verification. Call inside the erasure transaction (the append-only trigger allows it there).
 */
export async function redactRunsAbout(tx: DbOrTx, profileId: string): Promise<number> {
  const rows = await tx
    .select({ id: matchRuns.id, subjectId: matchRuns.subjectId, results: matchRuns.results })
    .from(matchRuns)
    .where(
      or(
        eq(matchRuns.subjectId, profileId),
        sql`${matchRuns.results} @> ${JSON.stringify([{ id: profileId }])}::jsonb`,
      ),
    );
  for (const row of rows) {
    const everyone = row.subjectId === profileId;
    const results = (row.results as StoredResult[]).map((r) =>
      isRedacted(r) || (!everyone && r.id !== profileId)
        ? r
        : ({ rank: r.rank, redacted: true, digest: resultDigest(r) } satisfies RedactedResult),
    );
    await tx.update(matchRuns).set({ results }).where(eq(matchRuns.id, row.id));
  }
  return rows.length;
}
