import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { profiles } from '../../src/db/schema.js';
import { createTestApp, type Caller, type TestApp } from '../helpers/app.js';
import { makeDesk, profilePayload } from '../helpers/factories.js';
import { importFile } from '../import/helpers.js';

let t: TestApp;
let operator: Caller;
let other: Caller;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.handle.db;
  operator = { role: 'operator', deskId: (await makeDesk(db)).id };
  other = { role: 'operator', deskId: (await makeDesk(db, { name: 'Sportello Genova' })).id };
  const res = await t.call(operator, {
    method: 'POST',
    url: '/api/v1/profiles',
    payload: profilePayload(operator.deskId!, {
      externalRef: 'KEEP-1',
      firstName: 'Ada',
      lastName: 'Neri',
      email: 'ada.neri@example.org',
      phone: '+39 010 555 1234',
    }),
  });
  expect(res.statusCode, res.body).toBe(201);
});
afterAll(() => t?.close());

const csv = (lines: string[]) => ({ name: 'f.csv', bytes: Buffer.from(lines.join('\r\n') + '\r\n', 'utf8') });
const header =
  'Codice esterno;Nome;Cognome;Email;Telefono;Comune;Professioni (ESCO);Condizione occupazionale';

describe('import: likely duplicates are warnings, the rows are written', () => {
  it('warns on the row with the reasons and the pseudonymous code, never the name', async () => {
    const file = csv([
      header,
      'NEW-1;ADA;Neri;Ada.Neri@example.org;010 5551234;La Spezia;welder;Disoccupato',
      'NEW-2;Bruno;Gialli;;;La Spezia;welder;Disoccupato',
    ]);
    const job = await importFile(t, operator, { entity: 'profiles', dryRun: 'false' }, file);
    expect(job.counts).toMatchObject({ create: 2, error: 0, warnings: 1 });
    const [warning] = job.report.items;
    expect(warning).toMatchObject({ row: 2, code: 'LIKELY_DUPLICATE', severity: 'warning' });
    expect(warning!.reasons).toEqual(['SAME_EMAIL', 'SAME_PHONE', 'SAME_NAME', 'SAME_MUNICIPALITY']);
    expect(String(warning!.value)).toMatch(/^P-/);
    expect((warning!.message as { it: string }).it).toContain('Stessa e-mail');
    expect((warning!.message as { fr: string }).fr).toContain('Même e-mail');
    expect(JSON.stringify(job.report)).not.toContain('KEEP-1');
    const db = t.database.handle.db;
    expect(
      (await db.select({ n: count() }).from(profiles).where(eq(profiles.externalRef, 'NEW-1')))[0]!.n,
    ).toBe(1);
  });

  it('another desk gets a flag with no code, name or reference', async () => {
    const file = csv([header, 'G-1;Ada;Neri;ada.neri@example.org;;Genova;welder;Disoccupato']);
    const job = await importFile(t, other, { entity: 'profiles', dryRun: 'false' }, file);
    expect(job.counts).toMatchObject({ create: 1, warnings: 1 });
    const [warning] = job.report.items;
    expect(warning).toMatchObject({ code: 'LIKELY_DUPLICATE_ELSEWHERE', severity: 'warning' });
    expect(warning!.value).toBeUndefined();
    expect(warning!.reasons).toBeUndefined();
    expect(JSON.stringify(job.report)).not.toMatch(/KEEP-1|P-[2-9A-Z]{8}/);
  });

  it('an identical asset under another inventory number', async () => {
    const assets = csv([
      'Numero di inventario;Titolo;Tipo;Comune;Disponibilità;Categoria;Superficie coperta (m²)',
      'A-1;Capannone;capannone;Genova;vendita;magazzino;1200',
    ]);
    expect(
      (await importFile(t, operator, { entity: 'assets', dryRun: 'false' }, assets)).counts,
    ).toMatchObject({
      create: 1,
      warnings: 0,
    });
    const again = csv([
      'Numero di inventario;Titolo;Tipo;Comune;Disponibilità;Categoria;Superficie coperta (m²)',
      'A-2;Capannone ex Ansaldo;capannone;Genova;vendita;magazzino;1.210',
    ]);
    const job = await importFile(t, operator, { entity: 'assets', dryRun: 'false' }, again);
    expect(job.counts).toMatchObject({ create: 1, warnings: 1 });
    expect(job.report.items[0]).toMatchObject({
      code: 'LIKELY_DUPLICATE',
      value: 'A-1',
      reasons: ['SAME_KIND_AND_PLACE', 'SIMILAR_AREA'],
    });
  });

  it('rows of one file that name the same person twice: the later row is warned with the earlier row’s number', async () => {
    const file = csv([
      header,
      'F-1;Chiara;Russo;chiara.russo@example.org;;La Spezia;welder;Disoccupato',
      'F-2;Dario;Verdi;;;La Spezia;welder;Disoccupato',
      // The same Chiara, typed otherwise, in the same file: e-mail case, swapped names, accents.
      'F-3;RUSSO;Chiàra;Chiara.Russo@Example.org;;La Spezia;welder;Disoccupato',
      // A namesake of Dario elsewhere: a shared name alone is not a duplicate.
      'F-4;Dario;Verdi;;;Genova;welder;Disoccupato',
    ]);
    const job = await importFile(t, operator, { entity: 'profiles' }, file); // a dry run
    expect(job.counts).toMatchObject({ create: 4, error: 0, warnings: 1 });
    const [warning] = job.report.items;
    expect(warning).toMatchObject({
      row: 4,
      code: 'LIKELY_DUPLICATE_IN_FILE',
      value: '2',
      reasons: ['SAME_EMAIL', 'SAME_NAME', 'SAME_MUNICIPALITY'],
      severity: 'warning',
    });
    expect((warning!.message as { it: string }).it).toContain('riga 2 di questo file');
    expect((warning!.message as { fr: string }).fr).toContain('ligne 2 de ce fichier');
    expect(JSON.stringify(job.report)).not.toMatch(/Chiara|Russo/i);
  });

  it('the same asset twice in one file', async () => {
    const assets = csv([
      'Numero di inventario;Titolo;Tipo;Comune;Disponibilità;Categoria;Superficie coperta (m²)',
      'B-1;Capannone;capannone;Livorno;vendita;magazzino;2000',
      'B-2;Capannone (copia);capannone;Livorno;vendita;magazzino;2050',
    ]);
    const job = await importFile(t, operator, { entity: 'assets' }, assets);
    expect(job.report.items).toEqual([
      expect.objectContaining({ row: 3, code: 'LIKELY_DUPLICATE_IN_FILE', value: '2' }),
    ]);
  });
});

