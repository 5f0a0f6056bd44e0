/**
 * The project's own label files (seed/reference/*_provisional.csv, *_supplement.csv): vocabulary written by
 * the project, not by ESCO, kept apart from the official labels by `esco_labels.source`.
 *
 * - `provisional` (Italian): ESCO's Italian files are not on these machines, so the project wrote a
 *   preferred label (both genders, "saldatore/saldatrice") and the alternative titles Italian job ads use.
 *   They label a concept only while it has no official label in that language: `import:esco` with the
 *   official files replaces them concept by concept, and a later reload of the provisional file skips the
 *   concepts that have official labels.
 * - `supplement` (French): everyday trade names ESCO's French lacks ("grutier", "cariste"), added next to
 *   the official labels as alternative labels and kept when official files are imported.
 *
 * A bad file is refused as a whole, naming the line (unknown URI, duplicate, broken encoding, empty label):
 * the caller loads it in one transaction, so nothing is half-loaded.
 */
import { parse } from 'csv-parse/sync';
import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { escoLabels, escoOccupations, escoSkills, type LabelSource } from '../db/schema.js';
import { insertChunked, labelRows } from './rows.js';

export type ProjectLabelKind = 'occupation' | 'skill';

export interface ProjectLabelSpec {
  file: string;
  kind: ProjectLabelKind;
  lang: string;
  source: Exclude<LabelSource, 'esco'>;
  /** Column of the preferred label (provisional files); supplements add alternative labels only. */
  labelColumn?: string;
  altColumn?: string;
}

export class ReferenceFileError extends Error {
  override name = 'ReferenceFileError';
  constructor(
    readonly file: string,
    readonly line: number | null,
    detail: string,
  ) {
    super(`${file}${line !== null ? `, line ${line}` : ''}: ${detail}`);
  }
}

export interface ProjectLabelRow {
  line: number;
  uri: string;
  label: string | null;
  alternatives: string[];
}

const splitAlt = (v: string | undefined) =>
  (v ?? '')
    .split('|')
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * Refuses bytes that are not UTF-8, naming the first bad line: a file saved as Latin-1 or Windows-1252
 * would otherwise load "saldatura" as mojibake that nobody can find.
 */
function checkUtf8(file: string, bytes: Uint8Array): string {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    // U+FFFD means the file was already mis-decoded once before it was saved.
    const bad = text.indexOf('\uFFFD');
    if (bad >= 0)
      throw new ReferenceFileError(file, lineAt(text, bad), 'replacement character (�): broken encoding');
    return text;
  } catch (err) {
    if (err instanceof ReferenceFileError) throw err;
    let line = 1;
    let start = 0;
    const decoder = new TextDecoder('utf-8', { fatal: true });
    for (let i = 0; i <= bytes.length; i++) {
      if (i === bytes.length || bytes[i] === 0x0a) {
        try {
          decoder.decode(bytes.subarray(start, i));
        } catch {
          throw new ReferenceFileError(file, line, 'not valid UTF-8 (save the file as UTF-8)');
        }
        line++;
        start = i + 1;
      }
    }
    throw new ReferenceFileError(file, null, 'not valid UTF-8 (save the file as UTF-8)');
  }
}

const lineAt = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

/** Parses and checks a project label file on its own (no database): encoding, columns, duplicates, empties. */
export function parseProjectLabels(spec: ProjectLabelSpec, bytes: Uint8Array): ProjectLabelRow[] {
  const text = checkUtf8(spec.file, bytes);
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, { columns: true, bom: true, skip_empty_lines: true, info: true }) as typeof records;
  } catch (err) {
    const line = (err as { lines?: number }).lines ?? null;
    throw new ReferenceFileError(spec.file, line, `not a valid CSV file (${(err as Error).message})`);
  }
  const required = ['uri', spec.labelColumn, spec.altColumn].filter((c): c is string => !!c);
  const header = records[0] ? Object.keys(records[0].record) : [];
  for (const column of required) {
    if (records.length > 0 && !header.includes(column))
      throw new ReferenceFileError(spec.file, 1, `missing column "${column}"`);
  }
  const seen = new Map<string, number>();
  const out: ProjectLabelRow[] = [];
  for (const { record, info } of records) {
    const line = info.lines;
    const uri = (record.uri ?? '').trim();
    if (!uri) throw new ReferenceFileError(spec.file, line, 'empty uri');
    const first = seen.get(uri);
    if (first !== undefined)
      throw new ReferenceFileError(spec.file, line, `duplicate of line ${first} (${uri})`);
    seen.set(uri, line);
    const label = spec.labelColumn ? (record[spec.labelColumn] ?? '').trim() : null;
    if (spec.labelColumn && !label)
      throw new ReferenceFileError(spec.file, line, `empty ${spec.labelColumn}`);
    const alternatives = spec.altColumn ? splitAlt(record[spec.altColumn]) : [];
    if (!spec.labelColumn && alternatives.length === 0)
      throw new ReferenceFileError(spec.file, line, `empty ${spec.altColumn}`);
    out.push({ line, uri, label, alternatives });
  }
  return out;
}

