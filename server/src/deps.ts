import type { FastifyRequest } from 'fastify';
import type { Principal } from './auth/principal.js';
import type { FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { EmailPort } from './auth/auth.service.js';
import type { Limits } from './auth/limits.js';
import type { DatabaseHandle } from './db/client.js';
import type { OutboxRelay } from './indexing/outbox-relay.js';
import type { AssetFreshness } from './modules/assets/freshness.js';
import type { MatchFeed } from './modules/matching/index/match-index.feed.js';
import type { SearchPort } from './search/search.port.js';

/** Everything the app needs from outside, chosen by the composition root (server.ts or the test helper). */
export interface Deps {
  database: DatabaseHandle;
  search: SearchPort;
  /** This process's change-log reader (its in-memory indexes); writes wake it. */
  relay?: OutboxRelay;
  /**
   * The reader feeding `search`: the same as `relay` with the embedded engine, the shared (leader-driven)
   * one with Meilisearch. A rebuild from the admin screen replays from it afterwards.
   */
  searchRelay?: OutboxRelay;
  /** The in-memory match index and what keeps it current; the relay must be given `matchFeed.apply`. */
  matchFeed: MatchFeed;
  uiDir: string | undefined;
  mapTilesUrl: string | undefined;
  demo: boolean;
  auth: {
    /** Keys CSRF tokens. */
    secret: string;
    /** Keys the erasure ledger's HMAC: must stay the same for the life of the deployment and its backups. */
    ledgerKey: string;
    email: EmailPort;
    /** Where links in e-mails point. */
    publicUrl: string;
    /** Secure cookies (HTTPS); off only for local http development and tests. */
    secureCookies: boolean;
  };
  /**
   * Tests only: who is calling when no API key or session says so. The test harness passes one that
   * reads x-rilancio-* headers (test/helpers/test-principal.ts); production passes none.
   */
  testPrincipal?: (request: FastifyRequest) => Principal | null;
  /** Abuse limits; tests lower them to see them trip. */
  limits?: Partial<Limits>;
  /**
   * Where the abuse limits count requests: PostgreSQL (shared by every process) when the database is;
   * unset, each process's memory (PGlite: there is one process).
   */
  rateLimitStore?: FastifyRateLimitStoreCtor;
  /** When asset listings are flagged and leave the default search; unset, the defaults (180 and 365 days). */
  assetFreshness?: AssetFreshness;
}
