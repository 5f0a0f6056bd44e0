import type { Database } from '../../db/client.js';
import type { ConvertedRow } from '../../files/index.js';
import type { FileRow } from '../duplicates/index.js';
import type { ReportEntry } from './import-codes.js';
import type { ImportCounts } from './imports.repository.js';
import type { BatchContext, Outcome } from './process-batch.js';

/** Another runner (another process, after this one was taken for dead) committed past this one's cursor. */
export class ImportTakenOver extends Error {}

/**
 * Undoes a failed batch's additions to the file's keys. A batch only adds keys (a key already seen is
 * refused, never replaced), and a Map iterates in insertion order, so they are the ones after `size`.
 */
export function forgetAddedAfter(seen: Map<string, number>, size: number): void {
  let position = 0;
  for (const key of seen.keys()) if (position++ >= size) seen.delete(key);
}

/** What every batch of a run shares, whichever way the batches are scheduled. */
export interface BatchRun {
  db: Database;
  /** A batch's context but for its transaction and the run's schedule: the job, its file keys, … */
  context: Omit<BatchContext, 'tx' | 'savepoints' | 'earlierInFile' | 'updatedMeanwhile'>;
  /** Fencing: a batch commits only if the job's cursor is still this (read it when the batch commits). */
  committed(): number;
  /** The run's counts with a batch's outcomes and warnings added. */
  tally(outcomes: readonly Outcome[], report: readonly ReportEntry[]): ImportCounts;
  /** What follows a batch's commit: the run's counts and cursor move on. */
  committedTo(end: number, next: ImportCounts, inFile: FileRow[]): Promise<void>;
  /** One batch read, checked and written in one transaction (and again with savepoints if that fails). */
  runBatch(rows: ConvertedRow[], end: number): Promise<void>;
  log?: { error(details: object, message: string): void };
}

/** How a run's batches are scheduled: one after the other, or pipelined. */
export interface BatchSchedule {
  /** The rows up to `end` (the cursor once they commit). */
  add(rows: ConvertedRow[], end: number): Promise<void>;
  /** Every batch added is through. */
  finish(): Promise<void>;
  /** A run cut short: leaves no transaction of its own open. */
  abort(): Promise<void>;
}
