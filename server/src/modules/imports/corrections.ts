/**
 * Suggestions a desk accepted in an import report: "this cell means that ESCO concept", for one row or
 * for every row with the same text. They travel with the upload (the `corrections` form field), so the
 * job is read again with them (a dry run first): the importer never applies a suggestion on its own.
 */
import { z } from 'zod';
import { ValidationError } from '../../errors.js';

const ESCO_URI = /^http:\/\/data\.europa\.eu\/esco\/(occupation|skill)\/[0-9a-f-]{36}$/;

export const CorrectionSchema = z.strictObject({
  /** The report's field (e.g. `occupations`, `skills`, `occupation`). */
  field: z.string().min(1).max(64),
  /** The cell's text as the report shows it. */
  value: z.string().trim().min(1).max(200),
  uri: z.string().regex(ESCO_URI, 'an ESCO occupation or skill URI'),
  /** Only this row of the file; absent: every row with this text in this field. */
  row: z.number().int().min(1).optional(),
});
export type ImportCorrection = z.infer<typeof CorrectionSchema>;

const CorrectionsSchema = z.array(CorrectionSchema).max(1000, 'at most 1000 corrections');

/** The form field as sent (JSON text), checked; the path of a bad entry is named ("corrections.2.uri"). */
export function parseCorrections(text: string | undefined): ImportCorrection[] | undefined {
  if (text === undefined || text === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ValidationError([{ path: 'corrections', reason: 'not valid JSON' }]);
  }
  const parsed = CorrectionsSchema.safeParse(value);
  if (!parsed.success)
    throw new ValidationError(
      parsed.error.issues.map((i) => ({ path: ['corrections', ...i.path].join('.'), reason: i.message })),
    );
  return parsed.data.length > 0 ? parsed.data : undefined;
}

const key = (field: string, value: string) => `${field}\u0000${value.trim().slice(0, 200)}`;

/** Looks a cell up in the accepted corrections: the row's own first, then the one for all rows. */
export function correctionLookup(corrections: readonly ImportCorrection[] | undefined) {
  const all = new Map<string, string>();
  const byRow = new Map<string, string>();
  for (const c of corrections ?? []) {
    if (c.row === undefined) all.set(key(c.field, c.value), c.uri);
    else byRow.set(`${c.row}\u0000${key(c.field, c.value)}`, c.uri);
  }
  return (row: number, field: string, value: string): string | undefined =>
    byRow.get(`${row}\u0000${key(field, value)}`) ?? all.get(key(field, value));
}
