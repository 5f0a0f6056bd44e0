import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Caller, type TestApp } from '../helpers/app.js';
import { ESCO, makeDesk, PLACES, profilePayload } from '../helpers/factories.js';

/**
 * Security review finding 4: marketing reconstructed one person's attributes by collecting codes from
 * /suggest and differencing two aggregate queries. Marketing now counts people over fixed dimensions,
 * with small cells suppressed and every count rounded (server/src/modules/search/people-aggregates.ts).
 */
let t: TestApp;
const marketing: Caller = { role: 'marketing' };
let target: { id: string; code: string };

const get = async (url: string) => t.call(marketing, { method: 'GET', url });

beforeAll(async () => {
  t = await createTestApp();
  const deskId = (await makeDesk(t.database.handle.db)).id;
  const operator: Caller = { role: 'operator', deskId };
  // Eleven alike people in Portoferraio, and one target who differs in status and EQF level.
  for (let i = 0; i < 11; i++)
    await t.call(operator, {
      method: 'POST',
      url: '/api/v1/profiles',
      payload: profilePayload(deskId, { municipality: PLACES.portoferraio, eqfLevel: 3 }),
    });
  target = (
    await t.call(operator, {
      method: 'POST',
      url: '/api/v1/profiles',
      payload: profilePayload(deskId, {
        municipality: PLACES.portoferraio,
        employmentStatus: 'at_risk',
        eqfLevel: 6,
      }),
    })
  ).json();
  await t.relay.drain();
});
afterAll(() => t?.close());

describe('marketing sees people only as counts that single nobody out', () => {
  it('gets no individual codes or ids from suggestions', async () => {
    const res = (await get(`/api/v1/suggest?q=${target.code.slice(0, 3)}&indexes=profiles&limit=10`)).json();
    expect(res).toEqual([]);
    const all = (await get(`/api/v1/suggest?q=${target.code}`)).json() as { index: string }[];
    expect(all.filter((s) => s.index === 'profiles')).toEqual([]);
  });

  it('may not filter people by code, free text, skill or crisis, nor facet by municipality', async () => {
    for (const query of [
      `code=${target.code}`,
      'q=welder',
      `skillUris=${encodeURIComponent(ESCO.weldingTechniques)}`,
      'crisisCaseId=00000000-0000-4000-8000-000000000000',
      'facets=municipality',
      'lat=42.8&lon=10.3&radiusKm=31',
    ]) {
      const res = await get(`/api/v1/search/profiles?${query}&limit=0`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.details[0].path).toMatch(/^query\./);
    }
  });

  it('cannot learn the target’s attributes by differencing two queries or a total and its cells', async () => {
    const region = encodeURIComponent('Toscana');
    const all = (
      await get(`/api/v1/search/profiles?region=${region}&facets=employmentStatus,eqfLevel&limit=0`)
    ).json();
    const unemployed = (
      await get(`/api/v1/search/profiles?region=${region}&employmentStatus=unemployed&limit=0`)
    ).json();
    // Twelve people, eleven unemployed: without protection 12 − 11 reveals the one at risk.
    expect(all.total - unemployed.total).toBe(0);
    expect(all.facets.employmentStatus.at_risk).toBeUndefined();
    const cells = Object.values(all.facets.employmentStatus as Record<string, number>).reduce(
      (a, b) => a + b,
      0,
    );
    expect(all.total - cells).toBe(0);
    expect(all.facets.eqfLevel['6']).toBeUndefined();
    for (const counts of Object.values(all.facets) as Record<string, number>[])
      for (const n of Object.values(counts)) expect(n % 5).toBe(0);
  });

  it('still answers the offer pack’s question: skilled people within a radius, by occupation group', async () => {
    const res = await get(
      '/api/v1/search/profiles?lat=42.81&lon=10.31&radiusKm=30&facets=iscoGroups,employmentStatus&limit=0',
    );
    expect(res.statusCode).toBe(200);
    expect(res.json().hits).toEqual([]);
    expect(res.json().total).toBe(10);
  });
});
