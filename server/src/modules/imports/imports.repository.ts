import { and, asc, eq, inArray, lt, notInArray, sql } from 'drizzle-orm';
import type { Principal, PrincipalRole } from '../../auth/principal.js';
import { insertRows } from '../../db/bulk-insert.js';
import type { DbOrTx } from '../../db/client.js';
import { importJobs, importReportEntries, users } from '../../db/schema.js';
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

/** The report keeps this many entries; beyond it the job's counts still count every row. */
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
 * batch's own transaction, so the job row and the data it describes can never disagree. The batch's
 * lines are appended with one insert (numbered after those already kept, up to MAX_REPORT_ENTRIES); the
 * job row only counts them.
 */
export async function recordBatch(
  tx: DbOrTx,
  id: string,
  batch: { cursor: number; counts: ImportCounts; report: ReportEntry[] },
) {
  if (batch.report.length > 0)
    await tx.execute(sql`
      insert into ${importReportEntries} (job_id, seq, entry)
      select j.id, j.report_size + e.ord - 1, e.value
      from ${importJobs} j, jsonb_array_elements(${JSON.stringify(batch.report)}::jsonb) with ordinality as e(value, ord)
      where j.id = ${id} and j.report_size + e.ord <= ${MAX_REPORT_ENTRIES}`);
  await tx
    .update(importJobs)
    .set({
      cursor: batch.cursor,
      counts: batch.counts,
      status: 'running',
      updatedAt: new Date(),
      reportSize: sql`least(${importJobs.reportSize} + ${batch.report.length}, ${MAX_REPORT_ENTRIES})`,
    })
    .where(eq(importJobs.id, id));
}

export async function setJobState(
  db: DbOrTx,
  id: string,
  values: Partial<Pick<ImportJobRow, 'status' | 'totalRows' | 'error' | 'finishedAt' | 'counts'>>,
) {
  await db
    .update(importJobs)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(importJobs.id, id));
}

/** Replaces a job's report (a refused file's problems), in one transaction. */
export async function replaceReport(db: DbOrTx, id: string, entries: ReportEntry[]) {
  const kept = entries.slice(0, MAX_REPORT_ENTRIES);
  await db.transaction(async (tx) => {
    await tx.delete(importReportEntries).where(eq(importReportEntries.jobId, id));
    await insertRows(
      tx,
      importReportEntries,
      kept.map((entry, seq) => ({ jobId: id, seq, entry })),
    );
    await tx
      .update(importJobs)
      .set({ reportSize: kept.length, updatedAt: new Date() })
      .where(eq(importJobs.id, id));
  });
}

/** A page of a job's report, in the order the entries were found. */
export async function reportPage(
  db: DbOrTx,
  id: string,
  page: { offset: number; limit: number },
): Promise<ReportEntry[]> {
  const rows = await db
    .select({ entry: importReportEntries.entry })
    .from(importReportEntries)
    .where(and(eq(importReportEntries.jobId, id), sql`${importReportEntries.seq} >= ${page.offset}`))
    .orderBy(asc(importReportEntries.seq))
    .limit(page.limit);
  return rows.map((r) => r.entry as ReportEntry);
}

/** A job's whole report (at most MAX_REPORT_ENTRIES entries), for its CSV download. */
export async function reportEntries(db: DbOrTx, id: string): Promise<ReportEntry[]> {
  return reportPage(db, id, { offset: 0, limit: MAX_REPORT_ENTRIES });
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
  return db.transaction(async (tx) => {
    await tx.delete(importReportEntries).where(eq(importReportEntries.jobId, id));
    const [row] = await tx
      .update(importJobs)
      .set({
        options,
        status: 'pending',
        cursor: 0,
        totalRows: null,
        counts: {},
        reportSize: 0,
        error: null,
        finishedAt: null,
        updatedAt: new Date(),
      })
      .where(eq(importJobs.id, id))
      .returning();
    return row!;
  });
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
