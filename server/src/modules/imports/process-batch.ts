import type { z } from 'zod';
import { allows } from '../../auth/policy.js';
import type { Principal } from '../../auth/principal.js';
import type { DbOrTx } from '../../db/client.js';
import {
  ISSUE_MESSAGES,
  type ConvertedRow,
  type EntityName,
  type ImportRecord,
  type IssueColumn,
} from '../../files/index.js';
import { timeSlicer } from '../../lib/event-loop.js';
import {
  stableJson,
  type DbState,
  type EntityAdapter,
  type ExistingRecord,
  type RowContext,
} from './entity-adapters.js';
import { IMPORT_MESSAGES, type ReportEntry } from './import-codes.js';
import type { ImportJobRow } from './imports.repository.js';
import type { ImportOptions, PreparedFile } from './prepared-file.js';
import type { ReferenceResolver } from './reference-resolver.js';
import { correctionLookup } from './corrections.js';
import { duplicateWarnings, inFileWarnings } from './duplicate-warnings.js';
import type { EarlierRows, FileRow, LookupOptions } from '../duplicates/index.js';

/** What one batch works with: named, so no call passes eight values in the right order by luck. */
export interface BatchContext {
  tx: DbOrTx;
  adapter: EntityAdapter;
  resolver: ReferenceResolver;
  file: PreparedFile;
  job: ImportJobRow;
  /** Natural keys seen so far in the file, with their row: duplicates within a file are refused. */
  seen: Map<string, number>;
  /** One savepoint per row (the retry after a batch failed in the database). */
  savepoints: boolean;
  /** Who the job writes as: every update is authorised by the policy, as the API's are. */
  principal: Principal;
  /**
   * A dry run's rows of the earlier batches, which are not stored: a row is compared with them as a real
   * run's row is with the stored records of the earlier batches.
   */
  earlierInFile?: EarlierRows;
  /** How the duplicate checks ask the database (ImportServiceOptions.probesPerQuery). */
  lookup?: LookupOptions;
  /**
   * Stored records that the batch being written meanwhile updates (a pipelined run): their stored state
   * is about to change, so they are compared through that batch's rows (`earlierInFile`) only.
   */
  updatedMeanwhile?: ReadonlySet<string>;
}

export type Outcome = 'create' | 'update' | 'unchanged' | 'error';

interface RowWork {
  row: ConvertedRow;
  entries: ReportEntry[];
  ctx: RowContext;
  outcome?: Outcome;
  input?: Record<string, unknown>;
  /** The record as it will be written (the API's validated shape). */
  value?: Record<string, unknown>;
  existing?: ExistingRecord;
  state?: DbState;
}

export const keyField = (entity: EntityName) =>
  entity === 'firms' ? 'vat' : entity === 'assets' ? 'inventoryNumber' : 'externalRef';

/**
 * One batch of rows: build each from the file, resolve references, validate it as the API would,
 * compare it with what is stored, and write what changed. Everything that can refuse a row
 * happens before the first write. Without savepoints, creates go in as multi-row inserts (the
 * fast path); with them, each write has its own savepoint, so a constraint the checks did not
 * foresee rolls back that row only.
 */
export async function processBatch(
  batch: BatchContext,
  rows: ConvertedRow[],
): Promise<{ outcomes: Outcome[]; report: ReportEntry[]; inFile: FileRow[] }> {
  // One slicer for both halves: the writes do not start with a fresh time budget.
  const slice = timeSlicer();
  return writeBatch(batch, await prepareBatch(batch, rows, slice), slice);
}

/** A batch checked and ready to write: every row's outcome is known, with its errors and warnings. */
export interface PreparedBatch {
  work: readonly RowWork[];
  /** The batch's rows as the in-file duplicate check compares them (`EarlierRows.remember`). */
  inFile: FileRow[];
  /** The stored records the batch updates. */
  updates: ReadonlySet<string>;
}

/**
 * Steps 1 to 3b of `processBatch`: everything that reads. It writes nothing, so it may run in a read-only
 * transaction of its own while the batch before is written (`pipelined` in `ImportServiceOptions`).
 */
