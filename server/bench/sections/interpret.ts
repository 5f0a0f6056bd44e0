/**
 * Free text to ESCO: the real interpret service (as POST /api/v1/reference/interpret calls it) on the
 * evaluation lines (bench/interpret/lines.csv): precision@1 and @5 of occupations and skills per
 * language and overall, the index build time and the query latency.
 *   node --import tsx bench/sections/interpret.ts [--data-dir=DIR] [--misses]
 */
import { openDatabase } from '../../src/db/client.js';
import {
  conceptIndexFor,
  createInterpretService,
} from '../../src/modules/reference/interpret/interpret.service.js';
import { loadReferenceData } from '../../src/reference/reference.loader.js';
import { evaluate, percentages, readLines } from '../interpret/evaluate.js';
import { englishLabelUris } from '../interpret/labels.js';
import { emit, parseFlags, percentile, round } from '../lib/harness.js';

const flags = parseFlags(process.argv.slice(2));
const SECTION = 'interpret';

const handle = await openDatabase({ kind: 'pglite', dataDir: flags.get('data-dir') ?? null });
try {
  await handle.migrate();
  await loadReferenceData(handle.db);
  let started = performance.now();
  const index = await conceptIndexFor(handle.db);
  emit({
    section: SECTION,
    name: 'interpret index build (PGlite)',
    value: round((performance.now() - started) / 1000, 2),
    unit: 's',
    note: `${index.size.concepts} concepts, ${index.size.labels} labels`,
  });
  const service = createInterpretService(handle.db);
  const uriOf = await englishLabelUris(handle.db);
  const latencies: number[] = [];
  const scores = await evaluate(
    readLines(),
    async (text, lang) => {
      started = performance.now();
      const r = await service.interpret(text, { lang, occupations: 5, skills: 5 });
      latencies.push(performance.now() - started);
      return r;
    },
    uriOf,
  );
  for (const s of scores) {
    const p = percentages(s);
    const who = s.lang === 'all' ? 'all languages' : s.lang.toUpperCase();
    emit({
      section: SECTION,
      name: `occupations ${who}: precision@1`,
      value: p.occupationsP1,
      unit: '%',
      note: `${s.occP1}/${s.lines} lines; hit@5 ${p.occupationsHit5} %, precision@5 ${p.occupationsP5} %`,
    });
    emit({
      section: SECTION,
      name: `skills ${who}: precision@1`,
      value: p.skillsP1,
      unit: '%',
      note: `${s.skillP1}/${s.skillLines} lines expecting a skill; hit@5 ${p.skillsHit5} %`,
    });
    if (flags.has('misses'))
      for (const m of s.misses) console.log(`miss ${s.lang} "${m.text}": expected ${m.expected.join('|')}`);
  }
  emit({
    section: SECTION,
    name: 'interpret latency',
    value: round(percentile(latencies, 50), 1),
    p95: round(percentile(latencies, 95), 1),
    unit: 'ms',
    note: `${latencies.length} lines, PGlite, one at a time, index built`,
  });
} finally {
  await handle.close();
}
