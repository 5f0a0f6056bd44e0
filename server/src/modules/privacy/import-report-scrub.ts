import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { importJobs, importReportEntries } from '../../db/schema.js';
import { foldLabel } from '../../lib/text.js';

/** What identifies a person in a cell an import report quotes. */
export interface PersonMarkers {
  externalRef: string;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
}

interface QuotedEntry {
  row: number;
  value?: string;
  detail?: string;
  suggestions?: unknown;
}

const digits = (text: string) => text.replace(/\D/g, '');

/**
 * Does a quoted cell value speak of this person? Import reports quote only the cells that failed, often
 * mangled ("mario.rossi(at)example.org", a phone with a letter in it), so the match is deliberately
 * loose: erasing one quote too many from an operational report costs nothing.
 */
export function quotesPerson(value: string, person: PersonMarkers): boolean {
  const text = foldLabel(value);
  const words = [person.externalRef, person.lastName, person.email?.split('@')[0] ?? '']
    .map(foldLabel)
    .filter((w) => w.length >= 3);
  if (words.some((w) => text.includes(w))) return true;
  if (foldLabel(person.firstName).length >= 2 && text === foldLabel(person.firstName)) return true;
  const phone = person.phone ? digits(person.phone) : '';
  return phone.length >= 6 && digits(value).includes(phone.slice(-6));
}

/** A report entry of one of a desk's imports, with the import it belongs to. */
export interface DeskReportEntry {
  jobId: string;
  fileName: string;
  createdAt: Date;
  seq: number;
  entry: QuotedEntry & { field?: string; code: string };
}

/**
 * The entries of a desk's import reports that belong to a row speaking of this person: every entry of
 * such a row, since the row's other cells (a name beside the quoted e-mail) are about them too.
 */
export async function entriesAboutPerson(
  db: DbOrTx,
  deskId: string,
  person: PersonMarkers,
): Promise<DeskReportEntry[]> {
  const entries = (await db
    .select({
      jobId: importReportEntries.jobId,
      fileName: importJobs.fileName,
      createdAt: importJobs.createdAt,
      seq: importReportEntries.seq,
      entry: importReportEntries.entry,
    })
    .from(importReportEntries)
    .innerJoin(importJobs, eq(importJobs.id, importReportEntries.jobId))
    .where(eq(importJobs.deskId, deskId))
    .orderBy(
      asc(importJobs.createdAt),
      asc(importReportEntries.jobId),
      asc(importReportEntries.seq),
    )) as DeskReportEntry[];
  const rowKey = (e: DeskReportEntry) => `${e.jobId}:${e.entry.row}`;
  const rows = new Set(
    entries.filter((e) => e.entry.value && quotesPerson(e.entry.value, person)).map(rowKey),
  );
  return entries.filter((e) => rows.has(rowKey(e)));
}

/**
 * Erasure of a person from the import reports of their desk: in every row of a report that quotes them,
 * the quoted values, rule details and suggestions go; the row number and the error code stay, so the
 * report's counts still add up. Returns how many reports changed.
 */
export async function scrubImportReports(tx: DbOrTx, deskId: string, person: PersonMarkers): Promise<number> {
  const seqsByJob = new Map<string, number[]>();
  for (const e of await entriesAboutPerson(tx, deskId, person))
    seqsByJob.set(e.jobId, [...(seqsByJob.get(e.jobId) ?? []), e.seq]);
  for (const [jobId, seqs] of seqsByJob)
    await tx
      .update(importReportEntries)
      .set({ entry: sql`${importReportEntries.entry} - 'value' - 'detail' - 'suggestions'` })
      .where(and(eq(importReportEntries.jobId, jobId), inArray(importReportEntries.seq, seqs)));
  return seqsByJob.size;
}
