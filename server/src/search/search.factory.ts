/**
 * The one place that chooses a search adapter (called from the composition root and the test helper).
 * Also the two database-free halves of reindex and reconciliation, so the relay and the CLI share them.
 */
import type { IndexDocument, IndexName } from './documents.js';
import { EmbeddedSearchAdapter } from './embedded.adapter.js';
import { MeilisearchAdapter } from './meilisearch.adapter.js';
import type { SearchPort } from './search.port.js';

export interface SearchConfig {
  /** Unset: the embedded engine. */
  meiliUrl?: string | undefined;
  meiliApiKey?: string | undefined;
  indexPrefix?: string | undefined;
  requestTimeoutMs?: number | undefined;
}

export async function createSearchAdapter(config: SearchConfig): Promise<SearchPort> {
  if (!config.meiliUrl) return new EmbeddedSearchAdapter();
  return MeilisearchAdapter.connect({
    host: config.meiliUrl,
    ...(config.meiliApiKey ? { apiKey: config.meiliApiKey } : {}),
    ...(config.indexPrefix ? { indexPrefix: config.indexPrefix } : {}),
    ...(config.requestTimeoutMs ? { requestTimeoutMs: config.requestTimeoutMs } : {}),
  });
}

/**
 * Rebuilds one index from batches (e.g. pages read from PostgreSQL) into a shadow index and swaps it in;
 * on any error the shadow is dropped and the live index is untouched. Returns the number of documents.
 */
export async function rebuildIndex(
  port: SearchPort,
  index: IndexName,
  batches: AsyncIterable<IndexDocument[]> | Iterable<IndexDocument[]>,
): Promise<number> {
  const rebuild = await port.beginRebuild(index);
  let n = 0;
  try {
    for await (const batch of batches) {
      await rebuild.upsert(batch);
      n += batch.length;
    }
    await rebuild.commit();
    return n;
  } catch (err) {
    await rebuild.abort().catch(() => undefined);
    throw err;
  }
}

export interface Drift {
  /** In the source of truth, absent from the index: push them. */
  missing: string[];
  /** Indexed with an older version: push them. */
  stale: string[];
  /** In the index, gone from the source of truth: delete them. */
  extra: string[];
}

/**
 * Compares the index with the source of truth (id → version, e.g. read from PostgreSQL), paging through
 * `listVersions`. An index newer than the database (possible only mid-write) is not drift.
 */
export async function findDrift(
  port: SearchPort,
  index: IndexName,
  truth: ReadonlyMap<string, number>,
): Promise<Drift> {
  const seen = new Set<string>();
  const drift: Drift = { missing: [], stale: [], extra: [] };
  let after: string | undefined;
  for (;;) {
    const page = await port.listVersions(
      index,
      after === undefined ? { limit: 5000 } : { after, limit: 5000 },
    );
    for (const { id, version } of page.items) {
      seen.add(id);
      const want = truth.get(id);
      if (want === undefined) drift.extra.push(id);
      else if (version < want) drift.stale.push(id);
    }
    if (!page.next) break;
    after = page.next;
  }
  for (const id of truth.keys()) if (!seen.has(id)) drift.missing.push(id);
  return drift;
}
