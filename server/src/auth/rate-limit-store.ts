import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { queryRows } from '../db/raw.js';

/**
 * The abuse limits' request counters in PostgreSQL (table rate_limits), so N processes behind a load
 * balancer allow what one would, not N times as much. One upsert per counted request: a counter is
 * created with its window, incremented while the window lasts, and restarted once it has expired (the
 * clock is the database's, the same for every process). `continueExceeding` and `exponentialBackoff`
 * are not implemented (the app uses neither). Expired rows go with `pruneRateLimits`.
 */
export function postgresRateLimitStore(db: Database): FastifyRateLimitStoreCtor {
  class PostgresRateLimitStore implements FastifyRateLimitStore {
    constructor(
      _options: unknown,
      private readonly namespace = '',
    ) {}

    incr(
      key: string,
      callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
      timeWindow: number,
    ): void {
      const id = this.namespace + key;
      queryRows<{ current: number; ttl: number }>(
        db,
        sql`insert into rate_limits (key, count, expires_at)
            values (${id}, 1, now() + make_interval(secs => ${timeWindow / 1000}))
            on conflict (key) do update set
              count = case when rate_limits.expires_at <= now() then 1 else rate_limits.count + 1 end,
              expires_at = case when rate_limits.expires_at <= now() then excluded.expires_at
                                else rate_limits.expires_at end
            returning count as current,
                      greatest(0, ceil(extract(epoch from expires_at - now()) * 1000))::int as ttl`,
      ).then(
        ([row]) => callback(null, { current: row!.current, ttl: row!.ttl }),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    }

    /** A route's own limit counts apart from the global one (as the plugin's stores do). */
    child(routeOptions: unknown): FastifyRateLimitStore {
      const route = (routeOptions as { routeInfo?: { method?: string | string[]; url?: string } }).routeInfo;
      const scope = route?.url ? `${[route.method ?? ''].flat().join(',')} ${route.url}` : 'limiter';
      return new PostgresRateLimitStore(undefined, `${scope}|`);
    }
  }
  return PostgresRateLimitStore;
}

/** Deletes counters whose window ended (a minute ago or more). */
export async function pruneRateLimits(db: Database): Promise<number> {
  const rows = await queryRows<{ key: string }>(
    db,
    sql`delete from rate_limits where expires_at < now() - interval '1 minute' returning key`,
  );
  return rows.length;
}

/** Prunes expired counters every `everyMs`; returns the stop function. */
export function keepRateLimitsPruned(db: Database, onError: (error: unknown) => void, everyMs = 60_000) {
  const timer = setInterval(() => {
    pruneRateLimits(db).catch(onError);
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
