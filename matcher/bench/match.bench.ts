/**
 * Matcher benchmark. Run: `npx tsx matcher/bench/match.bench.ts` (add `--big` for 1,000,000
 * profiles; needs ~6 GB heap: NODE_OPTIONS=--max-old-space-size=8192).
 * `--scale=0.05` shrinks every size (smoke runs); `--dump=<dir>` writes the need → people pools and
 * their needs as TSV/JSON for the PostgreSQL baseline of `npm run bench`; a last `@@MATCHER {json}`
 * line carries every figure for `npm run bench`.
 *
 * Loads the full ESCO reference data from ../shared/data (bench only; the library does no I/O),
 * generates profiles, needs and a crisis with a seeded PRNG, and reports p50/p95 latency and
 * memory for each direction, with the naive "score everything and sort" baseline in the same run.
 */
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildKnowledge,
  buildTeam,
  DEFAULT_CONFIG,
  CandidateIndex,
  NeedIndex,
  rankResults,
  scoreNeedForPerson,
  scorePersonForJob,
  SkillViewCache,
  PoolEvidenceCache,
  type CefrLevel,
  type JobNeedInput,
  type Knowledge,
  type OpportunityInput,
  type ScoringProfile,
  parseFerryTable,
  TravelMatrix,
  TravelModel,
} from '../src/index.js';
import { PoolEvidence, roleEvidence } from '../src/components/evidence.js';
import { roleFit } from '../src/score-role.js';
import { TeamFits } from '../src/team-fit.js';

const DATA = process.env.RILANCIO_DATA ?? join(import.meta.dirname, '..', '..', '..', 'shared', 'data');
const BIG = process.argv.includes('--big');
const argValue = (name: string): string | undefined =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const SCALE = Number(argValue('scale') ?? 1);
const DUMP = argValue('dump');
const scaled = (n: number): number => Math.max(100, Math.round(n * SCALE));

/** Every reported figure, for the JSON line at the end. */
const figures: Array<{
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
}> = [];
let group = '';

// ---------- seeded PRNG (mulberry32): the bench is reproducible, the library never sees it ----------
let seed = 0x5eed1234;
function rand(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)]!;

// ---------- CSV (RFC 4180, no line breaks in cells per the data README) ----------
/** Fields are sliced, not built char by char: V8 would keep those as long rope strings. */
function parseLine(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let j = i + 1;
      let cell = '';
      for (;;) {
        const q = line.indexOf('"', j);
        if (q < 0) throw new Error(`unterminated quote: ${line}`);
        cell += line.slice(j, q);
        if (line[q + 1] === '"') {
          cell += '"';
          j = q + 2;
        } else {
          i = q + 2;
          break;
        }
      }
      out.push(cell);
    } else {
      const c = line.indexOf(',', i);
      const e = c < 0 ? line.length : c;
      out.push(line.slice(i, e));
      i = e + 1;
    }
  }
  return out;
}
function csv(file: string): Record<string, string>[] {
  const lines = readFileSync(join(DATA, file), 'utf8').split('\n').filter(Boolean);
  const head = parseLine(lines[0]!);
  return lines.slice(1).map((l) => {
    const cells = parseLine(l);
    return Object.fromEntries(head.map((h, i) => [h, cells[i] ?? '']));
  });
}

