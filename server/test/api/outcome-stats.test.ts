import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchDecisions, matchOutcomes } from '../../src/db/schema.js';
import { createTestApp, type Caller, type TestApp } from '../helpers/app.js';
import { ESCO, makeDesk, makeFirm, PLACES } from '../helpers/factories.js';

/**
 * Outcomes that show what works (issue 16, item 5): the funnel from approval to hire per desk, region,
 * supply chain and path, counted as every aggregate about people is (small cells shown as 0, the rest
 * rounded), with the median time to hire.
 */
let t: TestApp;
const admin: Caller = { role: 'admin' };
const DAY = 86_400_000;
const approvedAt = new Date(Date.now() - 40 * DAY);

/** A job need of the given desk, place and supply chain. */
async function need(
  deskId: string,
  firmId: string,
  municipality: (typeof PLACES)[keyof typeof PLACES],
  supplyChain: string,
) {
  const res = await t.call(
    { role: 'operator', deskId },
    {
      method: 'POST',
      url: '/api/v1/needs',
      payload: {
        type: 'job',
        firmId,
        title: 'Saldatore',
        municipality,
        occupationUri: ESCO.welder,
        essentialSkills: [ESCO.weldingTechniques],
        positions: 20,
        supplyChain,
      },
    },
  );
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

/** `n` approved candidates for a need, each taken as far as `steps` go, hired `daysToHire` later. */
async function candidates(needId: string, n: number, steps: string[], daysToHire = 20) {
  const db = t.database.handle.db;
  for (let i = 0; i < n; i++) {
    const profileId = randomUUID();
    await db.insert(matchDecisions).values({
      at: approvedAt,
      subjectType: 'need',
      subjectId: needId,
      candidateType: 'profile',
      candidateId: profileId,
      action: 'approve',
      reasonCode: 'good_fit',
    });
    for (const [k, outcome] of steps.entries())
      await db.insert(matchOutcomes).values({
        needId,
        profileId,
        outcome,
        at: new Date(approvedAt.getTime() + (outcome === 'hired' ? daysToHire : k + 1) * DAY),
      });
  }
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.handle.db;
  const firm = (await makeFirm(db)).id;
  const liguria = (await makeDesk(db, { name: 'Sportello La Spezia' })).id;
  const tuscany = (await makeDesk(db, { name: 'Sportello Portoferraio' })).id;
  const spezia = await need(liguria, firm, PLACES.laSpezia, 'nautical_shipbuilding');
  const elba = await need(tuscany, firm, PLACES.portoferraio, 'ports_logistics');
  // La Spezia: 20 approved; 15 contacted, 10 of them interviewed, 5 hired in 20 days, 5 not hired.
  await candidates(spezia, 5, ['contacted', 'interviewed', 'hired'], 20);
  await candidates(spezia, 5, ['contacted', 'interviewed', 'not_hired']);
  await candidates(spezia, 5, ['contacted']);
  await candidates(spezia, 5, []);
  // Portoferraio: 3 approved, 1 hired: too few to show anything.
  await candidates(elba, 2, []);
  await candidates(elba, 1, ['contacted', 'interviewed', 'hired'], 3);
});
afterAll(() => t?.close());

const outcomes = async (query: string, caller: Caller = admin) =>
  t.call(caller, { method: 'GET', url: `/api/v1/stats/outcomes?${query}` });

describe('outcome statistics', () => {
  it('counts the funnel per desk, with conversion rates and the median days to hire', async () => {
    const res = await outcomes('by=desk');
    expect(res.statusCode, res.body).toBe(200);
    const spezia = res.json().groups.find((g: { key: string }) => g.key === 'Sportello La Spezia');
    expect(spezia).toEqual({
      key: 'Sportello La Spezia',
      approved: 20,
      contacted: 15,
      interviewed: 10,
      hired: 5,
      notHired: 5,
      withdrawn: 0,
      contactRate: 0.75,
      hireRate: 0.25,
      medianDaysToHire: 20,
      suppressed: false,
    });
  });

  it('shows a small group as suppressed, with no rate or time that would tell about one person', async () => {
    const groups = (await outcomes('by=desk')).json().groups;
    expect(groups.find((g: { key: string }) => g.key === 'Sportello Portoferraio')).toMatchObject({
      approved: 0,
      hired: 0,
      hireRate: null,
      medianDaysToHire: null,
      suppressed: true,
    });
  });

  it('groups by region, supply chain and path', async () => {
    const keys = async (by: string) =>
      (await outcomes(`by=${by}`)).json().groups.map((g: { key: string }) => g.key);
    expect(await keys('region')).toEqual(expect.arrayContaining(['Liguria', 'Toscana']));
    expect(await keys('supplyChain')).toEqual(
      expect.arrayContaining(['nautical_shipbuilding', 'ports_logistics']),
    );
    const path = (await outcomes('by=path')).json().groups;
    expect(path).toEqual([expect.objectContaining({ key: 'employment', approved: 25, hired: 5 })]);
  });

  it('counts only what happened in the period asked for', async () => {
    const groups = (await outcomes('by=desk&months=1')).json().groups;
    expect(groups).toEqual([]);
  });

  it('refuses an unknown grouping or period, naming the field, and companies', async () => {
    const bad = await outcomes('by=person');
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('by');
    expect((await outcomes('months=0')).statusCode).toBe(400);
    expect((await outcomes('by=desk', { role: 'company', firmId: randomUUID() })).statusCode).toBe(403);
  });
});
