/**
 * Import: runs `bench/import.bench.ts` (the import pipeline's own benchmark) when it exists, and reports
 * what it prints: its `@@BENCH` rows as they are, or each JSON line with a rowsPerSecond figure.
 *   node --import tsx bench/sections/import.ts --rows=100000
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { runChild, SERVER_DIR } from '../lib/child.js';
import { emit, parseFlags, type BenchRow } from '../lib/harness.js';

const flags = parseFlags(process.argv.slice(2));
const rows = flags.get('rows') ?? '100000';
const SECTION = 'import';
const script = 'bench/import.bench.ts';

if (!existsSync(path.join(SERVER_DIR, script))) {
  emit({
    section: SECTION,
    name: 'import pipeline',
    value: Number.NaN,
    unit: '',
    note: `skipped (${script} does not exist)`,
  });
} else {
  const run = await runChild(script, [rows], { label: 'import', forwardUsage: true });
  const out: BenchRow[] = run.rows.map((r) => ({ ...r, section: SECTION }));
  for (const line of run.lines) {
    if (!line.trim().startsWith('{')) continue;
    try {
      const r = JSON.parse(line) as Record<string, unknown>;
      const rate = r.rowsPerSecond;
      if (typeof rate !== 'number') continue;
      const { rowsPerSecond: _rate, ...rest } = r;
      out.push({
        section: SECTION,
        name: String(r.scenario ?? r.name ?? 'import'),
        value: rate,
        unit: 'rows/s',
        note: Object.entries(rest)
          .filter(([key]) => key !== 'scenario' && key !== 'name')
          .map(
            ([key, value]) => `${key} ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`,
          )
          .join(', '),
      });
    } catch {
      // not a result line
    }
  }
  if (run.exitCode !== 0 || out.length === 0)
    out.push({
      section: SECTION,
      name: 'import pipeline',
      value: Number.NaN,
      unit: '',
      note: `${run.exitCode !== 0 ? `FAILED (exit ${run.exitCode})` : 'no figures recognised'}: ${run.lines.slice(-3).join(' / ').slice(0, 300)}`,
    });
  emit(out);
}
