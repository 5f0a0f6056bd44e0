import { Writable } from 'node:stream';
import { eq } from 'drizzle-orm';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOG_REDACT, LOG_SERIALIZERS, redactText } from '../../src/app.js';
import { auditLog, profiles, sessions } from '../../src/db/schema.js';
import { createTestApp, type Caller, type TestApp } from '../helpers/app.js';
import { makeDesk, makeFirm, PLACES, profilePayload } from '../helpers/factories.js';

const admin: Caller = { role: 'admin' };
const PASSWORD = 'correct horse battery staple';
let t: TestApp;
let deskId: string;
let otherDeskId: string;
const mails: { to: string; text: string }[] = [];

beforeAll(async () => {
  t = await createTestApp({
    email: { send: async (m) => void mails.push(m) },
    limits: { signInPerMinute: 50, companyCandidateViewsPerDay: 2 },
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

async function signIn(email: string, password = PASSWORD) {
  const res = await t.call(null, {
    method: 'POST',
    url: '/api/v1/auth/sign-in',
    payload: { email, password },
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
    const token = new URL(mails.at(-1)!.text).searchParams.get('token')!;
    expect(mails.at(-1)!.to).toBe('carla@desk.example.org');
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
  });

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
