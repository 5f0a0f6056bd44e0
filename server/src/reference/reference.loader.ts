import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import type { Database, DbOrTx } from '../db/client.js';
import type { PgTable } from 'drizzle-orm/pg-core';
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
import { foldLabel } from '../lib/text.js';
import { insertChunked, labelRows, splitAlt } from './rows.js';
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

type ToRow = (r: Row) => Record<string, unknown>;

/** A file each of whose CSV rows becomes one row of one table. */
function tableDataset(file: string, table: PgTable, toRow: ToRow): Dataset {
  return { file, load: (db, rows) => insertChunked(db, table, rows.map(toRow)) };
}

/** An ESCO concept file: one row per concept in its own table, and its labels in every language. */
function escoConcepts(
  file: string,
  kind: 'occupation' | 'skill' | 'skill_group',
  table: PgTable,
  toRow: ToRow,
): Dataset {
  return {
    file,
    async load(db, rows) {
      await insertChunked(db, table, rows.map(toRow));
      await insertChunked(
        db,
        escoLabels,
        rows.flatMap((r) => conceptLabels(r.uri!, kind, r)),
      );
    },
  };
}

/** Order matters: relations reference the concepts loaded before them. */
const DATASETS: Dataset[] = [
  tableDataset('isco08_groups.csv', iscoGroups, (r) => ({
    code: r.code!,
    level: Number(r.level),
    parentCode: nullIfEmpty(r.parent_code),
    uri: r.uri!,
    labelEn: r.label_en!,
    labelFr: nullIfEmpty(r.label_fr),
    labelIt: nullIfEmpty(r.label_it),
    labelItSource: r.label_it ? 'esco' : null,
  })),
  {
    // The project's Italian ISCO names, where ESCO's files have none (provisional).
    file: ISCO_IT_FILE,
    loadBytes: async (db, bytes) => (await loadIscoItalianNames(db, bytes)).rows,
  },
  escoConcepts('esco_occupations.csv', 'occupation', escoOccupations, (r) => ({
    uri: r.uri!,
    code: nullIfEmpty(r.esco_code),
    iscoGroup: r.isco_group!,
  })),
  escoConcepts('esco_skills.csv', 'skill', escoSkills, (r) => ({
    uri: r.uri!,
    skillType: nullIfEmpty(r.skill_type),
    reuseLevel: nullIfEmpty(r.reuse_level),
    isGreen: bool(r.is_green),
    isDigital: bool(r.is_digital),
    isTransversal: bool(r.is_transversal),
    isLanguage: bool(r.is_language),
  })),
  escoConcepts('esco_skill_groups.csv', 'skill_group', escoSkillGroups, (r) => ({
    uri: r.uri!,
    code: nullIfEmpty(r.code),
  })),
  tableDataset('esco_occupation_skills.csv', escoOccupationSkills, (r) => ({
    occupationUri: r.occupation_uri!,
    skillUri: r.skill_uri!,
    relation: r.relation!,
  })),
  tableDataset('esco_skill_broader.csv', escoBroader, broaderRow),
  tableDataset('esco_occupation_broader.csv', escoBroader, broaderRow),
  ...PROJECT_LABEL_FILES.map(projectDataset),
  tableDataset('nace_rev2.csv', naceCodes, (r) => ({
    code: r.code!,
    level: Number(r.level),
    parentCode: nullIfEmpty(r.parent_code),
    section: r.section!,
    labelEn: r.label_en!,
    labelFr: nullIfEmpty(r.label_fr),
    labelIt: nullIfEmpty(r.label_it),
    labelFrNaf: nullIfEmpty(r.label_fr_naf_insee),
  })),
  tableDataset('nuts.csv', nutsRegions, (r) => ({
    code: r.nuts_code!,
    level: Number(r.level),
    country: r.country!,
    name: r.name!,
    parentCode: nullIfEmpty(r.parent_nuts),
    nationalCode: nullIfEmpty(r.national_code),
  })),
  tableDataset('municipalities.csv', municipalities, (r) => ({
    country: r.country!,
    code: r.code!,
    name: r.name!,
    folded: foldLabel(r.name!),
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
];

function conceptLabels(uri: string, kind: 'occupation' | 'skill' | 'skill_group', r: Row) {
  return ['en', 'fr', 'it'].flatMap((lang) =>
    labelRows(uri, kind, lang, r[`label_${lang}`], splitAlt(r[`alt_labels_${lang}`])),
  );
}

function broaderRow(r: Row) {
  return {
    conceptUri: r.concept_uri!,
    conceptType: r.concept_type!,
    broaderUri: r.broader_uri!,
    broaderType: r.broader_type!,
  };
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
