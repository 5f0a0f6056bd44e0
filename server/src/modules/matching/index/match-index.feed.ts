import type { Database } from '../../../db/client.js';
import type { IndexedAggregate } from '../../../outbox/outbox.repository.js';
import type { KnowledgeCache } from '../knowledge.cache.js';
import { yieldToLoop } from '../../../lib/event-loop.js';
import {
  loadJobNeedInputs,
  loadOpportunityInputs,
  loadProfileRecords,
  toAssetInput,
  toAssetNeedInput,
} from '../matching.repository.js';
import { MatchIndex, type MatchAggregate } from './match-index.js';
import {
  matchableAssets,
  matchableNeeds,
  matchableOpportunities,
  matchablePage,
} from './match-index.repository.js';

const TYPES: MatchAggregate[] = ['profile', 'need', 'asset', 'opportunity'];
const PAGE = 1000;

export interface MatchReconcileReport {
  type: MatchAggregate;
  missing: number;
  stale: number;
  orphaned: number;
}

/** Gives the event loop a turn between pages, so a build or reconcile never holds requests up for long. */

/**
 * Keeps the match index in step with PostgreSQL by state transfer, like the search index: on an outbox
 * change it re-reads the CURRENT state of the ids and puts or removes them (replays and reordering are
 * harmless); at start it is built page by page; `reconcile` repairs drift by versions.
 */
export function createMatchFeed(db: Database, knowledge: KnowledgeCache) {
  let index: Promise<MatchIndex> | undefined;

  /** The index, built from the database on first use (the server builds it at start). */
  function current(): Promise<MatchIndex> {
    index ??= (async () => {
      const ix = new MatchIndex(await knowledge.get());
      for (const type of TYPES)
        for await (const page of pages(type))
          await put(
            ix,
            type,
            page.map((r) => r.id),
          );
      return ix;
    })();
    // A failed build is retried by the next caller rather than remembered.
    index.catch(() => (index = undefined));
    return index;
  }

  /**
   * Outbox changes. Before the index exists there is nothing to keep current: its build reads the
   * current state anyway (so a process that never matches never loads ESCO for it).
   */
  async function apply(type: IndexedAggregate, ids: string[]): Promise<void> {
    if (!index || ids.length === 0 || type === 'firm') return;
    await put(await index, type, ids);
  }

  async function put(ix: MatchIndex, type: MatchAggregate, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const seen = new Set<string>();
    if (type === 'profile') {
      for (const r of await loadProfileRecords(db, ids, { liveOnly: true })) {
        ix.putProfile(r);
        seen.add(r.profile.id);
      }
    } else if (type === 'need') {
      const rows = await matchableNeeds(db, ids);
      const version = new Map(rows.map((r) => [r.id, r.version]));
      for (const n of await loadJobNeedInputs(db, rows)) {
        ix.putJobNeed(n, version.get(n.id)!);
        seen.add(n.id);
      }
      for (const r of rows.filter((n) => n.type === 'asset')) {
        ix.putAssetNeed(toAssetNeedInput(r), r.version);
        seen.add(r.id);
      }
    } else if (type === 'asset') {
      for (const r of await matchableAssets(db, ids)) {
        ix.putAsset(toAssetInput(r), r.version);
        seen.add(r.id);
      }
    } else {
      const rows = await matchableOpportunities(db, ids);
      const version = new Map(rows.map((r) => [r.id, r.version]));
      for (const o of await loadOpportunityInputs(db, rows)) {
        ix.putOpportunity(o, version.get(o.id)!);
        seen.add(o.id);
      }
    }
    // Ended, erased, closed or never matchable: out at once.
    for (const id of ids) if (!seen.has(id)) ix.remove(type, id);
  }

  async function* pages(type: MatchAggregate) {
    let after: string | null = null;
    for (;;) {
      const page = await matchablePage(db, type, after, PAGE);
      if (page.length === 0) return;
      yield page;
      after = page[page.length - 1]!.id;
      await yieldToLoop();
    }
  }

  return {
    knowledge,
    index: current,
    apply,

    /** Loads every matchable record, a page at a time (once; later changes come through `apply`). */
    async build() {
      return (await current()).counts;
    },

    /** Finds records missing from the index, older than the database, or no longer matchable, and fixes them. */
    async reconcile(): Promise<MatchReconcileReport[]> {
      const ix = await current();
      const reports: MatchReconcileReport[] = [];
      for (const type of TYPES) {
        const held = new Map(ix.held(type));
        const report: MatchReconcileReport = { type, missing: 0, stale: 0, orphaned: 0 };
        for await (const page of pages(type)) {
          const fix: string[] = [];
          for (const { id, version } of page) {
            const have = held.get(id);
            held.delete(id);
            if (have === undefined) report.missing++;
            else if (have < version) report.stale++;
            else continue;
            fix.push(id);
          }
          await put(ix, type, fix);
        }
        report.orphaned = held.size;
        await put(ix, type, [...held.keys()]);
        reports.push(report);
      }
      return reports;
    },
  };
}
export type MatchFeed = ReturnType<typeof createMatchFeed>;
