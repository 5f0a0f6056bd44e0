/**
 * Matching: the matcher benchmark (`matcher/bench/match.bench.ts`, its own process, with its in-process
 * "score everything" baseline), the same need → top-20 people as a straightforward SQL query on
 * PostgreSQL over the same profiles (`matching/postgres.bench.ts`), and the endpoints through the real
 * server over HTTP with their SQL baseline (`matching/http-match.bench.ts`, on PGlite and PostgreSQL).
 *   node --import tsx bench/sections/matching.ts [--scale=1] [--big] [--http-sizes=2000,20000,100000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runChild } from '../lib/child.js';
import { emit, parseFlags, ratio, round, type BenchRow } from '../lib/harness.js';

const flags = parseFlags(process.argv.slice(2));
const scale = Number(flags.get('scale') ?? 1);
const big = flags.has('big');
const SECTION = 'matching';
const scaled = (n: number): number => Math.max(100, Math.round(n * scale));

interface Figure {
  group: string;
  label: string;
  n: number;
  p50: number;
  p95: number;
  cpuP50?: number;
  cpuP95?: number;
  extra: string;
  heapMb: number;
  rssMb: number;
}

const dump = mkdtempSync(path.join(os.tmpdir(), 'rilancio-bench-match-'));
const rows: BenchRow[] = [];
try {
  const matcher = await runChild(
    '../matcher/bench/match.bench.ts',
    [`--scale=${scale}`, `--dump=${dump}`, ...(big ? ['--big'] : [])],
    { label: 'matcher', nodeArgs: big ? ['--max-old-space-size=8192'] : [], forwardUsage: true },
  );
  const line = matcher.lines.find((l) => l.startsWith('@@MATCHER '));
  const figures = line ? (JSON.parse(line.slice('@@MATCHER '.length)) as Figure[]) : [];
  if (!line || matcher.exitCode !== 0)
    rows.push({
      section: SECTION,
      name: 'matcher bench',
      value: Number.NaN,
      unit: '',
      note: `FAILED (exit ${matcher.exitCode}): ${matcher.lines.slice(-3).join(' / ').slice(0, 300)}`,
    });

  const sizes = [scaled(100_000), ...(big ? [scaled(1_000_000)] : [])];
  const pg = await runChild(
    'bench/matching/postgres.bench.ts',
    [`--dump=${dump}`, `--sizes=${sizes.join(',')}`],
    {
      label: 'sql',
      forwardUsage: true,
    },
  );
  const pgSkipped = pg.rows.find((r) => r.note?.startsWith('skipped'))?.note;

  const find = (group: string, label: string) =>
    figures.find((f) => f.group === group && f.label.startsWith(label));
  const cpu = (f: Figure) =>
    f.cpuP50 !== undefined ? { cpuP50: round(f.cpuP50), cpuP95: round(f.cpuP95 ?? NaN) } : {};
  for (const size of sizes) {
    const group = `need → top-20 people over ${size} profiles`;
    const fast = find(group, 'indexed top-k');
    const naive = find(group, 'baseline: score every profile');
    const sqlRow = pg.rows.find((r) => r.name === group);
    if (!fast) continue;
    const memory = `memory after the queries: heap ${fast.heapMb} MB, rss ${fast.rssMb} MB`;
    rows.push({
      section: SECTION,
      name: `${group}: matcher index vs SQL`,
      value: round(fast.p50),
      p95: round(fast.p95),
      ...cpu(fast),
      unit: 'ms',
      ...(sqlRow && Number.isFinite(sqlRow.value)
        ? {
            baseline: { name: 'PostgreSQL SQL', value: sqlRow.value, p95: sqlRow.p95, unit: 'ms' },
            ratio: ratio(sqlRow.value, fast.p50),
          }
        : {}),
      note: [
        `n=${fast.n}`,
        fast.extra.replace(/^\| /, ''),
        memory,
        sqlRow ? `SQL: ${sqlRow.note}` : (pgSkipped ?? 'SQL baseline missing'),
      ]
        .filter(Boolean)
        .join('; '),
    });
    if (naive)
      rows.push({
        section: SECTION,
        name: `${group}: matcher index vs score-everything`,
        value: round(fast.p50),
        p95: round(fast.p95),
        unit: 'ms',
        baseline: {
          name: 'score every profile and sort',
          value: round(naive.p50),
          p95: round(naive.p95),
          unit: 'ms',
        },
        ratio: ratio(naive.p50, fast.p50),
        note: `same top-20 checked on ${naive.n} needs`,
      });
    const upd = find(group, 'update one profile');
    if (upd)
      rows.push({
        section: SECTION,
        name: `${group}: update one profile`,
        value: round(upd.p50, 3),
        p95: round(upd.p95, 3),
        unit: 'ms',
      });
  }
  const personGroup = `person → top-20 job needs over ${scaled(100_000)} needs`;
  const person = find(personGroup, 'indexed top-k');
  const personNaive = find(personGroup, 'baseline: score every need');
  if (person)
    rows.push({
      section: SECTION,
      name: personGroup,
      value: round(person.p50),
      p95: round(person.p95),
      ...cpu(person),
      unit: 'ms',
      ...(personNaive
        ? {
            baseline: {
              name: 'score every need and sort',
              value: round(personNaive.p50),
              p95: round(personNaive.p95),
              unit: 'ms',
            },
            ratio: ratio(personNaive.p50, person.p50),
          }
        : {}),
      note: `n=${person.n}; ${person.extra.replace(/^\| /, '')}; heap ${person.heapMb} MB`,
    });
  const team = figures.find((f) => f.group.startsWith('team builder'));
  if (team)
    rows.push({
      section: SECTION,
      name: team.group,
      value: round(team.p50),
      p95: round(team.p95),
      ...cpu(team),
      unit: 'ms',
      note: `n=${team.n}; ${team.extra.replace(/^\| /, '')}; no baseline`,
    });

  // The endpoints themselves: the real server started per size and database, driven over HTTP.
  const httpSizes = (flags.get('http-sizes') ?? '2000,20000,100000').split(',').map(Number);
  for (const db of (flags.get('server-db') ?? 'pglite,postgres').split(','))
    for (const n of httpSizes) {
      const server = await runChild(
        'bench/matching/http-match.bench.ts',
        [`--engine=${db}`, `--profiles=${n}`, ...(n >= 100_000 ? ['--needs=100000'] : [])],
        { label: `http-${db}-${n}`, forwardUsage: true },
      );
      rows.push(
        ...(server.exitCode === 0
          ? server.rows
          : [
              {
                section: SECTION,
                name: `HTTP endpoints, ${n} profiles (${db})`,
                value: Number.NaN,
                unit: '',
                note: `FAILED: ${server.lines.slice(-3).join(' / ').slice(0, 300)}`,
              },
            ]
        ).map((r) => ({ ...r, section: SECTION })),
      );
    }
} finally {
  rmSync(dump, { recursive: true, force: true });
}
emit(rows);
