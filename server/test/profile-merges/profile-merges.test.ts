import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, consents, matchDecisions, matchOutcomes, profileMerges } from '../../src/db/schema.js';
import { createTestApp, type Caller, type TestApp } from '../helpers/app.js';
import { ESCO, makeDesk, makeFirm, PLACES, profilePayload } from '../helpers/factories.js';

let t: TestApp;
let deskId: string;
let operator: Caller;
let otherOperator: Caller;
let firmId: string;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.handle.db;
  deskId = (await makeDesk(db)).id;
  const otherDeskId = (await makeDesk(db, { name: 'France Travail Marseille', country: 'FR' })).id;
  operator = { role: 'operator', deskId };
  otherOperator = { role: 'operator', deskId: otherDeskId };
  firmId = (await makeFirm(db)).id;
});
afterAll(() => t?.close());

const db = () => t.database.handle.db;
const call = (caller: Caller, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.call(caller, { method, url: `/api/v1${url}`, ...(payload ? { payload } : {}) });

interface Person {
  id: string;
  code: string;
  version: number;
}
async function person(caller: Caller, overrides: Record<string, unknown> = {}): Promise<Person> {
  const res = await call(caller, 'POST', '/profiles', profilePayload(caller.deskId!, overrides));
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
const profile = async (id: string, caller: Caller = operator) =>
  (await call(caller, 'GET', `/profiles/${id}`)).json();

async function need(title: string) {
  const res = await call(operator, 'POST', '/needs', {
    type: 'job',
    firmId,
    title,
    municipality: PLACES.laSpezia,
    occupationUri: ESCO.welder,
    essentialSkills: [ESCO.weldingTechniques],
    positions: 1,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
}
const decide = (needId: string, candidateId: string, action: string, reasonCode: string) =>
  call(operator, 'POST', '/matches/decisions', {
    subjectType: 'need',
    subjectId: needId,
    candidateType: 'profile',
    candidateId,
    action,
    reasonCode,
  });
const consent = (id: string, purpose: string) =>
  call(operator, 'POST', `/profiles/${id}/consents`, {
    purpose,
    textVersion: 'v1',
    language: 'it',
    channel: 'desk',
  });

/** Merges `other` into `kept` at the versions they were created with. */
const mergeInto = (kept: Person, other: Person, caller: Caller = operator) =>
  call(caller, 'POST', `/profiles/${kept.id}/merge`, {
    otherId: other.id,
    keptVersion: kept.version,
    otherVersion: other.version,
  });

/** The same Giulia Bianchi, registered twice: the second record knows her phone, skills and French. */
async function twoRecords() {
  const kept = await person(operator, {
    firstName: 'Giulia',
    lastName: 'Bianchi',
    phone: null,
    eqfLevel: 3,
    supplyChains: ['nautical_shipbuilding'],
    languages: [{ code: 'it', level: 'C2' }],
    skills: [{ uri: ESCO.weldingTechniques, source: 'declared' }],
  });
  const other = await person(operator, {
    firstName: 'Giulia',
    lastName: 'Bianchi',
    phone: '+39 0187 654321',
    eqfLevel: 4,
    supplyChains: ['renewable_energy'],
    languages: [
      { code: 'it', level: 'B2' },
      { code: 'fr', level: 'B1' },
    ],
    skills: [{ uri: ESCO.weldingTechniques, source: 'certified' }],
  });
  return { kept, other };
}

describe('merging a person registered twice', () => {
  it('previews the result without writing: blanks filled, lists joined, differences named', async () => {
    const { kept, other } = await twoRecords();
    const res = await call(operator, 'POST', `/profiles/${kept.id}/merge-preview`, { otherId: other.id });
    expect(res.statusCode, res.body).toBe(200);
    const preview = res.json();
    expect(preview.differences).toEqual(['eqfLevel']);
    expect(preview.fromOther).toEqual(['phone']);
    expect(preview.result.personal.phone).toBe('+39 0187 654321');
    expect(preview.result.eqfLevel).toBe(3);
    expect(preview.result.supplyChains.sort()).toEqual(['nautical_shipbuilding', 'renewable_energy']);
    expect(preview.result.languages).toEqual([
      { code: 'fr', level: 'B1' },
      { code: 'it', level: 'C2' },
    ]);
    expect(preview.result.skills).toEqual([{ uri: ESCO.weldingTechniques, source: 'certified' }]);
    // Taking the other record's value for a field the operator chose.
    const taking = (
      await call(operator, 'POST', `/profiles/${kept.id}/merge-preview`, {
        otherId: other.id,
        take: ['eqfLevel'],
      })
    ).json();
    expect(taking.result.eqfLevel).toBe(4);
    expect((await profile(kept.id)).version).toBe(kept.version);
    expect((await profile(other.id)).endedAt).toBeNull();
  });

  it('merges in one step, and an undo puts both records back exactly as they were', async () => {
    const { kept, other } = await twoRecords();
    expect((await consent(other.id, 'share_with_companies')).statusCode).toBe(201);
    const keptBefore = await profile(kept.id);
    const res = await call(operator, 'POST', `/profiles/${kept.id}/merge`, {
      otherId: other.id,
      keptVersion: kept.version,
      otherVersion: other.version,
      take: ['eqfLevel'],
    });
    expect(res.statusCode, res.body).toBe(201);
    const merge = res.json();
    expect(merge).toMatchObject({
      state: 'pending',
      kept: { id: kept.id, code: kept.code },
      merged: { id: other.id, code: other.code },
      carried: { consents: 1, decisions: 0, outcomes: 0 },
    });
    const after = await profile(kept.id);
    expect(after).toMatchObject({ eqfLevel: 4, personal: { phone: '+39 0187 654321' } });
    expect(after.languages).toHaveLength(2);
    const gone = await profile(other.id);
    expect(gone.endedAt).not.toBeNull();
    expect(gone.mergedInto).toBe(kept.id);
    const held = await db().select().from(consents).where(eq(consents.profileId, kept.id));
    expect(held).toHaveLength(1);
    // The merged record leaves search: the index follows the change log.
    await t.relay.drain();
    const listed = (await call(operator, 'GET', `/profiles?q=${other.code}`)).json();
    expect(listed.items.map((p: { id: string }) => p.id)).not.toContain(other.id);

    const undone = await call(operator, 'POST', `/profile-merges/${merge.id}/undo`);
    expect(undone.statusCode, undone.body).toBe(200);
    expect(undone.json().state).toBe('undone');
    const restored = await profile(kept.id);
    const { version: _a, updatedAt: _b, ...was } = keptBefore;
    const { version: _c, updatedAt: _d, ...now } = restored;
    expect(now).toEqual(was);
    expect(await profile(other.id)).toMatchObject({ endedAt: null, mergedInto: null });
    expect(await db().select().from(consents).where(eq(consents.profileId, other.id))).toHaveLength(1);
    const [row] = await db().select().from(profileMerges).where(eq(profileMerges.id, merge.id));
    expect(row?.before).toBeNull(); // the snapshot of personal data goes once it has no use
    const actions = await db()
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.subjectType, 'profile'), eq(auditLog.subjectId, other.id)));
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(['profile.merged', 'profile.merge_undone']),
    );
    // Undone is settled: neither undone again nor confirmed.
    expect((await call(operator, 'POST', `/profile-merges/${merge.id}/confirm`)).statusCode).toBe(409);
  });

  it('confirming carries decisions and outcomes over as new rows; the kept record’s own history wins', async () => {
    const { kept, other } = await twoRecords();
    const onlyOther = await need('Saldatore TIG');
    const both = await need('Saldatore navale');
    expect((await decide(onlyOther.id, other.id, 'approve', 'good_fit')).statusCode).toBe(201);
    expect((await decide(both.id, other.id, 'reject', 'skills_gap')).statusCode).toBe(201);
    expect((await decide(both.id, kept.id, 'approve', 'good_fit')).statusCode).toBe(201);
    const outcome = await call(operator, 'POST', `/needs/${onlyOther.id}/outcomes`, {
      profileId: other.id,
      outcome: 'contacted',
    });
    expect(outcome.statusCode, outcome.body).toBe(201);
    const preview = (
      await call(operator, 'POST', `/profiles/${kept.id}/merge-preview`, { otherId: other.id })
    ).json();
    expect(preview.carried).toEqual({ consents: 0, decisions: 1, outcomes: 1 });
    const merge = (await mergeInto(kept, other)).json();
    const confirmed = await call(operator, 'POST', `/profile-merges/${merge.id}/confirm`);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ state: 'confirmed', carried: { decisions: 1, outcomes: 1 } });
    const keptDecisions = await db()
      .select()
      .from(matchDecisions)
      .where(eq(matchDecisions.candidateId, kept.id));
    expect(keptDecisions.map((d) => [d.subjectId, d.action]).sort()).toEqual(
      [
        [both.id, 'approve'],
        [onlyOther.id, 'approve'],
      ].sort(),
    );
    // The rows about the merged record stay as recorded (append-only logs).
    expect(
      await db().select().from(matchDecisions).where(eq(matchDecisions.candidateId, other.id)),
    ).toHaveLength(2);
    expect(await db().select().from(matchOutcomes).where(eq(matchOutcomes.profileId, kept.id))).toHaveLength(
      1,
    );
    // A next outcome for the kept record follows on from the carried one (contacted → interviewed).
    const next = await call(operator, 'POST', `/needs/${onlyOther.id}/outcomes`, {
      profileId: kept.id,
      outcome: 'interviewed',
    });
    expect(next.statusCode, next.body).toBe(201);
    expect((await call(operator, 'POST', `/profile-merges/${merge.id}/undo`)).statusCode).toBe(409);
    const listed = (await call(operator, 'GET', `/profiles/${other.id}/merges`)).json();
    expect(listed.items).toEqual([expect.objectContaining({ id: merge.id, state: 'confirmed' })]);
  });

  it('refuses an undo that would lose a change made after the merge', async () => {
    const { kept, other } = await twoRecords();
    const merge = (await mergeInto(kept, other)).json();
    const current = await profile(kept.id);
    const patched = await t.call(operator, {
      method: 'PATCH',
      url: `/api/v1/profiles/${kept.id}`,
      payload: { version: current.version, mobilityKm: 80 },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const res = await call(operator, 'POST', `/profile-merges/${merge.id}/undo`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'MERGE_CHANGED_SINCE', details: [{ path: 'id' }] });
    expect((await profile(kept.id)).mobilityKm).toBe(80);
    expect((await profile(other.id)).mergedInto).toBe(kept.id);
  });

  it('refuses bad and stale requests with the field named, and writes nothing', async () => {
    const { kept, other } = await twoRecords();
    const merge = (body: object) => call(operator, 'POST', `/profiles/${kept.id}/merge`, body);
    const base = { otherId: other.id, keptVersion: kept.version, otherVersion: other.version };
    const cases: [object, number, string][] = [
      [{ ...base, otherId: kept.id }, 400, 'otherId'],
      [{ ...base, otherId: 'not-an-id' }, 400, 'otherId'],
      [{ ...base, take: ['firstName'] }, 400, 'take.0'],
      [{ ...base, keptVersion: kept.version + 1 }, 409, 'version'],
      [{ ...base, otherVersion: other.version + 1 }, 409, 'otherVersion'],
    ];
    for (const [body, status, path] of cases) {
      const res = await merge(body);
      expect(res.statusCode, res.body).toBe(status);
      // Schema errors name the field in the body (`body.otherId`), the service's the field itself.
      expect(res.json().error.details.map((d: { path: string }) => d.path.replace(/^body\./, ''))).toContain(
        path,
      );
    }
    expect((await profile(kept.id)).version).toBe(kept.version);
    expect((await profile(other.id)).endedAt).toBeNull();
    expect(await db().select().from(profileMerges).where(eq(profileMerges.keptId, kept.id))).toHaveLength(0);
  });

  it('a failure half-way leaves both records as they were (one transaction)', async () => {
    const { kept, other } = await twoRecords();
    expect((await consent(other.id, 'share_with_companies')).statusCode).toBe(201);
    // The merge's last write fails: everything before it (the kept record filled, consents moved, the
    // other record ended) must be rolled back with it.
    await db().execute(sql`create function fail_merge() returns trigger language plpgsql as $$
      begin raise exception 'forced failure'; end $$`);
    await db().execute(
      sql`create trigger fail_merge before insert on profile_merges for each row execute function fail_merge()`,
    );
    try {
      const res = await mergeInto(kept, other);
      expect(res.statusCode).toBe(500);
    } finally {
      await db().execute(sql`drop trigger fail_merge on profile_merges`);
      await db().execute(sql`drop function fail_merge()`);
    }
    const keptNow = await profile(kept.id);
    expect(keptNow).toMatchObject({ version: kept.version, personal: { phone: null }, eqfLevel: 3 });
    expect(keptNow.languages).toHaveLength(1);
    expect(await profile(other.id)).toMatchObject({
      version: other.version,
      endedAt: null,
      mergedInto: null,
    });
    expect(await db().select().from(consents).where(eq(consents.profileId, other.id))).toHaveLength(1);
  });
});

