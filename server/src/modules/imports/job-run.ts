import { getTableName } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { assertErrorRate, FileError, type ConvertedRow, type EntityName } from '../../files/index.js';
import type { LoadedFile } from '../../files/worker/file-parser.js';
import { EarlierRows } from '../duplicates/index.js';
import { isComparedInFile } from './duplicate-warnings.js';
import { ADAPTERS } from './entity-adapters.js';
import type { ReportEntry } from './import-codes.js';
import {
  lockCursor,
  principalForJob,
  recordBatch,
  replaceReport,
  setJobState,
  ZERO_COUNTS,
  type ImportCounts,
  type ImportJobRow,
} from './imports.repository.js';
import { keptUploads } from './kept-uploads.js';
import { forgetAddedAfter, ImportTakenOver, type BatchRun, type BatchSchedule } from './batch-run.js';
import { createPipeline } from './pipelined-run.js';
import { prepare, type ImportOptions } from './prepared-file.js';
import { processBatch } from './process-batch.js';
import { createReferenceResolver } from './reference-resolver.js';
import type { ImportSource } from './upload-store.js';

/** More than half the rows failing to parse (D7) means a wrong file or mapping, not typos. */
export const MAX_BAD_ROW_RATIO = 0.5;

/**
 * A refused file's report keeps this many problems: enough to see what is wrong with a file that mostly
 * fails. Not the 20,000 of a run's report: written at once, those were one 8 MB JSON value that held
 * the server thread for seconds on PGlite (finding 17).
 */
export const MAX_REFUSAL_REPORT_ENTRIES = 1_000;

/** Rows a run writes before its first statistics refresh (then every time they double). */
const FIRST_STATISTICS = 1000;

export type ProgressListener = (job: {
  cursor: number;
  totalRows: number | null;
  counts: ImportCounts;
}) => void;

/** How a run goes on this database (`ImportServiceOptions`, resolved by the service). */
export interface RunSettings {
  batchSize: number;
  /** Batch N+1 is read while batch N is written (`pipelined-run.ts`); never for a dry run. */
  pipelined: boolean;
  probesPerQuery?: number;
  whileGrowing?: (table: string) => Promise<unknown>;
  log?: { error(details: object, message: string): void };
}

/**
 * A job's run from its cursor to the end. The parsing thread reads the file (twice: once to count and
 * check, once to import); this thread resolves, validates and writes batch after batch, giving the event
 * loop back between slices of work, so requests are answered all along.
 */
