import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firms, needs, opportunities } from '../../src/db/schema.js';
import { createTestApp, type Caller, type TestApp } from '../helpers/app.js';
import { ESCO, makeDesk, PLACES } from '../helpers/factories.js';

/**
 * The firms list (issue 13): text, filters (place, supply chain, size, state), sort and total in SQL,
 * under the policy's read scope, at a realistic size (a few thousand firms), in a fixed number of queries
 * whatever the number of rows.
 */
let t: TestApp;
let deskA: string;
let deskB: string;
let ownFirm: string;
let operatorA: Caller;
let marketing: Caller;
let company: Caller;
const log: string[] = [];
let recording = false;

const FIRMS_A = 2100;
const FIRMS_B = 900;
const TOTAL = FIRMS_A + FIRMS_B;

// La Spezia (Liguria, province 011), Portoferraio (Toscana, province 049), Marseille (PACA, 13).
const SPEZIA = { municipalityCountry: 'IT', municipalityCode: PLACES.laSpezia.code, lat: 44.1, lon: 9.8 };
const ELBA = { municipalityCountry: 'IT', municipalityCode: PLACES.portoferraio.code, lat: 42.8, lon: 10.3 };
const MARSEILLE = { municipalityCountry: 'FR', municipalityCode: PLACES.marseille.code, lat: 43.3, lon: 5.4 };

const SIZES = ['micro', 'small', 'medium', 'large'] as const;
const placeOf = (i: number) => [SPEZIA, ELBA, MARSEILLE][i % 3]!;
const count = (n: number, p: (i: number) => boolean) =>
  Array.from({ length: n }, (_, i) => i).filter(p).length;

beforeAll(async () => {
  t = await createTestApp({ onQuery: (e) => void (recording && log.push(e.sql)) });
  const db = t.database.handle.db;
  deskA = (await makeDesk(db)).id;
  deskB = (await makeDesk(db)).id;
  const row = (i: number, desk: string) => {
    const where = placeOf(i);
    const french = where === MARSEILLE;
    return {
      deskId: desk,
      name:
        i === 5
          ? 'Società Élbana di Navigazione'
          : `Impresa ${desk.slice(0, 4)} ${String(i).padStart(5, '0')}`,
      country: french ? 'FR' : 'IT',
      // Tax numbers are unique: the desk's prefix keeps the two desks' apart (check digits are not checked here).
      vatNumber: french ? null : `${desk === deskA ? 1 : 2}${String(i).padStart(10, '0')}`,
      siret: french ? `${desk === deskA ? 1 : 2}${String(i).padStart(13, '0')}` : null,
      naceCode: '30.11',
      supplyChains:
        i % 4 === 0
          ? ['nautical_shipbuilding', 'sustainable_tourism']
          : i % 4 === 1
            ? ['sustainable_tourism']
            : [],
      ...where,
      sizeBand: i % 10 === 9 ? null : SIZES[i % 4]!,
      state: i % 7 === 0 ? 'in_crisis' : 'active',
      createdAt: new Date(Date.UTC(2025, 0, 1) + i * 60_000),
    };
  };
  const rows = [
    ...Array.from({ length: FIRMS_A }, (_, i) => row(i, deskA)),
    ...Array.from({ length: FIRMS_B }, (_, i) => row(i, deskB)),
  ];
  const ids: string[] = [];
  for (let i = 0; i < rows.length; i += 500)
    ids.push(
      ...(
        await db
          .insert(firms)
          .values(rows.slice(i, i + 500))
          .returning({ id: firms.id })
      ).map((r) => r.id),
    );
  ownFirm = ids[FIRMS_A + 5]!; // desk B's Società Élbana
  operatorA = { role: 'operator', deskId: deskA, userId: '00000000-0000-4000-8000-0000000000a1' };
  marketing = { role: 'marketing', userId: '00000000-0000-4000-8000-0000000000c1' };
  company = { role: 'company', firmId: ownFirm };
  // The firm page lists a firm's needs and the opportunities it is the source of.
  await db.insert(needs).values({
    type: 'job',
    firmId: ownFirm,
    deskId: deskB,
    title: 'Marinaio',
    occupationUri: ESCO.welder,
    positions: 1,
    ...ELBA,
  });
  await db
    .insert(opportunities)
    .values({ deskId: deskB, kind: 'wbo', title: 'Cooperativa elbana', sourceFirmId: ownFirm, ...ELBA });
}, 300_000);
afterAll(() => t?.close());

const get = async (caller: Caller, url: string) => {
  const res = await t.call(caller, { method: 'GET', url });
  return { status: res.statusCode, body: res.json() };
};
const totalOf = async (caller: Caller, qs: string) => {
  const { status, body } = await get(caller, `/api/v1/firms?limit=1&${qs}`);
  expect(status, JSON.stringify(body)).toBe(200);
  return body.total as number;
};

