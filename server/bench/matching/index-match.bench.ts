/**
 * Need → top 20 in process, on the server's own match index: the index is built from a seeded database by
 * the feed the server starts with (`createMatchFeed(…).build()`), and each query is the call the need's
 * match route makes (`MatchIndex.peopleForJob`, the admin's weights, no pool filter). What this adds to
 * http-match.bench.ts: the search alone, without HTTP, labels and the run log, and how many people a query
 * bounds and scores in full, on seeded data rather than the library bench's generated pool.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_1m npm run seed -- --size 1m   (once)
 *   NODE_OPTIONS=--max-old-space-size=12288 node --max-semi-space-size=64 --heap-growing-percent=100 --import tsx \
 *     bench/matching/index-match.bench.ts --reuse=postgres://postgres@127.0.0.1:5432/bench_1m [--rounds=5]
 *
 * The first round warms the code up and is not counted. The database is read, never written.
 */
import { openDatabase } from '../../src/db/client.js';
import { createKnowledgeCache } from '../../src/modules/matching/knowledge.cache.js';
import { createMatchFeed } from '../../src/modules/matching/index/match-index.feed.js';
import { loadJobNeedInputs } from '../../src/modules/matching/matching.repository.js';
import { matchableNeeds } from '../../src/modules/matching/index/match-index.repository.js';
import { createWeightsStore } from '../../src/modules/matching/weights.js';
import { emit, log, parseFlags, percentile, round } from '../lib/harness.js';
import { benchJobNeeds } from './bench-needs.js';

const flags = parseFlags(process.argv.slice(2));
const reuse = flags.get('reuse');
const rounds = Number(flags.get('rounds') ?? 5);
if (!reuse) throw new Error('--reuse=postgres://… (a seeded database) is required');
const SECTION = 'matching';

const handle = await openDatabase({ kind: 'postgres', url: reuse });
const db = handle.db;
const feed = createMatchFeed(db, createKnowledgeCache(db));
let t = performance.now();
const counts = await feed.build();
const buildMs = performance.now() - t;
const ix = await feed.index();
log(
  SECTION,
  `index of ${counts.profiles.toLocaleString('en')} profiles built in ${round(buildMs / 1000, 1)} s`,
);

const ids = await benchJobNeeds(db);
const inputs = await loadJobNeedInputs(
  db,
  await matchableNeeds(
    db,
    ids.map((r) => r.id),
  ),
);
const { config } = await createWeightsStore(db).effective();
await handle.close();

const wall: number[] = [];
const cpu: number[] = [];
let scored = 0;
let candidates = 0;
for (let round_ = 0; round_ < rounds; round_++)
  for (const need of inputs) {
    const c0 = process.cpuUsage();
    t = performance.now();
    const found = ix.peopleForJob(need, 20, config, {});
    const ms = performance.now() - t;
    if (round_ === 0) continue;
    const c = process.cpuUsage(c0);
    wall.push(ms);
    cpu.push((c.user + c.system) / 1000);
    scored += found.stats.scored;
    candidates += found.stats.candidates;
  }
const n = wall.length;
emit({
  section: SECTION,
  name: `need → top 20 over ${counts.profiles.toLocaleString('en')} profiles, in process (server index)`,
  value: round(percentile(wall, 50)),
  p95: round(percentile(wall, 95)),
  cpuP50: round(percentile(cpu, 50)),
  cpuP95: round(percentile(cpu, 95)),
  unit: 'ms',
  note:
    `p99 ${round(percentile(wall, 99))} ms; n=${n} over ${inputs.length} needs; per query ` +
    `${Math.round(candidates / n).toLocaleString('en')} people bounded, ${round(scored / n, 1)} scored in full; ` +
    `index built in ${round(buildMs / 1000, 1)} s`,
});
