import { principalFromTestHeaders } from './test-principal.js';
import type { FastifyInstance, FastifyServerOptions, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.js';
import { postgresRateLimitStore } from '../../src/auth/rate-limit-store.js';
import type { QueryObserver } from '../../src/db/client.js';
import type { EmailPort } from '../../src/auth/auth.service.js';
import type { Limits } from '../../src/auth/limits.js';
import type { Role } from '../../src/domain/vocabulary.js';
import { createOutboxRelay, type OutboxRelay } from '../../src/indexing/outbox-relay.js';
import { createMatchFeed, type MatchFeed } from '../../src/modules/matching/index/match-index.feed.js';
import { createKnowledgeCache } from '../../src/modules/matching/knowledge.cache.js';
import { EmbeddedSearchAdapter } from '../../src/search/embedded.adapter.js';
import type { SearchPort } from '../../src/search/search.port.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { makeDesk } from './factories.js';

export interface Caller {
  role: Role;
  deskId?: string;
  firmId?: string;
  userId?: string;
}

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  search: SearchPort;
  /** Not started: tests drain it when they want the search and match indexes to catch up. */
  relay: OutboxRelay;
  matchFeed: MatchFeed;
  /** inject() as a given caller, JSON in and out. */
  call(caller: Caller | null, options: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export function headersFor(caller: Caller | null): Record<string, string> {
  if (!caller) return {};
  const headers: Record<string, string> = { 'x-rilancio-role': caller.role };
  if (caller.deskId) headers['x-rilancio-desk'] = caller.deskId;
  if (caller.firmId) headers['x-rilancio-firm'] = caller.firmId;
  if (caller.userId) headers['x-rilancio-user'] = caller.userId;
  return headers;
}

/** The app exactly as production builds it, on a fresh test database. */
export async function createTestApp(
  options: {
    search?: SearchPort;
    email?: EmailPort;
    limits?: Partial<Limits>;
    /** A logger to capture what the app writes (default: none). */
    logger?: FastifyServerOptions['logger'];
    /** Every query the app makes (PGlite only; query-budget tests). */
    onQuery?: QueryObserver;
    /** Reverse proxies whose X-Forwarded-For is believed (production: TRUST_PROXY_HOPS). */
    trustProxyHops?: number;
  } = {},
): Promise<TestApp> {
  const database = await createTestDatabase({ onQuery: options.onQuery });
  const search = options.search ?? new EmbeddedSearchAdapter();
  const db = database.handle.db;
  const matchFeed = createMatchFeed(db, createKnowledgeCache(db));
  const relay = createOutboxRelay(db, search, { pollMs: 50, alsoNotify: matchFeed.apply });
  const app = await buildApp(
    {
      database: database.handle,
      // Not `relay`: nothing kicks it, tests drain it; a rebuild from the admin screen replays from it.
      searchRelay: relay,
      matchFeed,
      search,
      uiDir: undefined,
      mapTilesUrl: undefined,
      demo: false,
      testPrincipal: principalFromTestHeaders,
      auth: {
        secret: 'test-secret-0123456789abcdef0123456789',
        ledgerKey: 'test-ledger-key-0123456789abcdef0123',
        email: options.email ?? { send: async () => {} },
        publicUrl: 'http://localhost',
        secureCookies: false,
      },
      limits: { perMinute: 100_000, ...options.limits },
      // As production: counters in PostgreSQL on the PostgreSQL run, in memory on PGlite.
      ...(database.handle.kind === 'postgres' ? { rateLimitStore: postgresRateLimitStore(db) } : {}),
    },
    { logger: options.logger, trustProxyHops: options.trustProxyHops },
  );
  await app.ready();
  return {
    app,
    database,
    search,
    relay,
    matchFeed,
    call: (caller, options) =>
      app.inject({ ...options, headers: { ...headersFor(caller), ...(options.headers ?? {}) } }),
    async close() {
      await app.close();
      await database.destroy();
    },
  };
}

/** A test app with one desk and an operator of it: what most desk-side API tests start from. */
export async function createDeskOperatorApp(): Promise<{ t: TestApp; deskId: string; operator: Caller }> {
  const t = await createTestApp();
  const deskId = (await makeDesk(t.database.handle.db)).id;
  return { t, deskId, operator: { role: 'operator', deskId } };
}
