import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/db/client.js';
import { queryRows } from '../../src/db/raw.js';
import { createReferenceService } from '../../src/modules/reference/reference.service.js';
import { importEscoLabels } from '../../src/reference/esco-import.js';
import { ISCO_IT_FILE } from '../../src/reference/isco-names.js';
import { parseProjectLabels, ReferenceFileError } from '../../src/reference/project-labels.js';
import { loadReferenceData, PROJECT_LABEL_FILES } from '../../src/reference/reference.loader.js';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');
const WELDER = 'http://data.europa.eu/esco/occupation/7aedaa07-3884-4c5b-88f9-80997b2aa54b';
const COOK = 'http://data.europa.eu/esco/occupation/90f75f67-495d-49fa-ab57-2f320e251d7e';
const CRANE = 'http://data.europa.eu/esco/occupation/dc90cee4-bf4a-4d62-b729-faf49e62643e';
const PROVISIONAL_OCCUPATIONS = 'esco_occupations_it_provisional.csv';

let handle: DatabaseHandle;
let dir: string;

/** The reference fixture with the project's label files next to it, in a folder a test may spoil. */
function referenceFolder(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'project-labels-'));
  cpSync(path.join(FIXTURES, 'reference'), d, { recursive: true });
  cpSync(path.join(FIXTURES, 'project-labels'), d, { recursive: true });
  return d;
}

async function labels(uri: string, lang: string) {
  return queryRows<{ label: string; source: string; preferred: boolean }>(
    handle.db,
    sql`select label, source, preferred from esco_labels where concept_uri = ${uri} and lang = ${lang} order by label`,
  );
}

async function count(where: ReturnType<typeof sql>) {
  const rows = await queryRows<{ n: number }>(
    handle.db,
    sql`select count(*)::int as n from esco_labels where ${where}`,
  );
  return rows[0]!.n;
}