export async function runImportJob(
  db: Database,
  settings: RunSettings,
  job: ImportJobRow,
  file: LoadedFile,
  source: ImportSource,
  onProgress?: ProgressListener,
): Promise<void> {
  const id = job.id;
  const entity = job.entity as EntityName;
  const options = job.options as ImportOptions;
  const prepared = await prepare(file, job.fileName, entity, options);
  let total = job.totalRows;
  if (total === null) {
    // First pass: count rows and refuse a file that mostly fails to parse, before writing anything.
    const scan = await file.scan(MAX_REFUSAL_REPORT_ENTRIES);
    const { bad } = scan;
    total = scan.total;
    try {
      assertErrorRate(bad, total, MAX_BAD_ROW_RATIO);
    } catch (error) {
      // Finding 18: a refused file keeps its row-level report (capped as a run's), so the desk sees
      // which rows fail and why, not only that too many do.
      const problems: ReportEntry[] = scan.problems.map((issue) => ({ ...issue, severity: 'error' }));
      await replaceReport(db, id, problems);
      await setJobState(db, id, { counts: { ...ZERO_COUNTS, error: bad } });
      throw new FileError(
        'FILE_TOO_MANY_BAD_ROWS',
        `${bad} of ${total} rows have errors, more than the ${MAX_BAD_ROW_RATIO * 100}% allowed: nothing was imported. ` +
          'The report lists the problems row by row; check the file and the column mapping.',
        { badRows: bad, totalRows: total, maxRatio: MAX_BAD_ROW_RATIO },
        { cause: error },
      );
    }
    // Fenced like a batch: a run that another one overtook while counting must not set it back to running.
    const counted = total;
    await db.transaction(async (tx) => {
      if ((await lockCursor(tx, id)) !== job.cursor) throw new ImportTakenOver();
      await setJobState(tx, id, { totalRows: counted, status: 'running' });
    });
  }
  // Kept once the file is accepted and before its first batch, so that another process can finish
  // the job should this one die (a refused file is never kept).
  await keptUploads.keep(db, id, source);
  const adapter = ADAPTERS[entity];
  const resolver = createReferenceResolver(db, job.deskId);
  const seen = new Map<string, number>();
  // A dry run stores nothing, so a row is compared with the earlier batches' rows kept here. After a
  // resume, with the rows from the resume point on (the earlier ones were not kept).
  const earlierInFile = job.dryRun && isComparedInFile(entity) ? new EarlierRows(entity) : undefined;
  let counts: ImportCounts = { ...ZERO_COUNTS, ...(job.counts as Partial<ImportCounts>) };
  let committed = job.cursor;
  let statisticsAt = FIRST_STATISTICS;
  const context = {
    adapter,
    resolver,
    file: prepared,
    job,
    seen,
    principal: await principalForJob(db, job),
    lookup: { probesPerQuery: settings.probesPerQuery },
  };

  const run: BatchRun = {
    db,
    context,
    committed: () => committed,
    tally(outcomes, report) {
      const next = { ...counts };
      for (const outcome of outcomes) next[outcome]++;
      next.warnings += report.filter((r) => r.severity === 'warning').length;
      return next;
    },
    async committedTo(end, next, inFile) {
      counts = next;
      // Remembered only once the batch is through: a batch run again must not find its own rows.
      earlierInFile?.remember(inFile);
      committed = end;
      if (settings.whileGrowing && end - job.cursor >= statisticsAt) {
        statisticsAt = 2 * (end - job.cursor);
        // Statistics are an optimisation: failing to refresh them must not fail the import.
        await settings.whileGrowing(getTableName(adapter.spec.table)).catch(() => {});
      }
      onProgress?.({ cursor: end, totalRows: total, counts });
    },
    async runBatch(rows, end) {
      const attempt = (savepoints: boolean) => {
        // A size, not a copy: copying the file's keys for every batch grew with the file (19 s of CPU
        // over 100,000 rows, in blocks of tens of milliseconds).
        const seenBefore = seen.size;
        return db
          .transaction(async (tx) => {
            // Fencing: the batch commits only if the job's cursor is still where this run left it.
            if ((await lockCursor(tx, id)) !== committed) throw new ImportTakenOver();
            resolver.use(tx);
            const { outcomes, report, inFile } = await processBatch(
              { ...context, tx, savepoints, earlierInFile },
              rows,
            );
            const next = run.tally(outcomes, report);
            await recordBatch(tx, id, { cursor: end, counts: next, report });
            return { next, inFile };
          })
          .catch((error: unknown) => {
            forgetAddedAfter(seen, seenBefore);
            throw error;
          })
          .finally(() => resolver.use(db));
      };
      // Fast path: the checks before each write catch what the API would refuse, so a batch rarely
      // fails in the database; when one does, it runs again with a savepoint per row.
      const done = await attempt(false).catch((error: unknown) => {
        if (error instanceof ImportTakenOver) throw error;
        return attempt(true);
      });
      await run.committedTo(end, done.next, done.inFile);
    },
    log: settings.log,
  };

  const schedule: BatchSchedule =
    settings.pipelined && !job.dryRun
      ? createPipeline(run)
      : { add: (rows, end) => run.runBatch(rows, end), finish: async () => {}, abort: async () => {} };

  let batch: ConvertedRow[] = [];
  let index = 0;
  const flush = async () => {
    const rows = batch;
    batch = [];
    await schedule.add(rows, index);
  };
  try {
    for await (const rows of file.rows(settings.batchSize)) {
      for (const converted of rows) {
        if (index < job.cursor) {
          // Already committed by an earlier run: only remember its key, for duplicate detection.
          const key = adapter.fileKey(converted.record);
          if (key !== undefined && converted.issues.length === 0 && !seen.has(key))
            seen.set(key, converted.rowNumber);
          index++;
          continue;
        }
        batch.push(converted);
        index++;
        if (batch.length >= settings.batchSize) await flush();
      }
    }
    if (batch.length > 0) await flush();
    await schedule.finish();
  } finally {
    await schedule.abort();
  }
  await setJobState(db, id, { status: 'done', finishedAt: new Date() });
}
