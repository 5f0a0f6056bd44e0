/**
 * Imports ESCO labels of any language from the official ESCO CSV distribution (the "classification"
 * download of the ESCO portal: `occupations_<lang>.csv`, `skills_<lang>.csv`, `skillGroups_<lang>.csv`),
 * from a folder or from the downloaded .zip. The bundled reference data has EN/FR labels only; this is how a
 * deployment adds Italian (or any language).
 *
 * Contract:
 * - the language is taken from the file name (`skills_it.csv` → `it`);
 * - only concepts already in esco_occupations / esco_skills / esco_skill_groups are labelled; the others are
 *   counted and reported (a file from a newer ESCO release may hold concepts we do not have);
 * - for every concept in a file, its labels in that language become exactly the file's preferred and
 *   alternative labels (hidden labels, which are misspellings kept for search engines, are left out):
 *   labels are added, dropped or re-flagged as needed, so a re-import of the same files changes nothing;
 * - official labels take precedence over the project's provisional ones (seed/reference/*_provisional.csv):
 *   a concept's provisional labels in the file's language are dropped; the project's supplement labels
 *   (everyday words ESCO lacks) are kept next to the official ones.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { and, eq, inArray } from 'drizzle-orm';
import { unzipSync } from 'fflate';
import type { Database, DbOrTx } from '../db/client.js';
import { escoLabels, escoOccupations, escoSkillGroups, escoSkills } from '../db/schema.js';
import { genderedForms } from './project-labels.js';
import { insertChunked, labelRows } from './rows.js';

type ConceptKind = 'occupation' | 'skill' | 'skill_group';

const FILE_PATTERN = /^(occupations|skills|skillGroups)_([a-z]{2,3}(?:-[a-z]+)?)\.csv$/i;
const KIND_OF: Record<string, ConceptKind> = {
  occupations: 'occupation',
  skills: 'skill',
  skillgroups: 'skill_group',
};

export interface EscoLabelFile {
  name: string;
  kind: ConceptKind;
  lang: string;
  bytes: Uint8Array;
}

export interface EscoFileReport {
  file: string;
  kind: ConceptKind;
  lang: string;
  rows: number;
  /** Concepts of the file found in the database and labelled. */
  concepts: number;
  /** Concept URIs of the file that the database does not hold (not imported). */
  unknownConcepts: number;
  inserted: number;
  deleted: number;
  updated: number;
  unchanged: number;
}

export interface EscoImportReport {
  files: EscoFileReport[];
  inserted: number;
  deleted: number;
  updated: number;
  unchanged: number;
  unknownConcepts: number;
}

export class EscoImportError extends Error {
  override name = 'EscoImportError';
}

function classify(name: string): { kind: ConceptKind; lang: string } | null {
  const match = FILE_PATTERN.exec(path.basename(name));
  if (!match) return null;
  return { kind: KIND_OF[match[1]!.toLowerCase()]!, lang: match[2]!.toLowerCase() };
}

/** The label files of a folder (searched recursively) or of a .zip, in a stable order. */
export function readEscoLabelFiles(source: string): EscoLabelFile[] {
  if (!existsSync(source)) throw new EscoImportError(`not found: ${source}`);
  const files: EscoLabelFile[] = [];
  if (statSync(source).isDirectory()) {
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else {
          const c = classify(entry.name);
          if (c) files.push({ name: path.relative(source, full), ...c, bytes: readFileSync(full) });
        }
      }
    };
    walk(source);
  } else if (source.toLowerCase().endsWith('.zip')) {
    // Only the three label files are inflated; the distribution's relation files are large and not needed.
    const entries = unzipSync(readFileSync(source), { filter: (f) => classify(f.name) !== null });
    for (const [name, bytes] of Object.entries(entries)) {
      const c = classify(name);
      if (c) files.push({ name, ...c, bytes });
    }
  } else {
    throw new EscoImportError(`expected a folder or a .zip file: ${source}`);
  }
  if (files.length === 0) {
    throw new EscoImportError(
      `no ESCO label files (occupations_<lang>.csv, skills_<lang>.csv, skillGroups_<lang>.csv) in ${source}`,
    );
  }
  const order: Record<ConceptKind, number> = { occupation: 0, skill: 1, skill_group: 2 };
  return files.sort((a, b) => a.lang.localeCompare(b.lang) || order[a.kind] - order[b.kind]);
}

/** ESCO separates alternative labels with line breaks inside the cell. */
const splitLines = (value: string | undefined) =>
  (value ?? '')
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);

