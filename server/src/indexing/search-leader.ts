import type { DatabaseHandle, Lease, LockName } from '../db/client.js';
import type { OutboxRelay } from './outbox-relay.js';

export interface SearchLeaderOptions {
  /** The advisory lock that makes the leader (default `search-leader`; the alerts reader has its own). */
  lock?: LockName;
  /** How often a follower tries to take the lead. */
  retryMs?: number;
  /** How often the leader checks that PostgreSQL still holds its lock. */
  checkEveryMs?: number;
  onChange?: (leading: boolean) => void;
  onError?: (error: unknown) => void;
}

/**
 * A shared search index (Meilisearch) is fed ONCE, by one process: the one holding the `search-leader`
 * advisory lock, a session lock on a connection of its own. When that process dies its session ends and
 * PostgreSQL releases the lock; another process takes it within `retryMs` and its relay resumes from the
 * shared position (change_log_readers). A leader that loses its connection stops relaying at once; a
 * brief overlap with the next leader is harmless (state transfer, and the position only moves by
 * compare-and-set).
 */
export function createSearchLeader(
  database: DatabaseHandle,
  relay: OutboxRelay,
  options: SearchLeaderOptions = {},
) {
  const retryMs = options.retryMs ?? 2000;
  let lease: Lease | null = null;
  let stopped = true;
  let trying = false;
  let timer: NodeJS.Timeout | undefined;

  async function attempt() {
    if (stopped || lease || trying) return;
    trying = true;
    try {
      const got = await database.tryLease(options.lock ?? 'search-leader', {
        checkEveryMs: options.checkEveryMs,
      });
      if (!got) return;
      if (stopped) {
        await got.release();
        return;
      }
      lease = got;
      relay.start();
      options.onChange?.(true);
      void got.lost.then(async () => {
        await relay.stop();
        if (lease === got) lease = null;
        if (!stopped) options.onChange?.(false);
      });
    } catch (error) {
      options.onError?.(error);
    } finally {
      trying = false;
    }
  }

  return {
    isLeader: () => lease !== null,
    /** Tries now and then every `retryMs` while following. */
    async start() {
      if (!stopped) return;
      stopped = false;
      timer = setInterval(() => void attempt(), retryMs);
      timer.unref();
      await attempt();
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      const held = lease;
      lease = null;
      await relay.stop();
      await held?.release();
    },
  };
}
export type SearchLeader = ReturnType<typeof createSearchLeader>;
