import { tmpdir } from 'node:os';
import path from 'node:path';
import type { z } from 'zod';
import type { Database, DbOrTx } from '../../db/client.js';
import { desks } from '../../db/schema.js';
import { AppError, ValidationError } from '../../errors.js';
import {
  assertErrorRate,
  FileError,
  fieldsOf,
  ISSUE_MESSAGES,
  parseField,
  type ConvertedRow,
  type ConvertOptions,
  type EntityName,
  type HeaderMatch,
  type HeaderOverride,
  type ImportRecord,
  type IssueColumn,
} from '../../files/index.js';
import { createFileParser, type FileParser, type LoadedFile } from '../../files/worker/file-parser.js';
import { timeSlicer } from '../../lib/time-slice.js';
import { eq } from 'drizzle-orm';
import {
  ADAPTERS,
  stableJson,
  type DbState,
  type EntityAdapter,
  type ExistingRecord,
  type RowContext,
} from './entity-adapters.js';
import { IMPORT_MESSAGES, type ReportEntry } from './import-codes.js';
import {
  findJob,
  findJobByFile,
  insertJob,
  markInterrupted,
  recordBatch,
  resetJob,
  setJobState,
  ZERO_COUNTS,
  type ImportCounts,
  type ImportJobRow,
} from './imports.repository.js';
import { createReferenceResolver, type ReferenceResolver } from './reference-resolver.js';
import { createUploadStore, sourceSize, type ImportSource } from './upload-store.js';

/** A running job whose heartbeat (updated_at, refreshed per batch) is older than this has no live runner. */
export const IMPORT_STALE_AFTER_MS = 2 * 60_000;

/** D7: more than half the rows failing to parse means a wrong file or mapping, not typos. */
export const MAX_BAD_ROW_RATIO = 0.5;

/**
 * A refused file's report keeps this many problems: enough to see what is wrong with a file that mostly
 * fails. Not the 20,000 of a run's report: written at once, those were one 8 MB JSON value that held
 * the server thread for seconds on PGlite (finding 17).
 */
export const MAX_REFUSAL_REPORT_ENTRIES = 1_000;

export interface ImportOptions {
  mapping?: HeaderOverride;
  sheet?: string;
  /** Values for fields a file leaves blank or lacks (e.g. every asset in a file is for sale), as a desk would type them. */
  defaults?: Record<string, string>;
}

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
  /** Where files are read (a worker thread of its own by default). */
  parser?: FileParser;
}

type ProgressListener = (job: { cursor: number; totalRows: number | null; counts: ImportCounts }) => void;

/** What the server thread keeps of a file being imported; its rows come from the parsing thread. */
interface PreparedFile {
  match: HeaderMatch;
  defaults: ImportRecord;
  convertOptions: ConvertOptions;
}

/**
 * Reads the file's header in the parsing thread (FileError for a file that cannot be read), then applies
 * the rules of an import to it: every required column present, the desk's defaults valid for the file.
 */
async function prepare(
  file: LoadedFile,
  fileName: string,
  entity: EntityName,
  options: ImportOptions,
): Promise<PreparedFile> {
  const { match, convertOptions } = await file.prepare({
    fileName,
    entity,
    sheet: options.sheet,
    mapping: options.mapping,
  });
  if (match.missingRequired.length > 0)
    throw new AppError(
      'IMPORT_COLUMNS_MISSING',
      `The file lacks required columns: ${match.missingRequired.join(', ')}`,
      422,
      match.missingRequired.map((f) => ({ path: f, reason: ISSUE_MESSAGES.HEADER_MISSING_REQUIRED.en })),
    );
  const defaults = parseDefaults(entity, options.defaults ?? {}, convertOptions);
  return { match, defaults, convertOptions };
}

