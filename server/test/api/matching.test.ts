import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, matchRuns } from '../../src/db/schema.js';
import { verifyRunChain } from '../../src/modules/matching/match-log.repository.js';
import { createTestApp, type Caller, type TestApp } from '../helpers/app.js';
import { ESCO, makeDesk, makeFirm, PERSONAL, PLACES, profilePayload } from '../helpers/factories.js';

const ADMIN_ASSISTANT = 'http://data.europa.eu/esco/occupation/044d78cc-f62f-4532-83a5-8e04f2889652';

let t: TestApp;
let deskId: string;
let firmId: string;
let operator: Caller;
let company: Caller;
const admin: Caller = { role: 'admin' };
const people: Record<string, { id: string; code: string }> = {};
let needId: string;

const post = (caller: Caller, url: string, payload: object) =>
  t.call(caller, { method: 'POST', url, payload });
/** Writes reach the match index through the outbox relay, as in production (where writes wake it). */
const get = async (caller: Caller, url: string) => {
  await t.relay.drain();
  return t.call(caller, { method: 'GET', url });
};

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.handle.db;
  deskId = (await makeDesk(db)).id;
  firmId = (await makeFirm(db)).id;
  operator = { role: 'operator', deskId };
  company = { role: 'company', firmId };
  const make = async (key: string, overrides: Record<string, unknown>) => {
    const res = await post(operator, '/api/v1/profiles', profilePayload(deskId, overrides));
    expect(res.statusCode, res.body).toBe(201);
    people[key] = res.json();
  };
  await make('welderNear', {
    skills: [
      { uri: ESCO.weldingTechniques, source: 'certified' },
      { uri: ESCO.fuelGas, source: 'declared' },
    ],
  });
  await make('welderPartial', { skills: [], occupations: [{ uri: ESCO.welder, years: 2 }] });
  await make('welderFar', { municipality: PLACES.marseille, mobilityKm: 10 });
  await make('cook', { occupations: [{ uri: ESCO.cook, years: 8 }], skills: [] });
  const need = await post(company, '/api/v1/needs', {
    type: 'job',
    firmId,
    title: '2 saldatori TIG — La Spezia',
    municipality: PLACES.laSpezia,
    radiusKm: 40,
    occupationUri: ESCO.welder,
    essentialSkills: [ESCO.weldingTechniques],
    optionalSkills: [ESCO.fuelGas],
    positions: 2,
  });
  needId = need.json().id;
});
afterAll(() => t?.close());

