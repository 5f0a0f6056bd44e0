import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/db/schema.js';
import { createTestApp, type Caller, type TestApp } from '../helpers/app.js';
import { ESCO, makeDesk, makeFirm, PLACES, profilePayload } from '../helpers/factories.js';

/**
 * The three breaches an outside review found (findings 1, 2 and 5 of the December 2026 security review),
 * replayed: each test fails on the code before the one access policy (auth/policy.ts).
 */
let t: TestApp;
let deskA: string;
let deskB: string;
let operatorA: Caller;
let operatorB: Caller;
let firmId: string;
let company: Caller;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.handle.db;
  deskA = (await makeDesk(db)).id;
  deskB = (await makeDesk(db)).id;
  operatorA = { role: 'operator', deskId: deskA, userId: '00000000-0000-4000-8000-00000000000a' };
  operatorB = { role: 'operator', deskId: deskB, userId: '00000000-0000-4000-8000-00000000000b' };
  firmId = (await makeFirm(db, { deskId: deskA })).id;
  company = { role: 'company', firmId };
});
afterAll(() => t?.close());

const call = (caller: Caller, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  t.call(caller, { method, url, ...(payload ? { payload } : {}) });

async function consentingPersonOfDeskA() {
  const person = (await call(operatorA, 'POST', '/api/v1/profiles', profilePayload(deskA))).json();
  for (const purpose of ['share_with_companies', 'contact_by_companies'])
    await call(operatorA, 'POST', `/api/v1/profiles/${person.id}/consents`, {
      purpose,
      textVersion: 'v1',
      language: 'it',
      channel: 'desk',
    });
  return person as { id: string; code: string; version: number };
}

async function needOfFirm(caller: Caller = operatorA) {
  return (
    await call(caller, 'POST', '/api/v1/needs', {
      type: 'job',
      firmId,
      title: 'Saldatore TIG',
      municipality: PLACES.laSpezia,
      occupationUri: ESCO.welder,
      essentialSkills: [ESCO.weldingTechniques],
      positions: 1,
    })
  ).json() as { id: string; version: number };
}

const approve = (caller: Caller, needId: string, profileId: string) =>
  call(caller, 'POST', '/api/v1/matches/decisions', {
    subjectType: 'need',
    subjectId: needId,
    candidateType: 'profile',
    candidateId: profileId,
    action: 'approve',
    reasonCode: 'good_fit',
  });

describe('finding 1: another desk cannot reach a desk’s people', () => {
  it('an operator of desk B may not approve, decide on, or record outcomes for desk A’s person', async () => {
    const person = await consentingPersonOfDeskA();
    const need = await needOfFirm();
    expect((await approve(operatorB, need.id, person.id)).statusCode).toBe(403);
    const outcome = await call(operatorB, 'POST', `/api/v1/needs/${need.id}/outcomes`, {
      profileId: person.id,
      outcome: 'hired',
      note: 'set by desk B',
    });
    expect(outcome.statusCode).toBe(403);
    // Desk A itself may.
    expect((await approve(operatorA, need.id, person.id)).statusCode).toBe(201);
  });

  it('desk B sees approved candidates without names or contacts; desk A sees them, audited', async () => {
    const person = await consentingPersonOfDeskA();
    const need = await needOfFirm();
    expect((await approve(operatorA, need.id, person.id)).statusCode).toBe(201);
    const asB = (await call(operatorB, 'GET', `/api/v1/needs/${need.id}/candidates`)).json();
    const seenByB = asB.candidates.find((c: { code: string }) => c.code === person.code);
    expect(seenByB.contact).toBeNull();
    const asA = (await call(operatorA, 'GET', `/api/v1/needs/${need.id}/candidates`)).json();
    expect(asA.candidates.find((c: { code: string }) => c.code === person.code).contact).toMatchObject({
      email: 'marco.rossi@example.org',
    });
    const asCompany = (await call(company, 'GET', `/api/v1/needs/${need.id}/candidates`)).json();
    expect(asCompany.candidates[0].contact).not.toBeNull();
    const audit = await t.database.handle.db.select().from(auditLog).where(eq(auditLog.subjectId, person.id));
    const actions = audit.map((a) => `${a.actorRole}:${a.action}`);
    expect(actions).toContain('operator:profile.personal_read');
    expect(actions).toContain('company:contact.listed');
    expect(audit.some((a) => a.actorUserId === operatorB.userId)).toBe(false);
  });

  it('an operator’s profile list of their desk is audited, one entry per person shown', async () => {
    const person = await consentingPersonOfDeskA();
    const before = await t.database.handle.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.subjectId, person.id));
    const list = (await call(operatorA, 'GET', '/api/v1/profiles?limit=100')).json();
    expect(list.items.some((p: { id: string }) => p.id === person.id)).toBe(true);
    const after = await t.database.handle.db.select().from(auditLog).where(eq(auditLog.subjectId, person.id));
    expect(after.length).toBe(before.length + 1);
    expect(after.at(-1)!.action).toBe('profile.personal_list');
  });
});

