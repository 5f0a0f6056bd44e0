import { sql } from 'drizzle-orm';
import type { ConvertedRow } from '../../files/index.js';
import { EarlierRows, type FileRow } from '../duplicates/index.js';
import { forgetAddedAfter, ImportTakenOver, type BatchRun, type BatchSchedule } from './batch-run.js';
import { isComparedInFile } from './duplicate-warnings.js';
import { lockCursor, recordBatch, type ImportCounts } from './imports.repository.js';
import { prepareBatch, writeBatch, type PreparedBatch } from './process-batch.js';

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

/** A batch whose write is under way. */
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

/**
 * The pipelined run (PostgreSQL, not a dry run: `pipelined` in `ImportServiceOptions`). Batch N+1 is
 * prepared (read, resolved, validated, compared with the stored records) in a read-only transaction on
 * another connection while batch N is written, so the app's work and the database's overlap instead of
 * taking turns.
 *
 * That transaction takes its snapshot before N's write begins, so N+1 sees the records of the batches up
 * to N-1 whatever the timing, and compares its rows with N's as rows of the file (as a dry run compares
 * its batches); N's write never waits for another connection (which requests blocked on the job's row
 * could all hold). N+1's keys are other keys of the file, so what is stored under them is not N's work
 * either, unless N updates the same record under another key (a firm's VAT number in one row, its SIRET
 * in the next): N+1 is then read again after N. A batch whose read or write fails runs again the
 * sequential way (`BatchRun.runBatch`), which reports why.
 */
export function createPipeline(run: BatchRun): BatchSchedule {
  const { db, context } = run;
  const { job, resolver, seen, adapter } = context;
  let writing: Writing | undefined;

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

  /** A batch read ahead that failed is read again with its write, the sequential way. */
  const readFailed = (error: unknown) => {
    run.log?.error({ err: error, importId: job.id }, 'reading an import batch ahead failed');
    return undefined;
  };

  /** The batch being written, through; false when its write failed and it was run again on its own. */
  const settle = async (batch: Writing): Promise<boolean> => {
    let next: ImportCounts;
    try {
      next = await batch.written;
    } catch (error) {
      if (error instanceof ImportTakenOver) throw error;
      // Its keys go, and those of the batch read meanwhile, which runs on its own after it.
      forgetAddedAfter(seen, batch.seenBefore);
      await run.runBatch(batch.rows, batch.end);
      return false;
    }
    // Outside the try: a failing progress callback fails the run, it does not write the batch again.
    await run.committedTo(batch.end, next, batch.inFile);
    return true;
  };

  const startWrite = async (rows: ConvertedRow[], end: number, seenBefore: number, ready: PreparedBatch) => {
    const reader = await openReader().catch(readFailed);
    const written = db.transaction(async (tx) => {
      if ((await lockCursor(tx, job.id)) !== run.committed()) throw new ImportTakenOver();
      const { outcomes, report } = await writeBatch({ ...context, tx, savepoints: false }, ready);
      const next = run.tally(outcomes, report);
      await recordBatch(tx, job.id, { cursor: end, counts: next, report });
      return next;
    });
    written.catch(() => {}); // awaited by settle; until then not unhandled
    writing = { rows, end, seenBefore, inFile: ready.inFile, updates: ready.updates, written, reader };
  };

  return {
    async add(rows, end) {
      const previous = writing;
      const seenBefore = seen.size;
      // After a batch whose reader failed to open, nothing is read while it is written.
      const reader = previous ? previous.reader : await openReader().catch(readFailed);
      let ready: PreparedBatch | undefined;
      if (reader) {
        let earlier: EarlierRows | undefined;
        if (previous && isComparedInFile(adapter.entity)) {
          earlier = new EarlierRows(adapter.entity);
          earlier.remember(previous.inFile);
        }
        ready = await reader.prepare(rows, earlier, previous?.updates ?? new Set()).catch(readFailed);
      }
      if (previous) {
        const ok = await settle(previous);
        writing = undefined;
        // This batch's keys were forgotten with the failed one's: it runs on its own too.
        if (!ok) return run.runBatch(rows, end);
        if (ready?.work.some((w) => w.existing && previous.updates.has(w.existing.id))) ready = undefined;
      }
      if (!ready) {
        forgetAddedAfter(seen, seenBefore);
        return run.runBatch(rows, end);
      }
      await startWrite(rows, end, seenBefore, ready);
    },
    async finish() {
      if (!writing) return;
      await writing.reader?.close();
      await settle(writing);
      writing = undefined;
    },
    async abort() {
      await writing?.reader?.close();
      await writing?.written.catch(() => {});
    },
  };
}
