import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/raw.js';
import { PER_KEY, personCandidatesQuery } from '../../src/modules/duplicates/duplicates.repository.js';
import { auditLog } from '../../src/db/schema.js';
import { createTestApp, type Caller, type TestApp } from '../helpers/app.js';
import { makeDesk, makeFirm, PERSONAL, PLACES, profilePayload } from '../helpers/factories.js';

let t: TestApp;
let deskId: string;
let otherDeskId: string;
let operator: Caller;
let otherOperator: Caller;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.handle.db;
  deskId = (await makeDesk(db)).id;
  otherDeskId = (await makeDesk(db, { name: 'France Travail Marseille', country: 'FR' })).id;
  operator = { role: 'operator', deskId };
  otherOperator = { role: 'operator', deskId: otherDeskId };
});
afterAll(() => t?.close());

const post = (caller: Caller, url: string, payload: object) =>
  t.call(caller, { method: 'POST', url: `/api/v1${url}`, payload });
const get = (caller: Caller, url: string) => t.call(caller, { method: 'GET', url: `/api/v1${url}` });

async function profile(caller: Caller, overrides: Record<string, unknown> = {}) {
  const res = await post(caller, '/profiles', profilePayload(caller.deskId!, overrides));
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
}

describe('people', () => {
  it('finds the same person under another reference at the same desk, with score and reasons', async () => {
    const first = await profile(operator, {
      firstName: 'Giulia',
      lastName: 'Bianchi',
      email: 'g.bianchi@example.org',
      phone: '+39 0187 654321',
    });
    // Accents, case, swapped names and another phone format: still the same person.
    const second = await profile(operator, {
      firstName: 'BIANCHI',
      lastName: 'Giùlia',
      email: 'G.Bianchi@Example.org',
      phone: '0187-654321',
    });
    const res = await get(operator, `/profiles/${second.id}/duplicates`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.elsewhere).toBeNull();
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({ id: first.id, label: 'Giulia Bianchi' });
    expect(body.items[0].reasons).toEqual(['SAME_EMAIL', 'SAME_PHONE', 'SAME_NAME', 'SAME_MUNICIPALITY']);
    expect(body.items[0].score).toBe(0.9);
    // Showing a person by name is a personal read: audited.
    const audited = await t.database.handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'profile.duplicate_read'), eq(auditLog.subjectId, first.id)));
    expect(audited.length).toBeGreaterThan(0);
  });

  it('finds a person by the name and phone an edit gave them, no longer by the old ones', async () => {
    // The keys are stored with the row (issue 10): they must follow every write, not only the first.
    const created = (await post(
      operator,
      '/profiles',
      profilePayload(deskId, {
        firstName: 'Ottavio',
        lastName: 'Ferrandi',
        email: null,
        phone: '+39 0185 111222',
      }),
    ).then((r) => r.json())) as { id: string; version: number };
    const edited = await t.call(operator, {
      method: 'PATCH',
      url: `/api/v1/profiles/${created.id}`,
      payload: {
        version: created.version,
        firstName: 'Ottaviano',
        lastName: 'Ferràndi',
        phone: '0185 333444',
      },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const check = (body: object) =>
      post(operator, '/profiles/duplicate-check', { municipality: PLACES.laSpezia, ...body }).then(
        (r) => r.json().items as { id: string; reasons: string[] }[],
      );
    const byNewName = await check({ firstName: 'FERRANDI', lastName: 'Ottaviano', phone: '0185 333444' });
    expect(byNewName.find((i) => i.id === created.id)?.reasons).toEqual(
      expect.arrayContaining(['SAME_NAME', 'SAME_PHONE']),
    );
    const byOld = await check({ firstName: 'Ottavio', lastName: 'Ferrandi', phone: '+39 0185 111222' });
    expect(byOld.map((i) => i.id)).not.toContain(created.id);
  });

  it('a common name alone is not a duplicate; a name in the same town is', async () => {
    await profile(operator, {
      firstName: 'Luca',
      lastName: 'Verdi',
      email: null,
      phone: null,
      municipality: PLACES.portoferraio,
    });
    const check = (municipality: unknown) =>
      post(operator, '/profiles/duplicate-check', { firstName: 'Luca', lastName: 'Verdi', municipality });
    expect((await check(PLACES.laSpezia)).json().items).toEqual([]);
    const same = (await check(PLACES.portoferraio)).json();
    expect(same.items).toHaveLength(1);
    expect(same.items[0].reasons).toEqual(['SAME_NAME', 'SAME_MUNICIPALITY']);
  });

  it('another desk sees only a flag: no id, name, reference or reasons', async () => {
    const mine = await profile(operator, {
      firstName: 'Paolo',
      lastName: 'Neri',
      email: 'paolo.neri@example.org',
      phone: null,
      externalRef: 'REF-NERI-1',
    });
    const res = await post(otherOperator, '/profiles/duplicate-check', {
      firstName: 'Paolo',
      lastName: 'Neri',
      email: 'paolo.neri@example.org',
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.items).toEqual([]);
    expect(body.elsewhere.score).toBeGreaterThan(0.5);
    for (const secret of [mine.id, 'REF-NERI-1', deskId, 'SAME_EMAIL'])
      expect(res.body).not.toContain(secret);
  });

  it('the duplicates of a person need the right to their personal data; marketing and companies never', async () => {
    const mine = await profile(operator);
    expect((await get(otherOperator, `/profiles/${mine.id}/duplicates`)).statusCode).toBe(403);
    expect((await get({ role: 'marketing' }, `/profiles/${mine.id}/duplicates`)).statusCode).toBe(403);
    const firmId = (await makeFirm(t.database.handle.db)).id;
    expect((await get({ role: 'company', firmId }, `/profiles/${mine.id}/duplicates`)).statusCode).toBe(403);
    expect(
      (
        await post({ role: 'marketing' }, '/profiles/duplicate-check', {
          firstName: PERSONAL.firstName,
          lastName: PERSONAL.lastName,
        })
      ).statusCode,
    ).toBe(403);
    expect((await get({ role: 'admin' }, `/profiles/${mine.id}/duplicates`)).statusCode).toBe(200);
    expect(
      (await get(operator, `/profiles/00000000-0000-4000-8000-000000000000/duplicates`)).statusCode,
    ).toBe(404);
  });

  it('bad input is a 400 naming the field', async () => {
    const res = await post(operator, '/profiles/duplicate-check', { firstName: 'Anna', lastName: '' });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json().error.details)).toContain('lastName');
  });
});

