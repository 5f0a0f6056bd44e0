import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { queryRows } from '../../src/db/raw.js';
import {
  consents,
  erasureLedger,
  matchDecisions,
  profileSkills,
  profiles,
  signInThrottle,
} from '../../src/db/schema.js';
import { PERSONAL_DATA, SUBJECT_REFERENCES } from '../../src/modules/privacy/personal-data.registry.js';
import { replayErasures, runRetention } from '../../src/modules/privacy/erasure.service.js';
import { createTestApp, type Caller, type TestApp } from '../helpers/app.js';
import { ESCO, makeDesk, makeFirm, PLACES, profilePayload } from '../helpers/factories.js';

const LEDGER_KEY = 'test-ledger-key-0123456789abcdef0123';
let t: TestApp;
let deskId: string;
let operator: Caller;

beforeAll(async () => {
  t = await createTestApp();
  deskId = (await makeDesk(t.database.handle.db)).id;
  operator = { role: 'operator', deskId };
});
afterAll(() => t?.close());

const post = (caller: Caller, url: string, payload: object) =>
  t.call(caller, { method: 'POST', url, payload });

async function personWithHistory() {
  const db = t.database.handle.db;
  const person = (await post(operator, '/api/v1/profiles', profilePayload(deskId))).json();
  const firm = await makeFirm(db);
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
  await post(operator, `/api/v1/profiles/${person.id}/consents`, {
    purpose: 'share_with_companies',
    textVersion: 'v1',
    language: 'it',
    channel: 'desk',
  });
  await t.relay.drain();
  const run = (await t.call(operator, { method: 'GET', url: `/api/v1/needs/${need.id}/matches` })).json();
  expect(run.results.map((r: { candidateId: string }) => r.candidateId)).toContain(person.id);
  await post(operator, '/api/v1/matches/decisions', {
    subjectType: 'need',
    subjectId: need.id,
    candidateType: 'profile',
    candidateId: person.id,
    action: 'approve',
    reasonCode: 'good_fit',
    note: 'Marco Rossi is ready in December',
  });
  await t.relay.drain();
  return { person, need };
}

describe('records of processing', () => {
  it('tags every column of the person tables with its purposes', async () => {
    for (const table of Object.keys(PERSONAL_DATA)) {
      const columns = await queryRows<{ column_name: string }>(
        t.database.handle.db,
        sql`select column_name from information_schema.columns where table_schema = current_schema() and table_name = ${table}`,
      );
      expect(columns.length, table).toBeGreaterThan(0);
      for (const { column_name } of columns)
        expect(PERSONAL_DATA[table]![column_name], `${table}.${column_name}`).toBeDefined();
    }
  });

  it('knows every table that refers to a person (access export and erasure cover them)', async () => {
    const fks = await queryRows<{ table_name: string; column_name: string }>(
      t.database.handle.db,
      sql`select kcu.table_name, kcu.column_name
          from information_schema.referential_constraints rc
          join information_schema.key_column_usage kcu on kcu.constraint_name = rc.constraint_name
          join information_schema.constraint_column_usage ccu on ccu.constraint_name = rc.unique_constraint_name
          where ccu.table_name = 'profiles' and kcu.table_schema = current_schema()`,
    );
    const named = await queryRows<{ table_name: string; column_name: string }>(
      t.database.handle.db,
      sql`select table_name, column_name from information_schema.columns
          where table_schema = current_schema() and column_name in ('profile_id', 'candidate_id', 'person_id')`,
    );
    const known = new Set(SUBJECT_REFERENCES.map((r) => `${r.table}.${r.column}`));
    for (const ref of [...fks, ...named])
      expect(known.has(`${ref.table_name}.${ref.column_name}`), `${ref.table_name}.${ref.column_name}`).toBe(
        true,
      );
  });
});

