/**
 * The SQL baseline of the matcher: the same need → top-20 candidates, computed by a straightforward
 * query on PostgreSQL over the same generated profiles (dumped by `matcher/bench/match.bench.ts --dump`):
 * score = weighted skill overlap (essential ×2, optional ×1, inferred skills half) through a
 * profile-skills join, distance filter (bounding box, then haversine within the larger of the need's
 * radius and the person's mobility), ORDER BY score LIMIT 20.
 *   BENCH_PG_URL=… node --import tsx bench/matching/postgres.bench.ts --dump=<dir> --sizes=100000,1000000
 */
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { boundingBox, EARTH_RADIUS_KM } from '@rilancio/matcher';
import { benchPgUrl, connectPg, emit, log, parseFlags, summary, timeQueries } from '../lib/harness.js';

const flags = parseFlags(process.argv.slice(2));
const dir = flags.get('dump')!;
const sizes = (flags.get('sizes') ?? '100000').split(',').map(Number);
const SECTION = 'matching-pg';

/** The longest mobility the generator gives anyone: a person farther than this cannot qualify. */
const MAX_MOBILITY_KM = 80;

interface DumpedNeed {
  id: string;
  essential: number[];
  optional: number[];
  lat: number;
  lon: number;
  radiusKm: number;
}

const url = benchPgUrl();
if (!url) {
  emit({
    section: SECTION,
    name: 'SQL baseline',
    value: Number.NaN,
    unit: '',
    note: 'skipped (no PostgreSQL)',
  });
  process.exit(0);
}
const sql = connectPg(url);

async function copyFile(table: string, file: string): Promise<void> {
  const writable = await sql.unsafe(`copy ${table} from stdin`).writable();
  await pipeline(createReadStream(file), writable);
}

async function bench(size: number): Promise<void> {
  const profilesFile = join(dir, `profiles-${size}.tsv`);
  if (!existsSync(profilesFile)) {
    emit({ section: SECTION, name: `need → top-20 (${size})`, value: Number.NaN, unit: '', note: 'no dump' });
    return;
  }
  await sql`drop table if exists bench_profile_skills, bench_profiles`;
  await sql`create table bench_profiles (id int primary key, lat double precision, lon double precision, mobility_km real)`;
  await sql`create table bench_profile_skills (profile_id int not null, skill int not null, w real not null)`;
  const t = performance.now();
  await copyFile('bench_profiles', profilesFile);
  await copyFile('bench_profile_skills', join(dir, `skills-${size}.tsv`));
  const copySeconds = (performance.now() - t) / 1000;
  const t2 = performance.now();
  await sql`create index on bench_profile_skills (skill, profile_id) include (w)`;
  await sql`create index on bench_profiles (lat, lon)`;
  await sql`analyze bench_profiles`;
  await sql`analyze bench_profile_skills`;
  const indexSeconds = (performance.now() - t2) / 1000;
  const [{ n } = { n: 0 }] = await sql<{ n: number }[]>`select count(*)::int as n from bench_profile_skills`;
  log(
    SECTION,
    `${size} profiles, ${n} profile skills: COPY ${copySeconds.toFixed(1)} s, indexes ${indexSeconds.toFixed(1)} s`,
  );

  const needs = JSON.parse(readFileSync(join(dir, `needs-${size}.json`), 'utf8')) as DumpedNeed[];
  let returned = 0;
  const queries = needs.map((need) => async () => {
    const box = boundingBox(need.lat, need.lon, Math.max(need.radiusKm, MAX_MOBILITY_KM));
    const all = [...need.essential, ...need.optional];
    const denominator = 2 * need.essential.length + need.optional.length || 1;
    const rows = await sql<{ id: number; score: number }[]>`
      select s.profile_id as id,
             sum(s.w * case when s.skill = any(${need.essential}::int[]) then 2 else 1 end) / ${denominator} as score
      from bench_profile_skills s
      join bench_profiles p on p.id = s.profile_id
      where s.skill = any(${all}::int[])
        and p.lat between ${box.minLat} and ${box.maxLat}
        and p.lon between ${box.minLon} and ${box.maxLon}
        and 2 * ${EARTH_RADIUS_KM} * asin(sqrt(
              sin(radians(p.lat - ${need.lat}) / 2) ^ 2
              + cos(radians(${need.lat})) * cos(radians(p.lat)) * sin(radians(p.lon - ${need.lon}) / 2) ^ 2
            )) <= greatest(${need.radiusKm}, p.mobility_km)
      group by s.profile_id
      order by score desc, s.profile_id
      limit 20`;
    returned += rows.length;
  });
  const s = summary(await timeQueries(queries, 3));
  emit({
    section: SECTION,
    name: `need → top-20 people over ${size} profiles`,
    value: s.p50,
    p95: s.p95,
    unit: 'ms',
    note: `${needs.length} needs, mean ${(returned / (needs.length + Math.min(3, needs.length))).toFixed(1)} rows returned; load: COPY ${copySeconds.toFixed(1)} s + indexes ${indexSeconds.toFixed(1)} s (${n} profile skills)`,
  });
  await sql`drop table bench_profile_skills, bench_profiles`;
}

for (const size of sizes) await bench(size);
await sql.end();
