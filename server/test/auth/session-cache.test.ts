import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionCache } from '../../src/auth/session-cache.js';
import type { Principal } from '../../src/auth/principal.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { makeDesk } from '../helpers/factories.js';

const PASSWORD = 'session cache password';
/** Statements that look a session up (principalFromSession's select). */
let sessionReads = 0;
let t: TestApp;
let deskId: string;

beforeAll(async () => {
  t = await createTestApp({
    onQuery: ({ sql: text }) => {
      if (/from "sessions" inner join "users"/i.test(text)) sessionReads++;
    },
  });
  deskId = (await makeDesk(t.database.handle.db)).id;
});
afterAll(() => t?.close());

const embedded = () => t.database.handle.kind === 'pglite';

async function signedIn(email: string, role: 'admin' | 'operator') {
  const made = await t.call(
    { role: 'admin' },
    {
      method: 'POST',
      url: '/api/v1/admin/users',
      payload: {
        email,
        displayName: email,
        role,
        deskId: role === 'operator' ? deskId : null,
        password: PASSWORD,
      },
    },
  );
  expect(made.statusCode, made.body).toBe(201);
  const res = await t.call(null, {
    method: 'POST',
    url: '/api/v1/auth/sign-in',
    payload: { email, password: PASSWORD },
  });
  expect(res.statusCode).toBe(200);
  const cookie = res.cookies.find((c) => c.name === 'rilancio_session')!;
  return { userId: made.json().id as string, cookie: `rilancio_session=${cookie.value}` };
}

const get = (cookie: string, url: string) => t.call(null, { method: 'GET', url, headers: { cookie } });

describe('who a session cookie stands for', () => {
  it('is read from the database once on the embedded database, and on every request on PostgreSQL', async () => {
    const { cookie } = await signedIn('cached@desk.example.org', 'operator');
    const before = sessionReads;
    for (let i = 0; i < 5; i++) expect((await get(cookie, '/api/v1/auth/me')).statusCode).toBe(200);
    expect(sessionReads - before).toBe(embedded() ? 1 : 5);
  });

  it('is refused on the very next request once the session is revoked by any statement, not only by the auth service', async () => {
    const { cookie } = await signedIn('revoked@desk.example.org', 'operator');
    expect((await get(cookie, '/api/v1/auth/me')).statusCode).toBe(200);
    await t.database.handle.db.execute(sql`UPDATE sessions SET revoked_at = now()`);
    expect((await get(cookie, '/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('takes a role changed in the database at the very next request', async () => {
    const { userId, cookie } = await signedIn('demoted@desk.example.org', 'admin');
    expect((await get(cookie, '/api/v1/admin/users')).statusCode).toBe(200);
    await t.database.handle.db.execute(
      sql`UPDATE users SET role = 'operator', desk_id = ${deskId} WHERE id = ${userId}`,
    );
    expect((await get(cookie, '/api/v1/admin/users')).statusCode).toBe(403);
  });

  it('is refused on the very next request once the account has ended', async () => {
    const { userId, cookie } = await signedIn('ended@desk.example.org', 'operator');
    expect((await get(cookie, '/api/v1/auth/me')).statusCode).toBe(200);
    await t.database.handle.db.execute(sql`UPDATE users SET ended_at = now() WHERE id = ${userId}`);
    expect((await get(cookie, '/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('is refused after sign-out, whichever request comes next', async () => {
    const res = await t.call(null, {
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: 'cached@desk.example.org', password: PASSWORD },
    });
    const cookie = `rilancio_session=${res.cookies.find((c) => c.name === 'rilancio_session')!.value}`;
    const csrf = res.json().csrfToken as string;
    expect((await get(cookie, '/api/v1/auth/me')).statusCode).toBe(200);
    const out = await t.call(null, {
      method: 'POST',
      url: '/api/v1/auth/sign-out',
      headers: { cookie, 'x-csrf-token': csrf },
    });
    expect(out.statusCode).toBe(204);
    expect((await get(cookie, '/api/v1/profiles')).statusCode).toBe(401);
  });
});

describe('SessionCache', () => {
  const principal: Principal = { userId: 'u1', role: 'operator', deskId: 'd1', firmId: null, via: 'session' };
  const at = (iso: string) => new Date(iso);

  it('forgets a session at its expiry', () => {
    const cache = new SessionCache();
    cache.set('h', principal, at('2026-12-04T10:00:00Z'), cache.generation);
    expect(cache.get('h', at('2026-12-04T09:59:59Z'))).toBe(principal);
    expect(cache.get('h', at('2026-12-04T10:00:00Z'))).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('keeps out an answer read before a clear (a session revoked while it was being looked up)', () => {
    const cache = new SessionCache();
    const generation = cache.generation;
    cache.clear();
    cache.set('h', principal, at('2030-01-01T00:00:00Z'), generation);
    expect(cache.get('h', at('2026-12-04T00:00:00Z'))).toBeUndefined();
  });

  it('holds at most its capacity, the session seen first leaving first', () => {
    const cache = new SessionCache(2);
    const until = at('2030-01-01T00:00:00Z');
    const now = at('2026-12-04T00:00:00Z');
    for (const h of ['a', 'b', 'c']) cache.set(h, principal, until, cache.generation);
    expect([cache.get('a', now), cache.get('b', now), cache.get('c', now)]).toEqual([
      undefined,
      principal,
      principal,
    ]);
  });
});