// ---------- timing ----------
function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}
/** CPU time of this process, ms: on a shared machine it is closer to uncontended latency than wall time. */
const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const cpuSamples = new Map<number[], number[]>();
function time<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const c0 = cpuMs();
  const r = f();
  lastCpu = cpuMs() - c0;
  return [r, performance.now() - t0];
}
let lastCpu = 0;
/** Records the CPU time of the last `time` call next to its wall time. */
function keep(ms: number[], t: number): void {
  ms.push(t);
  let c = cpuSamples.get(ms);
  if (!c) cpuSamples.set(ms, (c = []));
  c.push(lastCpu);
}
const mb = (b: number): string => `${(b / 1048576).toFixed(0)} MB`;
function mem(): string {
  const m = process.memoryUsage();
  return `heap ${mb(m.heapUsed)}, rss ${mb(m.rss)}`;
}
function report(label: string, ms: number[], extra = ''): { p50: number; p95: number } {
  const p50 = percentile(ms, 50);
  const p95 = percentile(ms, 95);
  const cpu = cpuSamples.get(ms) ?? [];
  const cpuText = cpu.length
    ? ` (cpu p50 ${percentile(cpu, 50).toFixed(1)} / p95 ${percentile(cpu, 95).toFixed(1)})`
    : '';
  const m = process.memoryUsage();
  figures.push({
    group,
    label,
    n: ms.length,
    p50,
    p95,
    ...(cpu.length ? { cpuP50: percentile(cpu, 50), cpuP95: percentile(cpu, 95) } : {}),
    extra,
    heapMb: Math.round(m.heapUsed / 1048576),
    rssMb: Math.round(m.rss / 1048576),
  });
  console.log(
    `${label.padEnd(52)} n=${String(ms.length).padStart(3)}  wall p50 ${p50.toFixed(1).padStart(7)} ms  p95 ${p95.toFixed(1).padStart(7)} ms${cpuText} ${extra}`,
  );
  return { p50, p95 };
}

// ---------- reference data ----------
console.log(`node ${process.version}; data ${DATA}`);
const [escoKnowledge, buildMs] = time(() =>
  buildKnowledge({
    skillBroader: csv('esco_skill_broader.csv').map((r) => ({
      conceptUri: r.concept_uri!,
      broaderUri: r.broader_uri!,
    })),
    occupations: csv('esco_occupations.csv').map((r) => ({ uri: r.uri!, iscoGroup: r.isco_group! })),
    occupationSkills: csv('esco_occupation_skills.csv').map((r) => ({
      occupationUri: r.occupation_uri!,
      skillUri: r.skill_uri!,
      relation: r.relation === 'essential' ? ('essential' as const) : ('optional' as const),
    })),
  }),
);
/**
 * `--travel`: distances by travel time (road and all-year ferries, seed/reference/ferry_links.json);
 * a quarter of the people state a time and one in twenty accepts a weekly ferry commute.
 */
const TRAVEL = process.argv.includes('--travel');
const travelTable = join(import.meta.dirname, '..', '..', 'seed', 'reference', 'ferry_links.json');
const [travel, travelMs] = time(() =>
  TRAVEL ? new TravelModel(parseFerryTable(JSON.parse(readFileSync(travelTable, 'utf8')))) : null,
);
const k: Knowledge = travel ? { ...escoKnowledge, travel } : escoKnowledge;
if (travel) console.log(`travel model: ${travel.ports.length} ports, built in ${travelMs.toFixed(1)} ms`);
console.log(
  `knowledge: ${k.skillUri.length} skill concepts, ${k.occupationUri.length} occupations, built in ${buildMs.toFixed(0)} ms (parse included); ${mem()}`,
);

const occupations = csv('esco_bluegreen_subset/esco_occupations.csv').map((r) => ({
  uri: r.uri!,
  isco: r.isco_group!,
}));
const allSkills = k.skillUri.filter((u) => u.includes('/skill/'));
const towns = csv('municipalities.csv').map((r) => ({
  lat: Number(r.lat),
  lon: Number(r.lon),
  pop: Math.max(50, Number(r.population) || 0),
}));
const cum: number[] = [];
towns.reduce((s, t) => (cum.push(s + t.pop), s + t.pop), 0);
function town(): { lat: number; lon: number } {
  const x = rand() * cum[cum.length - 1]!;
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if (cum[m]! < x) lo = m + 1;
    else hi = m;
  }
  return towns[lo]!;
}
// A skewed occupation mix: a few trades are common, most are rare (as in real registers).
const occWeighted = (): (typeof occupations)[number] =>
  occupations[Math.floor(occupations.length * rand() ** 2.5)]!;
