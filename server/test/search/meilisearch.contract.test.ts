import { describe, expect, it } from 'vitest';
import { Meilisearch } from 'meilisearch';
import { INDEX_NAMES } from '../../src/search/documents.js';
import { MeilisearchAdapter, meiliSettings } from '../../src/search/meilisearch.adapter.js';
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

  describe('meilisearch adapter, several processes', () => {
    it('starts three at once on indexes nobody has created yet (one creates them, the others go on)', async () => {
      const shared = `test_race_${process.pid}_${Date.now()}_`;
      const connect = () =>
        MeilisearchAdapter.connect({
          host: url,
          ...(process.env.MEILI_API_KEY ? { apiKey: process.env.MEILI_API_KEY } : {}),
          indexPrefix: shared,
          requestTimeoutMs: 10_000,
        });
      const adapters = await Promise.all([connect(), connect(), connect()]);
      try {
        expect(adapters).toHaveLength(3);
        expect((await adapters[1]!.health()).ok).toBe(true);
      } finally {
        await adapters[0]!.dropIndexes();
      }
    }, 120_000);

    it('applies the settings once: a second start sends none, a changed setting is put back', async () => {
      const prefix = `test_settings_${process.pid}_${Date.now()}_`;
      const apiKey = process.env.MEILI_API_KEY;
      const connect = () =>
        MeilisearchAdapter.connect({
          host: url,
          ...(apiKey ? { apiKey } : {}),
          indexPrefix: prefix,
          requestTimeoutMs: 10_000,
        });
      const client = new Meilisearch({ host: url, ...(apiKey ? { apiKey } : {}) });
      const settingsTasks = async () =>
        (
          await client.tasks.getTasks({
            types: ['settingsUpdate'],
            indexUids: INDEX_NAMES.map((i) => prefix + i),
            limit: 1000,
          })
        ).results.length;
      const first = await connect();
      try {
        expect(await settingsTasks()).toBe(INDEX_NAMES.length);
        await connect();
        expect(await settingsTasks()).toBe(INDEX_NAMES.length);
        // Someone changed a setting by hand: the next start puts it back.
        await client.index(`${prefix}assets`).updateSearchableAttributes(['title']).waitTask();
        await connect();
        expect(await settingsTasks()).toBe(INDEX_NAMES.length + 2);
        const searchable = await client.index(`${prefix}assets`).getSearchableAttributes();
        expect(searchable).toEqual(meiliSettings('assets').searchableAttributes);
      } finally {
        await first.dropIndexes();
      }
    }, 120_000);
  });
} else {
  describe.skip('search contract: meilisearch — SKIPPED because MEILI_URL is unset', () => {
    runSearchContract('meilisearch', async () => {
      throw new Error('unreachable');
    });
  });
}