async function knownUris(db: DbOrTx, kind: ConceptKind, uris: string[]): Promise<Set<string>> {
  const known = new Set<string>();
  const table = kind === 'occupation' ? escoOccupations : kind === 'skill' ? escoSkills : escoSkillGroups;
  for (let i = 0; i < uris.length; i += 5000) {
    const chunk = uris.slice(i, i + 5000);
    const rows = await db.select({ uri: table.uri }).from(table).where(inArray(table.uri, chunk));
    for (const r of rows) known.add(r.uri);
  }
  return known;
}

async function importFile(db: DbOrTx, file: EscoLabelFile): Promise<EscoFileReport> {
  const records = parse(Buffer.from(file.bytes), {
    columns: true,
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
  }) as Record<string, string>[];
  const report: EscoFileReport = {
    file: file.name,
    kind: file.kind,
    lang: file.lang,
    rows: records.length,
    concepts: 0,
    unknownConcepts: 0,
    inserted: 0,
    deleted: 0,
    updated: 0,
    unchanged: 0,
  };
  if (records.length > 0 && !('conceptUri' in records[0]! && 'preferredLabel' in records[0]!)) {
    throw new EscoImportError(
      `${file.name}: missing the conceptUri / preferredLabel columns of the ESCO CSV format`,
    );
  }
  const byUri = new Map<string, Record<string, string>>();
  for (const r of records) if (r.conceptUri) byUri.set(r.conceptUri.trim(), r);
  const known = await knownUris(db, file.kind, [...byUri.keys()]);
  report.unknownConcepts = byUri.size - known.size;

  // What the database should hold for these concepts in this language…
  const wanted = new Map<string, typeof escoLabels.$inferInsert>();
  for (const [uri, r] of byUri) {
    if (!known.has(uri)) continue;
    report.concepts++;
    const preferred = (r.preferredLabel ?? '').trim();
    const alternatives = [...genderedForms(file.kind, preferred), ...splitLines(r.altLabels)];
    for (const row of labelRows(uri, file.kind, file.lang, preferred, alternatives)) {
      wanted.set(`${uri}\u0000${row.label}`, { ...row, source: 'esco' });
    }
  }
  // …and what it holds now.
  const current = new Map<string, { preferred: boolean; source: string }>();
  const uris = [...known];
  for (let i = 0; i < uris.length; i += 5000) {
    const rows = await db
      .select({
        conceptUri: escoLabels.conceptUri,
        label: escoLabels.label,
        preferred: escoLabels.preferred,
        source: escoLabels.source,
      })
      .from(escoLabels)
      .where(and(eq(escoLabels.lang, file.lang), inArray(escoLabels.conceptUri, uris.slice(i, i + 5000))));
    for (const r of rows)
      current.set(`${r.conceptUri}\u0000${r.label}`, { preferred: r.preferred, source: r.source });
  }

  const toInsert: (typeof escoLabels.$inferInsert)[] = [];
  for (const [key, row] of wanted) {
    const existing = current.get(key);
    if (!existing) toInsert.push(row);
    else if (existing.preferred !== row.preferred || existing.source !== 'esco') {
      // A provisional or supplement label the official file also has becomes official.
      await db
        .update(escoLabels)
        .set({ preferred: row.preferred, source: 'esco' })
        .where(
          and(
            eq(escoLabels.conceptUri, row.conceptUri),
            eq(escoLabels.lang, row.lang),
            eq(escoLabels.label, row.label),
          ),
        );
      report.updated++;
    } else report.unchanged++;
  }
  for (const [key, { source }] of current) {
    // Official labels replace the provisional ones; the project's supplement stays next to them.
    if (wanted.has(key) || source === 'supplement') continue;
    const [conceptUri, label] = key.split('\u0000') as [string, string];
    await db
      .delete(escoLabels)
      .where(
        and(
          eq(escoLabels.conceptUri, conceptUri),
          eq(escoLabels.lang, file.lang),
          eq(escoLabels.label, label),
        ),
      );
    report.deleted++;
  }
  await insertChunked(db, escoLabels, toInsert);
  report.inserted = toInsert.length;
  return report;
}

/** Imports every label file of `source` (folder or .zip), each file in its own transaction. */
export async function importEscoLabels(db: Database, source: string): Promise<EscoImportReport> {
  const files = readEscoLabelFiles(source);
  const report: EscoImportReport = {
    files: [],
    inserted: 0,
    deleted: 0,
    updated: 0,
    unchanged: 0,
    unknownConcepts: 0,
  };
  for (const file of files) {
    const r = await db.transaction((tx) => importFile(tx, file));
    report.files.push(r);
    report.inserted += r.inserted;
    report.deleted += r.deleted;
    report.updated += r.updated;
    report.unchanged += r.unchanged;
    report.unknownConcepts += r.unknownConcepts;
  }
  return report;
}
