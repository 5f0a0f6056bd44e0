/**
 * The PostgreSQL full-text baseline for the embedded engine: the same generated assets (same generator,
 * same seed) and the same query mix as `engine.bench.ts` (the same seeded query generator, replayed here),
 * answered the straightforward way on a real PostgreSQL:
 *   - text: a stored tsvector ('simple' configuration over unaccented text) with a GIN index, ranked by ts_rank;
 *     typo queries OR their words (full-text search has no typo tolerance: accuracy is reported);
 *   - filters: btree columns; facets: count(*) GROUP BY GROUPING SETS over the filtered match set;
 *   - geo: a bounding box on a (lat, lon) index, then haversine, sorted by distance.
 *   BENCH_PG_URL=postgres://… node --import tsx bench/search/postgres.bench.ts --assets=100000 --queries=500
 * Prints `@@BENCH` rows (section "search-pg").
 */
import { osaDistance, typoBudget, words } from '../../src/search/text.js';
import { PLACES, generateAssets, misspell, rng } from './generator.js';
import { benchPgUrl, connectPg, emit, log, parseFlags, rssMb, summary, timeQueries } from '../lib/harness.js';

const flags = parseFlags(process.argv.slice(2));
const nAssets = Number(flags.get('assets') ?? 100_000);
const nQueries = Number(flags.get('queries') ?? 500);
const SECTION = 'search-pg';

const url = benchPgUrl();
if (!url) {
  emit({
    section: SECTION,
    name: 'PostgreSQL baseline',
    value: Number.NaN,
    unit: '',
    note: 'skipped (no PostgreSQL)',
  });
  process.exit(0);
}
const sql = connectPg(url);

async function setup(): Promise<{ unaccent: boolean }> {
  let unaccent = true;
  try {
    await sql`create extension if not exists unaccent`;
  } catch {
    unaccent = false;
  }
  await sql`drop table if exists bench_assets`;
  // unaccent() is only STABLE; the usual immutable wrapper lets a generated column use it.
  await sql.unsafe(
    unaccent
      ? `create or replace function bench_unaccent(text) returns text language sql immutable parallel safe strict
           as $$ select public.unaccent('public.unaccent'::regdictionary, $1) $$`
      : `create or replace function bench_unaccent(text) returns text language sql immutable parallel safe strict
           as $$ select $1 $$`,
  );
  await sql.unsafe(`create table bench_assets (
    id text primary key,
    title text not null,
    body text not null,
    region text, province text, category text, availability text,
    year int, lat double precision, lon double precision,
    tsv tsvector generated always as (to_tsvector('simple', bench_unaccent(body))) stored
  )`);
  return { unaccent };
}