describe('people for a job need', () => {
  it('ranks the welders, excludes the one beyond both radii, and explains every score', async () => {
    const res = await get(operator, `/api/v1/needs/${needId}/matches`);
    expect(res.statusCode, res.body).toBe(200);
    const run = res.json();
    const ids = run.results.map((r: { candidateId: string }) => r.candidateId);
    expect(ids[0]).toBe(people.welderNear!.id);
    expect(ids).toContain(people.welderPartial!.id);
    expect(ids).not.toContain(people.welderFar!.id);
    expect(run).toMatchObject({
      ranked: true,
      engineVersion: expect.any(String),
      weightsHash: expect.stringMatching(/^[0-9a-f]+$/),
    });
    expect(run.notice).toContain('human review required');
    for (const r of run.results) {
      const sum = r.components.reduce((s: number, c: { contribution: number }) => s + c.contribution, 0);
      expect(sum).toBeCloseTo(r.score, 9);
      expect(r.label).toMatch(/^P-/);
      expect(r.explanation.it.summary.length).toBeGreaterThan(0);
      expect(r.explanation.fr.lines.length).toBeGreaterThan(0);
    }
    const top = run.results[0];
    // Skill names in the user's language (Italian by default): the project's provisional labels.
    expect(top.skills.matched.map((s: { label: string }) => s.label)).toContain('tecniche di saldatura');
    expect(JSON.stringify(run)).not.toContain(PERSONAL.lastName);
  });

  it('explains in plain sentences: no UUID, reason code, component name or domain code, in IT, FR and EN', async () => {
    // A pipe welder is "same ISCO unit group": the reason names the occupation, which must be a label.
    const pipeWelder = 'http://data.europa.eu/esco/occupation/2ff73126-7aff-4233-9d9c-d8725e1c6822';
    const res = await post(
      operator,
      '/api/v1/profiles',
      profilePayload(deskId, { occupations: [{ uri: pipeWelder, years: 1 }] }),
    );
    const related = res.json();
    const run = (await get(operator, `/api/v1/needs/${needId}/matches?limit=50`)).json();
    const codeLike =
      /[0-9a-f]{8}-[0-9a-f]{4}-|https?:\/\/|\b[a-z]+_[a-z_]+\b|\b(crisisCase|supplyChain)\b|\d{4}-\d{2}-\d{2}/;
    const texts: string[] = [];
    for (const r of run.results) {
      for (const lang of ['it', 'fr', 'en']) {
        texts.push(r.explanation[lang].summary, ...r.explanation[lang].lines);
        for (const c of r.components) texts.push(c.title[lang], c.reasonText[lang]);
      }
    }
    expect(texts.length).toBeGreaterThan(20);
    for (const text of texts) expect(text).not.toMatch(codeLike);
    const mine = run.results.find((r: { candidateId: string }) => r.candidateId === related.id);
    const occupation = mine.components.find((c: { name: string }) => c.name === 'occupation');
    expect(occupation.reasonText.it).toMatch(/stesso gruppo ISCO\): saldatore di tubazioni/);
    expect(occupation.reasonText.en).toMatch(/pipe welder/);
    expect(occupation.title).toEqual({ it: 'Professione', fr: 'Métier', en: 'Occupation' });
    // The person's side too (needs and opportunity roles that fit).
    const back = (await get(operator, `/api/v1/profiles/${related.id}/matches`)).json();
    for (const r of back.results)
      for (const lang of ['it', 'fr', 'en'])
        for (const line of r.explanation?.[lang]?.lines ?? []) expect(line).not.toMatch(codeLike);
  });

  it('logs every run with ids, scores and contributions, and the log cannot be changed', async () => {
    const run = (await get(operator, `/api/v1/needs/${needId}/matches`)).json();
    const db = t.database.handle.db;
    const [row] = await db.select().from(matchRuns).where(eq(matchRuns.id, run.runId));
    expect(row).toMatchObject({
      subjectType: 'need',
      subjectId: needId,
      actorRole: 'operator',
      ranked: true,
      engineVersion: run.engineVersion,
    });
    expect(row!.poolSize).toBeGreaterThanOrEqual(2);
    const results = row!.results as { id: string; score: number; contributions: Record<string, number> }[];
    expect(results[0]).toMatchObject({ id: people.welderNear!.id, score: run.results[0].score });
    expect(Object.keys(results[0]!.contributions)).toContain('skills');
    // Each result has a salt of its own (a redacted entry's digest must not be guessable from another's).
    const salts = (row!.results as { salt: string }[]).map((r) => r.salt);
    expect(salts.every((s) => /^[0-9a-f]{32}$/.test(s))).toBe(true);
    expect(new Set(salts).size).toBe(salts.length);
    expect(JSON.stringify(row)).not.toContain(PERSONAL.lastName);
    await expect(
      db.update(matchRuns).set({ poolSize: 0 }).where(eq(matchRuns.id, run.runId)),
    ).rejects.toThrow();
    await expect(db.delete(matchRuns).where(eq(matchRuns.id, run.runId))).rejects.toThrow();
    expect(await verifyRunChain(db)).toEqual([]);
  });

  it('detects a run edited behind the application (hash chain)', async () => {
    const db = t.database.handle.db;
    const run = (await get(operator, `/api/v1/needs/${needId}/matches`)).json();
    await db.execute(sql`alter table match_runs disable trigger match_runs_append_only`);
    await db.update(matchRuns).set({ poolSize: 999 }).where(eq(matchRuns.id, run.runId));
    await db.execute(sql`alter table match_runs enable trigger match_runs_append_only`);
    expect(await verifyRunChain(db)).toContain(run.runId);
    // Put it back so later tests see an intact chain.
    await db.execute(sql`alter table match_runs disable trigger match_runs_append_only`);
    await db.update(matchRuns).set({ poolSize: run.poolSize }).where(eq(matchRuns.id, run.runId));
    await db.execute(sql`alter table match_runs enable trigger match_runs_append_only`);
  });
});