function parseDefaults(
  entity: EntityName,
  raw: Record<string, string>,
  options: ConvertOptions,
): ImportRecord {
  const out: ImportRecord = Object.create(null) as ImportRecord;
  const fields = new Map(fieldsOf(entity).map((f) => [f.name, f]));
  for (const [name, value] of Object.entries(raw)) {
    const field = fields.get(name);
    if (!field) throw new ValidationError([{ path: `defaults.${name}`, reason: `not a field of ${entity}` }]);
    const parsed = parseField(field, value, options);
    if (!parsed.ok) throw new ValidationError([{ path: `defaults.${name}`, reason: parsed.code }]);
    out[name] = parsed.value;
  }
  return out;
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
  const batchSize = serviceOptions.batchSize ?? 250;
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
      if (running.has(job.id))
        throw new AppError('IMPORT_RUNNING', 'This file is being imported; wait for the job to finish', 409);
      job = await resetJob(db, job.id, options);
    }
    return job;
  }

  /**
   * `open`, then run the job in the background unless it is finished or already running here. The
   * upload is the service's from here on: removed when it turns out not to be needed, or after the run.
   */
  async function submit(request: SubmitImport): Promise<{ job: ImportJobRow; started: boolean }> {
    let handedOver = false;
    try {
      const job = await open(request);
      if (job.status === 'done' || job.status === 'failed' || running.has(job.id))
        return { job, started: false };
      // Pending, or running in a process that died: (re)start from the recorded cursor. The job is
      // marked running before any await, so a second upload of the same file cannot start it twice.
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
      .catch(() => undefined)
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
      try {
        await runJob(job, file, onProgress);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await setJobState(db, id, { status: 'failed', error: message.slice(0, 500), finishedAt: new Date() });
        throw error;
      } finally {
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
  async function runJob(job: ImportJobRow, file: LoadedFile, onProgress?: ProgressListener) {
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
        await setJobState(db, id, { report: problems, counts: { ...ZERO_COUNTS, error: bad } });
        throw new FileError(
          'FILE_TOO_MANY_BAD_ROWS',
          `${bad} of ${total} rows have errors, more than the ${MAX_BAD_ROW_RATIO * 100}% allowed: nothing was imported. ` +
            'The report lists the problems row by row; check the file and the column mapping.',
          { badRows: bad, totalRows: total, maxRatio: MAX_BAD_ROW_RATIO },
          { cause: error },
        );
      }
      await setJobState(db, id, { totalRows: total, status: 'running' });
    }
    const adapter = ADAPTERS[entity];
    const resolver = createReferenceResolver(db, job.deskId);
    const seen = new Map<string, number>();
    let counts: ImportCounts = { ...ZERO_COUNTS, ...(job.counts as Partial<ImportCounts>) };
    let index = 0;
    let batch: ConvertedRow[] = [];
    const flush = async () => {
      const rows = batch;
      batch = [];
      const attempt = (savepoints: boolean) => {
        const seenBefore = new Map(seen);
        return db
          .transaction(async (tx) => {
            resolver.use(tx);
            const next = { ...counts };
            const { outcomes, report } = await processBatch(
              tx,
              adapter,
              resolver,
              prepared,
              rows,
              job,
              seen,
              savepoints,
            );
            for (const outcome of outcomes) next[outcome]++;
            next.warnings += report.filter((r) => r.severity === 'warning').length;
            await recordBatch(tx, id, { cursor: index, counts: next, report });
            return next;
          })
          .catch((error: unknown) => {
            seen.clear();
            for (const [k, v] of seenBefore) seen.set(k, v);
            throw error;
          });
      };
      // Fast path: the checks before each write catch what the API would refuse, so a batch rarely
      // fails in the database; when one does, it runs again with a savepoint per row.
      counts = await attempt(false).catch(() => attempt(true));
      resolver.use(db);
      onProgress?.({ cursor: index, totalRows: total, counts });
    };
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
     * Jobs left `running` by a dead process become `interrupted`, with a message saying how to resume
     * (re-upload or CLI), instead of showing a progress bar that never moves. Called at start-up and
     * then periodically (a restart within the stale window is caught by the next sweep).
     */
    async recoverInterrupted(staleAfterMs = IMPORT_STALE_AFTER_MS): Promise<number> {
      const marked = await markInterrupted(db, new Date(Date.now() - staleAfterMs), [...running.keys()]);
      return marked.length;
    },
    get: (id: string) => findJob(db, id),
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

type Outcome = 'create' | 'update' | 'unchanged' | 'error';

interface RowWork {
  row: ConvertedRow;
  entries: ReportEntry[];
  ctx: RowContext;
  outcome?: Outcome;
  input?: Record<string, unknown>;
  existing?: ExistingRecord;
  state?: DbState;
}

const keyField = (entity: EntityName) =>
  entity === 'firms' ? 'vat' : entity === 'assets' ? 'inventoryNumber' : 'externalRef';

/**
 * One batch of rows: build each from the file, resolve references, validate it as the API would,
 * compare it with what is stored, and write what changed. Everything that can refuse a row
 * happens before the first write. Without savepoints, creates go in as multi-row inserts (the
 * fast path); with them, each write has its own savepoint, so a constraint the checks did not
 * foresee rolls back that row only.
 */
async function processBatch(
  tx: DbOrTx,
  adapter: EntityAdapter,
  resolver: ReferenceResolver,
  file: PreparedFile,
  rows: ConvertedRow[],
  job: ImportJobRow,
  seen: Map<string, number>,
  savepoints: boolean,
): Promise<{ outcomes: Outcome[]; report: ReportEntry[] }> {
  const columnOf = (field: string): IssueColumn | undefined => {
    const index = file.match.fieldColumns.get(field);
    if (index === undefined) return undefined;
    const c = file.match.columns[index]!;
    return { index, letter: c.letter, header: c.header };
  };
  const work: RowWork[] = rows.map((row) => {
    const at = {
      row: row.rowNumber,
      ...(row.line !== undefined && row.line !== row.rowNumber ? { line: row.line } : {}),
    };
    const entries: ReportEntry[] = row.issues.map((i) => ({ ...i, severity: 'error' as const }));
    const ctx: RowContext = {
      deskId: job.deskId,
      resolver,
      issue(field, code, options = {}) {
        const column = columnOf(field);
        entries.push({
          ...at,
          ...(column ? { column } : {}),
          field,
          ...(options.value !== undefined ? { value: String(options.value).slice(0, 200) } : {}),
          code,
          message: IMPORT_MESSAGES[code],
          severity: options.severity ?? 'error',
          ...(options.suggestions ? { suggestions: options.suggestions } : {}),
        });
      },
    };
    return { row, entries, ctx };
  });
  const hasError = (w: RowWork) => w.entries.some((e) => e.severity === 'error');
  // The batch runs in a transaction, but its work is cut into slices: other requests go through between them.
  const slice = timeSlicer();

  // 1. The row on its own: parse problems, duplicates within the file, references.
  for (const w of work) {
    await slice();
    if (hasError(w)) {
      w.outcome = 'error';
      continue;
    }
    const record: ImportRecord = Object.assign(
      Object.create(null) as ImportRecord,
      file.defaults,
      w.row.record,
    );
    const key = adapter.fileKey(record);
    if (key !== undefined) {
      const first = seen.get(key);
      if (first !== undefined) {
        w.ctx.issue(keyField(adapter.entity), 'DUPLICATE_IN_FILE', { value: `${key} (${first})` });
        w.outcome = 'error';
        continue;
      }
      seen.set(key, w.row.rowNumber);
    }
    w.input = await adapter.build(record, w.ctx);
    if (hasError(w)) w.outcome = 'error';
  }

  // 2. What is stored under the same natural keys, in one query where the adapter can.
  await slice();
  const live = work.filter((w) => !w.outcome);
  const found = adapter.findMany
    ? await adapter.findMany(
        tx,
        live.map((w) => w.input!),
        job.deskId,
      )
    : await (async () => {
        const out: (ExistingRecord | undefined)[] = [];
        for (const w of live) out.push(await adapter.findExisting(tx, w.input!, job.deskId));
        return out;
      })();

  // 3. The record as it would be, validated by the API's schema, compared with what is stored.
  for (const [i, w] of live.entries()) {
    await slice();
    const existing = found[i];
    if (existing && existing.deskId !== null && existing.deskId !== job.deskId) {
      w.ctx.issue(keyField(adapter.entity), 'OTHER_DESK');
      w.outcome = 'error';
      continue;
    }
    const merged = adapter.merge(existing, w.input!, job.deskId);
    const parsed = (adapter.schema as z.ZodType<Record<string, unknown>>).safeParse(merged);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const apiField = String(issue.path[0] ?? '');
        const field = adapter.fileFieldOf[apiField] ?? apiField;
        const column = columnOf(field);
        const missing = merged[apiField] === undefined;
        w.entries.push({
          row: w.row.rowNumber,
          ...(column ? { column } : {}),
          field,
          code: missing ? 'REQUIRED' : 'RULE_VIOLATED',
          message: missing ? ISSUE_MESSAGES.REQUIRED : IMPORT_MESSAGES.RULE_VIOLATED,
          detail: `${issue.path.join('.')}: ${issue.message}`,
          severity: 'error',
        });
      }
      w.outcome = 'error';
      continue;
    }
    const value = parsed.data;
    const m = value.municipality as { country: string; code: string };
    const place = await resolver.placeOf(m.country, m.code);
    if (!place) {
      w.ctx.issue('municipality', 'MUNICIPALITY_UNKNOWN', { value: `${m.country} ${m.code}` });
      w.outcome = 'error';
      continue;
    }
    w.existing = existing;
    w.state = adapter.toState(value, place);
    w.outcome =
      existing && stableJson(w.state) === stableJson(existing.state)
        ? 'unchanged'
        : existing
          ? 'update'
          : 'create';
  }

  // 4. The writes.
  await slice();
  if (!job.dryRun) {
    const creates = work.filter((w) => w.outcome === 'create');
    const updates = work.filter((w) => w.outcome === 'update');
    if (!savepoints) {
      if (adapter.insertMany && creates.length > 0)
        await adapter.insertMany(
          tx,
          creates.map((w) => ({ input: w.input!, state: w.state! })),
          job.deskId,
        );
      else
        for (const w of creates) {
          await slice();
          await adapter.insert(tx, w.input!, w.state!, job.deskId);
        }
      for (const w of updates) {
        await slice();
        await adapter.update(tx, w.existing!, w.state!);
      }
    } else {
      for (const w of [...creates, ...updates]) {
        await slice();
        const once = () =>
          tx.transaction(async (savepoint) => {
            if (w.existing) await adapter.update(savepoint, w.existing, w.state!);
            else await adapter.insert(savepoint, w.input!, w.state!, job.deskId);
          });
        try {
          // A profile's random pseudonym can collide with one already issued (six characters: the
          // birthday bound bites from a few tens of thousands of profiles); a new draw settles it.
          for (let attempt = 1; ; attempt++) {
            try {
              await once();
              break;
            } catch (error) {
              if (attempt >= 3 || !isPseudonymClash(error)) throw error;
            }
          }
        } catch (error) {
          const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
          w.ctx.issue(keyField(adapter.entity), 'WRITE_FAILED', {
            value: cause instanceof Error ? cause.message.slice(0, 200) : undefined,
          });
          w.outcome = 'error';
        }
      }
    }
  }
  return { outcomes: work.map((w) => w.outcome!), report: work.flatMap((w) => w.entries) };
}

function isPseudonymClash(error: unknown): boolean {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return cause instanceof Error && cause.message.includes('profiles_code_key');
}
