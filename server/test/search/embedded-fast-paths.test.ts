import { describe, expect, it } from 'vitest';
import type { AssetDocument } from '../../src/search/documents.js';
import { EmbeddedSearchAdapter } from '../../src/search/embedded.adapter.js';
import { makeAsset } from './fixtures.js';

/**
 * The embedded engine ranks the first pages of a text search in a small sorted array and counts
 * single-valued facets from a column of their own. These hold both equal to the general paths: the heap
 * of `topK` (reached by asking for a deeper page) and counting every value of every document.
 */
const WORDS = ['capannone', 'banchina', 'gru', 'tornio', 'cnc', 'cella', 'frigorifera', 'magazzino'];
const REGIONS = ['Liguria', 'Toscana', 'Sardegna', 'Corse'];

function documents(n: number, seed = 7): AssetDocument[] {
  let x = seed;
  const next = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
  return Array.from({ length: n }, (_, i) =>
    makeAsset({
      id: `a${String(i).padStart(5, '0')}`,
      // Few distinct titles: many documents tie on relevance, so the tie rule (document order) shows.
      title: `${pick(WORDS)} ${pick(WORDS)}`,
      description: next() < 0.5 ? `${pick(WORDS)} in porto` : undefined,
      region: pick(REGIONS),
      category: pick(['warehouse', 'machine', 'cold_storage']),
      // Multi-valued from some point on: the facet's single-value column gives way to the general count.
      supplyChains: i > n / 2 && next() < 0.3 ? ['nautical', 'ports'] : [pick(['nautical', 'energy'])],
      verifiedAt: new Date(Date.UTC(2026, 0, 1 + (i % 300))).toISOString(),
    }),
  );
}

/** Every document's facet values counted one by one: what the engine's counts must equal. */
function countedByHand(docs: AssetDocument[], ids: Set<string>, field: 'region' | 'supplyChains') {
  const out: Record<string, number> = {};
  for (const d of docs) {
    if (!ids.has(d.id)) continue;
    const v = d[field];
    for (const value of Array.isArray(v) ? v : v === undefined ? [] : [v]) out[value] = (out[value] ?? 0) + 1;
  }
  return out;
}

describe('the embedded engine’s fast paths give what the general paths give', () => {
  const docs = documents(3000);
  const engine = new EmbeddedSearchAdapter();
  const loaded = engine.upsert('assets', docs);

  it.each(['capannone', 'cella banchina', 'tornio', 'gru cnc porto', 'magazino'])(
    'pages of “%s” ranked in the small array equal the heap’s',
    async (q) => {
      await loaded;
      const filters = [{ field: 'verifiedAt', op: 'range' as const, min: '2026-03-01T00:00:00.000Z' }];
      const deep = await engine.search('assets', { q, filters, limit: 200 });
      expect(deep.total).toBeGreaterThan(100);
      for (const offset of [0, 20, 80]) {
        const page = await engine.search('assets', { q, filters, offset, limit: 20 });
        expect(page.hits.map((h) => [h.id, h.score])).toEqual(
          deep.hits.slice(offset, offset + 20).map((h) => [h.id, h.score]),
        );
      }
    },
  );

  it('filters on single-valued and multi-valued fields as reading each document would', async () => {
    await loaded;
    const q = 'tornio cnc';
    const all = await engine.search('assets', { q, limit: 1000 });
    const byId = new Map(docs.map((d) => [d.id, d]));
    const expected = all.hits
      .map((h) => byId.get(h.id)!)
      .filter((d) => ['Liguria', 'Corse'].includes(d.region!) && d.supplyChains!.includes('ports'))
      .map((d) => d.id)
      .sort();
    const filtered = await engine.search('assets', {
      q,
      limit: 1000,
      filters: [
        { field: 'region', op: 'in', values: ['Liguria', 'Corse'] },
        { field: 'supplyChains', op: 'in', values: ['ports', 'no-such-chain'] },
      ],
    });
    expect(expected.length).toBeGreaterThan(0);
    expect(filtered.hits.map((h) => h.id).sort()).toEqual(expected);
  });

  it('counts single-valued and multi-valued facets as counting each document would', async () => {
    await loaded;
    for (const q of ['tornio cnc', 'cella porto']) {
      const all = await engine.search('assets', { q, limit: 1000, facets: ['region', 'supplyChains'] });
      const ids = new Set(all.hits.map((h) => h.id));
      expect(ids.size).toBe(all.total);
      expect(all.total).toBeGreaterThan(50);
      expect(all.facets.region).toEqual(countedByHand(docs, ids, 'region'));
      expect(all.facets.supplyChains).toEqual(countedByHand(docs, ids, 'supplyChains'));
    }
  });
});
