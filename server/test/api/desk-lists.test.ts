import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crisisCases, needs, opportunities, profiles } from '../../src/db/schema.js';
import { createTestApp, type Caller, type TestApp } from '../helpers/app.js';
import { ESCO, makeDesk, makeFirm, PLACES } from '../helpers/factories.js';

/**
 * The desk lists (issue 13): text, filters, sort and total in SQL, under the policy's read scope, at a
 * realistic size (a few thousand rows), in a fixed number of queries whatever the number of rows.
 */
let t: TestApp;
let deskA: string;
let deskB: string;
let firmA: string;
let firmB: string;
let operatorA: Caller;
let operatorB: Caller;
let companyB: Caller;
const log: string[] = [];
let recording = false;

const NEEDS_A = 2400;
const NEEDS_B = 900;
const PROFILES_A = 1200;
const PROFILES_B = 800;

// La Spezia and Portoferraio are in the bundled reference data (helpers/factories.ts).
const SPEZIA = { municipalityCountry: 'IT', municipalityCode: PLACES.laSpezia.code, lat: 44.1, lon: 9.8 };
const ELBA = { municipalityCountry: 'IT', municipalityCode: PLACES.portoferraio.code, lat: 42.8, lon: 10.3 };

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += 500) await insert(rows.slice(i, i + 500));
}

beforeAll(async () => {
  t = await createTestApp({ onQuery: (e) => void (recording && log.push(e.sql)) });
  const db = t.database.handle.db;
  deskA = (await makeDesk(db)).id;
  deskB = (await makeDesk(db)).id;
  firmA = (await makeFirm(db, { deskId: deskA, name: 'Cantiere Navale Ligure' })).id;
  firmB = (await makeFirm(db, { deskId: deskB, name: 'Officine Élbane' })).id;
  operatorA = { role: 'operator', deskId: deskA, userId: '00000000-0000-4000-8000-0000000000a1' };
  operatorB = { role: 'operator', deskId: deskB, userId: '00000000-0000-4000-8000-0000000000b1' };
  companyB = { role: 'company', firmId: firmB };
  const needRow = (i: number, desk: string, firm: string) => ({
    type: i % 4 === 0 ? 'asset' : 'job',
    firmId: firm,
    deskId: desk,
    externalRef: `REF-${desk.slice(0, 4)}-${i}`,
    title: i === 7 ? 'Saldatore perché urgente' : `Ricerca ${String(i).padStart(5, '0')}`,
    status: i % 3 === 0 ? 'draft' : 'open',
    ...(i % 2 === 0 ? SPEZIA : ELBA),
    occupationUri: i % 4 === 0 ? null : ESCO.welder,
    positions: i % 4 === 0 ? null : 1,
    assetKind: i % 4 === 0 ? 'machine' : null,
    supplyChain: i % 5 === 0 ? 'nautical_shipbuilding' : null,
    expiresAt: i % 10 === 0 ? null : `2027-0${1 + (i % 9)}-15`,
    createdAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
  });
  await insertChunked(
    [
      ...Array.from({ length: NEEDS_A }, (_, i) => needRow(i, deskA, firmA)),
      ...Array.from({ length: NEEDS_B }, (_, i) => needRow(i, deskB, firmB)),
    ],
    (chunk) => db.insert(needs).values(chunk),
  );
  const profileRow = (i: number, desk: string) => ({
    code: `P-${desk.slice(0, 4)}-${String(i).padStart(5, '0')}`,
    deskId: desk,
    externalRef: `EXT-${desk.slice(0, 4)}-${i}`,
    firstName: i === 3 ? 'Benedetta' : 'Mario',
    lastName: i === 3 ? (desk === deskB ? 'Ghiringhèlli' : 'Bianchi') : `Rossi${i}`,
    ...(i % 2 === 0 ? SPEZIA : ELBA),
    employmentStatus: i % 2 === 0 ? 'unemployed' : 'at_risk',
    supplyChains: i % 3 === 0 ? ['nautical_shipbuilding'] : [],
  });
  await insertChunked(
    [
      ...Array.from({ length: PROFILES_A }, (_, i) => profileRow(i, deskA)),
      ...Array.from({ length: PROFILES_B }, (_, i) => profileRow(i, deskB)),
    ],
    (chunk) => db.insert(profiles).values(chunk),
  );
  await db.insert(crisisCases).values([
    {
      deskId: deskA,
      externalRef: 'CRISI-1',
      firmId: firmA,
      title: 'Crisi del cantiere',
      procedure: 'concordato_preventivo',
      status: 'open',
      ...SPEZIA,
      workersAffected: 120,
    },
    {
      deskId: deskB,
      externalRef: 'CRISI-2',
      firmId: firmB,
      title: 'Chiusura officine',
      procedure: 'licenziamento_collettivo',
      status: 'closed',
      ...ELBA,
      workersAffected: 40,
    },
  ]);
  await db.insert(opportunities).values([
    { deskId: deskA, kind: 'wbo', title: 'Cooperativa dei saldatori', ...SPEZIA, deadline: '2027-03-01' },
    { deskId: deskB, kind: 'start_up', title: 'Officina elbana', ...ELBA, deadline: '2027-01-01' },
    { deskId: deskB, kind: 'wbo', title: 'Rilancio del porto', ...ELBA },
  ]);
}, 300_000);
afterAll(() => t?.close());

