/**
 * What every benchmark section shares: the row it reports, how it hands rows to the orchestrator
 * (`@@BENCH <json>` lines on stdout), percentiles, timing with CPU time, and the scratch PostgreSQL.
 */
import postgres from 'postgres';

/**
 * One figure of the report. `ratio` above 1 means ours is better: baseline ÷ ours for times and sizes,
 * ours ÷ baseline for rates (rows/s).
 */
export interface BenchRow {
  section: string;
  name: string;
  /** Headline figure: p50 for latencies, a rate for throughputs. */
  value: number;
  unit: string;
  p95?: number;
  cpuP50?: number;
  cpuP95?: number;
  baseline?: { name: string; value: number; p95?: number; unit: string };
  ratio?: number;
  note?: string;
}

export const RESULT_PREFIX = '@@BENCH ';
export const RUSAGE_PREFIX = '@@RUSAGE ';

export function emit(rows: BenchRow | BenchRow[]): void {
  for (const row of Array.isArray(rows) ? rows : [rows]) console.log(RESULT_PREFIX + JSON.stringify(row));
}

export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

export const round = (x: number, digits = 2): number => Number(x.toFixed(digits));

/** Baseline ÷ ours, rounded; undefined when either side is missing or zero. */
export function ratio(baseline: number | undefined, ours: number | undefined): number | undefined {
  if (!baseline || !ours || !Number.isFinite(baseline) || !Number.isFinite(ours)) return undefined;
  return round(baseline / ours, 1);
}

export interface Timings {
  wall: number[];
  cpu: number[];
}

/**
 * Times each query (after `warmup` untimed runs). CPU time per query is what a quiet machine would
 * show; wall time includes being preempted by the other processes sharing the two cores. For a query
 * answered by another process (PostgreSQL) CPU time is only this process's share: wall time is the figure.
 */
export async function timeQueries(queries: ReadonlyArray<() => unknown>, warmup = 20): Promise<Timings> {
  for (const q of queries.slice(0, warmup)) await q();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (const q of queries) {
    const c = process.cpuUsage();
    const t = performance.now();
    await q();
    wall.push(performance.now() - t);
    const u = process.cpuUsage(c);
    cpu.push((u.user + u.system) / 1000);
  }
  return { wall, cpu };
}

export function summary(t: Timings) {
  return {
    p50: round(percentile(t.wall, 50)),
    p95: round(percentile(t.wall, 95)),
    cpuP50: round(percentile(t.cpu, 50)),
    cpuP95: round(percentile(t.cpu, 95)),
  };
}

export const rssMb = (): number => Math.round(process.memoryUsage().rss / 1e6);
export const peakRssMb = (): number => Math.round((process.resourceUsage().maxRSS * 1024) / 1e6);

/** The scratch database the orchestrator created for this run, or undefined when there is no PostgreSQL. */
export const benchPgUrl = (): string | undefined => process.env.BENCH_PG_URL || undefined;

export function connectPg(url: string, max = 1) {
  return postgres(url, { max, onnotice: () => {}, connection: { application_name: 'rilancio-bench' } });
}

export function parseFlags(argv: readonly string[]): Map<string, string> {
  const flags = new Map<string, string>();
  for (const a of argv) {
    const m = /^--([^=]+)(?:=(.*))?$/.exec(a);
    if (m) flags.set(m[1]!, m[2] ?? 'true');
  }
  return flags;
}

export function log(section: string, line: string): void {
  console.log(`[${section}] ${line}`);
}
