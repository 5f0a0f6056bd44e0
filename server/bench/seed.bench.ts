/**
 * Throughput of the reference load and of the demo generator, alone and written to PGlite in memory.
 * `npx tsx bench/seed.bench.ts [--profiles 100000]` from server/, or `seedBench()` from `npm run bench`.
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Config } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { referenceDatasets } from '../src/db/schema.js';
import { planDemoData, type DemoOptions } from '../src/demo/demo.generator.js';
import { readDemoReference, writeDemoPlan } from '../src/demo/demo.seeder.js';
import { loadReferenceData } from '../src/reference/reference.loader.js';

export interface BenchResult {
  name: string;
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  note?: string;
}

const result = (name: string, rows: number, seconds: number, note?: string): BenchResult => ({
  name,
  rows,
  seconds: Math.round(seconds * 100) / 100,
  rowsPerSecond: Math.round(rows / seconds),
  ...(note ? { note } : {}),
});

/** The benchmark size scales the network around the profiles (the demo has 2,000 profiles). */
export function benchOptions(profiles: number): Partial<DemoOptions> {
  return {
    profiles,
    assets: Math.round(profiles / 5),
    needs: Math.round(profiles / 20),
    firms: Math.max(150, Math.round(profiles / 50)),
    opportunities: 100,
  };
}

export async function seedBench(
  profiles = 100_000,
  log: (line: string) => void = console.log,
  database: Config['database'] = { kind: 'pglite', dataDir: null },
): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const where = database.kind === 'pglite' ? 'PGlite in memory' : 'PostgreSQL';
  const handle = await openDatabase(database);
  try {
    await handle.migrate();

    let t = performance.now();
    await loadReferenceData(handle.db);
    const refSeconds = (performance.now() - t) / 1000;
    const refRows = (await handle.db.select().from(referenceDatasets)).reduce((s, d) => s + d.rowCount, 0);
    results.push(result(`reference data load (full ESCO, ${where})`, refRows, refSeconds, 'CSV rows'));
    log(`reference load: ${refRows} CSV rows in ${refSeconds.toFixed(1)} s`);

    const reference = await readDemoReference(handle.db);
    const options = benchOptions(profiles);

    t = performance.now();
    const plan = planDemoData(reference, options);
    let generated = plan.desks.length + plan.firms.length + plan.crisisCases.length;
    let generatedProfiles = 0;
    for (const b of plan.profileBatches()) {
      generatedProfiles += b.profiles.length;
      generated += b.profiles.length + b.occupations.length + b.skills.length + b.languages.length;
    }
    for (const b of plan.assetBatches()) generated += b.length;
    for (const b of plan.needBatches()) generated += b.needs.length + b.skills.length + b.languages.length;
    const opp = plan.opportunities();
    generated += opp.opportunities.length + opp.roles.length + opp.assets.length;
    const genSeconds = (performance.now() - t) / 1000;
    results.push(
      result(
        `demo generator alone, ${profiles.toLocaleString('en')} profiles`,
        generated,
        genSeconds,
        `${Math.round(generatedProfiles / genSeconds)} profiles/s`,
      ),
    );
    log(`generation: ${generated} rows in ${genSeconds.toFixed(1)} s`);

    t = performance.now();
    let lastLog = t;
    const counts = await writeDemoPlan(handle.db, planDemoData(reference, options), (c) => {
      if (performance.now() - lastLog > 10_000) {
        lastLog = performance.now();
        log(`  … ${c.profiles} profiles written`);
      }
    });
    const writeSeconds = (performance.now() - t) / 1000;
    const written = Object.values(counts).reduce((s, n) => s + n, 0);
    results.push(
      result(
        `demo generator + write to ${where}, ${profiles.toLocaleString('en')} profiles`,
        written,
        writeSeconds,
        `${Math.round(counts.profiles / writeSeconds)} profiles/s`,
      ),
    );
  } finally {
    await handle.close();
  }
  return results;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { profiles: { type: 'string', default: '100000' } } });
  const results = await seedBench(Number(values.profiles));
  console.table(results);
  console.log(`peak RSS ${Math.round(process.memoryUsage().rss / 1e6)} MB`);
}
