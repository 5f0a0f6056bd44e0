import { describe } from 'vitest';
import { MeilisearchAdapter } from '../../src/search/meilisearch.adapter.js';
import { runSearchContract } from './search-contract.js';

const url = process.env.MEILI_URL;

if (url) {
  // A unique prefix per run keeps this file's indexes apart from anything else on the server.
  const prefix = `test_${process.pid}_${Date.now()}_`;
  runSearchContract('meilisearch', async () => {
    const adapter = await MeilisearchAdapter.connect({
      host: url,
      ...(process.env.MEILI_API_KEY ? { apiKey: process.env.MEILI_API_KEY } : {}),
      indexPrefix: prefix,
      requestTimeoutMs: 10_000,
    });
    return Object.assign(adapter, { close: () => adapter.dropIndexes() });
  });
} else {
  describe.skip('search contract: meilisearch — SKIPPED because MEILI_URL is unset', () => {
    runSearchContract('meilisearch', async () => {
      throw new Error('unreachable');
    });
  });
}
