import {
  DEFAULT_CONFIG,
  JOB_COMPONENTS,
  rankResults,
  scoreNeedForPerson,
  scorePersonForJob,
  weightsHash,
} from '@rilancio/matcher';
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchRuns, needs, opportunities, profiles } from '../../src/db/schema.js';
import { seedDemoData } from '../../src/demo/demo.seeder.js';
import { loadJobNeedInputs, loadProfileRecords } from '../../src/modules/matching/matching.repository.js';
import { preferredLabels } from '../../src/modules/reference/reference.repository.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

/**
 * The match index as the endpoints use it: exact top k, records leaving at once when they end or are
 * erased, reconciliation, one weights snapshot per run, and `lang` on every direction.
 */
let t: TestApp;
const admin = { role: 'admin' as const };
const settingsReads: string[] = [];
let counting = false;

const get = (url: string) => t.call(admin, { method: 'GET', url });
const post = (url: string, payload: object) => t.call(admin, { method: 'POST', url, payload });
const db = () => t.database.handle.db;

async function openJobNeeds(n: number) {
  const rows = await db()
    .select()
    .from(needs)
    .where(and(eq(needs.type, 'job'), eq(needs.status, 'open'), isNull(needs.endedAt)))
    .orderBy(needs.id)
    .limit(n);
  return loadJobNeedInputs(db(), rows);
}

async function everyLiveProfile() {
  const ids = await db().select({ id: profiles.id }).from(profiles).where(isNull(profiles.endedAt));
  return (
    await loadProfileRecords(
      db(),
      ids.map((r) => r.id),
    )
  ).map((r) => r.profile);
}

const pick = (rs: { id: string; score: number }[]) => rs.map((r) => [r.id, Number(r.score.toFixed(12))]);

beforeAll(async () => {
  t = await createTestApp({
    onQuery: (e) => void (counting && e.sql.includes('from "settings"') && settingsReads.push(e.sql)),
  });
  await seedDemoData(db(), { profiles: 200, assets: 20, needs: 30, firms: 10, opportunities: 3 });
  await t.matchFeed.build();
}, 300_000);
afterAll(() => t?.close());

describe('need → people through the match index', () => {
  it('is the exact top 20 of scoring every live profile', async () => {
    const pool = await everyLiveProfile();
    const k = await t.matchFeed.knowledge.get();
    for (const need of await openJobNeeds(4)) {
      const naive = rankResults(
        pool.map((p) => scorePersonForJob(p, need, k)).filter((r) => r.exclusions.length === 0),
      ).slice(0, 20);
      const run = (await get(`/api/v1/needs/${need.id}/matches?limit=20`)).json();
      expect(
        pick(
          run.results.map((r: { candidateId: string; score: number }) => ({
            id: r.candidateId,
            score: r.score,
          })),
        ),
      ).toEqual(pick(naive));
    }
  });

  it('person → needs is the exact top of scoring every open job need', async () => {
    const [person] = await everyLiveProfile();
    const k = await t.matchFeed.knowledge.get();
    const all = await openJobNeeds(1000);
    const naive = rankResults(
      all.map((n) => scoreNeedForPerson(person!, n, k)).filter((r) => r.exclusions.length === 0),
    );
    const run = (await get(`/api/v1/profiles/${person!.id}/matches?limit=20`)).json();
    const shown = run.results.filter((r: { candidateType: string }) => r.candidateType === 'need');
    expect(shown.map((r: { candidateId: string }) => r.candidateId)).toEqual(
      naive.slice(0, shown.length).map((r) => r.id),
    );
  });

  it('drops an ended profile at once, before the outbox reaches the index', async () => {
    const [need] = await openJobNeeds(1);
    const first = (await get(`/api/v1/needs/${need!.id}/matches?limit=5`)).json().results[0];
    const [row] = await db()
      .select({ version: profiles.version })
      .from(profiles)
      .where(eq(profiles.id, first.candidateId));
    expect(
      (await post(`/api/v1/profiles/${first.candidateId}/end`, { version: row!.version })).statusCode,
    ).toBe(200);
    const after = (await get(`/api/v1/needs/${need!.id}/matches?limit=5`)).json();
    expect(after.results.map((r: { candidateId: string }) => r.candidateId)).not.toContain(first.candidateId);
    expect(after.results).toHaveLength(5);
    expect((await t.matchFeed.index()).held('profile').has(first.candidateId)).toBe(false);
    await t.relay.drain();
    expect((await t.matchFeed.index()).held('profile').has(first.candidateId)).toBe(false);
  });

  it('drops an erased profile at once, and the erasure’s outbox row keeps it out', async () => {
    const [need] = await openJobNeeds(1);
    const first = (await get(`/api/v1/needs/${need!.id}/matches?limit=5`)).json().results[0];
    const res = await post(`/api/v1/profiles/${first.candidateId}/erase`, { reason: 'data_subject_request' });
    expect(res.statusCode, res.body).toBe(200);
    const after = (await get(`/api/v1/needs/${need!.id}/matches?limit=5`)).json();
    expect(after.results.map((r: { candidateId: string }) => r.candidateId)).not.toContain(first.candidateId);
    await t.relay.drain();
    expect((await t.matchFeed.index()).held('profile').has(first.candidateId)).toBe(false);
  });

  it('reconcile puts back a record the index lost and removes one the database ended', async () => {
    const ix = await t.matchFeed.index();
    const [lost] = [...ix.held('profile').keys()];
    ix.remove('profile', lost!);
    const [gone] = await db()
      .select({ id: profiles.id })
      .from(profiles)
      .where(isNull(profiles.endedAt))
      .limit(1);
    // Ended behind the application's back: no outbox row.
    await db().update(profiles).set({ endedAt: new Date() }).where(eq(profiles.id, gone!.id));
    const reports = await t.matchFeed.reconcile();
    expect(reports.find((r) => r.type === 'profile')).toMatchObject({ missing: 1, orphaned: 1 });
    expect(ix.held('profile').has(lost!)).toBe(true);
    expect(ix.held('profile').has(gone!.id)).toBe(false);
  });
});

