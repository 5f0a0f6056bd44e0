import type { DatabaseHandle } from '../db/client.js';
import type { Principal } from './principal.js';

/** Migration 0025: a session or an account changed (a statement on `sessions` or `users` committed). */
export const AUTH_CHANGED_CHANNEL = 'rilancio_auth_changed';

interface Entry {
  readonly principal: Principal;
  readonly expiresAt: number;
}

/**
 * Sessions already looked up, so a signed-in user's request does not read the database to learn who
 * they are. Looking the session up was half the server's CPU for a search on the embedded database,
 * where every query runs on the server's own thread.
 *
 * Only where one process sees every write: the embedded database. The cache is cleared on the
 * database's notice that a session or an account changed, which PGlite delivers in this process as the
 * changing statement commits, before its caller goes on; so a revoked session, a signed-out or ended
 * user, or a changed role is acted on at the very next request. Several processes on PostgreSQL would
 * hear that notice late, so there every request reads the session (`sessionCacheFor` gives none).
 */
export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  private cleared = 0;

  constructor(readonly capacity = 10_000) {}

  /**
   * Read before looking a session up and handed back to `set`: a clear between the two (the session
   * revoked while it was being read) keeps the older answer out of the cache.
   */
  get generation(): number {
    return this.cleared;
  }

  /** The principal of a session seen before and not expired at `now`. */
  get(tokenHash: string, now: Date): Principal | undefined {
    const entry = this.entries.get(tokenHash);
    if (!entry) return undefined;
    if (entry.expiresAt <= now.getTime()) {
      this.entries.delete(tokenHash);
      return undefined;
    }
    return entry.principal;
  }

  set(tokenHash: string, principal: Principal, expiresAt: Date, generation: number): void {
    if (generation !== this.cleared) return;
    // Map keeps insertion order: when full, the session seen first leaves first.
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(tokenHash, { principal, expiresAt: expiresAt.getTime() });
  }

  clear(): void {
    this.cleared++;
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * A session cache kept exact by the database's commit notices, where the database can promise them in
 * time (PGlite); undefined otherwise. `close` stops listening.
 */
export async function sessionCacheFor(
  database: DatabaseHandle,
): Promise<{ cache: SessionCache; close: () => Promise<void> } | undefined> {
  if (!database.listenAtCommit) return undefined;
  const cache = new SessionCache();
  const unlisten = await database.listenAtCommit(AUTH_CHANGED_CHANNEL, () => cache.clear());
  return { cache, close: () => unlisten() };
}
