import { describe, expect, it } from 'vitest';
import { EmbeddedSearchAdapter } from '../../src/search/embedded.adapter.js';
import { createSearchAdapter, findDrift, rebuildIndex } from '../../src/search/search.factory.js';
import { SearchUnavailableError } from '../../src/search/search.port.js';
import { makeAsset } from './fixtures.js';

describe('search factory, rebuild and drift', () => {
  it('chooses the embedded engine when no Meilisearch URL is configured', async () => {
    expect(await createSearchAdapter({})).toBeInstanceOf(EmbeddedSearchAdapter);
    await expect(createSearchAdapter({ meiliUrl: 'http://127.0.0.1:1' })).rejects.toBeInstanceOf(
      SearchUnavailableError,
    );
  });

  it('rebuilds atomically and leaves the live index alone when the source fails', async () => {
    const port = new EmbeddedSearchAdapter();
    await port.upsert('assets', [makeAsset({ id: 'old' })]);
    async function* failing() {
      yield [makeAsset({ id: 'n1' })];
      throw new Error('database went away');
    }
    await expect(rebuildIndex(port, 'assets', failing())).rejects.toThrow('database went away');
    expect((await port.listVersions('assets')).items.map((x) => x.id)).toEqual(['old']);
    expect(await rebuildIndex(port, 'assets', [[makeAsset({ id: 'n1' }), makeAsset({ id: 'n2' })]])).toBe(2);
    expect((await port.listVersions('assets')).items.map((x) => x.id)).toEqual(['n1', 'n2']);
  });

  it('finds missing, stale and extra documents', async () => {
    const port = new EmbeddedSearchAdapter();
    await port.upsert('assets', [
      makeAsset({ id: 'a', version: 2 }),
      makeAsset({ id: 'b', version: 1 }),
      makeAsset({ id: 'x', version: 1 }),
    ]);
    const truth = new Map([
      ['a', 2],
      ['b', 3],
      ['c', 1],
    ]);
    expect(await findDrift(port, 'assets', truth)).toEqual({ missing: ['c'], stale: ['b'], extra: ['x'] });
  });
});
