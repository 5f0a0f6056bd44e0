import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq, getTableName, sql } from 'drizzle-orm';
import type { Database, DatabaseHandle } from '../../db/client.js';
import { analyzeStaleTables } from '../../db/statistics.js';
import { desks } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { assertErrorRate, FileError, type ConvertedRow, type EntityName } from '../../files/index.js';
import { createFileParser, type FileParser, type LoadedFile } from '../../files/worker/file-parser.js';
import { ADAPTERS, stableJson } from './entity-adapters.js';
import type { ReportEntry } from './import-codes.js';
import {
  claimStaleJobs,
  findJob,
  findJobByFile,
  heartbeatJob,
  insertJob,
  lockCursor,
  markInterrupted,
  principalForJob,
  recordBatch,
  replaceReport,
  reportEntries,
  reportPage,
  resetJob,
  setJobState,
  ZERO_COUNTS,
  type ImportCounts,
  type ImportJobRow,
} from './imports.repository.js';
import { prepare, type ImportOptions } from './prepared-file.js';
import { prepareBatch, processBatch, writeBatch, type Outcome, type PreparedBatch } from './process-batch.js';
import { isComparedInFile } from './duplicate-warnings.js';
import { EarlierRows, type FileRow } from '../duplicates/index.js';
import { createReferenceResolver } from './reference-resolver.js';
import { encodeJobError } from './job-error.js';
import { keptUploads } from './kept-uploads.js';
import { createUploadStore, sourceSize, type ImportSource } from './upload-store.js';

export type { ImportOptions };

/** How often a runner refreshes its job's heartbeat (updated_at), besides every committed batch. */
export const IMPORT_HEARTBEAT_MS = 5000;
/** A running job whose heartbeat is older than this has no live runner (its process died). */
export const IMPORT_STALE_AFTER_MS = 30_000;

/** Another runner (another process, after this one was taken for dead) committed past this one's cursor. */
class ImportTakenOver extends Error {}

/** More than half the rows failing to parse (D7) means a wrong file or mapping, not typos. */
export const MAX_BAD_ROW_RATIO = 0.5;

/**
 * A refused file's report keeps this many problems: enough to see what is wrong with a file that mostly
 * fails. Not the 20,000 of a run's report: written at once, those were one 8 MB JSON value that held
 * the server thread for seconds on PGlite (finding 17).
 */
export const MAX_REFUSAL_REPORT_ENTRIES = 1_000;

export interface SubmitImport {
  /** The file: an upload saved with `receive` (the service removes it when done with it), or bytes. */
  source: ImportSource;
  fileName: string;
  entity: EntityName;
  dryRun: boolean;
  deskId: string;
  createdBy: string | null;
  options: ImportOptions;
}

export interface ImportServiceOptions {
  /** Where uploads wait for and go through their run, named by the server (never by the user's file name). */
  storageDir?: string;
  batchSize?: number;
  /** After a run ends (done or failed): fresh planner statistics for the rows it wrote. */
  afterRun?: () => Promise<unknown>;
  /**
   * While a run writes, each time the rows it wrote double (1,000, 2,000, 4,000…): fresh planner
   * statistics. The duplicate checks of the next batches look up the rows of the earlier ones, and a
   * plan made when the table was empty read every namesake of every row (an import slowing down as it
   * went, 20 s of 29 for 10,000 profiles). Given the table the run writes.
   */
  whileGrowing?: (table: string) => Promise<unknown>;
  /**
   * Probes per duplicate-candidate query (`PROBES_PER_QUERY` by default). PGlite reads the candidates on
   * the server's thread, so its queries stay small; PostgreSQL takes a batch's probes in one query, which
   * it plans once instead of ten times.
   */
  probesPerQuery?: number;
  /**
   * PostgreSQL: while the database writes one batch, the next is prepared (read, resolved, validated,
   * probed for duplicates) in a read-only transaction on another connection, so the app's work and the
   * database's overlap instead of taking turns. Never on PGlite: one connection, where the two
   * transactions would wait for each other.
   */
  pipelined?: boolean;
  /** Where files are read (a worker thread of its own by default). */
  parser?: FileParser;
  /** Where a background run's failure is logged (the job records it too, for the desk). */
  log?: { error(details: object, message: string): void };
}

type ProgressListener = (job: { cursor: number; totalRows: number | null; counts: ImportCounts }) => void;

/**
 * Undoes a failed batch's additions to the file's keys. A batch only adds keys (a key already seen is
 * refused, never replaced), and a Map iterates in insertion order, so they are the ones after `size`.
 */
