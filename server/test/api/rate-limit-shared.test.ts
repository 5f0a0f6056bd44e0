import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { postgresRateLimitStore, pruneRateLimits } from '../../src/auth/rate-limit-store.js';
import { createMatchFeed } from '../../src/modules/matching/index/match-index.feed.js';
import { createKnowledgeCache } from '../../src/modules/matching/knowledge.cache.js';
import { EmbeddedSearchAdapter } from '../../src/search/embedded.adapter.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

/**
 * Issue 15: the abuse limits count in PostgreSQL, so several app processes on one database allow what one
 * would. Two apps on one database stand for two processes (the multi-process test does it with real ones).
 */
let t: TestDatabase;
const apps: FastifyInstance[] = [];

async function appOnSharedCounters(perMinute: number) {
  const db = t.handle.db;
  const app = await buildApp({
    database: t.handle,
    search: new EmbeddedSearchAdapter(),
    matchFeed: createMatchFeed(db, createKnowledgeCache(db)),
    uiDir: undefined,
    mapTilesUrl: undefined,
    demo: false,
    auth: {
      secret: 'test-secret-0123456789abcdef0123456789',
      ledgerKey: 'test-ledger-key-0123456789abcdef0123',
      email: { send: async () => {} },
      publicUrl: 'http://localhost',
      secureCookies: false,
    },
    limits: { perMinute, signInPerMinute: 4 },
    rateLimitStore: postgresRateLimitStore(db),
  });
  await app.ready();
  apps.push(app);
  return app;
}

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  for (const app of apps) await app.close();
  await t?.destroy();
});

const get = (app: FastifyInstance, ip: string) =>
  app.inject({ method: 'GET', url: '/api/v1/health', remoteAddress: ip });

describe('rate limits shared through the database', () => {
  it('three processes allow the limit once between them, not three times', async () => {
    const three = [await appOnSharedCounters(9), await appOnSharedCounters(9), await appOnSharedCounters(9)];
    const codes: number[] = [];
    for (let i = 0; i < 18; i++) codes.push((await get(three[i % 3]!, '10.9.0.1')).statusCode);
    expect(codes.filter((c) => c === 200)).toHaveLength(9);
    expect(codes.slice(9).every((c) => c === 429)).toBe(true);
    const refused = await get(three[0]!, '10.9.0.1');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    // Another client has its own window.
    expect((await get(three[1]!, '10.9.0.2')).statusCode).toBe(200);
  });

  it('counts a route’s own limit apart from the global one (sign-in per IP)', async () => {
    const [a, b] = [await appOnSharedCounters(1000), await appOnSharedCounters(1000)];
    const signIn = (app: FastifyInstance) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        remoteAddress: '10.9.1.1',
        payload: { email: 'nobody@example.org', password: 'wrong-password' },
      });
    const codes = [];
    for (let i = 0; i < 6; i++) codes.push((await signIn(i % 2 ? a : b)).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 429, 429]);
  });

  it('restarts a window once it has expired, and prunes expired counters', async () => {
    const app = await appOnSharedCounters(2);
    expect((await get(app, '10.9.2.1')).statusCode).toBe(200);
    expect((await get(app, '10.9.2.1')).statusCode).toBe(200);
    expect((await get(app, '10.9.2.1')).statusCode).toBe(429);
    await t.handle.db.execute(
      sql`update rate_limits set expires_at = now() - interval '2 minutes' where key like '%10.9.2.1%'`,
    );
    expect((await get(app, '10.9.2.1')).statusCode).toBe(200);
    await t.handle.db.execute(
      sql`update rate_limits set expires_at = now() - interval '2 minutes' where key like '%10.9.0.%'`,
    );
    expect(await pruneRateLimits(t.handle.db)).toBeGreaterThanOrEqual(2);
  });
});