const CEFR: CefrLevel[] = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'];
const CHAINS = [
  'nautical',
  'tourism',
  'biotech',
  'energy',
  'ports',
  'fishing',
  'agri_food',
  'mechanics',
  'other',
];
const iso = (day: number): string =>
  new Date(Date.UTC(2026, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);

function occSkills(uri: string): { ess: string[]; opt: string[] } {
  const id = k.occupationId.get(uri)!;
  return {
    ess: Array.from(k.essentialSkills[id]!, (s) => k.skillUri[s]!),
    opt: Array.from(k.optionalSkills[id]!, (s) => k.skillUri[s]!),
  };
}

function makeProfile(i: number, crisis?: { id: string; at: { lat: number; lon: number } }): ScoringProfile {
  const occs = Array.from({ length: int(1, 2) }, () => occWeighted());
  const skills = new Map<string, 'declared' | 'certified' | 'inferred'>();
  for (const o of occs) {
    const { ess, opt } = occSkills(o.uri);
    for (let j = int(3, 9); j > 0 && ess.length; j--)
      skills.set(pick(ess), rand() < 0.2 ? 'certified' : 'declared');
    for (let j = int(0, 3); j > 0 && opt.length; j--)
      skills.set(pick(opt), rand() < 0.3 ? 'inferred' : 'declared');
  }
  for (let j = int(0, 2); j > 0; j--) skills.set(pick(allSkills), 'declared');
  const home = crisis && rand() < 0.8 ? crisis.at : town();
  return {
    id: `p${String(i).padStart(7, '0')}`,
    code: `P-${i.toString(36).toUpperCase()}`,
    occupations: [...new Set(occs)].map((o) => ({ uri: o.uri, iscoGroup: o.isco, years: int(0, 25) })),
    skills: [...skills].map(([uri, source]) => ({ uri, source })),
    languages: [
      { code: rand() < 0.6 ? 'it' : 'fr', cefr: 'C2' },
      ...(rand() < 0.5 ? [{ code: 'en', cefr: pick(CEFR) }] : []),
    ],
    eqfLevel: rand() < 0.1 ? null : int(2, 7),
    drivingLicences: ['B'],
    home: { lat: home.lat + (rand() - 0.5) * 0.02, lon: home.lon + (rand() - 0.5) * 0.02 },
    mobilityKm: pick([10, 20, 30, 40, 50, 80]),
    // No PRNG draw: with or without --travel the same people are generated.
    ...(TRAVEL ? { maxTravelMinutes: i % 4 === 0 ? [30, 45, 60, 90][(i >> 2) % 4]! : null } : {}),
    ...(TRAVEL ? { weeklyFerryCommute: i % 20 === 0 } : {}),
    availableFrom: iso(int(0, 200)),
    employmentStatus: pick(['unemployed', 'at_risk', 'furloughed'] as const),
    desiredPaths: rand() < 0.3 ? ['employment', 'workers_buy_out'] : ['employment'],
    supplyChains: [pick(CHAINS)],
    naceDivisions: [String(int(10, 33))],
    crisisCaseId: crisis ? crisis.id : `case-${int(1, 300)}`,
    deskId: `desk-${int(1, 40)}`,
  };
}

function makeNeed(i: number): JobNeedInput {
  const o = occWeighted();
  const { ess, opt } = occSkills(o.uri);
  const essential = [...new Set(Array.from({ length: Math.min(ess.length, int(3, 6)) }, () => pick(ess)))];
  const optional = [...new Set(Array.from({ length: Math.min(opt.length, int(0, 3)) }, () => pick(opt)))];
  return {
    id: `n${String(i).padStart(7, '0')}`,
    occupationUri: o.uri,
    iscoGroup: o.isco,
    essentialSkills: essential,
    optionalSkills: optional,
    positions: int(1, 4),
    place: town(),
    radiusKm: pick([20, 30, 40, 60]),
    languages: rand() < 0.3 ? [{ code: 'en', minCefr: pick(['A2', 'B1', 'B2'] as CefrLevel[]) }] : [],
    minEqf: rand() < 0.4 ? int(3, 6) : null,
    startDate: rand() < 0.8 ? iso(int(30, 150)) : null,
    supplyChain: rand() < 0.5 ? pick(CHAINS) : null,
    naceDivision: rand() < 0.3 ? String(int(10, 33)) : null,
  };
}

/**
 * The baseline: score every profile, sort, take k. Only eligible (id, score) pairs are kept
 * before the sort, so a million full results with their explanations do not have to fit in memory.
 */
function naiveTopK(pool: readonly ScoringProfile[], n: JobNeedInput, know: Knowledge, kk: number) {
  const all: { id: string; score: number }[] = [];
  for (const p of pool) {
    const r = scorePersonForJob(p, n, know);
    if (r.exclusions.length === 0) all.push({ id: r.id, score: r.score });
  }
  return all.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).slice(0, kk);
}

