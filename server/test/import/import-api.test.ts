import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assets, outbox, profiles } from '../../src/db/schema.js';
import { createTestApp, type Caller, type TestApp } from '../helpers/app.js';
import { makeDesk } from '../helpers/factories.js';
import { fixture, importFile, upload, waitForJob, type JobView } from './helpers.js';

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
const outboxRows = async () => (await db().select({ n: count() }).from(outbox))[0]!.n;
const versions = async () =>
  (await db().select({ ref: assets.inventoryNumber, v: assets.version }).from(assets)).sort((a, b) =>
    a.ref.localeCompare(b.ref),
  );

describe('assets from a semicolon Windows-1252 CSV with decimal commas', () => {
  const file = { name: 'assets-it-win1252.csv', bytes: fixture('assets-it-win1252.csv') };
  const fields = {
    entity: 'assets',
    defaults: JSON.stringify({ availability: 'Vendita', category: 'warehouse' }),
  };

  it('dry-runs first: counts what would change, reports the bad row, writes nothing', async () => {
    const before = await outboxRows();
    const job = await importFile(t, operator, fields, file);
    expect(job).toMatchObject({ status: 'done', dryRun: true, totalRows: 4, cursor: 4, progress: 1 });
    expect(job.counts).toMatchObject({ create: 3, update: 0, unchanged: 0, error: 1 });
    const bad = job.report.items.filter((i) => i.severity === 'error');
    expect(bad.length).toBeGreaterThan(0);
    expect(bad.every((i) => i.row === 5)).toBe(true);
    expect(bad[0]).toMatchObject({
      field: 'coveredAreaM2',
      column: { letter: 'E', header: 'Superficie coperta (m²)' },
    });
    expect((bad[0]!.message as Record<string, string>).fr).toBeTruthy();
    expect((await db().select({ n: count() }).from(assets))[0]!.n).toBe(0);
    expect(await outboxRows()).toBe(before);
  });

  it('commits: decoded accents, decimal commas and day-first dates land in the database, one outbox row each', async () => {
    const before = await outboxRows();
    const job = await importFile(t, operator, { ...fields, dryRun: 'false' }, file);
    expect(job.counts).toMatchObject({ create: 3, error: 1 });
    const rows = await db().select().from(assets).where(eq(assets.deskId, deskId));
    const byRef = new Map(rows.map((r) => [r.inventoryNumber, r]));
    expect(byRef.get('INV-001')).toMatchObject({
      title: 'Capannone Forlì – area portuale',
      coveredAreaM2: 1850.5,
      heightM: 9.5,
      priceEur: 450000,
      availableFrom: '2026-12-31',
      quayAccess: true,
      availability: 'sale',
      municipalityCode: '011015',
      version: 1,
    });
    expect(byRef.get('INV-002')).toMatchObject({
      coveredAreaM2: 2400.75,
      municipalityCountry: 'FR',
      availableFrom: '2027-02-01',
    });
    expect(byRef.get('INV-003')).toMatchObject({ kind: 'machine', priceEur: 12500, quayAccess: false });
    expect(byRef.has('INV-004')).toBe(false);
    expect(await outboxRows()).toBe(before + 3);
  });

  it('changes nothing when the same file comes again: same job, same rows, same versions, no outbox rows', async () => {
    const rowsBefore = await versions();
    const before = await outboxRows();
    const again = await upload(t, operator, { ...fields, dryRun: 'false' }, file);
    expect(again.statusCode).toBe(200);
    // A byte-different file with the same rows is a new job that finds everything unchanged.
    const edited = Buffer.concat([file.bytes, Buffer.from('\r\n')]);
    const job = await importFile(
      t,
      operator,
      { ...fields, dryRun: 'false' },
      { name: file.name, bytes: edited },
    );
    expect(job.counts).toMatchObject({ create: 0, update: 0, unchanged: 3, error: 1 });
    expect(await versions()).toEqual(rowsBefore);
    expect(await outboxRows()).toBe(before);
  });

  it('downloads the error report as CSV in the user’s language', async () => {
    const res = await upload(t, operator, fields, file);
    const id = (res.json() as JobView).id;
    const csv = await t.call(operator, { method: 'GET', url: `/api/v1/imports/${id}/report.csv?lang=fr` });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="rilancio-import-report-/);
    expect(csv.body).toContain('Ligne;Colonne');
    expect(csv.body).toContain('Superficie coperte'.slice(0, 10));
  });
});