describe('human oversight', () => {
  it('shows a company only the candidates approved for its own need, pseudonymised', async () => {
    const before = await get(company, `/api/v1/needs/${needId}/candidates`);
    expect(before.json().candidates).toEqual([]);
    const consent = await post(operator, `/api/v1/profiles/${people.welderNear!.id}/consents`, {
      purpose: 'share_with_companies',
      textVersion: '2026-11',
      language: 'it',
      channel: 'desk',
    });
    expect(consent.statusCode).toBe(201);
    const approve = await post(operator, '/api/v1/matches/decisions', {
      subjectType: 'need',
      subjectId: needId,
      candidateType: 'profile',
      candidateId: people.welderNear!.id,
      action: 'approve',
      reasonCode: 'good_fit',
      note: 'Certified TIG, available in December',
    });
    expect(approve.statusCode).toBe(201);
    const seen = (await get(company, `/api/v1/needs/${needId}/candidates`)).json();
    expect(seen.candidates.map((c: { code: string }) => c.code)).toEqual([people.welderNear!.code]);
    const text = JSON.stringify(seen);
    for (const secret of [PERSONAL.lastName, PERSONAL.firstName, PERSONAL.email, people.welderNear!.id])
      expect(text).not.toContain(secret);
    expect(seen.candidates[0].contact).toBeNull();
    expect(seen.candidates[0].contactRequestedAt).toBeNull();
    const ask = (caller: Caller) =>
      t.call(caller, {
        method: 'POST',
        url: `/api/v1/needs/${needId}/candidates/${people.welderNear!.code}/contact-request`,
      });
    const first = (await ask(company)).json();
    expect(first).toMatchObject({ status: 'pending_consent', contact: null });
    expect(Date.parse(first.requestedAt)).not.toBeNaN();
    // The firm's page says when contact was asked for, instead of offering to ask again.
    const afterAsk = (await get(company, `/api/v1/needs/${needId}/candidates`)).json();
    expect(afterAsk.candidates[0].contactRequestedAt).toBe(first.requestedAt);
    await post(operator, `/api/v1/profiles/${people.welderNear!.id}/consents`, {
      purpose: 'contact_by_companies',
      textVersion: '2026-11',
      language: 'it',
      channel: 'desk',
    });
    expect((await ask(company)).json()).toMatchObject({
      status: 'shared',
      contact: { name: 'Marco Rossi' },
      requestedAt: first.requestedAt,
    });
    const asks = await t.database.handle.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.subjectId, people.welderNear!.id));
    expect(asks.map((a) => a.action)).toEqual(
      expect.arrayContaining(['contact.requested', 'contact.shared']),
    );
    const cook = t.call(company, {
      method: 'POST',
      url: `/api/v1/needs/${needId}/candidates/${people.cook!.code}/contact-request`,
    });
    expect((await cook).statusCode).toBe(404);
    const otherCompany: Caller = { role: 'company', firmId: (await makeFirm(t.database.handle.db)).id };
    expect((await get(otherCompany, `/api/v1/needs/${needId}/candidates`)).statusCode).toBe(404);
    expect((await get(company, `/api/v1/needs/${needId}/matches`)).statusCode).toBe(403);
  });

  it('drops a person from the company view as soon as they withdraw consent, and keeps the consent record', async () => {
    const consents = (await get(operator, `/api/v1/profiles/${people.welderNear!.id}/consents`)).json();
    const withdrawn = await post(
      operator,
      `/api/v1/profiles/${people.welderNear!.id}/consents/${consents.find((c: { purpose: string }) => c.purpose === 'share_with_companies').id}/withdraw`,
      {},
    );
    expect(withdrawn.statusCode).toBe(200);
    expect((await get(company, `/api/v1/needs/${needId}/candidates`)).json().candidates).toEqual([]);
    const kept = (await get(operator, `/api/v1/profiles/${people.welderNear!.id}/consents`)).json();
    expect(
      kept.find((c: { purpose: string }) => c.purpose === 'share_with_companies').withdrawnAt,
    ).not.toBeNull();
  });

  it('keeps a rejection and a re-rank through later runs', async () => {
    await post(operator, '/api/v1/matches/decisions', {
      subjectType: 'need',
      subjectId: needId,
      candidateType: 'profile',
      candidateId: people.welderNear!.id,
      action: 'reject',
      reasonCode: 'person_declined',
    });
    await post(operator, '/api/v1/matches/decisions', {
      subjectType: 'need',
      subjectId: needId,
      candidateType: 'profile',
      candidateId: people.welderPartial!.id,
      action: 'rerank',
      reasonCode: 'better_candidate',
      note: 'Knows the yard',
      finalRank: 1,
    });
    const run = (await get(operator, `/api/v1/needs/${needId}/matches`)).json();
    expect(run.results[0]).toMatchObject({
      candidateId: people.welderPartial!.id,
      decision: { action: 'rerank', finalRank: 1 },
    });
    expect(run.results.at(-1)).toMatchObject({
      candidateId: people.welderNear!.id,
      decision: { action: 'reject' },
    });
    // The rejection also withdraws the earlier approval from the company's view.
    expect((await get(company, `/api/v1/needs/${needId}/candidates`)).json().candidates).toEqual([]);
  });

  it('refuses a re-rank without a rank and a decision without a reason', async () => {
    const base = {
      subjectType: 'need',
      subjectId: needId,
      candidateType: 'profile',
      candidateId: people.cook!.id,
    };
    expect(
      (await post(operator, '/api/v1/matches/decisions', { ...base, action: 'rerank', reasonCode: 'other' }))
        .statusCode,
    ).toBe(400);
    expect(
      (await post(operator, '/api/v1/matches/decisions', { ...base, action: 'approve' })).statusCode,
    ).toBe(400);
  });

  it('refuses a reason that contradicts the decision, naming the field', async () => {
    const base = {
      subjectType: 'need',
      subjectId: needId,
      candidateType: 'profile',
      candidateId: people.cook!.id,
    };
    const rejectGoodFit = await post(operator, '/api/v1/matches/decisions', {
      ...base,
      action: 'reject',
      reasonCode: 'good_fit',
    });
    expect(rejectGoodFit.statusCode).toBe(422);
    expect(rejectGoodFit.json().error).toMatchObject({
      code: 'REASON_NOT_FOR_ACTION',
      details: [{ path: 'body.reasonCode' }],
    });
    const shortlistTooFar = await post(operator, '/api/v1/matches/decisions', {
      ...base,
      action: 'shortlist',
      reasonCode: 'too_far',
    });
    expect(shortlistTooFar.statusCode).toBe(422);
    const otherWithoutNote = await post(operator, '/api/v1/matches/decisions', {
      ...base,
      action: 'reject',
      reasonCode: 'other',
    });
    expect(otherWithoutNote.statusCode).toBe(422);
    expect(otherWithoutNote.json().error.details).toEqual([
      { path: 'body.note', reason: expect.any(String) },
    ]);
    const fits = await post(operator, '/api/v1/matches/decisions', {
      ...base,
      action: 'reject',
      reasonCode: 'skills_gap',
    });
    expect(fits.statusCode).toBe(201);
  });

  it('records outcomes in their order only, with dates, refusing an impossible step with a clear message', async () => {
    const profileId = people.welderPartial!.id;
    const outcome = (o: string, at?: string) =>
      post(operator, `/api/v1/needs/${needId}/outcomes`, { profileId, outcome: o, ...(at ? { at } : {}) });
    // Reranked, not approved: no outcome yet, and the refusal says why and what would be needed.
    const early = await outcome('hired');
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toMatchObject({
      code: 'OUTCOME_SEQUENCE_INVALID',
      message:
        'Cannot record "hired": the candidate has not been approved for this need; no outcome may follow.',
      details: [{ path: 'outcome' }],
    });
    await post(operator, `/api/v1/profiles/${profileId}/consents`, {
      purpose: 'share_with_companies',
      textVersion: '2026-11',
      language: 'it',
      channel: 'desk',
    });
    const approve = await post(operator, '/api/v1/matches/decisions', {
      subjectType: 'need',
      subjectId: needId,
      candidateType: 'profile',
      candidateId: profileId,
      action: 'approve',
      reasonCode: 'good_fit',
    });
    expect(approve.statusCode).toBe(201);
    const skipped = await outcome('interviewed');
    expect(skipped.statusCode).toBe(409);
    expect(skipped.json().error.message).toContain('already "approved"; next may come: contacted, withdrawn');
    const future = await outcome('contacted', '2099-01-01');
    expect(future.statusCode).toBe(400);
    expect(future.json().error.details).toEqual([
      { path: 'at', reason: 'The date 2099-01-01 is in the future.' },
    ]);
    expect((await outcome('contacted')).statusCode).toBe(201);
    const res = await outcome('interviewed', new Date().toISOString());
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ outcome: 'interviewed' });
    expect((await outcome('contacted')).statusCode).toBe(409);
  });

  it('turns ranking off and on with the stop switch, and logs who did it', async () => {
    expect(
      (
        await t.call(operator, {
          method: 'PUT',
          url: '/api/v1/admin/ranking',
          payload: { enabled: false, reason: 'audit' },
        })
      ).statusCode,
    ).toBe(403);
    const off = await t.call(admin, {
      method: 'PUT',
      url: '/api/v1/admin/ranking',
      payload: { enabled: false, reason: 'bias review' },
    });
    expect(off.json()).toEqual({ enabled: false });
    const run = (await get(operator, `/api/v1/needs/${needId}/matches`)).json();
    expect(run.ranked).toBe(false);
    for (const r of run.results) {
      expect(r.score).toBeUndefined();
      expect(r.components).toBeUndefined();
    }
    const entries = await t.database.handle.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'ranking.disabled'));
    expect(entries).toHaveLength(1);
    expect(entries[0]!.details).toEqual({ reason: 'bias review' });
    await t.call(admin, {
      method: 'PUT',
      url: '/api/v1/admin/ranking',
      payload: { enabled: true, reason: 'review done' },
    });
    expect((await get(operator, `/api/v1/needs/${needId}/matches`)).json().ranked).toBe(true);
  });
});

