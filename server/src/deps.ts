import type { EmailPort } from './auth/auth.service.js';
import type { Limits } from './auth/limits.js';
import type { DatabaseHandle } from './db/client.js';
import type { OutboxRelay } from './indexing/outbox-relay.js';
import type { MatchFeed } from './modules/matching/index/match-index.feed.js';
import type { SearchPort } from './search/search.port.js';

/** Everything the app needs from outside, chosen by the composition root (server.ts or the test helper). */
export interface Deps {
  database: DatabaseHandle;
  search: SearchPort;
  /** Present when this process relays the outbox to the index; writes wake it. */
  relay?: OutboxRelay;
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
  /** Tests only: accept x-rilancio-role headers instead of a session. */
  trustTestHeaders?: boolean;
  /** Abuse limits; tests lower them to see them trip. */
  limits?: Partial<Limits>;
}
