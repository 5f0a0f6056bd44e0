import { count, isNull } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { assets, firms, needs, opportunities, profiles } from '../db/schema.js';
import type { IndexedAggregate } from '../outbox/outbox.repository.js';
import type { IndexDocument } from '../search/documents.js';
import { rebuildIndex } from '../search/search.factory.js';
import type { SearchPort } from '../search/search.port.js';
import { INDEX_OF } from './index-documents.js';
import { INDEXED_AGGREGATES, livePages } from './reindex.js';

export interface ReindexStatus {
  status: 'idle' | 'running' | 'done' | 'failed';
  startedAt: string | null;
  finishedAt: string | null;
  /** Records read from PostgreSQL so far, out of the live records when the rebuild started. */
  done: number;
  total: number;
  indexed: Partial<Record<IndexedAggregate, number>>;
  error: string | null;
}

const TABLES = {
  asset: assets,
  profile: profiles,
  need: needs,
  firm: firms,
  opportunity: opportunities,
} as const;

/**
 * A rebuild of every index from PostgreSQL, started from the admin screen and followed with a progress
 * bar; one at a time per process. Each index is swapped in atomically when it is complete.
 */
export function createReindexJobs(
  db: Database,
  search: SearchPort,
  options: {
    /** Also after a rebuild: the match index's reconcile and fresh planner statistics. */
    afterRebuild?: () => Promise<unknown>;
    /**
     * Runs the rebuild alone across the deployment when the index is shared (Meilisearch: the `reindex`
     * lock); returns false when another process is rebuilding it.
     */
    exclusive?: (work: () => Promise<void>) => Promise<boolean>;
    /** Replays the change log from where the rebuild started, once it is swapped in (outbox-relay.ts). */
    replayAfter?: <T>(work: () => Promise<T>) => Promise<T>;
  } = {},
) {
  let state: ReindexStatus = {
    status: 'idle',
    startedAt: null,
    finishedAt: null,
    done: 0,
    total: 0,
    indexed: {},
    error: null,
  };

  async function* counted(type: IndexedAggregate): AsyncGenerator<IndexDocument[]> {
    for await (const page of livePages(db, type)) {
      state = { ...state, done: state.done + page.length };
      yield page;
    }
  }

  async function rebuild() {
    for (const type of INDEXED_AGGREGATES) {
      const n = await rebuildIndex(search, INDEX_OF[type], counted(type));
      state = { ...state, indexed: { ...state.indexed, [type]: n } };
    }
  }

  async function run() {
    try {
      const replayed = () => (options.replayAfter ? options.replayAfter(rebuild) : rebuild());
      const alone = options.exclusive ? await options.exclusive(replayed) : (await replayed(), true);
      if (!alone) throw new Error('Another server process is rebuilding the search index; try again later');
      await options.afterRebuild?.();
      // Drafts are read but not indexed: the bar ends full when the work is.
      state = { ...state, status: 'done', done: state.total, finishedAt: new Date().toISOString() };
    } catch (error) {
      state = {
        ...state,
        status: 'failed',
        error: (error as Error).message,
        finishedAt: new Date().toISOString(),
      };
    }
  }

  return {
    status: (): ReindexStatus => state,
    async start(): Promise<ReindexStatus> {
      if (state.status === 'running') return state;
      let total = 0;
      for (const type of INDEXED_AGGREGATES) {
        const table = TABLES[type];
        total += (await db.select({ n: count() }).from(table).where(isNull(table.endedAt)))[0]?.n ?? 0;
      }
      state = {
        status: 'running',
        startedAt: new Date().toISOString(),
        finishedAt: null,
        done: 0,
        total,
        indexed: {},
        error: null,
      };
      void run();
      return state;
    },
  };
}
export type ReindexJobs = ReturnType<typeof createReindexJobs>;