describe("the project's own label files", () => {
  beforeEach(async () => {
    dir = referenceFolder();
    handle = await openDatabase({ kind: 'pglite', dataDir: null });
    await handle.migrate();
  }, 60_000);

  afterEach(async () => {
    await handle?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads Italian provisional labels with both gendered forms, marked as provisional', async () => {
    const report = await loadReferenceData(handle.db, dir);
    expect(report.loaded).toEqual(expect.arrayContaining(PROJECT_LABEL_FILES.map((f) => f.file)));
    const welder = await labels(WELDER, 'it');
    expect(welder).toContainEqual({ label: 'saldatore/saldatrice', source: 'provisional', preferred: true });
    expect(welder.map((l) => l.label)).toEqual(expect.arrayContaining(['saldatore', 'saldatrice']));
    expect(welder.every((l) => l.source === 'provisional')).toBe(true);
    // French supplement: added next to the official French labels, never as preferred.
    const fr = await labels(WELDER, 'fr');
    expect(fr).toContainEqual({ label: 'soudeur TIG', source: 'supplement', preferred: false });
    expect(fr).toContainEqual({ label: 'soudeur/soudeuse', source: 'esco', preferred: true });
  }, 120_000);

  it('the autocomplete says the label is Italian and provisional, and falls back to English visibly', async () => {
    await loadReferenceData(handle.db, dir);
    const reference = createReferenceService(handle.db);
    const [welder] = await reference.concepts('occupation', 'saldatore', 'it', 5);
    expect(welder).toMatchObject({
      uri: WELDER,
      label: 'saldatore/saldatrice',
      labelLang: 'it',
      provisional: true,
    });
    const [crane] = await reference.concepts('occupation', 'gruista', 'it', 5);
    expect(crane).toMatchObject({ uri: CRANE, labelLang: 'it' });
    // A skill without an Italian label comes back in English, saying so.
    const [english] = await reference.concepts('skill', 'arc welding', 'it', 1);
    expect(english).toMatchObject({ labelLang: 'en', provisional: false });
  }, 120_000);

  it('loads the project’s Italian ISCO-08 names, marked provisional, and names groups in Italian with them', async () => {
    const report = await loadReferenceData(handle.db, dir);
    expect(report.loaded).toContain(ISCO_IT_FILE);
    const rows = await queryRows<{ code: string; label_it: string | null; label_it_source: string | null }>(
      handle.db,
      sql`select code, label_it, label_it_source from isco_groups where code in ('7212', '9333') order by code`,
    );
    expect(rows).toEqual([
      { code: '7212', label_it: 'Saldatori e tagliatori a fiamma', label_it_source: 'provisional' },
      { code: '9333', label_it: null, label_it_source: null },
    ]);
    const service = createReferenceService(handle.db);
    expect(await service.iscoGroups(['7212', '72', '7', '9333'], 'it')).toEqual([
      expect.objectContaining({
        code: '7212',
        label: 'Saldatori e tagliatori a fiamma',
        lang: 'it',
        provisional: true,
        display: 'Saldatori e tagliatori a fiamma (7212)',
      }),
      expect.objectContaining({ code: '72', lang: 'it', provisional: true }),
      expect.objectContaining({ code: '7', label: 'Artigiani e operai specializzati', lang: 'it' }),
      // A group the file does not name falls back to English, and says so.
      expect.objectContaining({ code: '9333', label: 'Freight handlers', lang: 'en', provisional: false }),
    ]);
    const fr = await service.iscoGroups(['7212'], 'fr');
    expect(fr[0]).toMatchObject({ lang: 'fr', provisional: false });
    // A reload of the same file changes nothing; a changed file replaces the previous names.
    expect((await loadReferenceData(handle.db, dir)).skipped).toContain(ISCO_IT_FILE);
    const file = path.join(dir, ISCO_IT_FILE);
    writeFileSync(file, readFileSync(file, 'utf8').replace('Saldatori e tagliatori a fiamma', 'Saldatori'));
    await loadReferenceData(handle.db, dir);
    expect((await service.iscoGroups(['7212'], 'it'))[0]!.label).toBe('Saldatori');
  });

  it.each([
    [
      'an unknown group',
      (t: string) => t.replace('isco/C8343,8343', 'isco/C8399,8399'),
      /line 6: unknown ISCO-08 group http:\/\/data\.europa\.eu\/esco\/isco\/C8399/,
    ],
    [
      'a code that is not its URI’s',
      (t: string) => t.replace('C7212,7212', 'C7212,7213'),
      /line 5: code 7213/,
    ],
    [
      'an empty name',
      (t: string) => t.replace(',Saldatori e tagliatori a fiamma', ','),
      /line 5: empty label_it/,
    ],
  ])(
    'refuses an ISCO names file with %s, naming the line, and loads none of it',
    async (_what, spoil, message) => {
      const file = path.join(dir, ISCO_IT_FILE);
      writeFileSync(file, spoil(readFileSync(file, 'utf8')));
      await expect(loadReferenceData(handle.db, dir)).rejects.toThrow(message);
      const named = await queryRows<{ n: number }>(
        handle.db,
        sql`select count(*)::int as n from isco_groups where label_it is not null`,
      );
      expect(named[0]!.n).toBe(0);
    },
  );

  it('official ESCO Italian labels replace the provisional ones, concept by concept, and stay on reload', async () => {
    await loadReferenceData(handle.db, dir);
    await importEscoLabels(handle.db, path.join(FIXTURES, 'esco-it/csv'));

    const welder = await labels(WELDER, 'it');
    expect(welder.every((l) => l.source === 'esco')).toBe(true);
    // A provisional alternative the official file does not have is gone; one it has became official.
    expect(welder.map((l) => l.label)).not.toContain('saldatore carpentiere');
    expect(welder).toContainEqual({ label: 'saldatore TIG', source: 'esco', preferred: false });
    expect((await labels(COOK, 'it')).map((l) => l.label)).not.toContain('capocuoco');
    // Concepts the official file does not cover keep their provisional labels.
    expect(await labels(CRANE, 'it')).toContainEqual({
      label: 'gruista portuale',
      source: 'provisional',
      preferred: true,
    });
    // The French supplement is not the import's business.
    expect(await labels(WELDER, 'fr')).toContainEqual({
      label: 'soudeur TIG',
      source: 'supplement',
      preferred: false,
    });

    // A newer provisional file (other checksum) is loaded again, but never over official labels.
    const file = path.join(dir, PROVISIONAL_OCCUPATIONS);
    writeFileSync(file, readFileSync(file, 'utf8').replace('capocuoco', 'capocuoco | cuoco capo partita'));
    const reload = await loadReferenceData(handle.db, dir);
    expect(reload.loaded).toEqual([PROVISIONAL_OCCUPATIONS]);
    expect((await labels(WELDER, 'it')).every((l) => l.source === 'esco')).toBe(true);
    expect((await labels(COOK, 'it')).map((l) => l.label)).not.toContain('cuoco capo partita');
    expect(
      await count(sql`concept_uri = ${CRANE} and lang = 'it' and source = 'provisional'`),
    ).toBeGreaterThan(0);
  }, 120_000);

  it.each([
    [
      'an unknown URI',
      (t: string) =>
        t.replace(COOK, 'http://data.europa.eu/esco/occupation/00000000-0000-0000-0000-000000000000'),
      /line 3: unknown ESCO occupation/,
    ],
    ['a duplicate', (t: string) => `${t}${t.split('\n')[1]}\n`, /line 6: duplicate of line 2/],
    ['an empty label', (t: string) => t.replace('cuoco/cuoca', ''), /line 3: empty label_it/],
  ])(
    'refuses a file with %s, naming the line, and loads nothing of it',
    async (_what, spoil, message) => {
      const file = path.join(dir, PROVISIONAL_OCCUPATIONS);
      writeFileSync(file, spoil(readFileSync(file, 'utf8')));
      await expect(loadReferenceData(handle.db, dir)).rejects.toThrow(message);
      expect(await count(sql`source = 'provisional' and concept_kind = 'occupation'`)).toBe(0);
      const recorded = await queryRows<{ n: number }>(
        handle.db,
        sql`select count(*)::int as n from reference_datasets where name = ${PROVISIONAL_OCCUPATIONS}`,
      );
      expect(recorded[0]!.n).toBe(0);
    },
    120_000,
  );

  it('refuses a file that is not UTF-8 (saved as Latin-1), naming the line', async () => {
    const file = path.join(dir, PROVISIONAL_OCCUPATIONS);
    const latin1 = Buffer.from(
      readFileSync(file, 'utf8').replace('capocuoco', 'capocuoco | cuoco più esperto'),
      'latin1',
    );
    writeFileSync(file, latin1);
    await expect(loadReferenceData(handle.db, dir)).rejects.toThrow(/line 3: not valid UTF-8/);
    expect(await count(sql`source = 'provisional'`)).toBe(0);
  }, 120_000);
});

describe('parseProjectLabels', () => {
  const spec = PROJECT_LABEL_FILES.find((f) => f.file === PROVISIONAL_OCCUPATIONS)!;
  const parse = (text: string) => parseProjectLabels(spec, Buffer.from(text, 'utf8'));

  it('refuses mixed line endings as a broken file, with the line', () => {
    // What two files glued together give when one was saved on Windows.
    const text = `uri,label_it,alt_labels_it\n${WELDER},saldatore,"a, b"\r\n${COOK},cuoco,c\n`;
    expect(() => parse(text)).toThrow(ReferenceFileError);
    expect(() => parse(text)).toThrow(/line 2: not a valid CSV file/);
  });

  it('refuses a mis-decoded file (replacement characters)', () => {
    expect(() => parse(`uri,label_it,alt_labels_it\n${WELDER},saldatore,perit\uFFFD\n`)).toThrow(
      /line 2: replacement/,
    );
  });

  it('names a missing column', () => {
    expect(() => parse(`uri,label\n${WELDER},saldatore\n`)).toThrow(/missing column "label_it"/);
  });
});
