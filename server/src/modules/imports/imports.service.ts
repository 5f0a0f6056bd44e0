import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { Database, DatabaseHandle } from '../../db/client.js';
import { analyzeStaleTables, analyzeTable } from '../../db/statistics.js';
import { desks } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import type { EntityName } from '../../files/index.js';
import { createFileParser, type FileParser, type LoadedFile } from '../../files/worker/file-parser.js';
import { ImportTakenOver } from './batch-run.js';
import { stableJson } from './entity-adapters.js';
import {
  claimStaleJobs,
  findJob,
  findJobByFile,
  heartbeatJob,
  insertJob,
  markInterrupted,
  reportEntries,
  reportPage,
  resetJob,
  setJobState,
  type ImportJobRow,
} from './imports.repository.js';
import { encodeJobError } from './job-error.js';
import { runImportJob, type ProgressListener, type RunSettings } from './job-run.js';
import { keptUploads } from './kept-uploads.js';
import { prepare, type ImportOptions } from './prepared-file.js';
import { createUploadStore, sourceSize, type ImportSource } from './upload-store.js';

export type { ImportOptions };

/** How often a runner refreshes its job's heartbeat (updated_at), besides every committed batch. */
export const IMPORT_HEARTBEAT_MS = 5000;
/** A running job whose heartbeat is older than this has no live runner (its process died). */
export const IMPORT_STALE_AFTER_MS = 30_000;

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

/** Rows per batch (one transaction each) unless configured otherwise. */
const BATCH_ROWS = 250;

/**
 * How imports run on this database, for the server, the command line and the benchmark alike: small
 * batches on PGlite, where every statement runs on the server's thread and 50-row batches keep each one
 * short (finding 17; 500-row batches import assets about 2.5× as fast but hold the thread longer), and
 * planner statistics kept current.
 */
export function importSettingsFor(
  database: DatabaseHandle,
): Pick<ImportServiceOptions, 'batchSize' | 'probesPerQuery' | 'pipelined' | 'afterRun' | 'whileGrowing'> {
  // PostgreSQL: the tables an import refreshed with the quick sample while it grew them, analysed in full
  // when it ends, stale or not (a run that ends just after a refresh would leave them on the sample).
  const sampled = new Set<string>();
  return {
    batchSize: database.kind === 'pglite' ? 50 : BATCH_ROWS,
    pipelined: database.kind !== 'pglite',
    probesPerQuery: database.kind === 'pglite' ? undefined : BATCH_ROWS,
    async afterRun() {
      const analysed = await analyzeStaleTables(database);
      for (const table of sampled) if (!analysed.includes(table)) await analyzeTable(database, table, false);
      sampled.clear();
    },
    // The table the duplicate checks read; its child rows, the report and the outbox wait for the end.
    // Called when the rows the run wrote have doubled, so the table is stale by then.
    async whileGrowing(table) {
      await analyzeTable(database, table, true);
      if (database.kind !== 'pglite') sampled.add(table);
    },
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
  // Read once, here: the options are the service's for its life.
  const settings: RunSettings = {
    batchSize: serviceOptions.batchSize ?? BATCH_ROWS,
    pipelined: serviceOptions.pipelined === true,
    probesPerQuery: serviceOptions.probesPerQuery,
    whileGrowing: serviceOptions.whileGrowing,
    log: serviceOptions.log,
  };
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
        await runImportJob(db, settings, job, file, source, onProgress);
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