describe('assets from an XLSX with two sheets and a merged two-level header', () => {
  const file = { name: 'assets-two-sheets-merged.xlsx', bytes: fixture('assets-two-sheets-merged.xlsx') };
  const defaults = JSON.stringify({ availability: 'lease', category: 'warehouse' });

  it('reads the first sheet with "Superficie (m²) coperta / terreno" as two fields', async () => {
    const job = await importFile(t, operator, { entity: 'assets', dryRun: 'false', defaults }, file);
    expect(job.counts, JSON.stringify(job.report.items)).toMatchObject({ create: 3, error: 0 });
    const [cap] = await db().select().from(assets).where(eq(assets.inventoryNumber, 'CAP-01'));
    expect(cap).toMatchObject({
      coveredAreaM2: 1850.5,
      landAreaM2: 5000,
      quayAccess: true,
      availableFrom: '2026-12-31',
    });
    expect(cap!.title).toContain('banchina');
  });

  it('reads another sheet by name', async () => {
    const job = await importFile(
      t,
      operator,
      { entity: 'assets', dryRun: 'false', defaults, sheet: 'Macchinari' },
      file,
    );
    expect(job.counts, JSON.stringify(job.report.items)).toMatchObject({ create: 2, error: 0 });
    const [mac] = await db().select().from(assets).where(eq(assets.inventoryNumber, 'MAC-02'));
    expect(mac).toMatchObject({ kind: 'equipment', powerKw: 7, year: 2015, municipalityCountry: 'FR' });
  });
});

describe('profiles with 10% bad rows', () => {
  const file = { name: 'profiles-10pct-bad.csv', bytes: fixture('profiles-10pct-bad.csv') };
  const fields = { entity: 'profiles', defaults: JSON.stringify({ employmentStatus: 'Disoccupato' }) };

  it('reports each of the ten bad rows with row, column, value and reason, and imports the other 90', async () => {
    const dry = await importFile(t, operator, fields, file);
    expect(dry.counts).toMatchObject({ create: 90, error: 10 });
    const badRows = [
      ...new Set(dry.report.items.filter((i) => i.severity === 'error').map((i) => i.row)),
    ].sort((a, b) => Number(a) - Number(b));
    expect(badRows).toEqual([8, 16, 24, 32, 43, 51, 62, 75, 89, 98]);
    const email = dry.report.items.find((i) => i.row === 8)!;
    expect(email).toMatchObject({
      field: 'email',
      value: 'not-an-email',
      column: { letter: 'D', header: 'E-mail' },
    });
    expect((email.message as Record<string, string>).it).toContain('e-mail');

    const real = await importFile(t, operator, { ...fields, dryRun: 'false' }, file);
    expect(real.counts).toMatchObject({ create: 90, error: 10 });
    const n = (await db().select({ n: count() }).from(profiles).where(eq(profiles.deskId, deskId)))[0]!.n;
    expect(n).toBe(90);
  });
});

