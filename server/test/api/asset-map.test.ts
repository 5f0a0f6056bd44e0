import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Caller, type TestApp } from '../helpers/app.js';
import { makeDesk, PLACES } from '../helpers/factories.js';

let t: TestApp;
let deskId: string;
const marketing: Caller = { role: 'marketing' };

const asset = (i: number, overrides: Record<string, unknown> = {}) => ({
  deskId,
  inventoryNumber: `MAP-${i}`,
  kind: 'building',
  category: 'warehouse',
  title: `Capannone ${i}`,
  municipality: PLACES.laSpezia,
  availability: 'lease',
  status: 'available',
  ...overrides,
});

beforeAll(async () => {
  t = await createTestApp();
  deskId = (await makeDesk(t.database.handle.db)).id;
  // 60 sheds at La Spezia's point (more than a page of the old map), 3 in Marseille, 1 withdrawn.
  const payloads = [
    ...Array.from({ length: 60 }, (_, i) => asset(i)),
    ...Array.from({ length: 3 }, (_, i) =>
      asset(100 + i, { municipality: PLACES.marseille, title: `Docks Joliette ${i}` }),
    ),
    asset(200, { status: 'withdrawn' }),
  ];
  for (const payload of payloads) {
    const res = await t.call(marketing, { method: 'POST', url: '/api/v1/assets', payload });
    expect(res.statusCode).toBe(201);
  }
  await t.relay.drain();
});
afterAll(() => t?.close());

const map = async (query: string) => {
  const res = await t.call(marketing, { method: 'GET', url: `/api/v1/search/assets/map?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as {
    total: number;
    mapped: number;
    capped: boolean;
    clusters: {
      lat: number;
      lon: number;
      count: number;
      points?: { id: string; title: string; status?: string }[];
    }[];
  };
};

describe('asset map clusters', () => {
  it('puts every result of the search on the map, not one page', async () => {
    const m = await map('zoom=6&status=available,reserved');
    expect(m.total).toBe(63);
    expect(m.mapped).toBe(63);
    expect(m.capped).toBe(false);
    expect(m.clusters.map((c) => c.count)).toEqual([60, 3]);
  });

  it('applies the search filters and words, and the view box', async () => {
    expect((await map('zoom=6&status=withdrawn')).clusters.map((c) => c.count)).toEqual([1]);
    expect((await map('zoom=6&q=joliette')).total).toBe(3);
    const provence = await map('zoom=9&bbox=42.9,4.5,43.8,6.5');
    expect(provence.clusters.map((c) => c.count)).toEqual([3]);
  });

  it('gives the cards of results that share one point', async () => {
    const m = await map('zoom=16&q=joliette');
    expect(m.clusters).toHaveLength(1);
    expect(m.clusters[0]!.points!.map((p) => p.title)).toEqual([
      'Docks Joliette 0',
      'Docks Joliette 1',
      'Docks Joliette 2',
    ]);
    expect(m.clusters[0]!.points![0]!.status).toBe('available');
  });

  it('refuses a bad box or zoom, naming the parameter', async () => {
    for (const [q, path] of [
      ['bbox=44,10,43,9', 'query.bbox'],
      ['bbox=north', 'bbox'],
      ['zoom=30', 'zoom'],
      ['coveredAreaM2=3000..1000', 'query.coveredAreaM2'],
    ] as const) {
      const res = await t.call(marketing, { method: 'GET', url: `/api/v1/search/assets/map?${q}` });
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.details[0].path).toContain(path);
    }
  });
});

describe('place names for a map without tiles', () => {
  it('lists the most populous municipalities inside the box, names only', async () => {
    const res = await t.call(marketing, {
      method: 'GET',
      url: '/api/v1/reference/municipalities/in-box?bbox=43.9,9.6,44.3,10.1&limit=5',
    });
    expect(res.statusCode).toBe(200);
    const names = res.json() as { name: string; lat: number; lon: number }[];
    expect(names).toHaveLength(5);
    expect(names[0]!.name).toBe('La Spezia');
    for (const n of names) {
      expect(Object.keys(n).sort()).toEqual(['lat', 'lon', 'name']);
      expect(n.lat).toBeGreaterThanOrEqual(43.9);
      expect(n.lon).toBeLessThanOrEqual(10.1);
    }
  });
});
