/**
 * The match endpoints through the real entry point: seeds a database, starts `src/server.ts` as its own
 * process (the composition root production runs, demo accounts on, rate limits raised by configuration),
 * signs in and drives it over HTTP. In the same run the baseline: a straightforward SQL query for the
 * same need → top 20, on the same database. Reports p50/p95/p99 over HTTP, the server's CPU time per
 * request, its RSS, and its start-up time (spawn → /health answering, match index built).
 *
 *   node --import tsx bench/matching/http-match.bench.ts --engine=pglite --profiles=20000 [--needs=300]
 *   BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/postgres … --engine=postgres
 *
 * `--cpu-prof=DIR` has the server write a V8 CPU profile into DIR when it stops.
 *
 * Large sizes: seeding a million profiles takes longer than a benchmark should, so seed once with the
 * product's own seeder and point the benchmark at that database (it is read, never dropped):
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_1m npm run seed -- --size 1m
 *   node --import tsx bench/matching/http-match.bench.ts --engine=postgres \
 *     --reuse=postgres://postgres@127.0.0.1:5432/bench_1m
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { asc, isNull, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { openDatabase, type DatabaseHandle } from '../../src/db/client.js';
import { needs, opportunities, profiles } from '../../src/db/schema.js';
import { analyzeStaleTables } from '../../src/db/statistics.js';
import { DEMO_PASSWORD, DEMO_EMAILS, ensureDemoUsers } from '../../src/demo/demo-users.js';
import { seedDemoData } from '../../src/demo/demo.seeder.js';
import { loadReferenceData } from '../../src/reference/reference.loader.js';
import { SERVER_NODE_FLAGS } from '../../src/node-flags.js';
import { SERVER_DIR } from '../lib/child.js';
import { benchJobNeeds } from './bench-needs.js';
import { emit, log, parseFlags, percentile, ratio, round, type BenchRow } from '../lib/harness.js';

const flags = parseFlags(process.argv.slice(2));
const engine = (flags.get('engine') ?? 'pglite') as 'pglite' | 'postgres';
let nProfiles = Number(flags.get('profiles') ?? 2000);
let nNeeds = Number(flags.get('needs') ?? Math.max(300, Math.round(nProfiles / 20)));
const requests = Number(flags.get('requests') ?? 60);
const reuse = flags.get('reuse');
const cpuProfDir = flags.get('cpu-prof');
const SECTION = 'matching';
const say = (line: string) => log(SECTION, `[${engine}, ${nProfiles.toLocaleString('en')} profiles] ${line}`);

// ---------- database ----------
async function openScratch(): Promise<{
  handle: DatabaseHandle;
  env: Record<string, string>;
  drop: () => Promise<void>;
}> {
  if (reuse) {
    const handle = await openDatabase(
      engine === 'pglite' ? { kind: 'pglite', dataDir: reuse } : { kind: 'postgres', url: reuse },
    );
    return {
      handle,
      env: engine === 'pglite' ? { DATA_DIR: reuse } : { DATABASE_URL: reuse },
      drop: async () => {},
    };
  }
  if (engine === 'pglite') {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rilancio-bench-http-'));
    const handle = await openDatabase({ kind: 'pglite', dataDir: dir });
    return {
      handle,
      env: { DATA_DIR: dir },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const adminUrl = process.env.BENCH_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `rilancio_bench_match_${process.pid}_${Date.now()}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const handle = await openDatabase({ kind: 'postgres', url: u.toString() });
  return {
    handle,
    env: { DATABASE_URL: u.toString() },
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/**
 * The baseline: what one would write first. Weighted overlap of required skills (essential ×2), people
 * not ended, within the larger of the need's radius and their own mobility; ORDER BY score LIMIT 20.
 */
function baselineQuery(needId: string, lat: number, lon: number, radiusKm: number) {
  return sql`
    select p.id,
      coalesce((select sum(case ns.relation when 'essential' then 2 else 1 end)
                from need_skills ns join profile_skills ps on ps.skill_uri = ns.skill_uri
                where ns.need_id = ${needId} and ps.profile_id = p.id), 0) as score
    from profiles p
    where p.ended_at is null
      and 2 * 6371 * asin(sqrt(power(sin(radians(p.lat - ${lat}) / 2), 2)
            + cos(radians(${lat})) * cos(radians(p.lat)) * power(sin(radians(p.lon - ${lon}) / 2), 2)))
          <= greatest(${radiusKm}, p.mobility_km)
    order by score desc, p.id
    limit 20`;
}

// ---------- server process ----------
async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function procStat(pid: number) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return {
    cpuMs: (ticks * 1000) / 100,
    rssMb: Math.round(kb('VmRSS') / 1024),
    peakMb: Math.round(kb('VmHWM') / 1024),
  };
}