/**
 * The pool and the needs as the PostgreSQL baseline loads them: profiles (id, lat, lon, mobility) and
 * profile skills (id, skill number, weight: inferred skills count half), skills as numbers of `k.skillId`.
 */
function dumpPool(size: number, profiles: readonly ScoringProfile[], needs: readonly JobNeedInput[]): void {
  if (!DUMP) return;
  mkdirSync(DUMP, { recursive: true });
  const pf = openSync(join(DUMP, `profiles-${size}.tsv`), 'w');
  const sf = openSync(join(DUMP, `skills-${size}.tsv`), 'w');
  let p = '';
  let s = '';
  profiles.forEach((x, i) => {
    p += `${i}\t${x.home.lat}\t${x.home.lon}\t${x.mobilityKm}\n`;
    for (const sk of x.skills) s += `${i}\t${k.skillId.get(sk.uri)}\t${sk.source === 'inferred' ? 0.5 : 1}\n`;
    if (s.length > 1 << 20) {
      writeSync(pf, p);
      writeSync(sf, s);
      p = s = '';
    }
  });
  writeSync(pf, p);
  writeSync(sf, s);
  closeSync(pf);
  closeSync(sf);
  const ids = (uris: readonly string[]) => uris.map((u) => k.skillId.get(u)!).filter((x) => x !== undefined);
  writeFileSync(
    join(DUMP, `needs-${size}.json`),
    JSON.stringify(
      needs.map((n) => ({
        id: n.id,
        essential: ids(n.essentialSkills),
        optional: ids(n.optionalSkills),
        lat: n.place.lat,
        lon: n.place.lon,
        radiusKm: n.radiusKm,
      })),
    ),
  );
}

function needToPeople(size: number, queries: number, naiveRuns: number): void {
  group = `need → top-20 people over ${size} profiles`;
  console.log(`\n== need → top-20 people over ${size.toLocaleString('en')} profiles ==`);
  const [profiles, genMs] = time(() => Array.from({ length: size }, (_, i) => makeProfile(i)));
  const [index, idxMs] = time(() => new CandidateIndex(k, undefined, profiles));
  console.log(`generated in ${genMs.toFixed(0)} ms, indexed in ${idxMs.toFixed(0)} ms; ${mem()}`);
  const needs = Array.from({ length: queries }, (_, i) => makeNeed(i));
  dumpPool(size, profiles, needs);
  index.topKForJob(needs[0]!, 20); // warm-up (JIT, related-skill cache)
  const ms: number[] = [];
  let scored = 0;
  let candidates = 0;
  for (const n of needs) {
    const [r, t] = time(() => index.topKForJob(n, 20));
    keep(ms, t);
    scored += r.stats.scored;
    candidates += r.stats.candidates;
  }
  const fast = report(
    'indexed top-k (exact)',
    ms,
    `| mean candidates ${(candidates / queries).toFixed(0)}, fully scored ${(scored / queries).toFixed(0)}`,
  );
  const naive: number[] = [];
  for (const n of needs.slice(0, naiveRuns)) {
    const [r, t] = time(() => naiveTopK(profiles, n, k, 20));
    keep(naive, t);
    const got = index.topKForJob(n, 20).results;
    if (JSON.stringify(got.map((x) => [x.id, x.score])) !== JSON.stringify(r.map((x) => [x.id, x.score])))
      throw new Error('indexed top-k differs from the naive ranking');
  }
  const base = report('baseline: score every profile and sort', naive, '| same top-20 checked');
  console.log(`ratio (baseline p50 / indexed p50, wall): ${(base.p50 / fast.p50).toFixed(1)}×; ${mem()}`);
  // Incremental updates
  const upd: number[] = [];
  for (let i = 0; i < 200; i++) {
    const p = { ...profiles[int(0, size - 1)]!, mobilityKm: 45 };
    keep(upd, time(() => index.update(p))[1]);
  }
  report('update one profile', upd);
}