describe('one weights snapshot per run', () => {
  it('reads settings once, and logs and shows the hash of the weights it scored with', async () => {
    const d = DEFAULT_CONFIG.job;
    const job = { ...d, skills: d.skills - 0.1, occupation: d.occupation + 0.1 };
    expect(Object.keys(job).sort()).toEqual([...JOB_COMPONENTS].sort());
    const weights = {
      job,
      role: DEFAULT_CONFIG.role,
      asset: DEFAULT_CONFIG.asset,
      operator: DEFAULT_CONFIG.operator,
    };
    const put = await t.call(admin, {
      method: 'PUT',
      url: '/api/v1/admin/weights',
      payload: { weights, reason: 'test snapshot' },
    });
    expect(put.statusCode, put.body).toBe(200);
    const [need] = await openJobNeeds(1);
    counting = true;
    const run = (await get(`/api/v1/needs/${need!.id}/matches?limit=5`)).json();
    counting = false;
    expect(settingsReads).toHaveLength(1);
    const hash = weightsHash({ ...DEFAULT_CONFIG, ...weights });
    expect(run.weightsHash).toBe(hash);
    const [logged] = await db().select().from(matchRuns).where(eq(matchRuns.id, run.runId));
    expect(logged!.weightsHash).toBe(hash);
    for (const r of run.results)
      for (const c of r.components) expect(c.weight).toBe(job[c.name as keyof typeof job]);
    await t.call(admin, {
      method: 'PUT',
      url: '/api/v1/admin/weights',
      payload: { weights: null, reason: 'reset' },
    });
  });
});

describe('lang on every match endpoint', () => {
  it('labels skills of a need’s matches in the language asked', async () => {
    const [need] = await openJobNeeds(1);
    const run = (await get(`/api/v1/needs/${need!.id}/matches?limit=5&lang=fr`)).json();
    const skills = run.results.flatMap(
      (r: { skills: { matched: { uri: string; label: string }[] } }) => r.skills.matched,
    );
    expect(skills.length).toBeGreaterThan(0);
    const fr = await preferredLabels(
      db(),
      skills.map((s: { uri: string }) => s.uri),
      'fr',
    );
    for (const s of skills) expect(s.label).toBe(fr.get(s.uri));
  });

  it('labels the team builder’s roles and members’ skills in the language asked', async () => {
    const [opp] = await db().select({ id: opportunities.id }).from(opportunities).limit(1);
    const team = (await get(`/api/v1/opportunities/${opp!.id}/team?lang=en`)).json();
    const uris = team.roles.map((r: { occupationUri: string }) => r.occupationUri);
    const en = await preferredLabels(db(), uris, 'en');
    for (const r of team.roles) expect(r.occupationLabel).toBe(en.get(r.occupationUri));
    const fr = (await get(`/api/v1/opportunities/${opp!.id}/team?lang=fr`)).json();
    const frLabels = await preferredLabels(db(), uris, 'fr');
    for (const r of fr.roles) expect(r.occupationLabel).toBe(frLabels.get(r.occupationUri));
    for (const r of fr.results)
      for (const s of r.skills?.matched ?? []) {
        const want = (await preferredLabels(db(), [s.uri], 'fr')).get(s.uri);
        expect(s.label).toBe(want);
      }
  });
});