describe('hostile uploads', () => {
  it('refuses a renamed executable with 415', async () => {
    for (const name of ['renamed-mz.csv', 'renamed-elf.csv', 'renamed-mz.xlsx']) {
      const res = await upload(t, operator, { entity: 'assets' }, { name, bytes: fixture(name) });
      expect(res.statusCode, name).toBe(415);
      expect(res.json().error.code).toBe('FILE_TYPE_UNSUPPORTED');
    }
  });

  it('reads __proto__, constructor and prototype headers without polluting Object.prototype', async () => {
    for (const name of ['proto-headers.csv', 'proto-headers.xlsx']) {
      const job = await importFile(
        t,
        operator,
        {
          entity: 'assets',
          dryRun: 'false',
          defaults: JSON.stringify({ availability: 'sale', category: 'other' }),
          mapping: '{"__proto__":"description","constructor":null}',
        },
        { name, bytes: fixture(name) },
      );
      expect(job.status, name).toBe('done');
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty('polluted');
    }
    // The user's mapping may name a "__proto__" column too: it stays a column, mapped like any other.
    const [pp] = await db().select().from(assets).where(eq(assets.inventoryNumber, 'PP-1'));
    expect(pp?.description).toContain('polluted');
  });

  it('answers 413 over the size limit and leaves no file behind', async () => {
    const { readdirSync, existsSync, openSync, readSync, closeSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = `${tmpdir()}/rilancio-imports`;
    // The directory is shared with the other test files running at the same time, whose uploads come
    // and go: what must not be there is a file holding this refused upload's bytes.
    const marker = Buffer.alloc(64, 0x41);
    const holdsRefusedBytes = (name: string): boolean => {
      try {
        const fd = openSync(`${dir}/${name}`, 'r');
        try {
          const head = Buffer.alloc(marker.length);
          return readSync(fd, head, 0, head.length, 0) === head.length && head.equals(marker);
        } finally {
          closeSync(fd);
        }
      } catch {
        return false; // removed meanwhile by another test's tidy-up, or a directory
      }
    };
    const big = Buffer.alloc(50 * 1024 * 1024 + 10, 0x41);
    const res = await upload(t, operator, { entity: 'assets' }, { name: 'big.csv', bytes: big });
    expect(res.statusCode).toBe(413);
    const left = existsSync(dir) ? readdirSync(dir).filter(holdsRefusedBytes) : [];
    expect(left).toEqual([]);
  });

  it('refuses a zip bomb before expanding it', async () => {
    const res = await upload(
      t,
      operator,
      { entity: 'assets' },
      { name: 'zip-bomb.xlsx', bytes: fixture('zip-bomb.xlsx') },
    );
    expect(res.statusCode).toBe(413);
  });
});

describe('a row the database refuses', () => {
  it('rolls back that row only (savepoint), reports it, and commits the rest of the batch', async () => {
    // A constraint no check before the write knows about: the batch's fast path fails, and the
    // batch runs again with a savepoint per row.
    await db().execute(
      sql.raw(`create function refuse_boom() returns trigger language plpgsql as $$
        begin if new.title = 'BOOM' then raise exception 'boom refused'; end if; return new; end $$`),
    );
    await db().execute(
      sql.raw(
        'create trigger refuse_boom before insert on assets for each row execute function refuse_boom()',
      ),
    );
    const csv = [
      'Numero di inventario;Titolo;Tipo;Comune;Disponibilità;Categoria',
      'SP-1;Capannone uno;capannone;Genova;vendita;magazzino',
      'SP-2;BOOM;capannone;Genova;vendita;magazzino',
      'SP-3;Capannone tre;capannone;Genova;vendita;magazzino',
    ].join('\r\n');
    const before = await outboxRows();
    const job = await importFile(
      t,
      operator,
      { entity: 'assets', dryRun: 'false' },
      { name: 'sp.csv', bytes: Buffer.from(csv) },
    );
    expect(job.counts).toMatchObject({ create: 2, error: 1 });
    expect(job.report.items).toEqual([
      expect.objectContaining({ row: 3, code: 'WRITE_FAILED', severity: 'error' }),
    ]);
    const refs = (await db().select({ ref: assets.inventoryNumber }).from(assets)).map((r) => r.ref);
    expect(refs).toEqual(expect.arrayContaining(['SP-1', 'SP-3']));
    expect(refs).not.toContain('SP-2');
    expect(await outboxRows()).toBe(before + 2);
    await db().execute(sql.raw('drop trigger refuse_boom on assets'));
    await db().execute(sql.raw('drop function refuse_boom()'));
  });
});

describe('access', () => {
  it('keeps an operator to their own desk’s jobs', async () => {
    const other = { role: 'operator' as const, deskId: (await makeDesk(db())).id };
    const res = await upload(
      t,
      operator,
      { entity: 'assets', defaults: JSON.stringify({ availability: 'sale', category: 'other' }) },
      { name: 'assets-it-win1252.csv', bytes: fixture('assets-it-win1252.csv') },
    );
    const id = (res.json() as JobView).id;
    await waitForJob(t, operator, id);
    expect((await t.call(other, { method: 'GET', url: `/api/v1/imports/${id}` })).statusCode).toBe(404);
    expect(
      (await t.call({ role: 'marketing' }, { method: 'GET', url: `/api/v1/imports/${id}` })).statusCode,
    ).toBe(403);
    expect(
      (await t.call({ role: 'admin' }, { method: 'GET', url: `/api/v1/imports/${id}` })).statusCode,
    ).toBe(200);
  });

  it('serves templates per entity and language', async () => {
    const csv = await t.call(operator, {
      method: 'GET',
      url: '/api/v1/imports/templates/profiles?format=csv&lang=fr',
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('Référence externe');
    const xlsx = await t.call(operator, {
      method: 'GET',
      url: '/api/v1/imports/templates/assets?format=xlsx&lang=en',
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});
