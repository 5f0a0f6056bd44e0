import { Writable } from 'node:stream';
import { eq, sql } from 'drizzle-orm';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LOG_REDACT, LOG_SERIALIZERS, redactText } from '../../src/app.js';
import { auditLog, profiles, sessions, signInThrottle, users } from '../../src/db/schema.js';
import { createTestApp, type Caller, type TestApp } from '../helpers/app.js';
import { makeDesk, makeFirm, PLACES, profilePayload } from '../helpers/factories.js';

const admin: Caller = { role: 'admin' };
const PASSWORD = 'correct horse battery staple';
let t: TestApp;
let deskId: string;
let otherDeskId: string;
const mails: { to: string; text: string }[] = [];
/** How the e-mail port behaves: a relay that works, one that is down, one held until the test lets it go. */
let relay: 'ok' | 'down' | 'held' = 'ok';
let releaseRelay = () => {};
let relayHeld: Promise<void> = Promise.resolve();

beforeAll(async () => {
  t = await createTestApp({
    email: {
      send: async (m) => {
        if (relay === 'down') throw new Error(`connect ECONNREFUSED 127.0.0.1:2599 (to ${m.to})`);
        if (relay === 'held') await relayHeld;
        mails.push(m);
      },
    },
    limits: {
      signInPerMinute: 50,
      signInAccountCeiling: 8,
      companyCandidateViewsPerDay: 2,
      companyExportsPerDay: 2,
      exportPerMinute: 3,
    },
  });
  const db = t.database.handle.db;
  deskId = (await makeDesk(db)).id;
  otherDeskId = (await makeDesk(db)).id;
});
afterAll(() => t?.close());

