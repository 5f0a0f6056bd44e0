import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Caller, type TestApp } from '../helpers/app.js';
import { ESCO, makeDesk, makeFirm, PLACES, profilePayload } from '../helpers/factories.js';

/**
 * The candidate card's follow-up (issue 16, item 5): where each approved candidate stands and which
 * outcome may come next, for the desk whose person it is.
 */
let t: TestApp;
let operator: Caller;
let otherOperator: Caller;
let needId: string;
let approvedId: string;
let rejectedId: string;

const post = (caller: Caller, url: string, payload: object) =>
  t.call(caller, { method: 'POST', url, payload });
const states = (caller: Caller) => t.call(caller, { method: 'GET', url: `/api/v1/needs/${needId}/outcomes` });

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.handle.db;
  const deskId = (await makeDesk(db)).id;
  operator = { role: 'operator', deskId };
  otherOperator = { role: 'operator', deskId: (await makeDesk(db)).id };
  approvedId = (await post(operator, '/api/v1/profiles', profilePayload(deskId))).json().id;
  rejectedId = (await post(operator, '/api/v1/profiles', profilePayload(deskId))).json().id;
  const firm = await makeFirm(db);
  needId = (
    await post(operator, '/api/v1/needs', {
      type: 'job',
      firmId: firm.id,
      title: 'Saldatore',
      municipality: PLACES.laSpezia,
      occupationUri: ESCO.welder,
      essentialSkills: [ESCO.weldingTechniques],
      positions: 1,
    })
  ).json().id;
  await t.relay.drain();
  await t.call(operator, { method: 'GET', url: `/api/v1/needs/${needId}/matches` });
  const decide = (candidateId: string, action: string, reasonCode: string) =>
    post(operator, '/api/v1/matches/decisions', {
      subjectType: 'need',
      subjectId: needId,
      candidateType: 'profile',
      candidateId,
      action,
      reasonCode,
    });
  expect((await decide(approvedId, 'approve', 'good_fit')).statusCode).toBe(201);
  expect((await decide(rejectedId, 'reject', 'skills_gap')).statusCode).toBe(201);
});
afterAll(() => t?.close());

describe('where each candidate of a need stands', () => {
  it('moves with every outcome recorded, offering only the steps that may follow', async () => {
    const of = async (id: string) =>
      ((await states(operator)).json() as { profileId: string }[]).find((s) => s.profileId === id);
    expect(await of(approvedId)).toMatchObject({ state: 'approved', next: ['contacted', 'withdrawn'] });
    expect(await of(rejectedId)).toMatchObject({ state: 'rejected', next: [] });
    const contacted = await post(operator, `/api/v1/needs/${needId}/outcomes`, {
      profileId: approvedId,
      outcome: 'contacted',
    });
    expect(contacted.statusCode, contacted.body).toBe(201);
    expect(await of(approvedId)).toMatchObject({
      state: 'contacted',
      since: contacted.json().at,
      next: ['interviewed', 'not_hired', 'withdrawn'],
    });
    // What is not offered is refused, with the reason on the field.
    const hired = await post(operator, `/api/v1/needs/${needId}/outcomes`, {
      profileId: rejectedId,
      outcome: 'hired',
    });
    expect(hired.statusCode).toBe(409);
    expect(hired.json().error.details[0].path).toBe('outcome');
  });

  it("lists nothing of another desk's people, and is not for companies", async () => {
    const other = await states(otherOperator);
    expect(other.statusCode).toBe(200);
    expect(other.json()).toEqual([]);
    expect((await states({ role: 'company' })).statusCode).toBe(403);
  });
});