const get = async (caller: Caller, url: string) => {
  const res = await t.call(caller, { method: 'GET', url });
  return { status: res.statusCode, body: res.json() };
};

describe('needs list', () => {
  it('pages a sorted list of thousands by offset: every row once, the total right', async () => {
    const seen = new Set<string>();
    let total: number;
    let previous = '';
    for (let offset = 0; ; offset += 100) {
      const { status, body } = await get(operatorA, `/api/v1/needs?sort=title&limit=100&offset=${offset}`);
      expect(status, JSON.stringify(body)).toBe(200);
      total = body.total;
      for (const n of body.items as { id: string; title: string }[]) {
        expect(seen.has(n.id)).toBe(false);
        seen.add(n.id);
        expect(n.title.localeCompare(previous, 'it', { sensitivity: 'base' })).toBeGreaterThanOrEqual(0);
        previous = n.title;
      }
      if (!body.nextCursor) break;
    }
    expect(total).toBe(NEEDS_A + NEEDS_B);
    expect(seen.size).toBe(total);
  });

  it('pages the unsorted list by cursor as before, with the same total', async () => {
    const seen = new Set<string>();
    let cursor = '';
    let total: number;
    do {
      const { body } = await get(operatorA, `/api/v1/needs?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
      total = body.total;
      for (const n of body.items as { id: string }[]) seen.add(n.id);
      cursor = body.nextCursor ?? '';
    } while (cursor);
    expect(seen.size).toBe(NEEDS_A + NEEDS_B);
    expect(total).toBe(NEEDS_A + NEEDS_B);
  });

  it('filters and counts in SQL: status, type, supply chain, desk, province', async () => {
    const count = async (qs: string) => (await get(operatorA, `/api/v1/needs?limit=1&${qs}`)).body.total;
    const expected = (n: number, p: (i: number) => boolean) =>
      Array.from({ length: n }, (_, i) => i).filter(p).length;
    expect(await count(`deskId=${deskA}&status=draft`)).toBe(expected(NEEDS_A, (i) => i % 3 === 0));
    expect(await count(`deskId=${deskA}&type=asset&status=open,draft`)).toBe(
      expected(NEEDS_A, (i) => i % 4 === 0),
    );
    expect(await count(`firmId=${firmB}&supplyChain=nautical_shipbuilding`)).toBe(
      expected(NEEDS_B, (i) => i % 5 === 0),
    );
    // Portoferraio is in the province of Livorno (049).
    expect(await count(`deskId=${deskB}&province=049`)).toBe(expected(NEEDS_B, (i) => i % 2 === 1));
    expect(await count(`municipality=IT:${PLACES.laSpezia.code}`)).toBe(
      expected(NEEDS_A, (i) => i % 2 === 0) + expected(NEEDS_B, (i) => i % 2 === 0),
    );
  });

  it('finds text in title, reference, firm name and municipality, accent- and case-blind', async () => {
    const total = async (q: string) =>
      (await get(operatorA, `/api/v1/needs?limit=5&q=${encodeURIComponent(q)}`)).body.total;
    expect(await total('PERCHE')).toBe(2);
    expect(await total('perché urg')).toBe(2);
    expect(await total(`REF-${deskB.slice(0, 4)}-899`)).toBe(1);
    expect(await total('officine elbane')).toBe(NEEDS_B);
    expect(await total('portoferraio')).toBe(NEEDS_A / 2 + Math.floor(NEEDS_B / 2));
    // LIKE wildcards typed in the box are text, not patterns.
    expect(await total('%')).toBe(0);
  });

  it('sorts by deadline with the undated last, and newest first', async () => {
    const { body } = await get(operatorA, `/api/v1/needs?sort=deadline&limit=3&deskId=${deskA}`);
    expect(body.items.map((n: { expiresAt: string }) => n.expiresAt)).toEqual([
      '2027-01-15',
      '2027-01-15',
      '2027-01-15',
    ]);
    const last = await get(
      operatorA,
      `/api/v1/needs?sort=deadline&limit=1&offset=${NEEDS_A - 1}&deskId=${deskA}`,
    );
    expect(last.body.items[0].expiresAt).toBeNull();
    const newest = await get(operatorA, `/api/v1/needs?sort=newest&limit=1&deskId=${deskA}`);
    expect(newest.body.items[0].externalRef ?? newest.body.items[0].title).toBeTruthy();
    expect(newest.body.items[0].title).toBe(`Ricerca ${String(NEEDS_A - 1).padStart(5, '0')}`);
  });

  it('answers 400 naming the parameter for a bad sort, filter or paging', async () => {
    for (const [qs, path] of <[string, string][]>[
      ['sort=price', 'querystring.sort'],
      ['status=open,lost', 'querystring.status'],
      ['province=Liguria', 'querystring.province'],
      ['offset=-1', 'querystring.offset'],
      ['sort=title&cursor=00000000-0000-4000-8000-000000000000', 'querystring.cursor'],
      ['colour=red', 'querystring'],
    ]) {
      const { status, body } = await get(operatorA, `/api/v1/needs?${qs}`);
      expect(status, qs).toBe(400);
      expect(
        body.error.details.some((d: { path: string }) => d.path.startsWith(path)),
        JSON.stringify(body),
      ).toBe(true);
    }
  });

  it('never lists a foreign record: a company sees its own firm’s needs only', async () => {
    const company = await get(companyB, '/api/v1/needs?limit=100&q=ricerca&sort=title');
    expect(company.body.total).toBe(NEEDS_B - 1);
    expect(company.body.items.every((n: { firmId: string }) => n.firmId === firmB)).toBe(true);
    expect((await get(companyB, `/api/v1/needs?limit=1&firmId=${firmA}`)).body.total).toBe(0);
  });

  it('makes the same number of queries for 20 rows of 3,300 as for 20 of 300', async () => {
    const measure = async (qs: string) => {
      log.length = 0;
      recording = true;
      const { status } = await get(operatorA, `/api/v1/needs?limit=20&${qs}`);
      recording = false;
      expect(status).toBe(200);
      return log.length;
    };
    const few = await measure(`q=ricerca&sort=title&firmId=${firmB}&province=049`);
    const many = await measure('q=ricerca&sort=title&status=open,draft');
    expect(many).toBe(few);
    // One page, one count, then the page's own skills, languages and places.
    expect(many).toBeLessThanOrEqual(8);
  });
});

describe('profiles list', () => {
  it('pages thousands of profiles with the total, newest first', async () => {
    const first = await get(operatorA, '/api/v1/profiles?sort=newest&limit=100');
    expect(first.status).toBe(200);
    expect(first.body.total).toBe(PROFILES_A + PROFILES_B);
    const last = await get(operatorA, `/api/v1/profiles?sort=code&limit=100&offset=1900`);
    expect(last.body.items).toHaveLength(100);
    expect(last.body.nextCursor).toBeNull();
  });

  it('matches a name only among the people whose personal data the operator may see', async () => {
    // Desk B's Benedetta Ghiringhèlli: desk B finds her by name, desk A (pseudonymised view) does not.
    const byB = await get(operatorB, '/api/v1/profiles?q=ghiringhelli');
    expect(byB.body.total).toBe(1);
    expect(byB.body.items[0].personal.lastName).toBe('Ghiringhèlli');
    expect((await get(operatorA, '/api/v1/profiles?q=ghiringhelli')).body.total).toBe(0);
    expect((await get(operatorA, '/api/v1/profiles?q=benedetta')).body.total).toBe(1);
    const found = await get(operatorA, '/api/v1/profiles?q=benedetta%20bianchi');
    expect(found.body.items[0].deskId).toBe(deskA);
    // A foreign profile found by its pseudonym carries no personal data.
    const foreign = await get(operatorA, `/api/v1/profiles?q=P-${deskB.slice(0, 4)}-00003`);
    expect(foreign.body.total).toBe(1);
    expect(foreign.body.items[0].personal).toBeNull();
    expect(foreign.body.items[0].externalRef).toBeNull();
    // Nor by its reference or e-mail.
    expect((await get(operatorA, `/api/v1/profiles?q=EXT-${deskB.slice(0, 4)}-3`)).body.total).toBe(0);
  });

  it('filters by employment status, supply chain and desk; a company lists no one', async () => {
    const total = async (c: Caller, qs: string) =>
      (await get(c, `/api/v1/profiles?limit=1&${qs}`)).body.total;
    expect(await total(operatorA, `deskId=${deskB}&employmentStatus=at_risk`)).toBe(PROFILES_B / 2);
    expect(await total(operatorA, `deskId=${deskA}&supplyChain=nautical_shipbuilding`)).toBe(PROFILES_A / 3);
    expect(await total(operatorB, `deskId=${deskB}`)).toBe(PROFILES_B);
    expect((await get(companyB, '/api/v1/profiles')).status).toBe(403);
  });
});

describe('crisis dossiers and opportunities', () => {
  it('search, filter and sort crisis dossiers with the total', async () => {
    const open = await get(operatorA, '/api/v1/crisis-cases?status=open');
    expect(open.body.total).toBe(1);
    expect((await get(operatorA, '/api/v1/crisis-cases?q=elbane')).body.items[0].externalRef).toBe('CRISI-2');
    const byWorkers = await get(operatorA, '/api/v1/crisis-cases?sort=workers');
    expect(byWorkers.body.items.map((c: { workersAffected: number }) => c.workersAffected)).toEqual([
      120, 40,
    ]);
    expect((await get(operatorA, '/api/v1/crisis-cases?procedure=pse')).body.total).toBe(0);
    expect((await get(operatorA, '/api/v1/crisis-cases?procedure=bankruptcy')).status).toBe(400);
  });

  it('search, filter and sort opportunities with the total', async () => {
    const wbo = await get(operatorA, '/api/v1/opportunities?kind=wbo&sort=title');
    expect(wbo.body.items.map((o: { title: string }) => o.title)).toEqual([
      'Cooperativa dei saldatori',
      'Rilancio del porto',
    ]);
    const byDeadline = await get(operatorA, '/api/v1/opportunities?sort=deadline');
    expect(byDeadline.body.items.map((o: { deadline: string | null }) => o.deadline)).toEqual([
      '2027-01-01',
      '2027-03-01',
      null,
    ]);
    expect((await get(operatorA, '/api/v1/opportunities?q=PORTOFERRAIO')).body.total).toBe(2);
    expect((await get(companyB, '/api/v1/opportunities')).status).toBe(403);
  });
});