export function forgetAddedAfter(seen: Map<string, number>, size: number): void {
  let position = 0;
  for (const key of seen.keys()) if (position++ >= size) seen.delete(key);
}

/** Rows per batch (one transaction each) unless configured otherwise. */
const BATCH_ROWS = 250;

/** Rows a run writes before its first statistics refresh (then every time they double). */
const FIRST_STATISTICS = 1000;

/**
 * How imports run on this database, for the server, the command line and the benchmark alike: small
 * batches on PGlite, where every statement runs on the server's thread and 50-row batches keep each one
 * short (finding 17; 500-row batches import assets about 2.5× as fast but hold the thread longer), and
 * planner statistics kept current.
 */
export function importSettingsFor(
  database: DatabaseHandle,
): Pick<ImportServiceOptions, 'batchSize' | 'probesPerQuery' | 'pipelined' | 'afterRun' | 'whileGrowing'> {
  return {
    batchSize: database.kind === 'pglite' ? 50 : BATCH_ROWS,
    pipelined: database.kind !== 'pglite',
    probesPerQuery: database.kind === 'pglite' ? undefined : BATCH_ROWS,
    afterRun: () => analyzeStaleTables(database),
    // The table the duplicate checks read; its child rows, the report and the outbox wait for the end.
    whileGrowing: (table) => analyzeStaleTables(database, [table]),
  };
}

/**
 * Bulk import of one file into one entity (issue 6). A job is identified by (desk, entity, sha256,
 * dry run): uploading the same file again finds the same job, and resumes it if it was cut short.
 * Rows are read lazily and processed in batches; each batch, its outbox rows and the job's cursor
 * commit in one transaction, so a killed import resumes to exactly what a clean run gives.
 *
 * Finding 17: the file is read in a worker thread (files/worker), and the batches give the event loop
 * back every few milliseconds, so other requests are answered while a large file is imported.
 */
