import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Database, DbOrTx } from '../db/client.js';
import {
  escoBroader,
  escoLabels,
  escoOccupationSkills,
  escoOccupations,
  escoSkillGroups,
  escoSkills,
  iscoGroups,
  municipalities,
  naceCodes,
  nutsRegions,
  referenceDatasets,
} from '../db/schema.js';
import { fold } from '../lib/text.js';
import { ISCO_IT_FILE, loadIscoItalianNames } from './isco-names.js';
import { loadProjectLabels, parseProjectLabels, type ProjectLabelSpec } from './project-labels.js';

export const REFERENCE_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../seed/reference',
);

type Row = Record<string, string>;

/** The bytes of `name.csv.gz` or `name.csv` in a folder, or null when neither exists. */
export function readReferenceBytes(dir: string, name: string): Buffer | null {
  const gz = path.join(dir, `${name}.gz`);
  const plain = path.join(dir, name);
  if (existsSync(gz)) return gunzipSync(readFileSync(gz));
  if (existsSync(plain)) return readFileSync(plain);
  return null;
}

/** Reads `name.csv.gz` or `name.csv` from a folder. */
export function readReferenceFile(dir: string, name: string): { rows: Row[]; checksum: string } | null {
  const bytes = readReferenceBytes(dir, name);
  if (!bytes) return null;
  const rows = parse(bytes, { columns: true, bom: true, skip_empty_lines: true }) as Row[];
  return { rows, checksum: createHash('sha256').update(bytes).digest('hex') };
}

/** Multi-row inserts (existing keys left alone) in chunks that stay under PostgreSQL's 65,535 bind-parameter limit. */
export async function insertChunked<T extends Record<string, unknown>>(
  db: DbOrTx,
  table: PgTable,
  rows: T[],
): Promise<void> {
  if (rows.length === 0) return;
  const perRow = Object.keys(rows[0]!).length;
  const size = Math.max(1, Math.floor(30000 / perRow));
  for (let i = 0; i < rows.length; i += size) {
    await db
      .insert(table)
      .values(rows.slice(i, i + size) as never)
      .onConflictDoNothing();
  }
}

const splitAlt = (value: string | undefined) =>
  (value ?? '')
    .split(' | ')
    .map((s) => s.trim())
    .filter(Boolean);

/** Preferred and alternative labels of one concept in one language, de-duplicated. */
export function labelRows(
  conceptUri: string,
  conceptKind: 'occupation' | 'skill' | 'skill_group',
  lang: string,
  preferred: string | undefined,
  alternatives: string[],
) {
  const out: (typeof escoLabels.$inferInsert)[] = [];
  const seen = new Set<string>();
  const add = (label: string, isPreferred: boolean) => {
    const clean = label.trim();
    if (!clean || seen.has(clean)) return;
    seen.add(clean);
    out.push({ conceptUri, conceptKind, lang, label: clean, preferred: isPreferred, folded: fold(clean) });
  };
  // ESCO writes gendered French forms as "soudeur/soudeuse": both halves are searchable on their own.
  if (preferred) add(preferred, true);
  for (const alt of alternatives) add(alt, false);
  return out;
}

type Dataset =
  | { file: string; load(db: DbOrTx, rows: Row[]): Promise<void>; loadBytes?: undefined }
  /** Datasets that check their own bytes (encoding, line numbers) get them instead of parsed rows. */
  | { file: string; loadBytes(db: DbOrTx, bytes: Buffer): Promise<number> };

/**
 * The project's own label files, after the concepts they label. Italian is provisional (replaced by the
 * official ESCO Italian files when imported); French is a supplement of everyday trade names.
 */
export const PROJECT_LABEL_FILES: readonly ProjectLabelSpec[] = [
  {
    file: 'esco_occupations_it_provisional.csv',
    kind: 'occupation',
    lang: 'it',
    source: 'provisional',
    labelColumn: 'label_it',
    altColumn: 'alt_labels_it',
  },
  {
    file: 'esco_skills_it_provisional.csv',
    kind: 'skill',
    lang: 'it',
    source: 'provisional',
    labelColumn: 'label_it',
  },
  {
    file: 'esco_occupations_fr_supplement.csv',
    kind: 'occupation',
    lang: 'fr',
    source: 'supplement',
    altColumn: 'alt_labels_fr',
  },
];