async function main(): Promise<void> {
  const assets = generateAssets(nAssets);
  const keyWords = assets.map((a) => a.keyWords);
  const { unaccent } = await setup();

  const t0 = performance.now();
  for (let i = 0; i < assets.length; i += 2000) {
    const rows = assets.slice(i, i + 2000).map(({ doc: d }) => ({
      id: d.id,
      title: d.title,
      body: [
        d.title,
        d.description ?? '',
        ...(d.kindLabels ?? []),
        ...(d.categoryLabels ?? []),
        d.municipality ?? '',
      ].join(' '),
      region: d.region ?? null,
      province: d.province ?? null,
      category: d.category ?? null,
      availability: d.availability ?? null,
      year: d.year ?? null,
      lat: d.location?.lat ?? null,
      lon: d.location?.lon ?? null,
    }));
    await sql`insert into bench_assets ${sql(rows)}`;
  }
  const loadSeconds = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  await sql`create index bench_assets_tsv on bench_assets using gin (tsv)`;
  await sql`create index bench_assets_geo on bench_assets (lat, lon)`;
  await sql`create index bench_assets_region_year on bench_assets (region, year)`;
  await sql`analyze bench_assets`;
  const indexSeconds = (performance.now() - t1) / 1000;
  const [size] = await sql<{ bytes: string }[]>`select pg_total_relation_size('bench_assets')::text as bytes`;
  const sizeMb = Math.round(Number(size!.bytes) / 1e6);
  log(
    SECTION,
    `loaded ${nAssets} assets in ${loadSeconds.toFixed(1)} s, indexes in ${indexSeconds.toFixed(1)} s; table + indexes ${sizeMb} MB; unaccent ${unaccent}`,
  );

  // Replays engine.bench.ts's query generator: same seed, same draws in the same order.
  const r = rng(99);
  const pickIdx = () => Math.floor(r() * keyWords.length);
  const typoCases: Array<{ q: string; id: string }> = [];
  for (let k = 0; k < nQueries; k++) {
    const i = pickIdx();
    const kw = keyWords[i]!.map((w) => words(w).join(' '));
    const candidates = kw.map((w, j) => ({ w, j })).filter(({ w }) => typoBudget(w) > 0 && !w.includes(' '));
    if (candidates.length > 0) {
      const { w, j } = candidates[Math.floor(r() * candidates.length)]!;
      const budget = typoBudget(w);
      let typoed = w;
      for (let attempt = 0; attempt < 10; attempt++) {
        const candidate = misspell(w, budget === 2 && r() < 0.5 ? 2 : 1, r);
        const d = osaDistance(w, candidate, 2);
        if (d > 0 && d <= typoBudget(candidate)) {
          typoed = candidate;
          break;
        }
      }
      kw[j] = typoed;
    }
    typoCases.push({ q: kw.join(' '), id: `a-${i.toString().padStart(6, '0')}` });
  }
  const orQuery = (q: string) => [...new Set(words(q))].join(' | ');
  const typoSearch = (q: string) =>
    sql<{ id: string }[]>`
      select id from bench_assets, to_tsquery('simple', ${orQuery(q)}) query
      where tsv @@ query order by ts_rank(tsv, query) desc, id limit 20`;
  let first = 0;
  let top20 = 0;
  for (const c of typoCases) {
    const hits = await typoSearch(c.q);
    if (hits[0]?.id === c.id) first++;
    if (hits.some((h) => h.id === c.id)) top20++;
  }
  const typo = summary(await timeQueries(typoCases.map((c) => () => typoSearch(c.q))));

  const broad = [
    'capannone',
    'hangar',
    'tornio',
    'saldatrice',
    'carroponte',
    'quai',
    'cella frigorifera',
    'impianto',
    'porto',
    'atelier',
  ];
  const regions = [...new Set(PLACES.map((p) => p.region))];
  const facetQueries = Array.from({ length: nQueries }, () => {
    const q = broad[Math.floor(r() * broad.length)]!;
    const region = regions[Math.floor(r() * regions.length)]!;
    const minYear = 1990 + Math.floor(r() * 20);
    return async () => {
      const where = sql`tsv @@ plainto_tsquery('simple', bench_unaccent(${q})) and region = ${region} and year between ${minYear} and 2023`;
      await sql`select id from bench_assets where ${where}
        order by ts_rank(tsv, plainto_tsquery('simple', bench_unaccent(${q}))) desc, id limit 20`;
      await sql`select category, availability, province, count(*)::int as n from bench_assets where ${where}
        group by grouping sets ((category), (availability), (province), ())`;
    };
  });
  const facets = summary(await timeQueries(facetQueries));

  const geoQueries = Array.from({ length: nQueries }, () => {
    const p = PLACES[Math.floor(r() * PLACES.length)]!;
    const lat = p.lat + (r() - 0.5) * 0.1;
    const lon = p.lon + (r() - 0.5) * 0.1;
    const dLat = 30 / 111.32;
    const dLon = 30 / (111.32 * Math.cos((lat * Math.PI) / 180));
    return () => sql`
      select id, km from (
        select id, 2 * 6371 * asin(sqrt(
          sin(radians(lat - ${lat}) / 2) ^ 2 + cos(radians(${lat})) * cos(radians(lat)) * sin(radians(lon - ${lon}) / 2) ^ 2
        )) as km
        from bench_assets
        where lat between ${lat - dLat} and ${lat + dLat} and lon between ${lon - dLon} and ${lon + dLon}
      ) s where km <= 30 order by km, id limit 20`;
  });
  const geo = summary(await timeQueries(geoQueries));

  const prefixQueries = Array.from({ length: nQueries }, () => {
    const kw = keyWords[pickIdx()]!.map((w) => words(w)[0] ?? w).filter((w) => /^[a-z]/.test(w));
    const last = kw[kw.length - 1] ?? 'cap';
    const typed = last.slice(0, 3 + Math.floor(r() * 4));
    const q = (r() < 0.5 && kw.length > 1 ? `${kw[0]} ` : '') + typed;
    const ws = words(q);
    const tsq = ws.map((w, i) => (i === ws.length - 1 ? `${w}:*` : w)).join(' & ');
    return () => sql`
      select id from bench_assets, to_tsquery('simple', ${tsq}) query
      where tsv @@ query order by ts_rank(tsv, query) desc, id limit 10`;
  });
  const prefix = summary(await timeQueries(prefixQueries));

  const ms = 'ms';
  emit([
    {
      section: SECTION,
      name: 'typo query',
      value: typo.p50,
      p95: typo.p95,
      cpuP50: typo.cpuP50,
      cpuP95: typo.cpuP95,
      unit: ms,
      note: `OR of the words, ts_rank; intended record first ${((100 * first) / nQueries).toFixed(1)}%, in top 20 ${((100 * top20) / nQueries).toFixed(1)}%`,
    },
    { section: SECTION, name: 'text + 2 filters + 3 facets', value: facets.p50, p95: facets.p95, unit: ms },
    { section: SECTION, name: 'geo 30 km sorted by distance', value: geo.p50, p95: geo.p95, unit: ms },
    { section: SECTION, name: 'prefix as you type (assets)', value: prefix.p50, p95: prefix.p95, unit: ms },
    {
      section: SECTION,
      name: 'build',
      value: Math.round((loadSeconds + indexSeconds) * 100) / 100,
      unit: 's',
      note: `insert ${loadSeconds.toFixed(1)} s + GIN/btree indexes ${indexSeconds.toFixed(1)} s`,
    },
    {
      section: SECTION,
      name: 'memory',
      value: sizeMb,
      unit: 'MB',
      note: `table + indexes on the server (Node client rss ${rssMb()} MB)`,
    },
    {
      section: SECTION,
      name: 'typo: intended record first',
      value: Math.round((1000 * first) / nQueries) / 10,
      unit: '%',
    },
  ]);
  await sql`drop table bench_assets`;
  await sql.end();
}

await main();
