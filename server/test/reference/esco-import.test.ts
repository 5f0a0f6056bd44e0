import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/db/client.js';
import { queryRows } from '../../src/db/raw.js';
import { foldLabel as fold } from '../../src/lib/text.js';
import { importEscoLabels, readEscoLabelFiles } from '../../src/reference/esco-import.js';
import { loadReferenceData } from '../../src/reference/reference.loader.js';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');
const REFERENCE_FIXTURE = path.join(FIXTURES, 'reference');
const ESCO_IT_DIR = path.join(FIXTURES, 'esco-it/csv');
const ESCO_IT_ZIP = path.join(FIXTURES, 'esco-it/esco-it-csv.zip');

const WELDER = 'http://data.europa.eu/esco/occupation/7aedaa07-3884-4c5b-88f9-80997b2aa54b';
const COOK = 'http://data.europa.eu/esco/occupation/90f75f67-495d-49fa-ab57-2f320e251d7e';
const FORKLIFT = 'http://data.europa.eu/esco/occupation/eeac6251-1974-42f5-91ed-513c6c883755';
const TIG = 'http://data.europa.eu/esco/skill/a51adea8-bf02-488a-a0d8-b0961caca5b0';

let handle: DatabaseHandle;

/** Concepts whose labels in `lang` start with the folded form of `text` (what autocomplete does). */
async function find(lang: string, text: string): Promise<string[]> {
  const rows = await queryRows<{ concept_uri: string }>(
    handle.db,
    sql`select distinct concept_uri from esco_labels where lang = ${lang} and folded like ${`${fold(text)}%`} order by concept_uri`,
  );
  return rows.map((r) => r.concept_uri);
}

async function labelCount(lang: string): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    handle.db,
    sql`select count(*)::int as n from esco_labels where lang = ${lang}`,
  );
  return rows[0]!.n;
}

beforeAll(async () => {
  handle = await openDatabase({ kind: 'pglite', dataDir: null });
  await handle.migrate();
  await loadReferenceData(handle.db, REFERENCE_FIXTURE);
}, 120_000);

afterAll(async () => {
  await handle?.close();
});

describe('import:esco', () => {
  it('reads the three label files of a folder and of the official zip, with the language from the file name', () => {
    const fromDir = readEscoLabelFiles(ESCO_IT_DIR).map((f) => [f.kind, f.lang]);
    const fromZip = readEscoLabelFiles(ESCO_IT_ZIP).map((f) => [f.kind, f.lang]);
    expect(fromDir).toEqual([
      ['occupation', 'it'],
      ['skill', 'it'],
      ['skill_group', 'it'],
    ]);
    expect(fromZip).toEqual(fromDir);
  });

  it('imports Italian labels that are searchable by their folded form, and reports unknown concepts', async () => {
    const englishBefore = await labelCount('en');
    const report = await importEscoLabels(handle.db, ESCO_IT_DIR);

    expect(report.inserted).toBeGreaterThan(20);
    expect(report.deleted).toBe(0);
    expect(report.unknownConcepts).toBe(2);
    expect(report.files.find((f) => f.kind === 'occupation')).toMatchObject({
      concepts: 5,
      unknownConcepts: 1,
    });
    expect(report.files.find((f) => f.kind === 'skill')).toMatchObject({ concepts: 5, unknownConcepts: 1 });

    expect(await find('it', 'saldatore')).toEqual([WELDER]);
    expect(await find('it', 'SALDATRICE')).toEqual([WELDER]);
    expect(await find('it', 'cuoca')).toEqual([COOK]);
    expect(await find('it', 'mulettista')).toEqual([FORKLIFT]);
    expect(await find('it', 'saldatura a gas inerte')).toEqual([TIG]);
    expect(await find('it', 'professione inesistente')).toEqual([]);
    // Hidden labels (misspellings for search engines) are not labels to show.
    expect(await find('it', 'saldatre')).toEqual([]);

    const preferred = await queryRows<{ label: string }>(
      handle.db,
      sql`select label from esco_labels where concept_uri = ${WELDER} and lang = 'it' and preferred`,
    );
    expect(preferred.map((r) => r.label)).toEqual(['saldatore/saldatrice']);
    expect(await labelCount('en')).toBe(englishBefore);
  });

  it('changes nothing when the same labels are imported again, from the zip', async () => {
    const before = await labelCount('it');
    const report = await importEscoLabels(handle.db, ESCO_IT_ZIP);
    expect(report).toMatchObject({ inserted: 0, deleted: 0, updated: 0 });
    expect(report.unchanged).toBe(before);
    expect(await labelCount('it')).toBe(before);
  });

  it('follows a newer file: a label dropped from the file is dropped from the database', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'esco-it-'));
    try {
      cpSync(ESCO_IT_DIR, dir, { recursive: true });
      const file = path.join(dir, 'occupations_it.csv');
      writeFileSync(file, readFileSync(file, 'utf8').replace('\nmulettista', ''));
      const report = await importEscoLabels(handle.db, dir);
      expect(report).toMatchObject({ inserted: 0, deleted: 1, updated: 0 });
      expect(await find('it', 'mulettista')).toEqual([]);
      expect(await find('it', 'carrellista')).toEqual([FORKLIFT]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a path that holds no ESCO label file', async () => {
    await expect(importEscoLabels(handle.db, REFERENCE_FIXTURE)).rejects.toThrow(/no ESCO label files/);
  });
});