export async function prepareBatch(
  batch: Omit<BatchContext, 'savepoints'>,
  rows: ConvertedRow[],
  // The batch runs in a transaction, but its work is cut into slices: other requests go through between them.
  slice = timeSlicer(),
): Promise<PreparedBatch> {
  const { tx, adapter, resolver, file, job, seen, principal, earlierInFile, lookup, updatedMeanwhile } =
    batch;
  const columnOf = (field: string): IssueColumn | undefined => {
    const index = file.match.fieldColumns.get(field);
    if (index === undefined) return undefined;
    const c = file.match.columns[index]!;
    return { index, letter: c.letter, header: c.header };
  };
  const corrected = correctionLookup((job.options as ImportOptions | null)?.corrections);
  const work: RowWork[] = rows.map((row) => {
    const at = {
      row: row.rowNumber,
      ...(row.line !== undefined && row.line !== row.rowNumber ? { line: row.line } : {}),
    };
    const entries: ReportEntry[] = row.issues.map((i) => ({ ...i, severity: 'error' as const }));
    const ctx: RowContext = {
      deskId: job.deskId,
      resolver,
      corrected: (field, value) => corrected(row.rowNumber, field, value),
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
    // Another desk's record, or one the job's principal may not change under the policy.
    const foreign = existing && existing.deskId !== null && existing.deskId !== job.deskId;
    if (existing && (foreign || !allows(principal, 'write', adapter.spec.owned.kind, existing.owner))) {
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
    w.value = value;
    w.state = adapter.toState(value, place);
    w.outcome =
      existing && stableJson(w.state) === stableJson(existing.state)
        ? 'unchanged'
        : existing
          ? 'update'
          : 'create';
  }

  // 3b. Rows that look like a record already stored under another key: a warning, the row is written.
  await slice();
  const changing = work.filter((w) => w.outcome === 'create' || w.outcome === 'update');
  const warnings = await duplicateWarnings(
    tx,
    adapter.entity,
    changing.map((w) => ({
      row: w.row.rowNumber,
      field: keyField(adapter.entity),
      value: w.value!,
      excludeId: w.existing?.id ?? null,
    })),
    principal,
    updatedMeanwhile?.size ? { ...lookup, skip: [...updatedMeanwhile] } : lookup,
  );
  // … and rows that look like an earlier row of the file (the same person twice in one file).
  const inFile = await inFileWarnings(
    tx,
    adapter.entity,
    changing.map((w) => ({ row: w.row.rowNumber, field: keyField(adapter.entity), value: w.value! })),
    earlierInFile,
  );
  warnings.push(...inFile.warnings);
  const byRow = new Map(changing.map((w) => [w.row.rowNumber, w]));
  for (const warning of warnings) byRow.get(warning.row)!.entries.push(warning);

  const updates = new Set(work.flatMap((w) => (w.outcome === 'update' ? [w.existing!.id] : [])));
  return { work, inFile: inFile.remember, updates };
}

/**
 * Step 4 of `processBatch`: the writes of a prepared batch. Without savepoints, creates go in as multi-row
 * inserts and any failure fails the batch; with them, a write that fails marks its row only.
 */
export async function writeBatch(
  batch: Pick<BatchContext, 'tx' | 'adapter' | 'job' | 'savepoints' | 'principal'>,
  { work, inFile }: PreparedBatch,
  slice = timeSlicer(),
): Promise<{ outcomes: Outcome[]; report: ReportEntry[]; inFile: FileRow[] }> {
  const { tx, adapter, job, savepoints, principal } = batch;

  // 4. The writes.
  await slice();
  if (!job.dryRun) {
    const creates = work.filter((w) => w.outcome === 'create');
    const updates = work.filter((w) => w.outcome === 'update');
    if (!savepoints) {
      if (creates.length > 0)
        await adapter.insertMany(
          tx,
          creates.map((w) => ({ input: w.input!, state: w.state! })),
          job.deskId,
        );
      for (const w of updates) {
        await slice();
        await adapter.update(tx, w.existing!, w.state!, principal);
      }
    } else {
      for (const w of [...creates, ...updates]) {
        await slice();
        try {
          // The repositories draw a profile's pseudonym again on a clash; anything else fails this row only.
          await tx.transaction(async (savepoint) => {
            if (w.existing) await adapter.update(savepoint, w.existing, w.state!, principal);
            else await adapter.insertMany(savepoint, [{ input: w.input!, state: w.state! }], job.deskId);
          });
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
  return {
    outcomes: work.map((w) => w.outcome!),
    report: work.flatMap((w) => w.entries),
    inFile,
  };
}
