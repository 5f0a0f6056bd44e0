import { describe, expect, it } from 'vitest';
import type { Principal } from '../../src/auth/principal.js';
import {
  createAlertMatcher,
  SCRATCH_MAX_TERMS,
  type SavedSearchEntry,
} from '../../src/modules/alerts/alert-matcher.js';
import { engineQueryFor } from '../../src/modules/search/index.js';
import type { AssetDocument } from '../../src/search/documents.js';
import { EmbeddedSearchAdapter } from '../../src/search/embedded.adapter.js';
import { generateAssets, rng } from '../../bench/search/generator.js';

/**
 * The indexed matcher (anchors, compiled filters deciding without the engine) must give exactly the
 * pairs that running every saved search, as its owner, over the batch with the engine gives (the
 * "re-run every search" reference). Random searches of every shape a desk saves, random records.
 */
const NOW = new Date('2026-12-02T08:00:00Z');

function world(seed: number, searches: number, changes: number) {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const docs: AssetDocument[] = generateAssets(changes, seed).map(({ doc }) => ({
    ...doc,
    // A listing verified from a few days to two years ago: some leave the default search.
    verifiedAt: new Date(NOW.getTime() - Math.floor(r() * 730) * 86_400_000).toISOString(),
  }));
  const principal = (i: number): Principal => ({
    userId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    role: pick(['operator', 'company', 'marketing', 'admin'] as const),
    deskId: null,
    firmId: null,
    via: 'session',
  });
  const part = (d: AssetDocument): Record<string, string> => {
    const shapes: Array<() => Record<string, string>> = [
      () => ({ kind: d.kind }),
      () => ({ municipality: r() < 0.5 ? d.municipality! : d.municipality!.toUpperCase() }),
      () => ({ province: `${d.province},${pick(docs).province}` }),
      () => ({ category: d.category! }),
      () => ({ availability: d.availability! }),
      () => ({ supplyChains: d.supplyChains![0]! }),
      () => ({ quayAccess: r() < 0.5 ? 'true' : 'false' }),
      () => ({ coveredAreaM2: `${Math.round((d.coveredAreaM2 ?? 1000) * (0.5 + r()))}..` }),
      () => ({ priceEur: `..${d.priceEur ?? 100_000}` }),
      () => ({ year: String(d.year) }),
      () => ({ availableUntil: '2027-01-01..2027-06-30' }),
      () => ({ verifiedAt: '2026-01-01..' }),
      () => ({ q: d.title.split(' ')[0]! }),
      () => ({ q: pick(d.title.split(' ')).slice(0, -1) }), // a prefix or a typo away
      () => ({ lat: String(d.location!.lat), lon: String(d.location!.lon), radiusKm: String(5 + r() * 60) }),
    ];
    return pick(shapes)();
  };
  const entries: SavedSearchEntry[] = Array.from({ length: searches }, (_, i) => {
    const d = pick(docs);
    const query: Record<string, string> = {};
    for (let k = 0, n = 1 + Math.floor(r() * 3); k < n; k++) Object.assign(query, part(d));
    return { id: `s${i}`, userId: principal(i).userId!, index: 'assets', query, principal: principal(i) };
  });
  return { docs, entries };
}

/** Every search, compiled as its owner's, run by the engine over the batch: the brute-force reference. */
async function reference(entries: SavedSearchEntry[], batch: AssetDocument[]): Promise<string[]> {
  const engine = new EmbeddedSearchAdapter();
  await engine.upsert('assets', batch);
  const pairs: string[] = [];
  for (const e of entries) {
    let built;
    try {
      built = engineQueryFor('assets', e.query, e.principal, undefined, NOW);
    } catch {
      continue;
    }
    if (built.aggregatesOnly || built.travel) continue;
    const res = await engine.search('assets', {
      ...built.query,
      facets: [],
      limit: batch.length,
      offset: 0,
      highlight: false,
    });
    for (const h of res.hits) pairs.push(`${e.id}:${h.id}`);
  }
  return pairs.sort();
}

describe('indexed alert matcher against the brute-force reference', () => {
  for (const seed of [1, 2, 3])
    it(`gives the same (search, record) pairs on random searches and records (seed ${seed})`, async () => {
      const { docs, entries } = world(seed, 300, 600);
      const matcher = createAlertMatcher({ clock: () => NOW });
      for (const e of entries) matcher.put(e);
      for (let i = 0; i < docs.length; i += 200) {
        const batch = docs.slice(i, i + 200);
        const got = (await matcher.matches('assets', batch)).map((m) => `${m.entry.id}:${m.doc.id}`).sort();
        const want = await reference(entries, batch);
        expect(want.length).toBeGreaterThan(0); // the inputs do produce matches
        expect(got).toEqual(want);
      }
    });
});

describe('the scratch index of a long-lived matcher', () => {
  it('keeps its term dictionary bounded, and matches exactly after it is replaced', async () => {
    const { docs, entries } = world(7, 200, 400);
    const matcher = createAlertMatcher({ clock: () => NOW });
    for (const e of entries) matcher.put(e);
    // Batches of records whose descriptions bring words never seen before, as a year of changes does.
    let serial = 0;
    const fresh = () =>
      docs.slice(0, 200).map((d) => ({
        ...d,
        description: Array.from({ length: 60 }, () => `lotto${(serial++).toString(36)}`).join(' '),
      }));
    const batches = Math.ceil(SCRATCH_MAX_TERMS / (200 * 60)) + 2;
    let peak = 0;
    for (let b = 0; b < batches; b++) {
      const batch = fresh();
      const got = (await matcher.matches('assets', batch)).map((m) => `${m.entry.id}:${m.doc.id}`).sort();
      expect(got).toEqual(await reference(entries, batch));
      peak = Math.max(peak, matcher.scratchTerms());
    }
    expect(serial).toBeGreaterThan(SCRATCH_MAX_TERMS); // more words went through than the bound
    expect(peak).toBeLessThanOrEqual(SCRATCH_MAX_TERMS + 200 * 60 + 5_000);
  });
});
