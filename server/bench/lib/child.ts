/**
 * Runs one benchmark script in its own Node process (its memory is its own), echoes its output with a
 * prefix, and collects the rows it reports (`@@BENCH`) and its CPU time and peak RSS (`@@RUSAGE`).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { RESULT_PREFIX, RUSAGE_PREFIX, type BenchRow } from './harness.js';

/** server/ — every script path is relative to it. */
export const SERVER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ChildRun {
  rows: BenchRow[];
  /** Every other line of stdout, for scripts that report in their own format. */
  lines: string[];
  cpuSeconds?: number;
  peakRssMb?: number;
  wallSeconds: number;
  exitCode: number | null;
}

export interface ChildOptions {
  label: string;
  /** Extra node flags, e.g. --max-old-space-size=8192. */
  nodeArgs?: string[];
  env?: Record<string, string | undefined>;
  /** Print the child's usage as a @@RUSAGE line (sections that run their own children). */
  forwardUsage?: boolean;
  /** Echo the child's lines (default true). */
  echo?: boolean;
}

export function runChild(script: string, args: string[], options: ChildOptions): Promise<ChildRun> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      '--expose-gc',
      ...(options.nodeArgs ?? []),
      '--import',
      'tsx',
      '--import',
      './bench/lib/rusage.ts',
      script,
      ...args,
    ],
    { cwd: SERVER_DIR, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const run: ChildRun = { rows: [], lines: [], wallSeconds: 0, exitCode: null };
  const echo = options.echo ?? true;
  const out = createInterface({ input: child.stdout });
  out.on('line', (line) => {
    if (line.startsWith(RESULT_PREFIX)) {
      run.rows.push(JSON.parse(line.slice(RESULT_PREFIX.length)) as BenchRow);
    } else if (line.startsWith(RUSAGE_PREFIX)) {
      // A section's own usage, or (forwarded by a section) that of a grandchild: CPU adds up, RSS peaks.
      const r = JSON.parse(line.slice(RUSAGE_PREFIX.length)) as { cpuSeconds: number; peakRssMb: number };
      run.cpuSeconds = Math.round(((run.cpuSeconds ?? 0) + r.cpuSeconds) * 100) / 100;
      run.peakRssMb = Math.max(run.peakRssMb ?? 0, r.peakRssMb);
    } else {
      run.lines.push(line);
      if (echo && !line.startsWith('@@') && !line.startsWith('{"buildAssets"'))
        console.log(`  ${options.label} │ ${line}`);
    }
  });
  const err = createInterface({ input: child.stderr });
  err.on('line', (line) => {
    if (!/ExperimentalWarning|--trace-warnings|Unknown user config/.test(line))
      console.log(`  ${options.label} ! ${line}`);
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      run.exitCode = code;
      // Pass the usage up, so a section that runs grandchildren reports their CPU time too.
      if (options.forwardUsage && run.cpuSeconds !== undefined)
        console.log(
          `${RUSAGE_PREFIX}${JSON.stringify({ cpuSeconds: run.cpuSeconds, peakRssMb: run.peakRssMb })}`,
        );
      run.wallSeconds = Math.round((performance.now() - started) / 100) / 10;
      resolve(run);
    });
  });
}

/** The child's rows, or a row saying what failed. */
export function rowsOrFailure(section: string, name: string, run: ChildRun): BenchRow[] {
  if (run.exitCode === 0) return run.rows;
  return [
    ...run.rows,
    {
      section,
      name,
      value: Number.NaN,
      unit: '',
      note: `FAILED (exit ${run.exitCode}): ${run.lines.slice(-3).join(' / ').slice(0, 300)}`,
    },
  ];
}