const projectDataset = (spec: ProjectLabelSpec): Dataset => ({
  file: spec.file,
  async loadBytes(db, bytes) {
    const rows = parseProjectLabels(spec, bytes);
    await loadProjectLabels(db, spec, rows);
    return rows.length;
  },
});

const bool = (v: string | undefined) => v === '1' || v === 'true';
const nullIfEmpty = (v: string | undefined) => (v === undefined || v === '' ? null : v);

/** Order matters: relations reference the concepts loaded before them. */
const DATASETS: Dataset[] = [
  {
    file: 'isco08_groups.csv',
    async load(db, rows) {
      await insertChunked(
        db,
        iscoGroups,
        rows.map((r) => ({
          code: r.code!,
          level: Number(r.level),
          parentCode: nullIfEmpty(r.parent_code),
          uri: r.uri!,
          labelEn: r.label_en!,
          labelFr: nullIfEmpty(r.label_fr),
          labelIt: nullIfEmpty(r.label_it),
          labelItSource: r.label_it ? 'esco' : null,
        })),
      );
    },
  },
  {
    // The project's Italian ISCO names, where ESCO's files have none (provisional).
    file: ISCO_IT_FILE,
    loadBytes: async (db, bytes) => (await loadIscoItalianNames(db, bytes)).rows,
  },
  {
    file: 'esco_occupations.csv',
    async load(db, rows) {
      await insertChunked(
        db,
        escoOccupations,
        rows.map((r) => ({ uri: r.uri!, code: nullIfEmpty(r.esco_code), iscoGroup: r.isco_group! })),
      );
      await insertChunked(
        db,
        escoLabels,
        rows.flatMap((r) => conceptLabels(r.uri!, 'occupation', r)),
      );
    },
  },
  {
    file: 'esco_skills.csv',
    async load(db, rows) {
      await insertChunked(
        db,
        escoSkills,
        rows.map((r) => ({
          uri: r.uri!,
          skillType: nullIfEmpty(r.skill_type),
          reuseLevel: nullIfEmpty(r.reuse_level),
          isGreen: bool(r.is_green),
          isDigital: bool(r.is_digital),
          isTransversal: bool(r.is_transversal),
          isLanguage: bool(r.is_language),
        })),
      );
      await insertChunked(
        db,
        escoLabels,
        rows.flatMap((r) => conceptLabels(r.uri!, 'skill', r)),
      );
    },
  },
  {
    file: 'esco_skill_groups.csv',
    async load(db, rows) {
      await insertChunked(
        db,
        escoSkillGroups,
        rows.map((r) => ({ uri: r.uri!, code: nullIfEmpty(r.code) })),
      );
      await insertChunked(
        db,
        escoLabels,
        rows.flatMap((r) => conceptLabels(r.uri!, 'skill_group', r)),
      );
    },
  },
  {
    file: 'esco_occupation_skills.csv',
    async load(db, rows) {
      await insertChunked(
        db,
        escoOccupationSkills,
        rows.map((r) => ({
          occupationUri: r.occupation_uri!,
          skillUri: r.skill_uri!,
          relation: r.relation!,
        })),
      );
    },
  },
  {
    file: 'esco_skill_broader.csv',
    load: (db, rows) => loadBroader(db, rows),
  },
  {
    file: 'esco_occupation_broader.csv',
    load: (db, rows) => loadBroader(db, rows),
  },
  ...PROJECT_LABEL_FILES.map(projectDataset),
  {
    file: 'nace_rev2.csv',
    async load(db, rows) {
      await insertChunked(
        db,
        naceCodes,
        rows.map((r) => ({
          code: r.code!,
          level: Number(r.level),
          parentCode: nullIfEmpty(r.parent_code),
          section: r.section!,
          labelEn: r.label_en!,
          labelFr: nullIfEmpty(r.label_fr),
          labelIt: nullIfEmpty(r.label_it),
          labelFrNaf: nullIfEmpty(r.label_fr_naf_insee),
        })),
      );
    },
  },
  {
    file: 'nuts.csv',
    async load(db, rows) {
      await insertChunked(
        db,
        nutsRegions,
        rows.map((r) => ({
          code: r.nuts_code!,
          level: Number(r.level),
          country: r.country!,
          name: r.name!,
          parentCode: nullIfEmpty(r.parent_nuts),
          nationalCode: nullIfEmpty(r.national_code),
        })),
      );
    },
  },
  {
    file: 'municipalities.csv',
    async load(db, rows) {
      await insertChunked(
        db,
        municipalities,
        rows.map((r) => ({
          country: r.country!,
          code: r.code!,
          name: r.name!,
          folded: fold(r.name!),
          provinceCode: r.province_code!,
          provinceName: r.province_name!,
          provinceAbbr: nullIfEmpty(r.province_abbr),
          regionCode: r.region_code!,
          regionName: r.region_name!,
          nuts2: nullIfEmpty(r.nuts2),
          lat: Number(r.lat),
          lon: Number(r.lon),
          population: r.population ? Number(r.population) : null,
          cadastralCode: nullIfEmpty(r.cadastral_code),
          postalCodes: (r.postal_codes ?? '').split(' ').filter(Boolean),
        })),
      );
    },
  },
];