describe('import: a row is compared with the rows of the earlier batches of its file', () => {
  // 600 rows: the two rows of the same person are more than a batch apart on PGlite (50) and on PostgreSQL
  // (250), where the batch just before is compared as rows of the file (test/import/pipelined.test.ts).
  const file = csv([
    header,
    'X-1;Giulia;Ferrante;giulia.ferrante@example.org;;La Spezia;welder;Disoccupato',
    // Names of letters only (the name key drops digits), each one different.
    ...Array.from({ length: 598 }, (_, i) => {
      const name = `${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`;
      return `X-F${i};Nome${name};Cognome${name};;;Genova;welder;Disoccupato`;
    }),
    'X-2;FERRANTE;Giulia;Giulia.Ferrante@example.org;;La Spezia;welder;Disoccupato',
  ]);

  it('in a dry run, where the earlier batches are not stored', async () => {
    const job = await importFile(t, operator, { entity: 'profiles' }, file);
    expect(job.counts).toMatchObject({ create: 600, error: 0, warnings: 1 });
    expect(job.report.items).toEqual([
      expect.objectContaining({ row: 601, code: 'LIKELY_DUPLICATE_IN_FILE', value: '2' }),
    ]);
  });

  it('in a real run, as the stored record of the earlier batch, warned once', async () => {
    const job = await importFile(t, operator, { entity: 'profiles', dryRun: 'false' }, file);
    expect(job.counts).toMatchObject({ create: 600, error: 0, warnings: 1 });
    expect(job.report.items).toEqual([
      expect.objectContaining({
        row: 601,
        code: 'LIKELY_DUPLICATE',
        reasons: expect.arrayContaining(['SAME_EMAIL']),
      }),
    ]);
  });
});
