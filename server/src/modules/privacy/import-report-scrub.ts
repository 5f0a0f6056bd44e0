import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { importJobs } from '../../db/schema.js';
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

/**
 * Erasure of a person from the import reports of their desk: in every row of a report that quotes them,
 * the quoted values, rule details and suggestions go; the row number and the error code stay, so the
 * report's counts still add up. Returns how many reports changed.
 */
export async function scrubImportReports(tx: DbOrTx, deskId: string, person: PersonMarkers): Promise<number> {
  const jobs = await tx
    .select({ id: importJobs.id, report: importJobs.report })
    .from(importJobs)
    .where(sql`${importJobs.deskId} = ${deskId} and jsonb_array_length(${importJobs.report}) > 0`);
  let changed = 0;
  for (const job of jobs) {
    const entries = job.report as QuotedEntry[];
    const rows = new Set(entries.filter((e) => e.value && quotesPerson(e.value, person)).map((e) => e.row));
    if (rows.size === 0) continue;
    const report = entries.map((e) => {
      if (!rows.has(e.row)) return e;
      const { value: _v, detail: _d, suggestions: _s, ...kept } = e;
      return kept;
    });
    await tx
      .update(importJobs)
      .set({ report })
      .where(sql`${importJobs.id} = ${job.id}`);
    changed++;
  }
  return changed;
}