function personToNeeds(size: number, queries: number, naiveRuns: number): void {
  group = `person → top-20 job needs over ${size} needs`;
  console.log(`\n== person → top-20 job needs over ${size.toLocaleString('en')} needs ==`);
  const needs = Array.from({ length: size }, (_, i) => makeNeed(i));
  const [index, idxMs] = time(() => new NeedIndex(k, undefined, needs));
  console.log(`indexed in ${idxMs.toFixed(0)} ms; ${mem()}`);
  const people = Array.from({ length: queries }, (_, i) => makeProfile(i));
  index.topKForPerson(people[0]!, 20);
  const ms: number[] = [];
  let scored = 0;
  for (const p of people) {
    const [r, t] = time(() => index.topKForPerson(p, 20));
    keep(ms, t);
    scored += r.stats.scored;
  }
  const fast = report('indexed top-k (exact)', ms, `| mean fully scored ${(scored / queries).toFixed(0)}`);
  const naive: number[] = [];
  for (const p of people.slice(0, naiveRuns)) {
    const [r, t] = time(() => rankResults(needs.map((n) => scoreNeedForPerson(p, n, k))).slice(0, 20));
    keep(naive, t);
    const got = index.topKForPerson(p, 20).results;
    if (JSON.stringify(got.map((x) => [x.id, x.score])) !== JSON.stringify(r.map((x) => [x.id, x.score])))
      throw new Error('indexed person → needs differs from the naive ranking');
  }
  const base = report('baseline: score every need and sort', naive, '| same top-20 checked');
  console.log(`ratio (baseline p50 / indexed p50, wall): ${(base.p50 / fast.p50).toFixed(1)}×`);
}

