/**
 * The server's real path for people → job need, as `GET /api/v1/needs/{id}/matches` runs it (without
 * HTTP and the run log): load the need, SQL candidate generation (`jobNeedPoolIds`), load the pool's
 * scoring profiles, score with the matcher and rank. On the demo-size data set.
 *   node --import tsx bench/matching/server-path.bench.ts [--db=pglite|postgres] [--needs=60]
 * postgres uses BENCH_PG_URL (the orchestrator's scratch database).
 */
import { rankResults, scorePersonForJob } from '@rilancio/matcher';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { openDatabase } from '../../src/db/client.js';
import { needs } from '../../src/db/schema.js';
import { seedDemoData } from '../../src/demo/demo.seeder.js';
import { createKnowledgeCache } from '../../src/modules/matching/knowledge.cache.js';
import {
  jobNeedPoolIds,
  loadJobNeedInputs,
  loadScoringProfiles,
} from '../../src/modules/matching/matching.repository.js';
import { loadReferenceData } from '../../src/reference/reference.loader.js';
import { benchPgUrl, emit, log, parseFlags, percentile, round, summary } from '../lib/harness.js';

const flags = parseFlags(process.argv.slice(2));
const kind = flags.get('db') === 'postgres' ? 'postgres' : 'pglite';
const maxNeeds = Number(flags.get('needs') ?? 60);
const SECTION = 'matching-server';

async function main(): Promise<void> {
  const url = benchPgUrl();
  if (kind === 'postgres' && !url) {
    emit({
      section: SECTION,
      name: 'server path on PostgreSQL',
      value: Number.NaN,
      unit: '',
      note: 'skipped (no PostgreSQL)',
    });
    return;
  }
  const database = await openDatabase(kind === 'postgres' ? { kind, url: url! } : { kind, dataDir: null });
  try {
    let t = performance.now();
    await database.migrate();
    await loadReferenceData(database.db);
    const seeded = await seedDemoData(database.db);
    log(
      SECTION,
      `${kind}: reference + demo data (${seeded.counts.profiles} profiles) in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
    t = performance.now();
    const k = await createKnowledgeCache(database.db).get();
    const knowledgeMs = performance.now() - t;

    const rows = await database.db
      .select()
      .from(needs)
      .where(and(eq(needs.type, 'job'), isNull(needs.endedAt)))
      .orderBy(asc(needs.id))
      .limit(maxNeeds);
    const total = { wall: [] as number[], cpu: [] as number[] };
    const poolMs: number[] = [];
    const loadMs: number[] = [];
    const scoreMs: number[] = [];
    const poolSizes: number[] = [];
    const run = async (row: (typeof rows)[number], keep: boolean) => {
      const c = process.cpuUsage();
      const t0 = performance.now();
      const [input] = await loadJobNeedInputs(database.db, [row]);
      const t1 = performance.now();
      const ids = await jobNeedPoolIds(database.db, input!, {});
      const t2 = performance.now();
      const people = await loadScoringProfiles(database.db, ids);
      const t3 = performance.now();
      const ranked = rankResults(
        people.map((p) => scorePersonForJob(p, input!, k)).filter((r) => r.exclusions.length === 0),
      ).slice(0, 20);
      const t4 = performance.now();
      if (!keep) return ranked;
      const u = process.cpuUsage(c);
      total.wall.push(t4 - t0);
      total.cpu.push((u.user + u.system) / 1000);
      poolMs.push(t2 - t1);
      loadMs.push(t3 - t2);
      scoreMs.push(t4 - t3);
      poolSizes.push(ids.length);
      return ranked;
    };
    for (const row of rows.slice(0, 5)) await run(row, false);
    for (const row of rows) await run(row, true);
    const s = summary(total);
    const p = (xs: number[]) => round(percentile(xs, 50));
    emit({
      section: SECTION,
      name: `server path, need → top-20 (${kind}, demo data)`,
      value: s.p50,
      p95: s.p95,
      cpuP50: s.cpuP50,
      cpuP95: s.cpuP95,
      unit: 'ms',
      note: `${rows.length} job needs over ${seeded.counts.profiles} profiles; p50 of the steps: jobNeedPoolIds ${p(poolMs)} ms, load scoring profiles ${p(loadMs)} ms, score + rank ${p(scoreMs)} ms; pool p50 ${percentile(poolSizes, 50)} (max ${Math.max(...poolSizes)}); ESCO knowledge built once in ${Math.round(knowledgeMs)} ms`,
    });
  } finally {
    await database.close();
  }
}

await main();
