import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, teamLocks } from '../../src/db/schema.js';
import { createTestApp, type Caller, type TestApp } from '../helpers/app.js';
import { ESCO, makeDesk, PLACES, profilePayload } from '../helpers/factories.js';

let t: TestApp;
let own: Caller;
let foreign: Caller;
let oppId: string;
let welderRole: string;
let otherRole: string;
let runId: string;
const welders: string[] = [];

const call = (caller: Caller, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.call(caller, { method, url, ...(payload ? { payload } : {}) });

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.handle.db;
  const deskId = (await makeDesk(db)).id;
  own = { role: 'operator', deskId };
  foreign = { role: 'operator', deskId: (await makeDesk(db)).id };
  for (let i = 0; i < 3; i++) {
    const res = await call(own, 'POST', '/api/v1/profiles', profilePayload(deskId, {}));
    expect(res.statusCode, res.body).toBe(201);
    welders.push(res.json().id);
  }
  const opp = await call(own, 'POST', '/api/v1/opportunities', {
    deskId,
    kind: 'wbo',
    title: 'WBO del cantiere',
    municipality: PLACES.laSpezia,
    roles: [
      { occupationUri: ESCO.welder, count: 2, keySkills: [ESCO.weldingTechniques] },
      { occupationUri: ESCO.cook, count: 1 },
    ],
  });
  expect(opp.statusCode, opp.body).toBe(201);
  oppId = opp.json().id;
  const roles = opp.json().roles as { id: string; occupationUri: string }[];
  welderRole = roles.find((r) => r.occupationUri === ESCO.welder)!.id;
  otherRole = roles.find((r) => r.occupationUri === ESCO.cook)!.id;
  await t.relay.drain();
  const team = await call(own, 'GET', `/api/v1/opportunities/${oppId}/team`);
  expect(team.statusCode, team.body).toBe(200);
  runId = team.json().runId;
});
afterAll(() => t?.close());

const url = (tail = '') => `/api/v1/opportunities/${oppId}/team${tail}`;

describe('locking the accepted team', () => {
  it('starts unlocked; the own desk may change it, a foreign desk may read but not change', async () => {
    const mine = await call(own, 'GET', url('/lock'));
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json()).toMatchObject({ current: null, history: [], canChange: true, contactRequests: [] });
    const theirs = await call(foreign, 'GET', url('/lock'));
    expect(theirs.statusCode).toBe(200);
    expect(theirs.json().canChange).toBe(false);
  });

  it('refuses a foreign desk (403) and a marketing officer (403 by route) and stores nothing', async () => {
    const body = { runId, members: [{ roleId: welderRole, profileId: welders[0] }] };
    expect((await call(foreign, 'POST', url('/lock'), body)).statusCode).toBe(403);
    expect((await call({ role: 'marketing' }, 'POST', url('/lock'), body)).statusCode).toBe(403);
    const rows = await t.database.handle.db
      .select()
      .from(teamLocks)
      .where(eq(teamLocks.opportunityId, oppId));
    expect(rows).toHaveLength(0);
  });

  it('names the member that does not fit (400): a foreign role, a person twice, too many seats, an unknown run', async () => {
    const bad = await call(own, 'POST', url('/lock'), {
      members: [
        { roleId: welderRole, profileId: welders[0] },
        { roleId: otherRole, profileId: welders[0] },
        { roleId: '00000000-0000-4000-8000-000000000000', profileId: welders[1] },
      ],
    });
    expect(bad.statusCode, bad.body).toBe(400);
    const paths = bad.json().error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['members.1.profileId', 'members.2.roleId']));
    const seats = await call(own, 'POST', url('/lock'), {
      members: welders.map((profileId) => ({ roleId: welderRole, profileId })),
    });
    expect(seats.statusCode).toBe(400);
    expect(seats.json().error.details[0].reason).toContain('2 seats');
    const run = await call(own, 'POST', url('/lock'), {
      runId: '00000000-0000-4000-8000-000000000000',
      members: [{ roleId: welderRole, profileId: welders[0] }],
    });
    expect(run.statusCode).toBe(400);
    expect(run.json().error.details[0].path).toBe('runId');
    const empty = await call(own, 'POST', url('/lock'), { members: [] });
    expect(empty.statusCode).toBe(400);
  });

  it('locks version 1, refuses a second lock (409), unlocks with a reason, locks version 2; all audited', async () => {
    const locked = await call(own, 'POST', url('/lock'), {
      runId,
      note: 'accettata in riunione',
      members: [
        { roleId: otherRole, profileId: welders[2] },
        { roleId: welderRole, profileId: welders[1] },
        { roleId: welderRole, profileId: welders[0] },
      ],
    });
    expect(locked.statusCode, locked.body).toBe(201);
    const v1 = locked.json().current;
    expect(v1).toMatchObject({ version: 1, note: 'accettata in riunione', unlockedAt: null });
    // Stored in the opportunity's role order.
    expect(v1.members.map((m: { roleId: string }) => m.roleId)).toEqual([welderRole, welderRole, otherRole]);
    expect(v1.members.every((m: { code: string | null }) => typeof m.code === 'string')).toBe(true);

    const again = await call(own, 'POST', url('/lock'), {
      members: [{ roleId: welderRole, profileId: welders[0] }],
    });
    expect(again.statusCode).toBe(409);
    expect((await call(foreign, 'POST', url('/unlock'), { version: 1, reason: 'non mia' })).statusCode).toBe(
      403,
    );
    expect((await call(own, 'POST', url('/unlock'), { version: 2, reason: 'sbagliata' })).statusCode).toBe(
      409,
    );

    const unlocked = await call(own, 'POST', url('/unlock'), {
      version: 1,
      reason: 'un saldatore ha rinunciato',
    });
    expect(unlocked.statusCode, unlocked.body).toBe(200);
    expect(unlocked.json().current).toBeNull();
    expect(unlocked.json().history[0]).toMatchObject({
      version: 1,
      unlockReason: 'un saldatore ha rinunciato',
    });

    const v2 = await call(own, 'POST', url('/lock'), {
      members: [{ roleId: welderRole, profileId: welders[0] }],
    });
    expect(v2.statusCode).toBe(201);
    expect(v2.json().current.version).toBe(2);
    expect(v2.json().history.map((h: { version: number }) => h.version)).toEqual([2, 1]);

    const audit = await t.database.handle.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.subjectType, 'opportunity'), eq(auditLog.subjectId, oppId)));
    expect(audit.map((a) => a.action).sort()).toEqual(['team.locked', 'team.locked', 'team.unlocked']);
  });

  it('records a contact request for a proposed person (own desk only) and lists it', async () => {
    const body = { roleId: welderRole, profileId: welders[1] };
    expect((await call(foreign, 'POST', url('/contact-requests'), body)).statusCode).toBe(403);
    const res = await call(own, 'POST', url('/contact-requests'), body);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ profileId: welders[1], requestedAt: expect.any(String) });
    const state = (await call(own, 'GET', url('/lock'))).json();
    expect(state.contactRequests.map((c: { profileId: string }) => c.profileId)).toEqual([welders[1]]);
    const unknown = await call(own, 'POST', url('/contact-requests'), {
      roleId: welderRole,
      profileId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.statusCode).toBe(400);
  });

  it('answers 404 for an unknown opportunity', async () => {
    const res = await call(
      own,
      'GET',
      '/api/v1/opportunities/00000000-0000-4000-8000-000000000000/team/lock',
    );
    expect(res.statusCode).toBe(404);
  });
});