describe('firms list', () => {
  it('pages thousands of firms by name, every firm once, the total right', async () => {
    const seen = new Set<string>();
    let previous = '';
    let total: number;
    for (let offset = 0; ; offset += 100) {
      const { status, body } = await get(operatorA, `/api/v1/firms?sort=name&limit=100&offset=${offset}`);
      expect(status, JSON.stringify(body)).toBe(200);
      total = body.total;
      for (const f of body.items as { id: string; name: string }[]) {
        expect(seen.has(f.id)).toBe(false);
        seen.add(f.id);
        expect(f.name.localeCompare(previous, 'it', { sensitivity: 'base' })).toBeGreaterThanOrEqual(0);
        previous = f.name;
      }
      if (!body.nextCursor) break;
    }
    expect(total).toBe(TOTAL);
    expect(seen.size).toBe(TOTAL);
  });

  it('filters by region, province, municipality, supply chain, size, state and desk in SQL', async () => {
    const both = (p: (i: number) => boolean) => count(FIRMS_A, p) + count(FIRMS_B, p);
    // Liguria (07) is La Spezia, Provence-Alpes-Côte d'Azur (93) Marseille.
    expect(await totalOf(operatorA, 'region=07')).toBe(both((i) => i % 3 === 0));
    expect(await totalOf(operatorA, 'region=93')).toBe(both((i) => i % 3 === 2));
    expect(await totalOf(operatorA, 'province=049')).toBe(both((i) => i % 3 === 1));
    expect(await totalOf(operatorA, `municipality=FR:${PLACES.marseille.code}&deskId=${deskB}`)).toBe(
      count(FIRMS_B, (i) => i % 3 === 2),
    );
    // A firm in several supply chains matches any of them.
    expect(await totalOf(operatorA, 'supplyChain=sustainable_tourism')).toBe(both((i) => i % 4 <= 1));
    expect(await totalOf(operatorA, 'supplyChain=nautical_shipbuilding&region=07')).toBe(
      both((i) => i % 4 === 0 && i % 3 === 0),
    );
    expect(await totalOf(operatorA, 'sizeBand=micro,large')).toBe(
      both((i) => i % 10 !== 9 && (i % 4 === 0 || i % 4 === 3)),
    );
    expect(await totalOf(operatorA, `state=in_crisis&deskId=${deskA}`)).toBe(
      count(FIRMS_A, (i) => i % 7 === 0),
    );
    expect(await totalOf(operatorA, 'country=FR')).toBe(both((i) => i % 3 === 2));
  });

  it('finds text in the name, the tax numbers and the municipality, accent- and case-blind', async () => {
    expect(await totalOf(operatorA, `q=${encodeURIComponent('societa elbana')}`)).toBe(2);
    expect(await totalOf(operatorA, 'q=SOCIETÀ%20ÉLBANA')).toBe(2);
    expect(await totalOf(operatorA, `q=${encodeURIComponent(`1${String(3).padStart(10, '0')}`)}`)).toBe(1);
    expect(await totalOf(operatorA, 'q=marseille')).toBe(
      count(FIRMS_A, (i) => i % 3 === 2) + count(FIRMS_B, (i) => i % 3 === 2),
    );
    expect(await totalOf(operatorA, 'q=%25')).toBe(0);
  });

  it('sorts newest first and by name', async () => {
    const newest = await get(operatorA, `/api/v1/firms?sort=newest&limit=1&deskId=${deskA}`);
    expect(newest.body.items[0].name).toBe(
      `Impresa ${deskA.slice(0, 4)} ${String(FIRMS_A - 1).padStart(5, '0')}`,
    );
    const byName = await get(marketing, `/api/v1/firms?sort=name&limit=2&q=impresa&deskId=${deskB}`);
    expect(byName.body.items.map((f: { name: string }) => f.name)).toEqual([
      `Impresa ${deskB.slice(0, 4)} 00000`,
      `Impresa ${deskB.slice(0, 4)} 00001`,
    ]);
  });

  it('answers 400 naming the parameter for a bad sort or filter', async () => {
    for (const [qs, path] of <[string, string][]>[
      ['sort=title', 'querystring.sort'],
      ['sizeBand=huge', 'querystring.sizeBand'],
      ['region=Liguria', 'querystring.region'],
      ['province=La Spezia', 'querystring.province'],
    ]) {
      const { status, body } = await get(operatorA, `/api/v1/firms?${qs}`);
      expect(status, qs).toBe(400);
      expect(
        body.error.details.some((d: { path: string }) => d.path.startsWith(path)),
        JSON.stringify(body),
      ).toBe(true);
    }
  });

  it('lists a company its own firm only, whatever it asks', async () => {
    const own = await get(company, '/api/v1/firms?limit=100&sort=name');
    expect(own.body.total).toBe(1);
    expect(own.body.items[0].id).toBe(ownFirm);
    expect(await totalOf(company, `deskId=${deskA}`)).toBe(0);
  });

  it('gives the firm page its needs and the opportunities it is the source of', async () => {
    const needsOf = await get(operatorA, `/api/v1/needs?firmId=${ownFirm}`);
    expect(needsOf.body.items.map((n: { title: string }) => n.title)).toEqual(['Marinaio']);
    const opps = await get(marketing, `/api/v1/opportunities?sourceFirmId=${ownFirm}`);
    expect(opps.body.items.map((o: { title: string }) => o.title)).toEqual(['Cooperativa elbana']);
    expect((await get(marketing, `/api/v1/opportunities?sourceFirmId=${deskA}`)).body.total).toBe(0);
  });

  it('makes the same number of queries for 20 firms of 3,000 as for 20 of a few hundred', async () => {
    const measure = async (qs: string) => {
      log.length = 0;
      recording = true;
      const { status } = await get(operatorA, `/api/v1/firms?limit=20&${qs}`);
      recording = false;
      expect(status).toBe(200);
      return log.length;
    };
    const few = await measure(`q=impresa&sort=name&deskId=${deskB}&province=049`);
    const many = await measure('q=impresa&sort=name&state=active,in_crisis');
    expect(many).toBe(few);
    // One page, one count, then the page's municipalities.
    expect(many).toBeLessThanOrEqual(4);
  });
});
