import { EmbeddedSearchAdapter } from '../../src/search/embedded.adapter.js';
import { MeilisearchAdapter } from '../../src/search/meilisearch.adapter.js';
import type { SearchPort } from '../../src/search/search.port.js';

/** Which engine the API-level search tests run on: Meilisearch when MEILI_URL is set, else embedded. */
export const SEARCH_ENGINE_UNDER_TEST: 'meilisearch' | 'embedded' = process.env.MEILI_URL
  ? 'meilisearch'
  : 'embedded';

/**
 * The search engine for a test file: the live Meilisearch at MEILI_URL (MEILI_API_KEY) with indexes under
 * a prefix unique to this run, dropped by `dispose`; otherwise a fresh embedded engine.
 */
export async function searchUnderTest(): Promise<{ port: SearchPort; dispose(): Promise<void> }> {
  const url = process.env.MEILI_URL;
  if (!url) return { port: new EmbeddedSearchAdapter(), dispose: async () => {} };
  const adapter = await MeilisearchAdapter.connect({
    host: url,
    ...(process.env.MEILI_API_KEY ? { apiKey: process.env.MEILI_API_KEY } : {}),
    indexPrefix: `test_${process.pid}_${Date.now()}_`,
    requestTimeoutMs: 10_000,
    taskTimeoutMs: 120_000,
  });
  return { port: adapter, dispose: () => adapter.dropIndexes() };
}