export function createImportService(db: Database, serviceOptions: ImportServiceOptions = {}) {
  const storageDir = serviceOptions.storageDir ?? path.join(tmpdir(), 'rilancio-imports');
  const batchSize = serviceOptions.batchSize ?? BATCH_ROWS;
  const parser = serviceOptions.parser ?? createFileParser();
  const running = new Map<string, Promise<void>>();

  const uploads = createUploadStore(storageDir);

  /** A file in the parsing thread for the length of `use`, then released. */
  async function withFile<T>(source: ImportSource, use: (file: LoadedFile) => Promise<T>): Promise<T> {
    const file = await parser.load(source);
    try {
      return await use(file);
    } finally {
      await file.close();
    }
  }

  /**
   * Finds or creates the job for a file (validating the file first: 415/413/422 come back at once).
   * The same file with other options (another sheet, a corrected mapping) starts the job over.
   */
  async function open(request: SubmitImport): Promise<ImportJobRow> {
    const fileSha256 = await withFile(request.source, async (file) => {
      await prepare(file, request.fileName, request.entity, request.options);
      return file.sha256;
    });
    const key = { deskId: request.deskId, entity: request.entity, fileSha256, dryRun: request.dryRun };
    let job =
      (await findJobByFile(db, key)) ??
      (await insertJob(db, {
        ...key,
        fileName: request.fileName.slice(0, 200),
        fileSize: sourceSize(request.source),
        options: request.options,
        createdBy: request.createdBy,
      }));
    // JSON round trip: undefined options are absent in the stored job too.
    const options = JSON.parse(JSON.stringify(request.options)) as ImportOptions;
    if (stableJson(job.options ?? {}) !== stableJson(options)) {
      // The same file read differently (another sheet, a corrected mapping): the job is keyed by file,
      // so it starts over with the new options. Upserts make a second pass over committed rows harmless.
      const run = running.get(job.id);
      if (run && job.status !== 'done' && job.status !== 'failed')
        throw new AppError('IMPORT_RUNNING', 'This file is being imported; wait for the job to finish', 409);
      // A finished run may still be tidying up (planner statistics, its upload): the desk already sees
      // the report and may send the file again with corrections, so wait for it rather than refuse.
      if (run) await run;
      job = await resetJob(db, job.id, options);
    }
    return job;
  }

  /**
   * `open`, then run the job in the background unless it is finished, or running here or in another live
   * process (its heartbeat is fresh: the upload shows that run's progress). The upload is the service's
   * from here on: removed when it turns out not to be needed, or after the run.
   */
  async function submit(request: SubmitImport): Promise<{ job: ImportJobRow; started: boolean }> {
    let handedOver = false;
    try {
      const job = await open(request);
      const liveElsewhere =
        job.status === 'running' && Date.now() - job.updatedAt.getTime() < IMPORT_STALE_AFTER_MS;
      if (job.status === 'done' || job.status === 'failed' || running.has(job.id) || liveElsewhere)
        return { job, started: false };
      // Pending, interrupted, or running in a process that died: (re)start from the recorded cursor. The
      // job is marked running here before any await, so a second upload of the same file cannot start it
      // twice in this process; should two processes start it at once, every batch's cursor check (fencing)
      // lets one of them go on.
      start(job.id, request.source);
      handedOver = true;
      return { job, started: true };
    } finally {
      if (!handedOver) await uploads.discard(request.source);
    }
  }

  function start(id: string, source: ImportSource) {
    const work = run(id, source)
      .then(() => undefined)
      .catch((error: unknown) => serviceOptions.log?.error({ err: error, importId: id }, 'import run failed'))
      .finally(() => {
        running.delete(id);
        return uploads.discard(source);
      });
    running.set(id, work);
  }

  /** Processes a job to the end from its cursor. Used by the background runner and the CLI. */
  async function run(id: string, source: ImportSource, onProgress?: ProgressListener): Promise<ImportJobRow> {
    const job = await findJob(db, id);
    if (!job) throw new AppError('IMPORT_NOT_FOUND', `import ${id} does not exist`, 404);
    if (job.status === 'done') return job;
    return withFile(source, async (file) => {
      if (file.sha256 !== job.fileSha256)
        throw new AppError('IMPORT_FILE_MISMATCH', 'This is not the file the job was created for', 409);
      // The heartbeat that tells other processes this job has a live runner, even during a long batch.
      const beat = setInterval(() => {
        heartbeatJob(db, id).catch(() => {});
      }, IMPORT_HEARTBEAT_MS);
      beat.unref();
      try {
        await runJob(job, file, source, onProgress);
        await keptUploads.drop(db, id);
      } catch (error) {
        // Another process runs it now: leave the job, and its kept file, to that run.
        if (error instanceof ImportTakenOver) return (await findJob(db, id))!;
        await setJobState(db, id, { status: 'failed', error: encodeJobError(error), finishedAt: new Date() });
        await keptUploads.drop(db, id);
        throw error;
      } finally {
        clearInterval(beat);
        await serviceOptions.afterRun?.().catch(() => {});
      }
      return (await findJob(db, id))!;
    });
  }

  /**
   * The run itself. The parsing thread reads the file (twice: once to count and check, once to import);
   * this thread resolves, validates and writes batch after batch, giving the event loop back between
   * slices of work, so requests are answered all along.
   */
  async function runJob(
    job: ImportJobRow,
    file: LoadedFile,
    source: ImportSource,
    onProgress?: ProgressListener,
  ) {
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
    const principal = await principalForJob(db, job);
    const resolver = createReferenceResolver(db, job.deskId);
    const seen = new Map<string, number>();
    // A dry run stores nothing, so a row is compared with the earlier batches' rows kept here. After a
    // resume, with the rows from the resume point on (the earlier ones were not kept).
    const earlierInFile = job.dryRun && isComparedInFile(entity) ? new EarlierRows(entity) : undefined;
    let counts: ImportCounts = { ...ZERO_COUNTS, ...(job.counts as Partial<ImportCounts>) };
    let index = 0;
    let committed = job.cursor;
    let statisticsAt = FIRST_STATISTICS;
    const pipelined = serviceOptions.pipelined === true && !job.dryRun;
    const context = {
      adapter,
      resolver,
      file: prepared,
      job,
      seen,
      principal,
      lookup: { probesPerQuery: serviceOptions.probesPerQuery },
    };
    const tally = (outcomes: readonly Outcome[], report: readonly ReportEntry[]) => {
      const next = { ...counts };
      for (const outcome of outcomes) next[outcome]++;
      next.warnings += report.filter((r) => r.severity === 'warning').length;
      return next;
    };
    /** What follows a batch's commit: the run's counts and cursor move on. */
    const committedTo = async (end: number, next: ImportCounts, inFile: FileRow[]) => {
      counts = next;
      // Remembered only once the batch is through: a batch run again must not find its own rows.
      earlierInFile?.remember(inFile);
      committed = end;
      if (serviceOptions.whileGrowing && end - job.cursor >= statisticsAt) {
        statisticsAt = 2 * (end - job.cursor);
        // Statistics are an optimisation: failing to refresh them must not fail the import.
        await serviceOptions.whileGrowing(getTableName(adapter.spec.table)).catch(() => {});
      }
      onProgress?.({ cursor: end, totalRows: total, counts });
    };

    /** One batch read, checked and written in one transaction: the rows up to `end`. */
    const runBatch = async (rows: ConvertedRow[], end: number) => {
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
            const next = tally(outcomes, report);
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
      await committedTo(end, done.next, done.inFile);
    };

    // The pipelined run (PostgreSQL, not a dry run): batch N+1 is prepared (read, resolved, validated,
    // compared with the stored records) in a read-only transaction on another connection while batch N is
    // written. That transaction takes its snapshot before N's write begins, so N+1 sees the records of
    // the batches up to N-1 whatever the timing, and compares its rows with N's as rows of the file (as a
    // dry run compares its batches); N's write never waits for another connection. N+1's keys are other
    // keys of the file, so what is stored under them is not N's work either, unless N updates the same
    // record under another key (a firm's VAT number in one row, its SIRET in the next): N+1 is then read
    // again after N.

    /** A read-only transaction, its snapshot taken, waiting for the rows it will prepare. */
    interface Reader {
      prepare(
        rows: ConvertedRow[],
        earlier: EarlierRows | undefined,
        updatedMeanwhile: ReadonlySet<string>,
      ): Promise<PreparedBatch>;
      /** Ends it without preparing anything (the end of the file, or a run cut short). */
      close(): Promise<void>;
    }
    type Handed = Parameters<Reader['prepare']> | null;
    const openReader = async (): Promise<Reader> => {
      let hand!: (work: Handed) => void;
      const handed = new Promise<Handed>((resolve) => (hand = resolve));
      let taken!: () => void;
      const snapshot = new Promise<void>((resolve) => (taken = resolve));
      const done = db.transaction(
        async (tx) => {
          await tx.execute(sql`select 1`); // takes the snapshot
          taken();
          const work = await handed;
          if (!work) return undefined;
          const [rows, earlierInFile, updatedMeanwhile] = work;
          resolver.use(tx);
          try {
            return await prepareBatch({ ...context, tx, earlierInFile, updatedMeanwhile }, rows);
          } finally {
            resolver.use(db);
          }
        },
        { isolationLevel: 'repeatable read', accessMode: 'read only' },
      );
      done.catch(() => {}); // awaited by prepare or close; until then not unhandled
      await Promise.race([snapshot, done]); // a transaction that fails to begin fails here
      return {
        async prepare(...work) {
          hand(work);
          return (await done)!;
        },
        async close() {
          hand(null);
          await done.catch(() => {});
        },
      };
    };
    /** A batch read ahead that failed is read again with its write, the sequential way, which reports why. */
    const readFailed = (error: unknown) => {
      serviceOptions.log?.error({ err: error, importId: id }, 'reading an import batch ahead failed');
      return undefined;
    };

    interface Writing {
      rows: ConvertedRow[];
      end: number;
      /** The file's keys before this batch added its own. */
      seenBefore: number;
      inFile: FileRow[];
      updates: ReadonlySet<string>;
      written: Promise<ImportCounts>;
      /** The next batch's reader, its snapshot taken before this write began (none if it failed to open). */
      reader?: Reader;
    }
    let writing: Writing | undefined;

    /** The batch being written, through; false when its write failed and it was run again on its own. */
    const settle = async (batch: Writing): Promise<boolean> => {
      let next: ImportCounts;
      try {
        next = await batch.written;
      } catch (error) {
        if (error instanceof ImportTakenOver) throw error;
        // Its keys go, and those of the batch read meanwhile, which runs on its own after it.
        forgetAddedAfter(seen, batch.seenBefore);
        await runBatch(batch.rows, batch.end);
        return false;
      }
      await committedTo(batch.end, next, batch.inFile);
      return true;
    };

    const startWrite = async (
      rows: ConvertedRow[],
      end: number,
      seenBefore: number,
      ready: PreparedBatch,
    ) => {
      const reader = await openReader().catch(readFailed);
      const written = db.transaction(async (tx) => {
        if ((await lockCursor(tx, id)) !== committed) throw new ImportTakenOver();
        const { outcomes, report } = await writeBatch({ ...context, tx, savepoints: false }, ready);
        const next = tally(outcomes, report);
        await recordBatch(tx, id, { cursor: end, counts: next, report });
        return next;
      });
      written.catch(() => {}); // awaited by settle; until then not unhandled
      writing = { rows, end, seenBefore, inFile: ready.inFile, updates: ready.updates, written, reader };
    };

    const pipelineBatch = async (rows: ConvertedRow[], end: number) => {
      const previous = writing;
      const seenBefore = seen.size;
      // After a batch whose reader failed to open, nothing is read while it is written.
      const reader = previous ? previous.reader : await openReader().catch(readFailed);
      let ready: PreparedBatch | undefined;
      if (reader) {
        let earlier: EarlierRows | undefined;
        if (previous && isComparedInFile(entity)) {
          earlier = new EarlierRows(entity);
          earlier.remember(previous.inFile);
        }
        ready = await reader.prepare(rows, earlier, previous?.updates ?? new Set()).catch(readFailed);
      }
      if (previous) {
        const ok = await settle(previous);
        writing = undefined;
        // This batch's keys were forgotten with the failed one's: it runs on its own too.
        if (!ok) return runBatch(rows, end);
        if (ready?.work.some((w) => w.existing && previous.updates.has(w.existing.id))) ready = undefined;
      }
      if (!ready) {
        forgetAddedAfter(seen, seenBefore);
        return runBatch(rows, end);
      }
      await startWrite(rows, end, seenBefore, ready);
    };

    let batch: ConvertedRow[] = [];
    const flush = async () => {
      const rows = batch;
      batch = [];
      await (pipelined ? pipelineBatch(rows, index) : runBatch(rows, index));
    };
    try {
      for await (const rows of file.rows(batchSize)) {
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
          if (batch.length >= batchSize) await flush();
        }
      }
      if (batch.length > 0) await flush();
      if (writing) {
        await writing.reader?.close();
        await settle(writing);
        writing = undefined;
      }
    } finally {
      // A run cut short (the file, fencing) leaves no transaction of its own open.
      await writing?.reader?.close();
      await writing?.written.catch(() => {});
    }
    await setJobState(db, id, { status: 'done', finishedAt: new Date() });
  }

  return {
    /** Saves an upload as it streams in (the request never holds the whole file); `submit` takes it over. */
    receive: uploads.save,
    /** Removes an upload that will not be submitted (the request failed after receiving it). */
    discard: uploads.discard,
    open,
    submit,
    run,
    /** Resolves when every background job of this process has stopped (app shutdown, tests). */
    async idle() {
      while (running.size > 0) await Promise.all([...running.values()]);
    },
    /** Stops the parsing thread once the jobs are done (app shutdown, end of a CLI run). */
    async close() {
      while (running.size > 0) await Promise.all([...running.values()]);
      await parser.close();
    },
    isRunning: (id: string) => running.has(id),
    /**
     * Jobs left `running` by a dead process (this one's previous life, or another) are resumed here from
     * their cursor, with the file kept in the database: nobody uploads it again. A job whose file was not
     * kept becomes `interrupted`, with a message saying how to resume (re-upload or CLI), instead of
     * showing a progress bar that never moves. Called at start-up and then periodically.
     */
    async recoverInterrupted(
      staleAfterMs = IMPORT_STALE_AFTER_MS,
    ): Promise<{ resumed: string[]; interrupted: string[] }> {
      const staleBefore = new Date(Date.now() - staleAfterMs);
      const claimed = await claimStaleJobs(db, staleBefore, [...running.keys()]);
      const outcome = { resumed: [] as string[], interrupted: [] as string[] };
      for (const { id, fileSha256 } of claimed) {
        const file = await keptUploads.restore(db, id, storageDir, fileSha256);
        if (file) {
          start(id, file);
          outcome.resumed.push(id);
        } else {
          await markInterrupted(db, id);
          outcome.interrupted.push(id);
        }
      }
      return outcome;
    },
    get: (id: string) => findJob(db, id),
    /** A page of a job's report, in the order found. */
    reportPage: (id: string, page: { offset: number; limit: number }) => reportPage(db, id, page),
    /** A job's whole report (capped at MAX_REPORT_ENTRIES). */
    report: (id: string) => reportEntries(db, id),
    async resolveDesk(ref: string): Promise<string | undefined> {
      const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(ref);
      const [row] = await db
        .select({ id: desks.id })
        .from(desks)
        .where(uuid ? eq(desks.id, ref) : eq(desks.code, ref));
      return row?.id;
    },
  };
}
export type ImportService = ReturnType<typeof createImportService>;
