import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox, profileSkills, profiles } from '../../src/db/schema.js';
import { createTestApp, type Caller, type TestApp } from '../helpers/app.js';
import { ESCO, makeDesk, PERSONAL, profilePayload } from '../helpers/factories.js';

let t: TestApp;
let operator: Caller;
let otherOperator: Caller;
let deskId: string;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.handle.db;
  deskId = (await makeDesk(db)).id;
  operator = { role: 'operator', deskId };
  otherOperator = {
    role: 'operator',
    deskId: (await makeDesk(db, { name: 'France Travail Marseille', country: 'FR' })).id,
  };
});
afterAll(() => t?.close());

const create = (caller: Caller, body: unknown) =>
  t.call(caller, { method: 'POST', url: '/api/v1/profiles', payload: body as object });

describe('profiles', () => {
  it('creates a profile with a pseudonymous code and reads it back', async () => {
    const res = await create(operator, profilePayload(deskId));
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.code).toMatch(/^P-[2-9A-Z]{8}$/);
    expect(body.personal.lastName).toBe(PERSONAL.lastName);
    expect(body.municipality.name).toBe('La Spezia');
    expect(body.occupations).toEqual([{ uri: ESCO.welder, years: 12 }]);
    const read = await t.call(operator, { method: 'GET', url: `/api/v1/profiles/${body.id}` });
    expect(read.json()).toEqual(body);
  });

  it('hides name and contacts from another desk', async () => {
    const { id } = (await create(operator, profilePayload(deskId))).json();
    const read = await t.call(otherOperator, { method: 'GET', url: `/api/v1/profiles/${id}` });
    expect(read.statusCode).toBe(200);
    expect(read.json().personal).toBeNull();
    const text = JSON.stringify(read.json());
    for (const secret of [PERSONAL.lastName, PERSONAL.email, PERSONAL.phoneDigits])
      expect(text).not.toContain(secret);
  });

  it('updates with the current version and refuses a stale one with 409', async () => {
    const created = (await create(operator, profilePayload(deskId))).json();
    const ok = await t.call(operator, {
      method: 'PATCH',
      url: `/api/v1/profiles/${created.id}`,
      payload: { version: created.version, mobilityKm: 80, skills: [{ uri: ESCO.fuelGas }] },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ version: created.version + 1, mobilityKm: 80, eqfLevel: 3 });
    expect(ok.json().skills).toEqual([{ uri: ESCO.fuelGas, source: 'declared' }]);
    const stale = await t.call(operator, {
      method: 'PATCH',
      url: `/api/v1/profiles/${created.id}`,
      payload: { version: created.version, mobilityKm: 10 },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
  });

  it('ends a profile instead of deleting it, and leaves it out of lists', async () => {
    const created = (await create(operator, profilePayload(deskId))).json();
    const ended = await t.call(operator, {
      method: 'POST',
      url: `/api/v1/profiles/${created.id}/end`,
      payload: { version: created.version },
    });
    expect(ended.statusCode).toBe(200);
    expect(ended.json().endedAt).not.toBeNull();
    const list = await t.call(operator, { method: 'GET', url: '/api/v1/profiles?limit=100' });
    expect(list.json().items.map((p: { id: string }) => p.id)).not.toContain(created.id);
  });

  it('pages through the list with a cursor and caps the limit at 100', async () => {
    for (let i = 0; i < 3; i++) await create(operator, profilePayload(deskId));
    const first = (await t.call(operator, { method: 'GET', url: '/api/v1/profiles?limit=2' })).json();
    expect(first.items).toHaveLength(2);
    const second = (
      await t.call(operator, { method: 'GET', url: `/api/v1/profiles?limit=2&cursor=${first.nextCursor}` })
    ).json();
    expect(second.items[0].id > first.items[1].id).toBe(true);
    const tooMany = await t.call(operator, { method: 'GET', url: '/api/v1/profiles?limit=1000' });
    expect(tooMany.statusCode).toBe(400);
  });

  it.each([
    ['a wrong type', { mobilityKm: 'far' }, 'body.mobilityKm'],
    ['a missing field', { employmentStatus: undefined }, 'body.employmentStatus'],
    ['an unknown field', { role: 'admin' }, 'role'],
    [
      'an unknown ESCO URI',
      {
        occupations: [
          { uri: 'http://data.europa.eu/esco/occupation/00000000-0000-0000-0000-000000000000', years: 1 },
        ],
      },
      'occupations.0.uri',
    ],
    ['an unknown municipality', { municipality: { country: 'IT', code: '999999' } }, 'municipality.code'],
  ])('rejects %s with 400 naming the field, and writes nothing', async (_what, override, path) => {
    const db = t.database.handle.db;
    const before = (await db.select({ n: count() }).from(profiles))[0]!.n;
    const outboxBefore = (await db.select({ n: count() }).from(outbox))[0]!.n;
    const res = await create(operator, profilePayload(deskId, override));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(res.json().error.details)).toContain(path);
    expect((await db.select({ n: count() }).from(profiles))[0]!.n).toBe(before);
    expect((await db.select({ n: count() }).from(outbox))[0]!.n).toBe(outboxBefore);
  });

  it('writes an outbox row in the same transaction as the change', async () => {
    const created = (await create(operator, profilePayload(deskId))).json();
    const rows = await t.database.handle.db.select().from(outbox).where(eq(outbox.aggregateId, created.id));
    expect(rows).toMatchObject([{ aggregateType: 'profile', version: 1 }]);
  });

  it('answers 404 with a stable code for a profile that does not exist', async () => {
    const res = await t.call(operator, {
      method: 'GET',
      url: '/api/v1/profiles/00000000-0000-4000-8000-000000000000',
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('PROFILE_NOT_FOUND');
  });

  it('refuses companies and marketing officers', async () => {
    for (const role of ['company', 'marketing'] as const) {
      const res = await t.call({ role }, { method: 'GET', url: '/api/v1/profiles' });
      expect(res.statusCode).toBe(403);
    }
    expect((await t.call(null, { method: 'GET', url: '/api/v1/profiles' })).statusCode).toBe(401);
  });

  describe('skill sources (issue 17: an edit must not change the evidence the score uses)', () => {
    const skillsOf = async (id: string) =>
      (
        await t.database.handle.db
          .select({ uri: profileSkills.skillUri, source: profileSkills.source })
          .from(profileSkills)
          .where(eq(profileSkills.profileId, id))
      ).sort((a, b) => a.uri.localeCompare(b.uri));
    const certifiedProfile = async () =>
      (
        await create(
          operator,
          profilePayload(deskId, {
            skills: [
              { uri: ESCO.weldingTechniques, source: 'certified' },
              { uri: ESCO.cuttingTechnologies, source: 'inferred' },
            ],
          }),
        )
      ).json();
    const partnerKey = async () => {
      const res = await t.call(
        { role: 'admin' },
        {
          method: 'POST',
          url: '/api/v1/admin/api-keys',
          payload: { deskId, name: 'Regional system', scopes: ['profiles'] },
        },
      );
      expect(res.statusCode, res.body).toBe(201);
      return { 'x-api-key': res.json().key as string };
    };

    it('keeps certified and inferred when a PATCH lists the skills without their source', async () => {
      const created = await certifiedProfile();
      const res = await t.call(operator, {
        method: 'PATCH',
        url: `/api/v1/profiles/${created.id}`,
        payload: {
          version: created.version,
          skills: [{ uri: ESCO.weldingTechniques }, { uri: ESCO.cuttingTechnologies }, { uri: ESCO.fuelGas }],
        },
      });
      expect(res.statusCode, res.body).toBe(200);
      const expected = [
        { uri: ESCO.cuttingTechnologies, source: 'inferred' },
        { uri: ESCO.fuelGas, source: 'declared' },
        { uri: ESCO.weldingTechniques, source: 'certified' },
      ].sort((a, b) => a.uri.localeCompare(b.uri));
      expect(res.json().skills).toEqual(expected);
      expect(await skillsOf(created.id)).toEqual(expected);
    });

    it('lets desk staff certify a skill and take the certification off', async () => {
      const created = (await create(operator, profilePayload(deskId))).json();
      const certified = await t.call(operator, {
        method: 'PATCH',
        url: `/api/v1/profiles/${created.id}`,
        payload: { version: created.version, skills: [{ uri: ESCO.weldingTechniques, source: 'certified' }] },
      });
      expect(certified.json().skills).toEqual([{ uri: ESCO.weldingTechniques, source: 'certified' }]);
      const undone = await t.call(operator, {
        method: 'PATCH',
        url: `/api/v1/profiles/${created.id}`,
        payload: {
          version: certified.json().version,
          skills: [{ uri: ESCO.weldingTechniques, source: 'declared' }],
        },
      });
      expect(undone.json().skills).toEqual([{ uri: ESCO.weldingTechniques, source: 'declared' }]);
    });

    it('refuses a partner key that certifies or un-certifies a skill with 403 naming the skill, writing nothing', async () => {
      const headers = await partnerKey();
      const refusedCreate = await t.call(null, {
        method: 'POST',
        url: '/api/v1/profiles',
        headers,
        payload: profilePayload(deskId, { skills: [{ uri: ESCO.fuelGas, source: 'certified' }] }),
      });
      expect(refusedCreate.statusCode, refusedCreate.body).toBe(403);
      expect(refusedCreate.json().error).toMatchObject({
        code: 'SKILL_CERTIFICATION_FORBIDDEN',
        details: [{ path: 'skills.0.source' }],
      });

      const created = await certifiedProfile();
      const patch = (skills: object[]) =>
        t.call(null, {
          method: 'PATCH',
          url: `/api/v1/profiles/${created.id}`,
          headers,
          payload: { version: created.version, skills },
        });
      const downgrade = await patch([
        { uri: ESCO.cuttingTechnologies, source: 'inferred' },
        { uri: ESCO.weldingTechniques, source: 'declared' },
      ]);
      expect(downgrade.statusCode, downgrade.body).toBe(403);
      expect(downgrade.json().error.details).toEqual([
        { path: 'skills.1.source', reason: 'only desk staff may take the certification off a skill' },
      ]);
      const upgrade = await patch([{ uri: ESCO.cuttingTechnologies, source: 'certified' }]);
      expect(upgrade.statusCode).toBe(403);
      expect(upgrade.json().error.details[0].path).toBe('skills.0.source');
      const unchanged = (
        await t.call(operator, { method: 'GET', url: `/api/v1/profiles/${created.id}` })
      ).json();
      expect(unchanged.version).toBe(created.version);
      expect(unchanged.skills).toEqual(created.skills);

      // What the desk certified stays so when the partner's system sends the skill back, with or without it.
      const kept = await patch([
        { uri: ESCO.weldingTechniques },
        { uri: ESCO.cuttingTechnologies, source: 'declared' },
        { uri: ESCO.fuelGas, source: 'inferred' },
      ]);
      expect(kept.statusCode, kept.body).toBe(200);
      expect(await skillsOf(created.id)).toEqual(
        [
          { uri: ESCO.weldingTechniques, source: 'certified' },
          { uri: ESCO.cuttingTechnologies, source: 'declared' },
          { uri: ESCO.fuelGas, source: 'inferred' },
        ].sort((a, b) => a.uri.localeCompare(b.uri)),
      );
    });
  });
});