function teamBuilder(workers: number, roles: number, runs: number): void {
  group = `team builder: ${roles}-role opportunity over a ${workers}-worker crisis`;
  console.log(
    `\n== team builder: ${roles}-role opportunity over a ${workers.toLocaleString('en')}-worker crisis ==`,
  );
  const crisis = { id: 'case-big', at: towns[0]! };
  const pool = Array.from({ length: workers }, (_, i) => makeProfile(i, crisis));
  // Roles from the occupations the crisis workers actually had, as a buy-out of their plant would.
  const seen = new Set<string>();
  const roleList: OpportunityInput['roles'][number][] = [];
  for (const p of pool) {
    const o = p.occupations[0]!;
    if (seen.has(o.uri) || roleList.length >= roles) continue;
    seen.add(o.uri);
    const { ess } = occSkills(o.uri);
    roleList.push({
      id: `r${roleList.length}`,
      occupationUri: o.uri,
      iscoGroup: o.iscoGroup,
      count: int(1, 4),
      keySkills: ess.slice(0, 4),
    });
  }
  const opp: OpportunityInput = {
    id: 'opp-1',
    kind: 'wbo',
    crisisCaseId: crisis.id,
    place: crisis.at,
    roles: roleList,
    supplyChain: 'nautical',
  };
  const ms: number[] = [];
  let last;
  for (let i = 0; i < runs; i++) {
    const [t, dt] = time(() => buildTeam(opp, pool, k));
    keep(ms, dt);
    last = t;
  }
  report(
    'buildTeam (score all pairs + greedy + improvement)',
    ms,
    `| pairs scored ${last!.pairsScored}, coverage ${(last!.coverage * 100).toFixed(0)} %, slots ${roleList.reduce((s, r) => s + r.count, 0)}`,
  );
  // As the server runs it: the match index keeps skill views and the postings of recent pools between
  // runs, so only an operator's first run of a crisis builds them. Same team, checked.
  const kept = { skillViews: new SkillViewCache(k), pools: new PoolEvidenceCache() };
  const [, firstMs] = time(() => buildTeam(opp, pool, k, DEFAULT_CONFIG, kept));
  const warm: number[] = [];
  for (let i = 0; i < runs; i++) {
    const [t, dt] = time(() => buildTeam(opp, pool, k, DEFAULT_CONFIG, kept));
    keep(warm, dt);
    if (JSON.stringify(t) !== JSON.stringify(last)) throw new Error('team differs with kept skill views');
  }
  report(
    'buildTeam, run again (views and postings kept, as the server)',
    warm,
    `| first run ${firstMs.toFixed(0)} ms wall; same team checked`,
  );
  // The pair-scoring phase alone, both ways, interleaved in the same process (the machine is shared:
  // only a same-run comparison is fair): the straightforward `roleFit` per pair against the
  // requirement-major `TeamFits`; every fit is checked equal.
  const people = [...new Map(pool.map((p) => [p.id, p])).values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  const [evidence, indexMs] = time(() => new PoolEvidence(people, k, DEFAULT_CONFIG));
  const candidates = roleList.map((r) => evidence.candidates(roleEvidence(r, k, DEFAULT_CONFIG)));
  const naive: number[] = [];
  const fast: number[] = [];
  for (let i = 0; i < runs; i++) {
    const [a, ta] = time(() =>
      roleList.map((r, ri) =>
        candidates[ri]!.map((pi) => roleFit(people[pi]!, opp, r, k, DEFAULT_CONFIG, evidence.view(pi))),
      ),
    );
    keep(naive, ta);
    const [b, tb] = time(() => {
      const fits = new TeamFits(opp, people, evidence, k, DEFAULT_CONFIG);
      return roleList.map((r, ri) => fits.forRole(r, candidates[ri]!));
    });
    keep(fast, tb);
    for (let ri = 0; ri < roleList.length; ri++)
      for (let j = 0; j < a[ri]!.length; j++) {
        const x = a[ri]![j]!;
        const y = b[ri]![j]!;
        if (
          x.score !== y.score ||
          x.excluded !== y.excluded ||
          x.occupation !== y.occupation ||
          x.anySkill !== y.anySkill
        )
          throw new Error(`team fit differs from roleFit: role ${ri}, person ${candidates[ri]![j]}`);
      }
  }
  console.log(`pool skill views + postings: ${indexMs.toFixed(0)} ms (once per run, both ways)`);
  const base = report('baseline: roleFit per (person, role) pair', naive, '| fits only');
  const opt = report('requirement-major TeamFits', fast, '| fits only; every fit checked equal');
  console.log(`ratio (baseline p50 / requirement-major p50, wall): ${(base.p50 / opt.p50).toFixed(1)}×`);
}

const only = process.argv
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',');
const run = (name: string): boolean => !only || only.includes(name);
if (travel) {
  // Every pair of the area's municipalities, as search and the offer pack could precompute them.
  const [matrix, matrixMs] = time(() => TravelMatrix.build(travel, towns));
  console.log(
    `travel matrix: ${towns.length} municipalities, ${(matrix.bytes / 1e6).toFixed(1)} MB (Uint16 minutes), built in ${matrixMs.toFixed(0)} ms; ${mem()}`,
  );
}
if (run('need')) needToPeople(scaled(100_000), 40, 5);
if (run('person')) personToNeeds(scaled(100_000), 40, 5);
/** `--runs=N`: timed team-builder runs (5 by default; more for a steadier p95). */
const teamRuns = Number(process.argv.find((a) => a.startsWith('--runs='))?.slice(7) ?? 5);
if (run('team')) teamBuilder(scaled(5_000), 20, teamRuns);
if (BIG) needToPeople(scaled(1_000_000), 20, 2);
console.log(`\ndone; ${mem()}`);
console.log(`@@MATCHER ${JSON.stringify(figures)}`);
