/**
 * `npm run seed -- [--size demo] [--profiles N --assets N --needs N --firms N --opportunities N --seed N]`
 * Opens the configured database, migrates, loads reference data and writes the demo network.
 * Deterministic: the same options give the same rows, and a second run inserts nothing new.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { DEMO_SIZE, type DemoOptions } from '../demo/demo.generator.js';
import { analyzeStaleTables } from '../db/statistics.js';
import { seedDemoData } from '../demo/demo.seeder.js';
import { loadReferenceData } from '../reference/reference.loader.js';

const SIZES: Record<string, Partial<DemoOptions>> = {
  demo: {},
  // Benchmark presets: the large sizes scale the network around the profiles.
  '100k': { profiles: 100_000, assets: 20_000, needs: 5_000, firms: 2_000, opportunities: 100 },
  '1m': { profiles: 1_000_000, assets: 100_000, needs: 20_000, firms: 10_000, opportunities: 300 },
};

function count(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number ≥ 0, got "${value}"`);
  return n;
}

async function main() {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: 'demo' },
      profiles: { type: 'string' },
      assets: { type: 'string' },
      needs: { type: 'string' },
      firms: { type: 'string' },
      opportunities: { type: 'string' },
      seed: { type: 'string' },
    },
    strict: true,
  });
  const preset = SIZES[values.size];
  if (!preset) throw new Error(`--size must be one of ${Object.keys(SIZES).join(', ')}`);
  const options: Partial<DemoOptions> = { ...preset };
  for (const key of ['profiles', 'assets', 'needs', 'firms', 'opportunities', 'seed'] as const) {
    const n = count(key, values[key]);
    if (n !== undefined) options[key] = n;
  }

  const config = loadConfig();
  const handle = await openDatabase(config.database);
  try {
    await handle.migrate();
    let t = performance.now();
    const ref = await loadReferenceData(handle.db);
    console.log(
      `reference data: ${ref.loaded.length} loaded, ${ref.skipped.length} already there (${Math.round(performance.now() - t)} ms)`,
    );
    t = performance.now();
    const target = { ...DEMO_SIZE, ...options };
    let lastPrint = 0;
    const report = await seedDemoData(handle.db, options, (c) => {
      const now = performance.now();
      if (now - lastPrint > 2000) {
        lastPrint = now;
        console.log(
          `  … ${c.profiles}/${target.profiles} profiles, ${c.assets}/${target.assets} assets, ${c.needs}/${target.needs} needs`,
        );
      }
    });
    const seconds = (performance.now() - t) / 1000;
    const analysed = await analyzeStaleTables(handle);
    console.log(`planner statistics refreshed: ${analysed.length} tables`);
    console.table(report.counts);
    console.log(
      `${report.totalRows} rows in ${seconds.toFixed(1)} s = ${Math.round(report.totalRows / seconds)} rows/s ` +
        `(${Math.round(report.counts.profiles / seconds)} profiles/s) on ${handle.kind}; rows already present were left alone`,
    );
  } finally {
    await handle.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
