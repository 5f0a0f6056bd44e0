import { and, eq, inArray, lt, notInArray, sql } from 'drizzle-orm';
import type { Principal, PrincipalRole } from '../../auth/principal.js';
import type { DbOrTx } from '../../db/client.js';
import { importJobs, users } from '../../db/schema.js';
import type { ReportEntry } from './import-codes.js';

export type ImportJobRow = typeof importJobs.$inferSelect;

export interface ImportCounts {
  create: number;
  update: number;
  unchanged: number;
  error: number;
  warnings: number;
}
export const ZERO_COUNTS: ImportCounts = { create: 0, update: 0, unchanged: 0, error: 0, warnings: 0 };

/** The report keeps this many entries; beyond it the counts still add up and `reportTruncated` says so. */
export const MAX_REPORT_ENTRIES = 20_000;

export async function findJob(db: DbOrTx, id: string): Promise<ImportJobRow | undefined> {
  const [row] = await db.select().from(importJobs).where(eq(importJobs.id, id));
  return row;
}

export async function findJobByFile(
  db: DbOrTx,
  key: { deskId: string; entity: string; fileSha256: string; dryRun: boolean },
): Promise<ImportJobRow | undefined> {
  const [row] = await db
    .select()
    .from(importJobs)
    .where(
      and(
        eq(importJobs.deskId, key.deskId),
        eq(importJobs.entity, key.entity),
        eq(importJobs.fileSha256, key.fileSha256),
        eq(importJobs.dryRun, key.dryRun),
      ),
    );
  return row;
}

/** Creates the job, or returns the one already there for the same file (a concurrent upload loses the race quietly). */
export async function insertJob(db: DbOrTx, values: typeof importJobs.$inferInsert): Promise<ImportJobRow> {
  const [row] = await db.insert(importJobs).values(values).onConflictDoNothing().returning();
  if (row) return row;
  return (await findJobByFile(db, {
    deskId: values.deskId,
    entity: values.entity,
    fileSha256: values.fileSha256,
    dryRun: values.dryRun ?? true,
  }))!;
}

/**
 * Records a committed batch: the cursor, the running counts and the batch's report lines, in the
 * batch's own transaction, so the job row and the data it describes can never disagree.
 */
export async function recordBatch(
  tx: DbOrTx,
  id: string,
  batch: { cursor: number; counts: ImportCounts; report: ReportEntry[] },
) {
  await tx
    .update(importJobs)
    .set({
      cursor: batch.cursor,
      counts: batch.counts,
      status: 'running',
      updatedAt: new Date(),
      report:
        batch.report.length > 0
          ? sql`case when jsonb_array_length(${importJobs.report}) < ${MAX_REPORT_ENTRIES} then ${importJobs.report} || ${JSON.stringify(batch.report)}::jsonb else ${importJobs.report} end`
          : importJobs.report,
    })
    .where(eq(importJobs.id, id));
}

export async function setJobState(
  db: DbOrTx,
  id: string,
  values: Partial<Pick<ImportJobRow, 'status' | 'totalRows' | 'error' | 'finishedAt' | 'counts' | 'report'>>,
) {
  await db
    .update(importJobs)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(importJobs.id, id));
}

/** Locks the job row for the batch's transaction and returns its cursor (the batch's fencing check). */
export async function lockCursor(tx: DbOrTx, id: string): Promise<number | undefined> {
  const [row] = await tx
    .select({ cursor: importJobs.cursor })
    .from(importJobs)
    .where(eq(importJobs.id, id))
    .for('update');
  return row?.cursor;
}

/** A live runner's heartbeat between batches. */
export async function heartbeatJob(db: DbOrTx, id: string) {
  await db
    .update(importJobs)
    .set({ updatedAt: new Date() })
    .where(and(eq(importJobs.id, id), inArray(importJobs.status, ['pending', 'running'])));
}

/** Starts a job over with other options: cursor, counts and report cleared. */
export async function resetJob(db: DbOrTx, id: string, options: unknown): Promise<ImportJobRow> {
  const [row] = await db
    .update(importJobs)
    .set({
      options,
      status: 'pending',
      cursor: 0,
      totalRows: null,
      counts: {},
      report: [],
      error: null,
      finishedAt: null,
      updatedAt: new Date(),
    })
    .where(eq(importJobs.id, id))
    .returning();
  return row!;
}

/**
 * Takes over the jobs left `running` by a process that died (finding 19, issue 15). `updated_at` is the
 * heartbeat (refreshed every few seconds and by every committed batch), so a job idle since `staleBefore`
 * has no live runner. One conditional UPDATE that refreshes the heartbeat: when several processes sweep
 * at once, each job is taken by one of them. `exclude`: this process's own live jobs.
 */
export async function claimStaleJobs(
  db: DbOrTx,
  staleBefore: Date,
  exclude: string[] = [],
): Promise<{ id: string; fileSha256: string }[]> {
  return db
    .update(importJobs)
    .set({ updatedAt: new Date() })
    .where(
      and(
        eq(importJobs.status, 'running'),
        lt(importJobs.updatedAt, staleBefore),
        exclude.length > 0 ? notInArray(importJobs.id, exclude) : undefined,
      ),
    )
    .returning({ id: importJobs.id, fileSha256: importJobs.fileSha256 });
}

/** A taken-over job whose file was not kept: it waits for the same file to be uploaded again. */
export async function markInterrupted(db: DbOrTx, id: string): Promise<void> {
  await db
    .update(importJobs)
    .set({
      status: 'interrupted',
      error: sql`'Interrupted after ' || ${importJobs.cursor} || ' of ' || coalesce(${importJobs.totalRows}::text, '?') || ' rows: the server stopped during the import. Upload the same file again (or run npm run import with it) to resume from there.'`,
      updatedAt: new Date(),
    })
    .where(and(eq(importJobs.id, id), eq(importJobs.status, 'running')));
}

/**
 * Who an import writes as, for the access policy: the job's creator with their role and firm, at the job's
 * desk (an admin importing into a desk acts in that desk). A job without a known creator writes as an
 * operator of its desk.
 */
export async function principalForJob(db: DbOrTx, job: ImportJobRow): Promise<Principal> {
  const [user] = job.createdBy
    ? await db
        .select({ role: users.role, firmId: users.firmId })
        .from(users)
        .where(eq(users.id, job.createdBy))
    : [];
  return {
    userId: job.createdBy,
    role: (user?.role ?? 'operator') as PrincipalRole,
    deskId: job.deskId,
    firmId: user?.firmId ?? null,
    via: 'import_job',
  };
}