describe('activity over time', () => {
  it('counts runs, decisions and outcomes per week, with no ids', async () => {
    const stats = (await get({ role: 'marketing' }, '/api/v1/stats/matching?weeks=4')).json();
    expect(stats.weeks.length).toBeGreaterThan(0);
    const week = stats.weeks.at(-1);
    expect(stats.runs[week]).toBeGreaterThan(0);
    expect(stats.decisions.approve[week]).toBeGreaterThan(0);
    expect(stats.outcomes.interviewed[week]).toBe(1);
    expect(JSON.stringify(stats)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}/);
    expect((await get(company, '/api/v1/stats/matching')).statusCode).toBe(403);
  });
});

describe('weights', () => {
  it('lets the admin change the weights; later runs log the new hash, and a group must add up to 1', async () => {
    const before = (await get(admin, '/api/v1/admin/weights')).json();
    expect(before.isDefault).toBe(true);
    const job = {
      skills: 0.5,
      occupation: 0.1,
      distance: 0.15,
      languages: 0.05,
      qualification: 0.05,
      availability: 0.1,
      supplyChain: 0.05,
    };
    const bad = await t.call(admin, {
      method: 'PUT',
      url: '/api/v1/admin/weights',
      payload: { weights: { ...before.weights, job: { ...job, skills: 0.9 } }, reason: 'test' },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      (
        await t.call(operator, {
          method: 'PUT',
          url: '/api/v1/admin/weights',
          payload: { weights: null, reason: 'nope' },
        })
      ).statusCode,
    ).toBe(403);
    const set = await t.call(admin, {
      method: 'PUT',
      url: '/api/v1/admin/weights',
      payload: { weights: { ...before.weights, job }, reason: 'skills matter more for the yards' },
    });
    expect(set.statusCode).toBe(200);
    expect(set.json().weightsHash).not.toBe(before.weightsHash);
    const run = (await get(operator, `/api/v1/needs/${needId}/matches`)).json();
    expect(run.weightsHash).toBe(set.json().weightsHash);
    expect(run.results[0].components.find((c: { name: string }) => c.name === 'skills').weight).toBe(0.5);
    const [logged] = await t.database.handle.db.select().from(matchRuns).where(eq(matchRuns.id, run.runId));
    expect(logged!.weightsHash).toBe(set.json().weightsHash);
    const audit = await t.database.handle.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'matcher.weights.changed'));
    expect(audit).toHaveLength(1);
    const reset = await t.call(admin, {
      method: 'PUT',
      url: '/api/v1/admin/weights',
      payload: { weights: null, reason: 'back to the defaults' },
    });
    expect(reset.json()).toMatchObject({ isDefault: true, weightsHash: before.weightsHash });
  });
});