function conceptLabels(uri: string, kind: 'occupation' | 'skill' | 'skill_group', r: Row) {
  return ['en', 'fr', 'it'].flatMap((lang) =>
    labelRows(uri, kind, lang, r[`label_${lang}`], splitAlt(r[`alt_labels_${lang}`])),
  );
}

async function loadBroader(db: DbOrTx, rows: Row[]) {
  await insertChunked(
    db,
    escoBroader,
    rows.map((r) => ({
      conceptUri: r.concept_uri!,
      conceptType: r.concept_type!,
      broaderUri: r.broader_uri!,
      broaderType: r.broader_type!,
    })),
  );
}

export interface ReferenceLoadReport {
  loaded: string[];
  skipped: string[];
}

/**
 * Loads the bundled reference data. Idempotent: a dataset whose file checksum is already recorded is
 * skipped, and rows are inserted with ON CONFLICT DO NOTHING, so a re-run or a newer file only adds what is
 * missing (ESCO URIs are stable across releases). Each dataset loads in its own transaction with its
 * checksum, so an interrupted load resumes where it stopped.
 */
export async function loadReferenceData(
  db: Database,
  dir: string = REFERENCE_DIR,
): Promise<ReferenceLoadReport> {
  const report: ReferenceLoadReport = { loaded: [], skipped: [] };
  const recorded = new Map((await db.select().from(referenceDatasets)).map((d) => [d.name, d.checksum]));
  for (const dataset of DATASETS) {
    const bytes = readReferenceBytes(dir, dataset.file);
    if (!bytes) continue;
    const checksum = createHash('sha256').update(bytes).digest('hex');
    if (recorded.get(dataset.file) === checksum) {
      report.skipped.push(dataset.file);
      continue;
    }
    await db.transaction(async (tx) => {
      let rowCount: number;
      if (dataset.loadBytes) rowCount = await dataset.loadBytes(tx, bytes);
      else {
        const rows = parse(bytes, { columns: true, bom: true, skip_empty_lines: true }) as Row[];
        await dataset.load(tx, rows);
        rowCount = rows.length;
      }
      await tx
        .insert(referenceDatasets)
        .values({ name: dataset.file, checksum, rowCount })
        .onConflictDoUpdate({
          target: referenceDatasets.name,
          set: { checksum, rowCount, loadedAt: new Date() },
        });
    });
    report.loaded.push(dataset.file);
  }
  return report;
}
