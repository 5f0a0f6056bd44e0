import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Caller, type TestApp } from '../helpers/app.js';
import { ESCO, makeDesk, makeFirm, PLACES, profilePayload } from '../helpers/factories.js';

let t: TestApp;
let operator: Caller;
let deskId: string;

beforeAll(async () => {
  t = await createTestApp();
  deskId = (await makeDesk(t.database.handle.db)).id;
  operator = { role: 'operator', deskId };
});
afterAll(() => t?.close());

const post = (caller: Caller, url: string, payload: object = {}) =>
  t.call(caller, { method: 'POST', url, payload });

/** A person approved for a firm's need, who gave the sharing consent twice (at the desk, then online). */
async function approvedPersonWithTwoConsents() {
  const firm = await makeFirm(t.database.handle.db);
  const company: Caller = { role: 'company', firmId: firm.id };
  const person = (await post(operator, '/api/v1/profiles', profilePayload(deskId))).json();
  const need = (
    await post(operator, '/api/v1/needs', {
      type: 'job',
      firmId: firm.id,
      title: 'Saldatore',
      municipality: PLACES.laSpezia,
      occupationUri: ESCO.welder,
      essentialSkills: [ESCO.weldingTechniques],
      positions: 1,
    })
  ).json();
  const consentIds: string[] = [];
  for (const channel of ['desk', 'online']) {
    const given = await post(operator, `/api/v1/profiles/${person.id}/consents`, {
      purpose: 'share_with_companies',
      textVersion: 'v1',
      language: 'it',
      channel,
    });
    expect(given.statusCode).toBe(201);
    consentIds.push(given.json().id);
  }
  await t.call(operator, { method: 'GET', url: `/api/v1/needs/${need.id}/matches` });
  const approved = await post(operator, '/api/v1/matches/decisions', {
    subjectType: 'need',
    subjectId: need.id,
    candidateType: 'profile',
    candidateId: person.id,
    action: 'approve',
    reasonCode: 'good_fit',
  });
  expect(approved.statusCode, approved.body).toBe(201);
  const candidates = async () =>
    (await t.call(company, { method: 'GET', url: `/api/v1/needs/${need.id}/candidates` }))
      .json()
      .candidates.map((c: { code: string }) => c.code);
  expect(await candidates()).toEqual([person.code]);
  return { person, consentIds, candidates };
}

describe('consent withdrawal', () => {
  it.each([
    ['first', 0],
    ['second', 1],
  ])(
    'ends every active consent of the purpose when the %s of two is withdrawn: sharing stops at once',
    async (_which, index) => {
      const { person, consentIds, candidates } = await approvedPersonWithTwoConsents();
      const withdrawn = await post(
        operator,
        `/api/v1/profiles/${person.id}/consents/${consentIds[index]}/withdraw`,
      );
      expect(withdrawn.statusCode).toBe(200);
      expect(await candidates()).toEqual([]);
      const list = (
        await t.call(operator, { method: 'GET', url: `/api/v1/profiles/${person.id}/consents` })
      ).json();
      expect(list.map((c: { withdrawnAt: string | null }) => c.withdrawnAt !== null)).toEqual([true, true]);
      // The other record is withdrawn too, so it cannot be withdrawn again.
      const other = await post(
        operator,
        `/api/v1/profiles/${person.id}/consents/${consentIds[1 - index]}/withdraw`,
      );
      expect(other.statusCode).toBe(404);
    },
  );
});