describe('finding 2: partner keys stay within their desk', () => {
  async function keyOf(deskId: string, scopes: string[]) {
    const res = await call({ role: 'admin' }, 'POST', '/api/v1/admin/api-keys', {
      deskId,
      name: 'k',
      scopes,
    });
    return res.json().key as string;
  }
  const withKey = (key: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    t.call(null, { method, url, headers: { 'x-api-key': key }, ...(payload ? { payload } : {}) });

  it('cannot change or end a desk-B asset, close a desk-B need, create a firm in desk B, or read desk B', async () => {
    const asset = (
      await call(operatorB, 'POST', '/api/v1/assets', {
        deskId: deskB,
        inventoryNumber: `INV-${Date.now()}`,
        kind: 'machine',
        category: 'machine_tools',
        title: 'Tornio CNC',
        municipality: PLACES.laSpezia,
        availability: 'sale',
      })
    ).json();
    expect(asset.id).toBeDefined();
    const needB = await needOfFirm(operatorB);
    const personB = (await call(operatorB, 'POST', '/api/v1/profiles', profilePayload(deskB))).json();
    const assetsKey = await keyOf(deskA, ['assets']);
    const fullKey = await keyOf(deskA, ['profiles', 'assets', 'firms', 'needs']);

    const patch = await withKey(assetsKey, 'PATCH', `/api/v1/assets/${asset.id}`, {
      version: asset.version,
      title: 'Overwritten by desk-A partner key',
    });
    expect(patch.statusCode).toBe(404);
    const end = await withKey(assetsKey, 'POST', `/api/v1/assets/${asset.id}/end`, {
      version: asset.version,
    });
    expect(end.statusCode).toBe(404);
    const close = await withKey(fullKey, 'PATCH', `/api/v1/needs/${needB.id}`, {
      version: needB.version,
      status: 'closed',
    });
    expect(close.statusCode).toBe(404);
    const firm = await withKey(fullKey, 'POST', '/api/v1/firms', {
      deskId: deskB,
      country: 'FR',
      siret: '73282932000074',
      name: 'Firm planted by partner A',
      naceCode: '30.11',
      municipality: PLACES.marseille,
    });
    expect(firm.statusCode).toBe(403);
    expect((await withKey(fullKey, 'GET', `/api/v1/profiles/${personB.id}`)).statusCode).toBe(404);
    for (const list of ['needs', 'assets', 'firms', 'profiles']) {
      const items = (await withKey(fullKey, 'GET', `/api/v1/${list}?limit=100`)).json().items as {
        deskId: string | null;
      }[];
      expect(
        items.every((i) => i.deskId === deskA),
        list,
      ).toBe(true);
    }
    const still = (await call(operatorB, 'GET', `/api/v1/assets/${asset.id}`)).json();
    expect(still).toMatchObject({ title: 'Tornio CNC', endedAt: null, version: asset.version });
    // Within its own desk the key works.
    const own = (
      await withKey(assetsKey, 'POST', '/api/v1/assets', {
        deskId: deskA,
        inventoryNumber: `INV-A-${Date.now()}`,
        kind: 'machine',
        category: 'machine_tools',
        title: 'Fresatrice',
        municipality: PLACES.laSpezia,
        availability: 'sale',
      })
    ).json();
    const edited = await withKey(assetsKey, 'PATCH', `/api/v1/assets/${own.id}`, {
      version: own.version,
      title: 'Fresatrice CNC',
    });
    expect(edited.statusCode).toBe(200);
  });
});

describe('finding 5: an ended profile leaves the firm’s view', () => {
  it('is no longer listed to the company and its contact can no longer be requested', async () => {
    const person = await consentingPersonOfDeskA();
    const need = await needOfFirm();
    expect((await approve(operatorA, need.id, person.id)).statusCode).toBe(201);
    const listed = (await call(company, 'GET', `/api/v1/needs/${need.id}/candidates`)).json();
    expect(listed.candidates.map((c: { code: string }) => c.code)).toContain(person.code);
    const current = (await call(operatorA, 'GET', `/api/v1/profiles/${person.id}`)).json();
    expect(
      (await call(operatorA, 'POST', `/api/v1/profiles/${person.id}/end`, { version: current.version }))
        .statusCode,
    ).toBe(200);
    const after = (await call(company, 'GET', `/api/v1/needs/${need.id}/candidates`)).json();
    expect(after.candidates.map((c: { code: string }) => c.code)).not.toContain(person.code);
    const ask = await call(
      company,
      'POST',
      `/api/v1/needs/${need.id}/candidates/${person.code}/contact-request`,
    );
    expect(ask.statusCode).toBe(404);
  });
});

describe('finding 15: a foreign need’s existence does not leak through the version check', () => {
  it('answers 404 to a company for another firm’s need, whatever version it sends', async () => {
    const need = await needOfFirm();
    const other: Caller = { role: 'company', firmId: (await makeFirm(t.database.handle.db)).id };
    const res = await call(other, 'PATCH', `/api/v1/needs/${need.id}`, { version: 99, status: 'closed' });
    expect(res.statusCode).toBe(404);
  });
});