const shed = (overrides: Record<string, unknown> = {}) => ({
  kind: 'building',
  category: 'warehouse',
  title: 'Capannone con carroponte',
  municipality: PLACES.laSpezia,
  availability: 'sale',
  coveredAreaM2: 2400,
  ...overrides,
});

describe('assets', () => {
  it('an identical shed with another inventory number is a likely duplicate', async () => {
    const a = await post(operator, '/assets', { deskId, ...shed(), inventoryNumber: 'INV-DUP-1' });
    expect(a.statusCode, a.body).toBe(201);
    const b = await post(operator, '/assets', {
      deskId,
      ...shed({ coveredAreaM2: 2450 }),
      inventoryNumber: 'INV-DUP-2',
    });
    expect(b.statusCode, b.body).toBe(201);
    const res = await get({ role: 'marketing' }, `/assets/${b.json().id}/duplicates`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toEqual([
      expect.objectContaining({
        id: a.json().id,
        reference: 'INV-DUP-1',
        reasons: ['SAME_KIND_AND_PLACE', 'SIMILAR_AREA'],
      }),
    ]);
    // Twice the area is another shed.
    const other = await post(operator, '/assets/duplicate-check', {
      kind: 'building',
      municipality: PLACES.laSpezia,
      coveredAreaM2: 5000,
    });
    expect(other.json().items.map((i: { id: string }) => i.id)).not.toContain(a.json().id);
  });

  it('the same machine (brand and model however typed) in the same place', async () => {
    const a = await post(operator, '/assets', {
      deskId,
      kind: 'machine',
      category: 'machine_tools',
      title: 'Tornio CNC',
      municipality: PLACES.marseille,
      availability: 'sale',
      brand: 'Mazak',
      model: 'QT-250',
      year: 2015,
      inventoryNumber: 'INV-MAZAK-1',
    });
    expect(a.statusCode, a.body).toBe(201);
    const res = await post(operator, '/assets/duplicate-check', {
      kind: 'machine',
      municipality: PLACES.marseille,
      brand: 'MAZAK',
      model: 'qt 250',
      year: 2015,
    });
    expect(res.json().items[0]).toMatchObject({
      id: a.json().id,
      reasons: ['SAME_KIND_AND_PLACE', 'SAME_BRAND_MODEL', 'SAME_YEAR'],
    });
  });
});

describe('firms', () => {
  it('the same firm name in the same town, whatever the legal form', async () => {
    const db = t.database.handle.db;
    const firm = await makeFirm(db, {
      name: 'Cantiere Navale Ligure S.r.l.',
      municipalityCountry: 'IT',
      municipalityCode: PLACES.laSpezia.code,
    });
    const res = await post(operator, '/firms/duplicate-check', {
      name: 'CANTIERE NAVALE LIGURE SRL',
      municipality: PLACES.laSpezia,
    });
    expect(res.json().items).toEqual([
      expect.objectContaining({ id: firm.id, reasons: ['SAME_FIRM_NAME', 'SAME_MUNICIPALITY'] }),
    ]);
    // A company sees only its own firm: another firm is a flag.
    const own = await makeFirm(db);
    const asCompany = await post({ role: 'company', firmId: own.id }, '/firms/duplicate-check', {
      name: 'Cantiere Navale Ligure',
      municipality: PLACES.laSpezia,
    });
    expect(asCompany.json().items).toEqual([]);
    expect(asCompany.json().elsewhere).not.toBeNull();
  });

  it('two establishments of one French company share their SIREN', async () => {
    const db = t.database.handle.db;
    const firm = await makeFirm(db, { name: 'Chantiers du Midi', country: 'FR', siret: '73282932000074' });
    const res = await post(operator, '/firms/duplicate-check', {
      name: 'Autre nom',
      siret: '732 829 320 00090',
    });
    expect(res.json().items[0]).toMatchObject({ id: firm.id, reasons: ['SAME_SIREN'] });
  });
});

describe('a common name', () => {
  /** `count` people of this name in Portoferraio, with neither e-mail nor phone. */
  async function namesakesElsewhere(firstName: string, lastName: string, count: number) {
    const first = await profile(operator, {
      firstName,
      lastName,
      email: null,
      phone: null,
      municipality: PLACES.portoferraio,
    });
    await queryRows(
      t.database.handle.db,
      sql`insert into profiles (code, desk_id, external_ref, first_name, last_name, municipality_country,
            municipality_code, lat, lon, employment_status)
          select 'NS' || left(md5(${lastName}), 4) || lpad(g::text, 6, '0'), desk_id,
            'NS-' || ${lastName} || '-' || g, first_name, last_name,
            municipality_country, municipality_code, lat, lon, employment_status
          from profiles p, generate_series(1, ${count - 1}) g where p.id = ${first.id}`,
    );
  }

  it('still shows the namesake in the same town when more namesakes live elsewhere than are looked up', async () => {
    // Many more namesakes elsewhere than the lookup takes per key (ids are random, so by id alone the
    // one in La Spezia would be among those taken about one time in ten).
    await namesakesElsewhere('Marco', 'Rossini', 10 * PER_KEY);
    const here = await profile(operator, {
      firstName: 'Marco',
      lastName: 'Rossini',
      email: null,
      phone: null,
      municipality: PLACES.laSpezia,
    });
    const res = await post(operator, '/profiles/duplicate-check', {
      firstName: 'Marco',
      lastName: 'Rossini',
      municipality: PLACES.laSpezia,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toMatchObject([{ id: here.id, reasons: ['SAME_NAME', 'SAME_MUNICIPALITY'] }]);
  });

  it('reads no namesake elsewhere, whom a shared name alone would not show', async () => {
    await namesakesElsewhere('Ettore', 'Marangoni', 2 * PER_KEY);
    const probe = {
      firstName: 'Ettore',
      lastName: 'Marangoni',
      email: null,
      phone: null,
      municipality: `${PLACES.laSpezia.country}:${PLACES.laSpezia.code}`,
      excludeId: null,
    };
    // An import asks this for every row: namesakes elsewhere were read (twenty a row) to be dropped.
    expect(await queryRows(t.database.handle.db, personCandidatesQuery([probe]))).toEqual([]);
    const res = await post(operator, '/profiles/duplicate-check', {
      firstName: 'Ettore',
      lastName: 'Marangoni',
      municipality: PLACES.laSpezia,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toEqual([]);
  });

  it('leaves out the records a pipelined import is updating in the query, so they take no place of a key', async () => {
    // One more namesake in one town than the lookup takes per key.
    await namesakesElsewhere('Ilario', 'Sbarbaro', PER_KEY + 1);
    const probe = {
      firstName: 'Ilario',
      lastName: 'Sbarbaro',
      email: null,
      phone: null,
      municipality: `${PLACES.portoferraio.country}:${PLACES.portoferraio.code}`,
      excludeId: null,
    };
    const db = t.database.handle.db;
    const first = await queryRows<{ id: string }>(db, personCandidatesQuery([probe]));
    expect(first).toHaveLength(PER_KEY);
    const skip = first.map((r) => r.id);
    const rest = await queryRows<{ id: string }>(db, personCandidatesQuery([probe], skip));
    expect(rest).toHaveLength(1);
    expect(skip).not.toContain(rest[0]!.id);
  });

  it('still shows a namesake elsewhere who shares the e-mail', async () => {
    const elsewhere = await profile(operator, {
      firstName: 'Ottavia',
      lastName: 'Ferrando',
      email: 'ottavia.ferrando@example.org',
      phone: null,
      municipality: PLACES.portoferraio,
    });
    const res = await post(operator, '/profiles/duplicate-check', {
      firstName: 'Ottavia',
      lastName: 'Ferrando',
      email: 'Ottavia.Ferrando@example.org',
      municipality: PLACES.laSpezia,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toMatchObject([{ id: elsewhere.id, reasons: ['SAME_EMAIL', 'SAME_NAME'] }]);
  });
});
