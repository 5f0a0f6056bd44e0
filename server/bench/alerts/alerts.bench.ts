/**
 * Saved-search alerts (issue 16): N saved searches evaluated against a stream of M changed records through
 * the alerts' real evaluation code (modules/alerts/alert-matcher.ts: the inverted structure over the
 * saved searches, then each candidate confirmed by the embedded engine's own matching, with the owner's
 * access rules), in the change log's batches of 500. Baseline: every saved search run on every batch
 * (what "re-run every search on every write" costs), on a sample of batches.
 *   node --import tsx bench/alerts/alerts.bench.ts [--searches=10000] [--changes=100000]
 */
import type { Principal } from '../../src/auth/principal.js';
import { createAlertMatcher, type SavedSearchEntry } from '../../src/modules/alerts/alert-matcher.js';
import type { AssetDocument } from '../../src/search/documents.js';
import { generateAssets, rng } from '../search/generator.js';
import { emit, parseFlags, percentile, round } from '../lib/harness.js';

const flags = parseFlags(process.argv.slice(2));
const SEARCHES = Number(flags.get('searches') ?? 10_000);
const CHANGES = Number(flags.get('changes') ?? 100_000);
const BATCH = 500;
const SECTION = 'alerts';

const r = rng(99);
// Verified within the last two years: a tenth are older than the default hiding period (365 days) and
// leave the default search, as the search would have them (the generator leaves verifiedAt out).
const docs: AssetDocument[] = generateAssets(CHANGES, 42).map((g) => ({
  ...g.doc,
  verifiedAt: new Date(
    Date.now() - Math.floor((r() < 0.9 ? r() * 300 : 400 + r() * 300) * 86_400_000),
  ).toISOString(),
}));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const principal = (i: number): Principal => ({
  userId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  role: i % 3 === 0 ? 'company' : 'operator',
  deskId: null,
  firmId: null,
  via: 'session',
});
/** Query shapes a desk saves: a kind or category in a province or region, a place and a word, a size range. */
function savedQuery(): Record<string, string> {
  const d = pick(docs);
  const shape = r();
  if (shape < 0.35) return { kind: d.kind, municipality: d.municipality ?? '' };
  if (shape < 0.6)
    return {
      category: d.category ?? d.kind,
      province: d.province ?? '',
      availability: d.availability ?? 'sale',
    };
  if (shape < 0.8) return { municipality: d.municipality ?? '', q: d.title.split(' ')[0]! };
  if (shape < 0.98)
    return {
      kind: d.kind,
      province: d.province ?? '',
      coveredAreaM2: `${Math.round((d.coveredAreaM2 ?? 100) / 2)}..`,
    };
  return { q: d.title.split(' ').slice(0, 2).join(' ') }; // no keyword filter: a candidate for every change
}
const entries: SavedSearchEntry[] = Array.from({ length: SEARCHES }, (_, i) => ({
  id: `s${i}`,
  userId: principal(i).userId!,
  index: 'assets',
  query: Object.fromEntries(Object.entries(savedQuery()).filter(([, v]) => v !== '')),
  principal: principal(i),
}));

const matcher = createAlertMatcher();
let started = performance.now();
let accepted = 0;
for (const e of entries) if (matcher.put(e)) accepted++;
const loadMs = performance.now() - started;

const batches: AssetDocument[][] = [];
for (let i = 0; i < docs.length; i += BATCH) batches.push(docs.slice(i, i + BATCH));

// Warm-up: the first batch (JIT, the engine's tables).
await matcher.matches('assets', batches[0]!);

const batchMs: number[] = [];
let matches = 0;
let candidates = 0;
const cpu0 = process.cpuUsage();
started = performance.now();
for (const batch of batches) {
  const t = performance.now();
  matches += (await matcher.matches('assets', batch)).length;
  batchMs.push(performance.now() - t);
}
const wallMs = performance.now() - started;
const cpu = process.cpuUsage(cpu0);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
// Counted outside the timed loop, which measures the evaluation alone.
for (const d of docs) candidates += matcher.candidates('assets', d).size;

// One change at a time (a quiet deployment: each write read alone from the log).
const single: number[] = [];
for (const d of docs.slice(0, 2000)) {
  const t = performance.now();
  await matcher.matches('assets', [d]);
  single.push(performance.now() - t);
}

// Baseline: every saved search run over each batch, on a sample of batches.
const naive = createAlertMatcher();
const SAMPLE = Math.min(3, batches.length);
const naiveMs: number[] = [];
{
  const { EmbeddedSearchAdapter } = await import('../../src/search/embedded.adapter.js');
  const { engineQueryFor } = await import('../../src/modules/search/search.service.js');
  const engine = new EmbeddedSearchAdapter();
  const built = entries.flatMap((e) => {
    try {
      return [engineQueryFor('assets', e.query, e.principal).query];
    } catch {
      return [];
    }
  });
  for (const batch of batches.slice(1, 1 + SAMPLE)) {
    const t = performance.now();
    await engine.upsert('assets', batch);
    for (const q of built)
      await engine.search('assets', { ...q, facets: [], limit: BATCH, offset: 0, highlight: false });
    await engine.delete(
      'assets',
      batch.map((d) => d.id),
    );
    naiveMs.push(performance.now() - t);
  }
  void naive;
}
const perChangeNaive = percentile(naiveMs, 50) / BATCH;
const rate = (CHANGES / wallMs) * 1000;

emit([
  {
    section: SECTION,
    name: `${SEARCHES.toLocaleString('en')} saved searches × ${CHANGES.toLocaleString('en')} changes: throughput`,
    value: round(rate, 0),
    unit: 'changes/s',
    baseline: {
      name: 'every search on every batch',
      value: round(1000 / perChangeNaive, 0),
      unit: 'changes/s',
    },
    ratio: round(rate / (1000 / perChangeNaive), 1),
    note: `batches of ${BATCH}; wall ${round(wallMs / 1000, 1)} s, CPU ${round(cpuSeconds, 1)} s; ${matches.toLocaleString('en')} notifications; ${round(candidates / CHANGES, 1)} candidate searches per change; ${accepted} searches accepted; loading the searches took ${Math.round(loadMs)} ms`,
  },
  {
    section: SECTION,
    name: 'per change, in batches of 500 (batch time ÷ 500)',
    value: round(percentile(batchMs, 50) / BATCH, 3),
    p95: round(percentile(batchMs, 95) / BATCH, 3),
    unit: 'ms',
  },
  {
    section: SECTION,
    name: 'per change, one change at a time (2,000 changes)',
    value: round(percentile(single, 50), 3),
    p95: round(percentile(single, 95), 3),
    unit: 'ms',
  },
]);
console.log(
  `alerts: ${round(rate, 0)} changes/s, batch p50 ${round(percentile(batchMs, 50), 1)} ms p95 ${round(percentile(batchMs, 95), 1)} ms, single change p50 ${round(percentile(single, 50), 3)} ms p95 ${round(percentile(single, 95), 3)} ms, CPU ${round(cpuSeconds, 1)} s, naive ${round(percentile(naiveMs, 50), 0)} ms/batch`,
);