describe('access export', () => {
  it('contains the profile, consents, decisions, disclosures and an explanation of every ranking in IT and FR', async () => {
    const { person, need } = await personWithHistory();
    const res = await t.call(operator, { method: 'GET', url: `/api/v1/profiles/${person.id}/data-export` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(person.code);
    const data = res.json();
    expect(data.profile).toMatchObject({ firstName: 'Marco', lastName: 'Rossi', code: person.code });
    expect(data.skills[0].label.en).toBe('welding techniques');
    expect(data.consents).toHaveLength(1);
    expect(data.decisions[0]).toMatchObject({ action: 'approve', subject: { id: need.id } });
    expect(data.disclosures).toHaveLength(1);
    expect(data.rankings).toHaveLength(1);
    expect(data.rankings[0].explanation.it.lines.length).toBeGreaterThan(0);
    expect(data.rankings[0].explanation.fr.summary.length).toBeGreaterThan(0);
    expect(data.accessLog.length).toBeGreaterThanOrEqual(0);
    const html = await t.call(operator, {
      method: 'GET',
      url: `/api/v1/profiles/${person.id}/data-export?format=html&lang=fr`,
    });
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.body).toContain(person.code);
    expect(html.body).toContain(data.rankings[0].explanation.fr.summary);
  });

  it('is refused to another desk', async () => {
    const { person } = await personWithHistory();
    const other: Caller = { role: 'operator', deskId: (await makeDesk(t.database.handle.db)).id };
    expect(
      (await t.call(other, { method: 'GET', url: `/api/v1/profiles/${person.id}/data-export` })).statusCode,
    ).toBe(403);
  });
});

describe('erasure', () => {
  it('leaves no trace in the database or the index, keeps ids in the logs, and records the ledger', async () => {
    const db = t.database.handle.db;
    const { person } = await personWithHistory();
    const before = (
      await t.call(operator, { method: 'GET', url: '/api/v1/search/profiles?q=welding&limit=100' })
    ).json();
    expect(before.hits.map((h: { id: string }) => h.id)).toContain(person.id);

    const res = await post(operator, `/api/v1/profiles/${person.id}/erase`, {
      reason: 'data_subject_request',
    });
    expect(res.statusCode).toBe(200);
    await t.relay.drain();

    expect(await db.select().from(profiles).where(eq(profiles.id, person.id))).toEqual([]);
    expect(await db.select().from(profileSkills).where(eq(profileSkills.profileId, person.id))).toEqual([]);
    expect(await db.select().from(consents).where(eq(consents.profileId, person.id))).toEqual([]);
    const decisions = await db.select().from(matchDecisions).where(eq(matchDecisions.candidateId, person.id));
    expect(decisions.length).toBe(1);
    expect(decisions[0]!.note).toBe('');
    const everything = await queryRows(db, sql`select * from profiles`);
    expect(JSON.stringify(everything)).not.toContain(person.code);

    const bySkills = (
      await t.call(operator, { method: 'GET', url: '/api/v1/search/profiles?q=welding&limit=100' })
    ).json();
    expect(bySkills.hits.map((h: { id: string }) => h.id)).not.toContain(person.id);
    const byCode = (
      await t.call(operator, { method: 'GET', url: `/api/v1/search/profiles?q=${person.code}` })
    ).json();
    expect(byCode.total).toBe(0);
    expect(await t.search.count('profiles')).toBe((await db.select({ n: count() }).from(profiles))[0]!.n);
    expect((await db.select().from(erasureLedger)).length).toBeGreaterThan(0);
    expect((await t.call(operator, { method: 'GET', url: `/api/v1/profiles/${person.id}` })).statusCode).toBe(
      404,
    );
  });

  // The backup is a PGlite data-directory dump; on PostgreSQL the same replay runs after pg_restore.
  it.skipIf(process.env.DATABASE_URL)(
    'purges a person again from a restored backup (replay-erasures)',
    async () => {
      const { person } = await personWithHistory();
      const backup = await t.database.handle.dumpDataDir!();
      await post(operator, `/api/v1/profiles/${person.id}/erase`, { reason: 'data_subject_request' });
      const ledger = (
        await t.call({ role: 'admin' }, { method: 'GET', url: '/api/v1/admin/erasure-ledger' })
      ).json();
      expect(JSON.stringify(ledger)).not.toContain(person.id);

      const restored = await openDatabase({ kind: 'pglite', dataDir: null }, { pgliteTemplate: backup });
      try {
        expect(await restored.db.select().from(profiles).where(eq(profiles.id, person.id))).toHaveLength(1);
        const report = await replayErasures(restored.db, ledger, LEDGER_KEY);
        expect(report.erased).toBeGreaterThanOrEqual(1);
        expect(await restored.db.select().from(profiles).where(eq(profiles.id, person.id))).toEqual([]);
      } finally {
        await restored.close();
      }
    },
  );
});

describe('retention', () => {
  it('erases profiles ended longer ago than the policy, with an injected clock', async () => {
    const db = t.database.handle.db;
    const old = (await post(operator, '/api/v1/profiles', profilePayload(deskId))).json();
    const recent = (await post(operator, '/api/v1/profiles', profilePayload(deskId))).json();
    const active = (await post(operator, '/api/v1/profiles', profilePayload(deskId))).json();
    await post(operator, `/api/v1/profiles/${old.id}/end`, { version: 1 });
    await post(operator, `/api/v1/profiles/${recent.id}/end`, { version: 1 });
    const now = new Date();
    await db
      .update(profiles)
      .set({ endedAt: new Date(now.getTime() - 800 * 86_400_000) })
      .where(eq(profiles.id, old.id));
    await db
      .update(profiles)
      .set({ endedAt: new Date(now.getTime() - 100 * 86_400_000) })
      .where(eq(profiles.id, recent.id));
    const report = await runRetention(db, { now, ledgerKey: LEDGER_KEY });
    expect(report.profilesErased).toBe(1);
    const left = (await db.select({ id: profiles.id }).from(profiles)).map((p) => p.id);
    expect(left).not.toContain(old.id);
    expect(left).toContain(recent.id);
    expect(left).toContain(active.id);
    const later = await runRetention(db, {
      now: new Date(now.getTime() + 700 * 86_400_000),
      ledgerKey: LEDGER_KEY,
    });
    expect(later.profilesErased).toBe(1);
  });

  it('deletes sign-in counters whose window and lock are over, and keeps those that still count', async () => {
    const db = t.database.handle.db;
    const now = new Date();
    const minutes = (m: number) => new Date(now.getTime() + m * 60_000);
    await db.insert(signInThrottle).values([
      // Window (15 minutes) over, never locked: the next attempt would start at 1 anyway.
      { key: 'old-window', account: 'a', attempts: 3, windowStart: minutes(-20) },
      // Locked, and the lock has run out.
      { key: 'lock-over', account: 'a', attempts: 6, windowStart: minutes(-40), lockedUntil: minutes(-1) },
      // A day-old row from an address tried once.
      { key: 'stale', account: 'b', attempts: 1, windowStart: minutes(-24 * 60) },
      // Still locked, although its window started long ago.
      { key: 'locked', account: 'c', attempts: 6, windowStart: minutes(-20), lockedUntil: minutes(5) },
      // Counting now.
      { key: 'counting', account: 'c', attempts: 2, windowStart: minutes(-1) },
      // An address-wide row whose next evaluated attempt is still to come.
      { key: 'slowed', account: 'd', attempts: 40, windowStart: minutes(-20), nextAttemptAt: minutes(1) },
    ]);
    const report = await runRetention(db, { now, ledgerKey: LEDGER_KEY });
    expect(report.throttleRowsDeleted).toBe(3);
    const left = (await db.select({ key: signInThrottle.key }).from(signInThrottle)).map((r) => r.key);
    expect(left.sort()).toEqual(['counting', 'locked', 'slowed']);
    // An hour later nothing of it counts any more.
    const later = await runRetention(db, { now: minutes(60), ledgerKey: LEDGER_KEY });
    expect(later.throttleRowsDeleted).toBe(3);
    expect(await db.select().from(signInThrottle)).toEqual([]);
  });
});