describe('who may merge', () => {
  it('another desk’s operator cannot merge, preview, undo or list merges of a desk’s records', async () => {
    const { kept, other } = await twoRecords();
    const preview = await call(otherOperator, 'POST', `/profiles/${kept.id}/merge-preview`, {
      otherId: other.id,
    });
    expect(preview.statusCode).toBe(403);
    const merge = await mergeInto(kept, other, otherOperator);
    expect(merge.statusCode).toBe(403);
    expect((await call(otherOperator, 'GET', `/profiles/${kept.id}/merges`)).statusCode).toBe(403);
    const own = (await mergeInto(kept, other)).json();
    for (const step of ['undo', 'confirm'])
      expect((await call(otherOperator, 'POST', `/profile-merges/${own.id}/${step}`)).statusCode).toBe(403);
    expect((await profile(other.id)).mergedInto).toBe(kept.id);
  });

  it('a record of the desk is never merged with one of another desk, even by an admin', async () => {
    const mine = await person(operator, { firstName: 'Luca', lastName: 'Neri' });
    const theirs = await person(otherOperator, { firstName: 'Luca', lastName: 'Neri' });
    const asOperator = await call(operator, 'POST', `/profiles/${mine.id}/merge-preview`, {
      otherId: theirs.id,
    });
    expect(asOperator.statusCode).toBe(403);
    const admin: Caller = { role: 'admin' };
    const asAdmin = await call(admin, 'POST', `/profiles/${mine.id}/merge-preview`, { otherId: theirs.id });
    expect(asAdmin.statusCode).toBe(400);
    expect(asAdmin.json().error.details).toEqual([expect.objectContaining({ path: 'otherId' })]);
  });

  it('marketing officers and companies may not merge people (partner keys: object-matrix.test.ts)', async () => {
    const { kept, other } = await twoRecords();
    for (const caller of [{ role: 'marketing' }, { role: 'company', firmId }] as Caller[]) {
      const res = await call(caller, 'POST', `/profiles/${kept.id}/merge-preview`, { otherId: other.id });
      expect(res.statusCode, caller.role).toBe(403);
    }
  });
});