async function createUser(email: string, role = 'operator', extra: Record<string, unknown> = {}) {
  const res = await t.call(admin, {
    method: 'POST',
    url: '/api/v1/admin/users',
    payload: {
      email,
      displayName: email,
      role,
      deskId: role === 'operator' ? deskId : null,
      password: PASSWORD,
      ...extra,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function signIn(email: string, password = PASSWORD, ip = '127.0.0.1') {
  const res = await t.call(null, {
    method: 'POST',
    url: '/api/v1/auth/sign-in',
    payload: { email, password },
    remoteAddress: ip,
  });
  const cookie = res.cookies.find((c) => c.name === 'rilancio_session');
  return {
    res,
    cookie: cookie ? `rilancio_session=${cookie.value}` : '',
    csrf: res.statusCode === 200 ? res.json().csrfToken : '',
  };
}

describe('sign-in and sessions', () => {
  it('signs in with a password, sets an httpOnly SameSite cookie, and knows who you are', async () => {
    await createUser('anna@desk.example.org');
    const { res, cookie } = await signIn('ANNA@desk.example.org');
    expect(res.statusCode).toBe(200);
    const raw = res.cookies.find((c) => c.name === 'rilancio_session')!;
    expect(raw.httpOnly).toBe(true);
    expect(raw.sameSite).toBe('Lax');
    const me = await t.call(null, { method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    expect(me.json().user).toMatchObject({ email: 'anna@desk.example.org', role: 'operator', deskId });
    const audit = await t.database.handle.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'auth.sign_in'));
    expect(audit.length).toBeGreaterThan(0);
  });

  it('refuses a wrong password with the same answer as an unknown e-mail', async () => {
    const wrong = await signIn('anna@desk.example.org', 'nope nope nope');
    const unknown = await signIn('nobody@desk.example.org', 'nope nope nope');
    expect(wrong.res.statusCode).toBe(401);
    expect(unknown.res.statusCode).toBe(401);
    expect(wrong.res.json()).toEqual(unknown.res.json());
  });

  it('locks the account after repeated failures, even for the right password', async () => {
    await createUser('bruno@desk.example.org');
    for (let i = 0; i < 5; i++)
      expect((await signIn('bruno@desk.example.org', 'wrong password!')).res.statusCode).toBe(401);
    const locked = await signIn('bruno@desk.example.org');
    expect(locked.res.statusCode).toBe(429);
    expect(locked.res.json().error.code).toBe('ACCOUNT_LOCKED');
    expect(locked.res.headers['retry-after']).toBeDefined();
  });

  it('rejects cookie-authenticated writes without the CSRF token', async () => {
    const { cookie, csrf } = await signIn('anna@desk.example.org');
    const body = profilePayload(deskId);
    const without = await t.call(null, {
      method: 'POST',
      url: '/api/v1/profiles',
      headers: { cookie },
      payload: body,
    });
    expect(without.statusCode).toBe(403);
    expect(without.json().error.code).toBe('CSRF_REJECTED');
    const forged = await t.call(null, {
      method: 'POST',
      url: '/api/v1/profiles',
      headers: { cookie, 'x-csrf-token': 'x'.repeat(64) },
      payload: body,
    });
    expect(forged.statusCode).toBe(403);
    const ok = await t.call(null, {
      method: 'POST',
      url: '/api/v1/profiles',
      headers: { cookie, 'x-csrf-token': csrf },
      payload: body,
    });
    expect(ok.statusCode).toBe(201);
  });

  it('ends expired sessions', async () => {
    const { cookie } = await signIn('anna@desk.example.org');
    await t.database.handle.db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) });
    expect(
      (await t.call(null, { method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).statusCode,
    ).toBe(401);
  });

  it('signs out everywhere', async () => {
    const a = await signIn('anna@desk.example.org');
    const b = await signIn('anna@desk.example.org');
    const out = await t.call(null, {
      method: 'POST',
      url: '/api/v1/auth/sign-out-everywhere',
      headers: { cookie: a.cookie, 'x-csrf-token': a.csrf },
    });
    expect(out.statusCode).toBe(204);
    for (const s of [a, b])
      expect(
        (await t.call(null, { method: 'GET', url: '/api/v1/auth/me', headers: { cookie: s.cookie } }))
          .statusCode,
      ).toBe(401);
  });

  it('resets a password through a link sent by the e-mail port, and signs out the old sessions', async () => {
    await createUser('carla@desk.example.org');
    const old = await signIn('carla@desk.example.org');
    const asked = await t.call(null, {
      method: 'POST',
      url: '/api/v1/auth/password-reset',
      payload: { email: 'carla@desk.example.org' },
    });
    expect(asked.statusCode).toBe(202);
    const unknown = await t.call(null, {
      method: 'POST',
      url: '/api/v1/auth/password-reset',
      payload: { email: 'ghost@desk.example.org' },
    });
    expect(unknown.statusCode).toBe(202);
    // The mail leaves after the answer.
    await vi.waitFor(() => expect(mails.at(-1)?.to).toBe('carla@desk.example.org'));
    const token = new URL(mails.at(-1)!.text).searchParams.get('token')!;
    const done = await t.call(null, {
      method: 'POST',
      url: '/api/v1/auth/password-reset/confirm',
      payload: { token, password: 'a brand new passphrase' },
    });
    expect(done.statusCode).toBe(204);
    expect(
      (await t.call(null, { method: 'GET', url: '/api/v1/auth/me', headers: { cookie: old.cookie } }))
        .statusCode,
    ).toBe(401);
    expect((await signIn('carla@desk.example.org', 'a brand new passphrase')).res.statusCode).toBe(200);
    const again = await t.call(null, {
      method: 'POST',
      url: '/api/v1/auth/password-reset/confirm',
      payload: { token, password: 'another passphrase!' },
    });
    expect(again.statusCode).toBe(400);
  });
});

const failuresOf = (userId: string) =>
  t.database.handle.db
    .select()
    .from(auditLog)
    .where(sql`${auditLog.action} = 'auth.sign_in.failed' and ${auditLog.actorUserId} = ${userId}`);

describe('sign-in lockout', () => {
  it('evaluates at most 5 of 25 concurrent wrong passwords, then refuses even the right one from that IP', async () => {
    const user = await createUser('race@desk.example.org');
    const answers = await Promise.all(
      Array.from({ length: 25 }, () => signIn('race@desk.example.org', 'wrong password!', '10.0.6.1')),
    );
    const codes = answers.map((a) => a.res.statusCode);
    expect(codes.filter((c) => c === 401)).toHaveLength(5);
    expect(codes.filter((c) => c === 429)).toHaveLength(20);
    expect(await failuresOf(user.id)).toHaveLength(5);
    expect((await signIn('race@desk.example.org', PASSWORD, '10.0.6.1')).res.statusCode).toBe(429);
  });

  it('answers an unknown address exactly like a known one, lockout included', async () => {
    await createUser('dora@desk.example.org');
    const run = async (email: string) => {
      const answers = [];
      for (let i = 0; i < 6; i++) answers.push((await signIn(email, 'wrong password!', '10.0.12.1')).res);
      return answers;
    };
    const known = await run('dora@desk.example.org');
    const unknown = await run('nobody-dora@desk.example.org');
    expect(known.map((r) => r.statusCode)).toEqual([401, 401, 401, 401, 401, 429]);
    expect(unknown.map((r) => r.statusCode)).toEqual(known.map((r) => r.statusCode));
    expect(unknown.map((r) => r.json())).toEqual(known.map((r) => r.json()));
    expect(unknown[5]!.headers['retry-after']).toBe(known[5]!.headers['retry-after']);
  });

  it('does not let a stranger lock the real user out', async () => {
    await createUser('elio@desk.example.org');
    for (let i = 0; i < 6; i++) await signIn('elio@desk.example.org', 'wrong password!', '10.0.12.2');
    expect((await signIn('elio@desk.example.org', PASSWORD, '10.0.12.2')).res.statusCode).toBe(429);
    expect((await signIn('elio@desk.example.org', PASSWORD, '10.0.12.3')).res.statusCode).toBe(200);
  });

  it('slows an address attacked from many IPs down, without locking it', async () => {
    await createUser('fede@desk.example.org');
    // The test app's ceiling is 8 attempts per address: 3 IPs × 3 guesses go past it.
    for (const ip of ['10.0.13.1', '10.0.13.2', '10.0.13.3'])
      for (let i = 0; i < 3; i++) await signIn('fede@desk.example.org', 'wrong password!', ip);
    const slowed = await signIn('fede@desk.example.org', PASSWORD, '10.0.13.9');
    expect(slowed.res.statusCode).toBe(429);
    expect(Number(slowed.res.headers['retry-after'])).toBeLessThanOrEqual(10);
    // Ten seconds later, one attempt goes through: the owner's.
    await t.database.handle.db.update(signInThrottle).set({ nextAttemptAt: new Date(Date.now() - 1000) });
    expect((await signIn('fede@desk.example.org', PASSWORD, '10.0.13.9')).res.statusCode).toBe(200);
  });
});

describe('password reset', () => {
  // Reset requests are limited to 5 a minute per IP: each test asks from its own.
  const ask = (email: string, ip = '10.0.7.1') =>
    t.call(null, {
      method: 'POST',
      url: '/api/v1/auth/password-reset',
      payload: { email },
      remoteAddress: ip,
    });

  it('answers 202 at once for every address, whether the relay is slow or down', async () => {
    const user = await createUser('gaia@desk.example.org');
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      // The relay is held until released: an answer that waited for it would never come.
      relayHeld = new Promise((resolve) => (releaseRelay = resolve));
      relay = 'held';
      const known = await ask('gaia@desk.example.org');
      const unknown = await ask('nobody-gaia@desk.example.org');
      expect([known.statusCode, unknown.statusCode]).toEqual([202, 202]);
      expect(mails.some((m) => m.to === 'gaia@desk.example.org')).toBe(false);
      releaseRelay();
      await vi.waitFor(() => expect(mails.at(-1)?.to).toBe('gaia@desk.example.org'), { timeout: 10_000 });

      relay = 'down';
      expect((await ask('gaia@desk.example.org')).statusCode).toBe(202);
      expect((await ask('nobody-gaia@desk.example.org')).statusCode).toBe(202);
      await vi.waitFor(async () => {
        const failed = await t.database.handle.db
          .select()
          .from(auditLog)
          .where(
            sql`${auditLog.action} = 'auth.password_reset.mail_failed' and ${auditLog.actorUserId} = ${user.id}`,
          );
        expect(failed).toHaveLength(1);
      });
      // Node reports an unhandled rejection once the microtasks of the turn have run.
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
    } finally {
      relay = 'ok';
      releaseRelay();
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('ends every other outstanding link of the user once one is used', async () => {
    await createUser('fabio@desk.example.org');
    // Only fabio's mails: a retry of an earlier test's failed mail may arrive meanwhile.
    const fabios = () => mails.filter((m) => m.to === 'fabio@desk.example.org');
    await ask('fabio@desk.example.org', '10.0.7.3');
    await ask('fabio@desk.example.org', '10.0.7.3');
    await vi.waitFor(() => expect(fabios()).toHaveLength(2));
    const [first, second] = fabios().map((m) => new URL(m.text).searchParams.get('token')!);
    const confirm = (token: string, password: string) =>
      t.call(null, {
        method: 'POST',
        url: '/api/v1/auth/password-reset/confirm',
        payload: { token, password },
        remoteAddress: '10.0.7.2',
      });
    expect((await confirm(second!, 'the owner’s new passphrase')).statusCode).toBe(204);
    const old = await confirm(first!, 'Attacker-pass-999');
    expect(old.statusCode).toBe(400);
    expect(old.json().error.code).toBe('RESET_TOKEN_INVALID');
    expect((await signIn('fabio@desk.example.org', 'Attacker-pass-999')).res.statusCode).toBe(401);
  });
});

describe('admin: accounts', () => {
  const me = (cookie: string) => t.call(null, { method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
  const versionOf = async (id: string) =>
    (await t.database.handle.db.select().from(users).where(eq(users.id, id)))[0]!.version;
  const auditOf = (action: string, subjectId: string) =>
    t.database.handle.db
      .select()
      .from(auditLog)
      .where(sql`${auditLog.action} = ${action} and ${auditLog.subjectId} = ${subjectId}`);

  it('ends an account: its sessions and the API keys it created stop on the very next request', async () => {
    const gina = await createUser('gina@desk.example.org', 'admin');
    const session = await signIn('gina@desk.example.org');
    const created = await t.call(null, {
      method: 'POST',
      url: '/api/v1/admin/api-keys',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrf },
      payload: { deskId, name: 'Gina’s ERP', scopes: ['profiles'] },
    });
    expect(created.statusCode).toBe(201);
    const headers = { 'x-api-key': created.json().key };
    expect((await t.call(null, { method: 'GET', url: '/api/v1/profiles', headers })).statusCode).toBe(200);
    const ended = await t.call(admin, {
      method: 'POST',
      url: `/api/v1/admin/users/${gina.id}/end`,
      payload: { version: await versionOf(gina.id) },
    });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json().endedAt).not.toBeNull();
    expect((await me(session.cookie)).statusCode).toBe(401);
    expect((await t.call(null, { method: 'GET', url: '/api/v1/profiles', headers })).statusCode).toBe(401);
    expect((await signIn('gina@desk.example.org')).res.statusCode).toBe(401);
    expect(await auditOf('user.ended', gina.id)).toHaveLength(1);
  });

  it('changes a role, desk or firm, checks the combination, and ends the sessions', async () => {
    const hugo = await createUser('hugo@desk.example.org');
    const session = await signIn('hugo@desk.example.org');
    const url = `/api/v1/admin/users/${hugo.id}`;
    const noFirm = await t.call(admin, { method: 'PATCH', url, payload: { version: 1, role: 'company' } });
    expect(noFirm.statusCode).toBe(400);
    const moved = await t.call(admin, { method: 'PATCH', url, payload: { version: 1, deskId: otherDeskId } });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ deskId: otherDeskId, role: 'operator', version: 2 });
    expect((await me(session.cookie)).statusCode).toBe(401);
    const again = await signIn('hugo@desk.example.org');
    expect((await me(again.cookie)).json().user.deskId).toBe(otherDeskId);
    const stale = await t.call(admin, { method: 'PATCH', url, payload: { version: 1, role: 'marketing' } });
    expect(stale.statusCode).toBe(409);
    expect(await auditOf('user.changed', hugo.id)).toHaveLength(1);
  });

  it('signs a user out everywhere', async () => {
    const ines = await createUser('ines@desk.example.org');
    const a = await signIn('ines@desk.example.org');
    const b = await signIn('ines@desk.example.org');
    const out = await t.call(admin, {
      method: 'POST',
      url: `/api/v1/admin/users/${ines.id}/revoke-sessions`,
    });
    expect(out.statusCode).toBe(204);
    for (const s of [a, b]) expect((await me(s.cookie)).statusCode).toBe(401);
    expect((await signIn('ines@desk.example.org')).res.statusCode).toBe(200);
    expect(await auditOf('user.signed_out_everywhere', ines.id)).toHaveLength(1);
  });

  it('does not let an admin end or demote their own account', async () => {
    const self = await createUser('lea@desk.example.org', 'admin');
    const res = await t.call(
      { role: 'admin', userId: self.id },
      { method: 'POST', url: `/api/v1/admin/users/${self.id}/end`, payload: { version: 1 } },
    );
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('OWN_ACCOUNT');
  });
});

describe('API keys for partner systems', () => {
  it('are scoped to a desk and to entity types, and stop working once revoked', async () => {
    const created = await t.call(admin, {
      method: 'POST',
      url: '/api/v1/admin/api-keys',
      payload: { deskId, name: 'Regional ERP', scopes: ['profiles'] },
    });
    expect(created.statusCode).toBe(201);
    const { key, id } = created.json();
    expect(key).toMatch(/^rk_/);
    const headers = { 'x-api-key': key };
    const own = await t.call(null, {
      method: 'POST',
      url: '/api/v1/profiles',
      headers,
      payload: profilePayload(deskId),
    });
    expect(own.statusCode).toBe(201);
    const foreign = await t.call(null, {
      method: 'POST',
      url: '/api/v1/profiles',
      headers,
      payload: profilePayload(otherDeskId),
    });
    expect(foreign.statusCode).toBe(403);
    const outOfScope = await t.call(null, { method: 'GET', url: '/api/v1/assets', headers });
    expect(outOfScope.statusCode).toBe(403);
    expect((await t.call(null, { method: 'GET', url: '/api/v1/needs', headers })).statusCode).toBe(403);
    await t.call(admin, { method: 'POST', url: `/api/v1/admin/api-keys/${id}/revoke` });
    expect((await t.call(null, { method: 'GET', url: '/api/v1/profiles', headers })).statusCode).toBe(401);
  });
});

describe('mass assignment', () => {
  it.each([
    ['POST', 'role', { role: 'admin' }],
    ['POST', 'approved', { approved: true }],
    ['POST', 'score', { score: 1 }],
    ['PATCH', 'deskId', { deskId: '00000000-0000-4000-8000-000000000000' }],
    ['PATCH', 'code', { code: 'P-AAAAAA' }],
  ])('%s with %s in the body gets 400 and changes nothing', async (method, _field, extra) => {
    const operator: Caller = { role: 'operator', deskId };
    const created = (
      await t.call(operator, { method: 'POST', url: '/api/v1/profiles', payload: profilePayload(deskId) })
    ).json();
    const res =
      method === 'POST'
        ? await t.call(operator, {
            method: 'POST',
            url: '/api/v1/profiles',
            payload: { ...profilePayload(deskId), ...extra },
          })
        : await t.call(operator, {
            method: 'PATCH',
            url: `/api/v1/profiles/${created.id}`,
            payload: { version: 1, ...extra },
          });
    expect(res.statusCode).toBe(400);
    const [row] = await t.database.handle.db.select().from(profiles).where(eq(profiles.id, created.id));
    expect(row).toMatchObject({ version: 1, deskId, code: created.code });
  });
});

describe('abuse limits', () => {
  it('caps sign-in attempts per IP', async () => {
    const small = await createTestApp({ limits: { signInPerMinute: 3 } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++)
        codes.push(
          (
            await small.call(null, {
              method: 'POST',
              url: '/api/v1/auth/sign-in',
              payload: { email: 'x@example.org', password: 'y' },
            })
          ).statusCode,
        );
      expect(codes.slice(0, 3)).toEqual([401, 401, 401]);
      expect(codes[3]).toBe(429);
    } finally {
      await small.close();
    }
    // A second app: slow to build on a busy machine.
  }, 240_000);

  it('caps a company’s daily candidate views and logs the attempt', async () => {
    const db = t.database.handle.db;
    const firm = await makeFirm(db);
    const company: Caller = {
      role: 'company',
      firmId: firm.id,
      userId: '11111111-1111-4111-8111-111111111111',
    };
    const need = (
      await t.call(company, {
        method: 'POST',
        url: '/api/v1/needs',
        payload: {
          type: 'asset',
          firmId: firm.id,
          title: 'Capannone',
          municipality: PLACES.laSpezia,
          assetKind: 'building',
        },
      })
    ).json();
    const url = `/api/v1/needs/${need.id}/candidates`;
    expect((await t.call(company, { method: 'GET', url })).statusCode).toBe(200);
    expect((await t.call(company, { method: 'GET', url })).statusCode).toBe(200);
    const third = await t.call(company, { method: 'GET', url });
    expect(third.statusCode).toBe(429);
    expect(third.json().error.code).toBe('DAILY_QUOTA_EXCEEDED');
    const events = await db.select().from(auditLog).where(eq(auditLog.action, 'quota.exceeded'));
    expect(events.length).toBe(1);
  });

  it('caps a company’s exports per day and everyone’s per minute, with Retry-After and a security event', async () => {
    const db = t.database.handle.db;
    const firm = await makeFirm(db);
    const company: Caller = {
      role: 'company',
      firmId: firm.id,
      userId: '22222222-2222-4222-8222-222222222222',
    };
    const url = '/api/v1/export/firms?format=csv';
    // The test app allows 2 a day and 3 a minute.
    expect((await t.call(company, { method: 'GET', url })).statusCode).toBe(200);
    expect((await t.call(company, { method: 'GET', url })).statusCode).toBe(200);
    const daily = await t.call(company, { method: 'GET', url });
    expect(daily.statusCode).toBe(429);
    expect(daily.json().error.code).toBe('DAILY_QUOTA_EXCEEDED');
    expect(Number(daily.headers['retry-after'])).toBeGreaterThan(0);
    const quota = await db
      .select()
      .from(auditLog)
      .where(sql`${auditLog.action} = 'quota.exceeded' and ${auditLog.subjectId} = 'exports'`);
    expect(quota).toHaveLength(1);

    const staff: Caller = { role: 'admin', userId: '33333333-3333-4333-8333-333333333333' };
    for (let i = 0; i < 3; i++)
      expect((await t.call(staff, { method: 'GET', url: '/api/v1/export/assets' })).statusCode).toBe(200);
    const perMinute = await t.call(staff, { method: 'GET', url });
    expect(perMinute.statusCode).toBe(429);
    expect(perMinute.json().error.code).toBe('RATE_LIMITED');
    expect(Number(perMinute.headers['retry-after'])).toBeGreaterThan(0);
    const events = await db.select().from(auditLog).where(eq(auditLog.action, 'rate_limit.exceeded'));
    expect(events).toMatchObject([{ actorUserId: staff.userId, subjectId: 'exports' }]);
  });

  it('counts requests under the IP unless the session is valid, refused ones included', async () => {
    const small = await createTestApp({ limits: { perMinute: 6 } });
    try {
      const get = (url: string, cookie?: string) =>
        small.call(null, { method: 'GET', url, headers: cookie ? { cookie } : {} });
      const made = await small.call(admin, {
        method: 'POST',
        url: '/api/v1/admin/users',
        payload: { email: 'rate@desk.example.org', displayName: 'R', role: 'marketing', password: PASSWORD },
      });
      expect(made.statusCode).toBe(201);
      const signedIn = await small.call(null, {
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { email: 'rate@desk.example.org', password: PASSWORD },
      });
      const session = signedIn.cookies.find((c) => c.name === 'rilancio_session')!;
      // 1 request so far from this IP; 5 refused with 401 make 6.
      for (let i = 0; i < 5; i++) expect((await get('/api/v1/profiles')).statusCode).toBe(401);
      expect((await get('/api/v1/health')).statusCode).toBe(429);
      // A made-up cookie is not a principal: it counts against the IP too.
      expect((await get('/api/v1/health', `rilancio_session=made-up-${Date.now()}`)).statusCode).toBe(429);
      // A valid session has its own allowance.
      expect((await get('/api/v1/auth/me', `rilancio_session=${session.value}`)).statusCode).toBe(200);
    } finally {
      await small.close();
    }
    // A second app: slow to build on a busy machine.
  }, 240_000);

  it('sends security headers and no-store on personal data', async () => {
    const res = await t.call({ role: 'admin' }, { method: 'GET', url: '/api/v1/profiles' });
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
  });
});

describe('logs', () => {
  it('redact e-mails, phone numbers, tokens and secrets', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const app = Fastify({
      logger: { level: 'info', stream, redact: LOG_REDACT, serializers: LOG_SERIALIZERS },
    });
    app.get('/x', async (req) => {
      req.log.info(redactText('contact marco.rossi@example.org or +39 0187 123456'));
      return 'ok';
    });
    await app.inject({
      method: 'GET',
      url: '/x?q=marco.rossi%40example.org&phone=%2B390187123456&token=abcdef123456',
      headers: {
        authorization: 'Bearer s3cr3t-token',
        cookie: 'rilancio_session=abc',
        'x-api-key': 'rk_secret',
      },
    });
    await app.close();
    const text = lines.join('\n');
    for (const secret of [
      'marco.rossi',
      '0187',
      'abcdef123456',
      's3cr3t-token',
      'rilancio_session=abc',
      'rk_secret',
    ])
      expect(text).not.toContain(secret);
    expect(text).toContain('[email]');
  });

  it('cannot be forged with CR/LF in input: every record stays one JSON line', async () => {
    const chunks: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        chunks.push(String(chunk));
        done();
      },
    });
    const app = Fastify({ logger: { level: 'info', stream, serializers: LOG_SERIALIZERS } });
    app.get('/y', async (req) => {
      req.log.info({ name: 'a\r\n{"level":50,"msg":"forged"}' }, 'input');
      return 'ok';
    });
    await app.inject({ method: 'GET', url: '/y' });
    await app.close();
    const lines = chunks.join('').split('\n').filter(Boolean);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    expect(lines.some((l) => JSON.parse(l).msg === 'forged')).toBe(false);
  });
});