describe('other directions', () => {
  it('finds the needs that fit a person (two-way)', async () => {
    const run = (await get(operator, `/api/v1/profiles/${people.welderNear!.id}/matches`)).json();
    expect(run.results.map((r: { candidateId: string }) => r.candidateId)).toContain(needId);
  });

  it('builds a buy-out team from the crisis case and names the roles still missing', async () => {
    const crisis = (
      await post(operator, '/api/v1/crisis-cases', {
        deskId,
        externalRef: 'CRISI-TEAM',
        title: 'Cantiere in liquidazione',
        procedure: 'liquidazione_giudiziale',
        municipality: PLACES.laSpezia,
      })
    ).json();
    const members: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await post(
        operator,
        '/api/v1/profiles',
        profilePayload(deskId, { crisisCaseId: crisis.id, desiredPaths: ['workers_buy_out'] }),
      );
      members.push(res.json().id);
    }
    const opp = (
      await post(operator, '/api/v1/opportunities', {
        deskId,
        kind: 'wbo',
        title: 'WBO del cantiere',
        crisisCaseId: crisis.id,
        municipality: PLACES.laSpezia,
        roles: [
          { occupationUri: ESCO.welder, count: 4, keySkills: [ESCO.weldingTechniques] },
          { occupationUri: ADMIN_ASSISTANT, count: 1 },
        ],
      })
    ).json();
    const team = (await get(operator, `/api/v1/opportunities/${opp.id}/team`)).json();
    const welders = team.roles.find((r: { occupationUri: string }) => r.occupationUri === ESCO.welder);
    expect(welders.required).toBe(4);
    expect(welders.filled).toBeGreaterThanOrEqual(3);
    for (const id of members)
      expect(welders.members.map((m: { profileId: string }) => m.profileId)).toContain(id);
    expect(team.missingRoles.map((m: { occupationUri: string }) => m.occupationUri)).toContain(
      ADMIN_ASSISTANT,
    );
    const everyone = team.roles.flatMap((r: { members: { profileId: string }[] }) =>
      r.members.map((m) => m.profileId),
    );
    expect(new Set(everyone).size).toBe(everyone.length);
    expect(team.coverage).toBeGreaterThan(0);
    expect(team.coverage).toBeLessThan(1);
  });

  it('ranks assets for an asset need and says why a near miss is not a match', async () => {
    const mk = async (title: string, coveredAreaM2: number) =>
      (
        await post({ role: 'marketing' }, '/api/v1/assets', {
          deskId,
          inventoryNumber: `M-${title}`,
          kind: 'building',
          category: 'warehouse',
          title,
          municipality: PLACES.laSpezia,
          availability: 'lease',
          coveredAreaM2,
          quayAccess: true,
          rentEurMonth: 5000,
        })
      ).json();
    const big = await mk('Capannone grande', 2500);
    const small = await mk('Capannone quasi', 1350);
    const need = (
      await post(operator, '/api/v1/needs', {
        type: 'asset',
        firmId,
        title: 'Capannone con banchina',
        municipality: PLACES.laSpezia,
        radiusKm: 30,
        assetKind: 'building',
        minAreaM2: 1500,
        needsQuay: true,
        mode: 'lease',
        budgetEur: 8000,
      })
    ).json();
    const run = (await get(operator, `/api/v1/needs/${need.id}/matches`)).json();
    expect(run.results.map((r: { candidateId: string }) => r.candidateId)).toEqual([big.id]);
    expect(run.nearMisses.map((m: { candidateId: string }) => m.candidateId)).toContain(small.id);
    expect(run.nearMisses[0].whyNot.length).toBeGreaterThan(0);
  });

  it('stores a monthly budget beside the purchase budget and lists every excluded asset with why, in words', async () => {
    const mk = async (title: string, extra: Record<string, unknown>) =>
      (
        await post({ role: 'marketing' }, '/api/v1/assets', {
          deskId,
          inventoryNumber: `B-${title}`,
          kind: 'building',
          category: 'workshop',
          title,
          municipality: PLACES.laSpezia,
          coveredAreaM2: 2000,
          ...extra,
        })
      ).json();
    const cheapRent = await mk('Officina in affitto', { availability: 'lease', rentEurMonth: 2000 });
    const dearRent = await mk('Officina cara', { availability: 'lease', rentEurMonth: 5000 });
    const forSale = await mk('Officina in vendita', { availability: 'sale', priceEur: 400_000 });
    const tiny = await mk('Officina piccola e cara', {
      availability: 'lease',
      rentEurMonth: 9000,
      coveredAreaM2: 300,
    });
    const created = await post(operator, '/api/v1/needs', {
      type: 'asset',
      firmId,
      title: 'Officina, acquisto o affitto',
      municipality: PLACES.laSpezia,
      radiusKm: 30,
      assetKind: 'building',
      assetCategory: 'workshop',
      minAreaM2: 1000,
      mode: 'either',
      budgetEur: 500_000,
      monthlyBudgetEur: 4000,
    });
    expect(created.statusCode, created.body).toBe(201);
    const need = created.json();
    expect(need).toMatchObject({ budgetEur: 500_000, monthlyBudgetEur: 4000 });
    const patched = await t.call(operator, {
      method: 'PATCH',
      url: `/api/v1/needs/${need.id}`,
      payload: { version: need.version, monthlyBudgetEur: 3000 },
    });
    expect(patched.json().monthlyBudgetEur).toBe(3000);
    const negative = await t.call(operator, {
      method: 'PATCH',
      url: `/api/v1/needs/${need.id}`,
      payload: { version: patched.json().version, monthlyBudgetEur: -1 },
    });
    expect(negative.statusCode).toBe(400);
    expect(JSON.stringify(negative.json().error.details)).toContain('monthlyBudgetEur');

    const res = await get(operator, `/api/v1/needs/${need.id}/matches?lang=it&limit=50`);
    expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
    const run = res.json();
    const ranked = run.results.map((r: { candidateId: string }) => r.candidateId);
    expect(ranked).toContain(cheapRent.id);
    expect(ranked).toContain(forSale.id);
    expect(ranked).not.toContain(dearRent.id);
    type WhyNot = {
      candidateId: string;
      label: string;
      whyNot: { code: string; text: Record<string, string> }[];
    };
    const excluded = new Map((run.excluded as WhyNot[]).map((e) => [e.candidateId, e]));
    // The rent is held against the monthly budget, never against the purchase budget.
    expect(excluded.get(dearRent.id)).toMatchObject({ label: 'Officina cara' });
    expect(excluded.get(dearRent.id)!.whyNot.map((w) => w.code)).toEqual(['rent_budget']);
    expect(excluded.get(dearRent.id)!.whyNot[0]!.text.it).toMatch(
      /oltre il budget mensile di 3[.\s]?000 EUR/,
    );
    expect(
      excluded
        .get(tiny.id)!
        .whyNot.map((w) => w.code)
        .sort(),
    ).toEqual(['min_area', 'rent_budget'].sort());
    for (const e of excluded.values())
      for (const w of e.whyNot)
        for (const text of Object.values(w.text)) {
          expect(text).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
          expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
        }
  });
});