async function startServer(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; base: string; startupMs: number; output: () => string }> {
  const port = await freePort();
  const started = performance.now();
  // --cpu-prof=DIR: the server writes a V8 CPU profile there when it stops (start-up included).
  const profile = cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`] : [];
  const child = spawn(
    process.execPath,
    [...SERVER_NODE_FLAGS, ...profile, '--import', 'tsx', 'src/server.ts'],
    {
      cwd: SERVER_DIR,
      env: {
        ...process.env,
        ...env,
        HOST: '127.0.0.1',
        PORT: String(port),
        LOG_LEVEL: 'info',
        DEMO_DATA: 'always',
        NODE_ENV: 'development',
        RATE_LIMIT_PER_MINUTE: '100000000',
        MATCH_RATE_LIMIT_PER_MINUTE: '100000000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output.slice(-800)}`);
    try {
      if ((await fetch(`${base}/api/v1/health`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const listening = performance.now() - started;
  // The free-text interpreter's index is built after the server listens, in the background; measuring
  // before it is done would charge its build to the match runs (wall time and the CPU per request).
  while (!output.includes('free-text interpreter ready')) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output.slice(-800)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  // What start-up spent its time on (the server logs each stage with its duration).
  for (const line of output.split('\n'))
    if (/ready|built|statistics|loaded/.test(line)) {
      try {
        const j = JSON.parse(line) as { msg: string; ms?: number; counts?: unknown; tables?: number };
        say(
          `  start-up: ${j.msg}${j.ms !== undefined ? ` in ${j.ms} ms` : ''}${j.tables ? ` (${j.tables} tables)` : ''}`,
        );
      } catch {
        // not a log line
      }
    }
  say(`  start-up: listening after ${Math.round(listening)} ms`);
  return { child, base, startupMs: listening, output: () => output };
}

async function signIn(base: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: DEMO_EMAILS.admin, password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`sign-in ${res.status}: ${await res.text()}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

interface Measured {
  wall: number[];
  cpuPerRequest: number;
  rssMb: number;
  peakMb: number;
}

async function drive(base: string, cookie: string, pid: number, urls: string[]): Promise<Measured> {
  const call = async (url: string) => {
    const res = await fetch(base + url, { headers: { cookie } });
    if (!res.ok) throw new Error(`${url}: ${res.status} ${(await res.text()).slice(0, 300)}`);
    await res.arrayBuffer();
  };
  for (const url of urls.slice(0, 5)) await call(url); // warm-up: JIT, ESCO labels, knowledge
  const before = procStat(pid);
  const wall: number[] = [];
  for (let i = 0; i < requests; i++) {
    const t = performance.now();
    await call(urls[i % urls.length]!);
    wall.push(performance.now() - t);
  }
  const after = procStat(pid);
  return {
    wall,
    cpuPerRequest: (after.cpuMs - before.cpuMs) / requests,
    rssMb: after.rssMb,
    peakMb: after.peakMb,
  };
}

/** Latencies of `url`, requested every 20 ms (one at a time) for as long as `work` runs. */
async function whileRunning(base: string, cookie: string, url: string, work: () => Promise<unknown>) {
  const waits: number[] = [];
  let done = false;
  const probing = (async () => {
    while (!done) {
      const t = performance.now();
      const res = await fetch(base + url, { headers: { cookie } });
      await res.arrayBuffer();
      waits.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  try {
    await work();
  } finally {
    done = true;
    await probing;
  }
  return waits;
}

function row(name: string, m: Measured, extra: Partial<BenchRow> & { note: string }): BenchRow {
  return {
    section: SECTION,
    name,
    value: round(percentile(m.wall, 50)),
    p95: round(percentile(m.wall, 95)),
    cpuP50: round(m.cpuPerRequest),
    unit: 'ms',
    ...extra,
    note: `p99 ${round(percentile(m.wall, 99))} ms; server CPU ${round(m.cpuPerRequest)} ms/request (mean); RSS ${m.rssMb} MB (peak ${m.peakMb}); ${extra.note}`,
  };
}

// ---------- run ----------
const scratch = await openScratch();
const rows: BenchRow[] = [];
let server: ChildProcess | undefined;
try {
  const { handle } = scratch;
  let t = performance.now();
  await handle.migrate();
  if (reuse) {
    await ensureDemoUsers(handle.db);
    const [n] = await handle.db
      .select({ n: sql<number>`count(*)::int` })
      .from(profiles)
      .where(isNull(profiles.endedAt));
    const [m] = await handle.db
      .select({ n: sql<number>`count(*)::int` })
      .from(needs)
      .where(isNull(needs.endedAt));
    nProfiles = n!.n;
    nNeeds = m!.n;
    say(`reusing ${reuse}: ${nNeeds} needs`);
  } else {
    await loadReferenceData(handle.db);
    const seeded = await seedDemoData(handle.db, {
      profiles: nProfiles,
      needs: nNeeds,
      assets: 200,
      firms: Math.max(150, Math.round(nNeeds / 50)),
      opportunities: 30,
    });
    await ensureDemoUsers(handle.db);
    say(`seeded ${JSON.stringify(seeded.counts)} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  await analyzeStaleTables(handle);

  const db = handle.db;
  const jobNeeds = await benchJobNeeds(db);
  const people = await db
    .select({ id: profiles.id })
    .from(profiles)
    .where(isNull(profiles.endedAt))
    .orderBy(asc(profiles.id))
    .limit(30);
  const opps = await db
    .select({ id: opportunities.id })
    .from(opportunities)
    .where(isNull(opportunities.endedAt))
    .orderBy(asc(opportunities.id))
    .limit(10);

  // Baseline, on the same database before the server owns it (a PGlite directory has one owner).
  for (const n of jobNeeds.slice(0, 5)) await db.execute(baselineQuery(n.id, n.lat, n.lon, n.radiusKm));
  const baseline: number[] = [];
  for (let i = 0; i < Math.min(requests, 30); i++) {
    const n = jobNeeds[i % jobNeeds.length]!;
    t = performance.now();
    await db.execute(baselineQuery(n.id, n.lat, n.lon, n.radiusKm));
    baseline.push(performance.now() - t);
  }
  await handle.close();

  const started = await startServer(scratch.env);
  server = started.child;
  const pid = server.pid!;
  const cookie = await signIn(started.base);
  const idle = procStat(pid);
  say(`server up in ${Math.round(started.startupMs)} ms, RSS ${idle.rssMb} MB`);
  const common = `start-up ${Math.round(started.startupMs)} ms (spawn → /health, match index built), RSS idle ${idle.rssMb} MB; ${engine}`;

  const need = await drive(
    started.base,
    cookie,
    pid,
    jobNeeds.map((n) => `/api/v1/needs/${n.id}/matches?limit=20&lang=it`),
  );
  rows.push(
    row(`need → top 20 over ${nProfiles.toLocaleString('en')} profiles, HTTP (${engine})`, need, {
      baseline: {
        name: 'straightforward SQL (skill overlap, radius, ORDER BY LIMIT 20)',
        value: round(percentile(baseline, 50)),
        p95: round(percentile(baseline, 95)),
        unit: 'ms',
      },
      ratio: ratio(percentile(baseline, 50), percentile(need.wall, 50)),
      note: `n=${requests} over ${jobNeeds.length} needs; baseline p99 ${round(percentile(baseline, 99))} ms; ${common}`,
    }),
  );
  const person = await drive(
    started.base,
    cookie,
    pid,
    people.map((p) => `/api/v1/profiles/${p.id}/matches?limit=20&lang=it`),
  );
  rows.push(
    row(`person → top 20 of ${nNeeds.toLocaleString('en')} needs, HTTP (${engine})`, person, {
      note: `n=${requests} over ${people.length} people; ${common}`,
    }),
  );
  const team = await drive(
    started.base,
    cookie,
    pid,
    opps.map((o) => `/api/v1/opportunities/${o.id}/team?lang=it`),
  );
  rows.push(
    row(`team builder over ${nProfiles.toLocaleString('en')} profiles, HTTP (${engine})`, team, {
      note: `n=${requests} over ${opps.length} demo opportunities; ${common}`,
    }),
  );
  // What another user feels meanwhile (issue 10: the team builder must not hold other requests up for
  // more than 50 ms): a light request every 20 ms while the team runs go on, one after the other.
  const probe = await whileRunning(started.base, cookie, '/api/v1/health', () =>
    drive(
      started.base,
      cookie,
      pid,
      opps.map((o) => `/api/v1/opportunities/${o.id}/team?lang=it`),
    ),
  );
  rows.push({
    section: SECTION,
    name: `another request's wait while team runs go on, ${nProfiles.toLocaleString('en')} profiles (${engine})`,
    value: round(percentile(probe, 99)),
    unit: 'ms',
    note: `p99 of GET /api/v1/health sent every 20 ms during ${requests} team runs; p50 ${round(percentile(probe, 50))} ms, max ${round(Math.max(...probe))} ms, n=${probe.length}`,
  });
  // The server logs its event-loop delay for start-up (index build included) and, on SIGTERM, while serving.
  server.kill('SIGTERM');
  await new Promise((r) => server!.once('exit', r));
  const delays = started
    .output()
    .split('\n')
    .filter((l) => l.includes('eventLoopDelayMs'))
    .map(
      (l) =>
        (JSON.parse(l) as { eventLoopDelayMs: { p50: number; p99: number; max: number } }).eventLoopDelayMs,
    );
  const [startup, serving] = delays;
  server = undefined;
  if (startup && serving)
    rows.push({
      section: SECTION,
      name: `event-loop delay p99 while serving the runs above, ${nProfiles.toLocaleString('en')} profiles (${engine})`,
      value: serving.p99,
      unit: 'ms',
      note: `max ${serving.max} ms while serving; start-up (index build, search rebuild, PGlite queries): p99 ${startup.p99} ms, max ${startup.max} ms; perf_hooks.monitorEventLoopDelay, 10 ms resolution`,
    });
} finally {
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((r) => server!.once('exit', r));
  }
  await scratch.drop();
}
emit(rows);
