/**
 * Vocabulary: the occupation autocomplete (the real reference service, as GET
 * /api/v1/reference/occupations calls it) against everyday Italian and French job words
 * (bench/vocabulary/job-words.csv): top-1 and top-5 accuracy, latency, and the reference-data load time.
 *   node --import tsx bench/sections/vocabulary.ts [--data-dir=DIR] [--misses]
 * With --data-dir a persisted PGlite is reused (the load is then checksum-skipped).
 */
import { openDatabase } from '../../src/db/client.js';
import { createReferenceService } from '../../src/modules/reference/reference.service.js';
import { loadReferenceData } from '../../src/reference/reference.loader.js';
import { emit, parseFlags, percentile, round } from '../lib/harness.js';
import { evaluate, readJobWords } from '../vocabulary/evaluate.js';

const flags = parseFlags(process.argv.slice(2));
const SECTION = 'vocabulary';

const handle = await openDatabase({ kind: 'pglite', dataDir: flags.get('data-dir') ?? null });
try {
  await handle.migrate();
  let started = performance.now();
  const first = await loadReferenceData(handle.db);
  const firstMs = performance.now() - started;
  started = performance.now();
  await loadReferenceData(handle.db);
  const againMs = performance.now() - started;
  emit({
    section: SECTION,
    name: 'reference data load (PGlite)',
    value: round(firstMs / 1000, 1),
    unit: 's',
    note: `${first.loaded.length} files loaded, ${first.skipped.length} checksum-skipped; a second load (all checksum-skipped) took ${Math.round(againMs)} ms`,
  });

  const reference = createReferenceService(handle.db);
  const latencies: number[] = [];
  const results = await evaluate(readJobWords(), async (q, lang) => {
    const t = performance.now();
    const found = await reference.concepts('occupation', q, lang, 5);
    latencies.push(performance.now() - t);
    return found;
  });
  for (const r of results) {
    const pct = (n: number) => round((100 * n) / r.words, 1);
    emit({
      section: SECTION,
      name: `occupation autocomplete, ${r.lang.toUpperCase()} job words: top-5 accuracy`,
      value: pct(r.top5),
      unit: '%',
      note: `${r.top5}/${r.words} words (goal ≥ 95 %)`,
    });
    emit({
      section: SECTION,
      name: `occupation autocomplete, ${r.lang.toUpperCase()} job words: top-1 accuracy`,
      value: pct(r.top1),
      unit: '%',
      note: `${r.top1}/${r.words} words (goal ≥ 80 %)`,
    });
    if (flags.has('misses'))
      for (const m of r.misses)
        console.log(`miss ${r.lang} "${m.query}": expected ${m.expected.join('|')}, got ${m.got.join(', ')}`);
  }
  emit({
    section: SECTION,
    name: 'occupation autocomplete latency',
    value: round(percentile(latencies, 50), 1),
    p95: round(percentile(latencies, 95), 1),
    unit: 'ms',
    note: `${latencies.length} queries, PGlite, one at a time`,
  });
} finally {
  await handle.close();
}