/**
 * "saldatore/saldatrice": each gendered form is also a label of its own, so either one is found whole
 * (exact-match ranking) and by prefix. Only for occupations, where the slash is always this convention.
 */
export function genderedForms(kind: string, preferred: string): string[] {
  if (kind !== 'occupation' || !preferred.includes('/')) return [];
  return preferred
    .split('/')
    .map((s) => s.trim())
    .filter((s) => s.length > 1);
}

async function knownUris(db: DbOrTx, kind: ProjectLabelKind, uris: string[]): Promise<Set<string>> {
  const table = kind === 'occupation' ? escoOccupations : escoSkills;
  const known = new Set<string>();
  for (let i = 0; i < uris.length; i += 5000) {
    const rows = await db
      .select({ uri: table.uri })
      .from(table)
      .where(inArray(table.uri, uris.slice(i, i + 5000)));
    for (const r of rows) known.add(r.uri);
  }
  return known;
}

/** Concepts that hold official labels in a language: provisional labels must not be added to them. */
async function officiallyLabelled(db: DbOrTx, kind: ProjectLabelKind, lang: string): Promise<Set<string>> {
  const rows = await db
    .selectDistinct({ uri: escoLabels.conceptUri })
    .from(escoLabels)
    .where(and(eq(escoLabels.conceptKind, kind), eq(escoLabels.lang, lang), eq(escoLabels.source, 'esco')));
  return new Set(rows.map((r) => r.uri));
}

export interface ProjectLabelReport {
  rows: number;
  /** Concepts left to their official labels (provisional files only). */
  officialKept: number;
  labels: (typeof escoLabels.$inferInsert)[];
}

/**
 * The label rows a checked file gives, after refusing unknown URIs (by line). Replaces the file's previous
 * labels of the same source, language and kind; the caller runs it in a transaction.
 */
export async function loadProjectLabels(
  db: DbOrTx,
  spec: ProjectLabelSpec,
  rows: ProjectLabelRow[],
): Promise<ProjectLabelReport> {
  const known = await knownUris(
    db,
    spec.kind,
    rows.map((r) => r.uri),
  );
  const unknown = rows.find((r) => !known.has(r.uri));
  if (unknown)
    throw new ReferenceFileError(spec.file, unknown.line, `unknown ESCO ${spec.kind} ${unknown.uri}`);
  await db
    .delete(escoLabels)
    .where(
      and(
        eq(escoLabels.source, spec.source),
        eq(escoLabels.lang, spec.lang),
        eq(escoLabels.conceptKind, spec.kind),
      ),
    );
  const official =
    spec.source === 'provisional' ? await officiallyLabelled(db, spec.kind, spec.lang) : new Set();
  const labels: (typeof escoLabels.$inferInsert)[] = [];
  let officialKept = 0;
  for (const r of rows) {
    if (official.has(r.uri)) {
      officialKept++;
      continue;
    }
    const alternatives = [...(r.label ? genderedForms(spec.kind, r.label) : []), ...r.alternatives];
    for (const row of labelRows(r.uri, spec.kind, spec.lang, r.label ?? undefined, alternatives))
      labels.push({ ...row, source: spec.source });
  }
  // ON CONFLICT DO NOTHING: an official label with the same text stays official.
  await insertChunked(db, escoLabels, labels);
  return { rows: rows.length, officialKept, labels };
}
