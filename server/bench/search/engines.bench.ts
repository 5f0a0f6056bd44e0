/**
 * One search engine behind the search port — the same `SearchPort` the search service (and so
 * GET /api/v1/search/assets) calls — on the generated assets, with the query sets of the side-by-side
 * comparison (sections/meilisearch.ts). Runs in its own process, so its RSS is the embedded engine's.
 *   node --expose-gc --import tsx bench/search/engines.bench.ts --engine=embedded|meilisearch \
 *        --assets=100000 --queries=500
 * Meilisearch: MEILI_URL, MEILI_API_KEY; its RSS is read from /proc for the process listening on
 * MEILI_URL's port (or MEILI_PID). Indexes go under a prefix unique to the run and are dropped at the end.
 * Prints `@@ENGINE <json>` last.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { EmbeddedSearchAdapter } from '../../src/search/embedded.adapter.js';
import { MeilisearchAdapter } from '../../src/search/meilisearch.adapter.js';
import { rebuildIndex } from '../../src/search/search.factory.js';
import type { SearchPort, SearchQuery } from '../../src/search/search.port.js';
import { osaDistance, typoBudget, words } from '../../src/search/text.js';
import { parseFlags, percentile, round } from '../lib/harness.js';
import { PLACES, generateAssets, misspell, rng, BROAD_QUERIES } from './generator.js';

const flags = parseFlags(process.argv.slice(2));
const engine = flags.get('engine') === 'meilisearch' ? 'meilisearch' : 'embedded';
const nAssets = Number(flags.get('assets') ?? 100_000);
const nQueries = Number(flags.get('queries') ?? 500);
/** The production re-index path (indexing/reindex.ts) reads and writes pages of 1000. */
const PAGE = 1000;

/**
 * Common misspellings typed by people, Italian and French, with what they meant. A hit is right when the
 * engine's first hit also matches the correct spelling (on that same engine). Some are typos on the first
 * letters or split words, where the engines are known to differ (search.port.ts).
 */
export const MISSPELLINGS: ReadonlyArray<readonly [typed: string, meant: string]> = [
  ['capanone', 'capannone'],
  ['capannone industrale', 'capannone industriale'],
  ['fresatrise', 'fresatrice'],
  ['frezatrice', 'fresatrice'],
  ['retificatrice', 'rettificatrice'],
  ['saldatrcie', 'saldatrice'],
  ['caroponte', 'carroponte'],
  ['carro ponte', 'carroponte'],
  ['frantojo', 'frantoio'],
  ['abatitore', 'abbattitore'],
  ['fotovoltaco', 'fotovoltaico'],
  ['eletrogeno', 'elettrogeno'],
  ['grupo elettrogeno', 'gruppo elettrogeno'],
  ['piegatrcie', 'piegatrice'],
  ['confezionamneto', 'confezionamento'],
  ['frigorifira', 'frigorifera'],
  ['oficina meccanica', 'officina meccanica'],
  ['tronio cnc', 'tornio cnc'],
  ['fraiseusse', 'fraiseuse'],
  ['rectifiese', 'rectifieuse'],
  ['plieusse', 'plieuse'],
  ['electrogene', 'électrogène'],
  ['photovoltaique', 'photovoltaïque'],
  ['chantier navale', 'chantier naval'],
  ['hengar industriel', 'hangar industriel'],
  ['Liebher', 'Liebherr'],
  ['Jungenrich', 'Jungheinrich'],
  ['Salvanini', 'Salvagnini'],
  ['Fronuis', 'Fronius'],
  ['Pieralissi', 'Pieralisi'],
  ['Trumph', 'Trumpf'],
  ['Mazack', 'Mazak'],
  ['Ocuma', 'Okuma'],
  ['Vestsa', 'Vestas'],
];

interface Row {
  name: string;
  p50: number;
  p95: number;
  p99: number;
}

async function timeAll(name: string, queries: ReadonlyArray<() => Promise<unknown>>): Promise<Row> {
  for (const q of queries.slice(0, 20)) await q();
  const wall: number[] = [];
  for (const q of queries) {
    const t = performance.now();
    await q();
    wall.push(performance.now() - t);
  }
  const row = {
    name,
    p50: round(percentile(wall, 50)),
    p95: round(percentile(wall, 95)),
    p99: round(percentile(wall, 99)),
  };
  console.log(
    `${name.padEnd(36)} p50 ${row.p50.toFixed(2).padStart(7)}  p95 ${row.p95.toFixed(2).padStart(7)}  p99 ${row.p99.toFixed(2).padStart(7)} ms`,
  );
  return row;
}

/** VmRSS and VmHWM (peak) of a process, in MB. */
function procMemory(pid: number): { rssMb: number; peakMb: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMb: Math.round(kb('VmRSS') / 1024), peakMb: Math.round(kb('VmHWM') / 1024) };
  } catch {
    return undefined;
  }
}

/** The process listening on a local TCP port (Linux /proc), for the Meilisearch process's RSS. */
function pidListeningOn(port: number): number | undefined {
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      // local_address is ADDR:PORT; state 0A is LISTEN; inode is the 10th column.
      if (cols[1]?.endsWith(`:${hex}`) && cols[3] === '0A' && cols[9]) inodes.add(cols[9]);
    }
  }
  if (inodes.size === 0) return undefined;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${entry}/fd/${fd}`));
        if (m && inodes.has(m[1]!)) return Number(entry);
      } catch {
        // the descriptor closed meanwhile
      }
    }
  }
  return undefined;
}

async function open(): Promise<{ port: SearchPort; meiliPid?: number; dispose(): Promise<void> }> {
  if (engine === 'embedded') return { port: new EmbeddedSearchAdapter(), dispose: async () => {} };
  const url = process.env.MEILI_URL;
  if (!url) throw new Error('MEILI_URL is unset');
  const adapter = await MeilisearchAdapter.connect({
    host: url,
    ...(process.env.MEILI_API_KEY ? { apiKey: process.env.MEILI_API_KEY } : {}),
    indexPrefix: `bench_${process.pid}_`,
    requestTimeoutMs: 30_000,
    taskTimeoutMs: 900_000,
  });
  const pid = process.env.MEILI_PID
    ? Number(process.env.MEILI_PID)
    : pidListeningOn(Number(new URL(url).port || 7700));
  return { port: adapter, ...(pid ? { meiliPid: pid } : {}), dispose: () => adapter.dropIndexes() };
}

async function main(): Promise<void> {
  const generated = generateAssets(nAssets);
  const keyWords = generated.map((a) => a.keyWords);
  const { port, meiliPid, dispose } = await open();
  try {
    const version = (await port.health()).version;
    console.log(
      `${engine}${version ? ` ${version}` : ''}: ${nAssets} assets, ${nQueries} queries per set${meiliPid ? `, meilisearch pid ${meiliPid}` : ''}`,
    );

    // Indexing: the start-up / admin re-index path (shadow index, pages of 1000, atomic swap).
    const t = performance.now();
    const pages = function* () {
      for (let i = 0; i < generated.length; i += PAGE) yield generated.slice(i, i + PAGE).map((a) => a.doc);
    };
    await rebuildIndex(port, 'assets', pages());
    const indexSeconds = (performance.now() - t) / 1000;
    generated.length = 0;
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    gc?.();
    const nodeAfterIndex = procMemory(process.pid);
    const meiliAfterIndex = meiliPid ? procMemory(meiliPid) : undefined;
    console.log(
      `indexed in ${indexSeconds.toFixed(1)} s; count ${await port.count('assets')}; node rss ${nodeAfterIndex?.rssMb} MB` +
        (meiliAfterIndex ? `; meilisearch rss ${meiliAfterIndex.rssMb} MB` : ''),
    );

    const r = rng(99);
    const pickIdx = () => Math.floor(r() * keyWords.length);
    const rows: Row[] = [];

    // 1. Generated typo queries: the words that identify one record, one of them misspelt within its
    //    budget (the same seeded list for both engines).
    const typoCases: Array<{ q: string; id: string }> = [];
    for (let k = 0; k < nQueries; k++) {
      const i = pickIdx();
      const kw = keyWords[i]!.map((w) => words(w).join(' '));
      const candidates = kw
        .map((w, j) => ({ w, j }))
        .filter(({ w }) => typoBudget(w) > 0 && !w.includes(' '));
      if (candidates.length > 0) {
        const { w, j } = candidates[Math.floor(r() * candidates.length)]!;
        const budget = typoBudget(w);
        for (let attempt = 0; attempt < 10; attempt++) {
          const candidate = misspell(w, budget === 2 && r() < 0.5 ? 2 : 1, r);
          const d = osaDistance(w, candidate, 2);
          if (d > 0 && d <= typoBudget(candidate)) {
            kw[j] = candidate;
            break;
          }
        }
      }
      typoCases.push({ q: kw.join(' '), id: `a-${i.toString().padStart(6, '0')}` });
    }
    let first = 0;
    let top20 = 0;
    for (const c of typoCases) {
      const res = await port.search('assets', { q: c.q, limit: 20 });
      if (res.hits[0]?.id === c.id) first++;
      if (res.hits.some((h) => h.id === c.id)) top20++;
    }
    rows.push(
      await timeAll(
        'typo query',
        typoCases.map((c) => () => port.search('assets', { q: c.q, limit: 20 })),
      ),
    );

    // 2. The fixed list of human misspellings.
    let misspellingsRight = 0;
    const misspellingMisses: string[] = [];
    for (const [typed, meant] of MISSPELLINGS) {
      const top = (await port.search('assets', { q: typed, limit: 1 })).hits[0];
      const right =
        top !== undefined &&
        (
          await port.search('assets', {
            q: meant,
            filters: [{ field: 'id', op: 'eq', value: top.id }],
            limit: 0,
          })
        ).total === 1;
      if (right) misspellingsRight++;
      else misspellingMisses.push(typed);
    }
    console.log(
      `misspellings: ${misspellingsRight}/${MISSPELLINGS.length} right; missed: ${misspellingMisses.join(', ') || 'none'}`,
    );

    // 3. Text + 2 filters + 3 facets.
    const broad = BROAD_QUERIES;
    const regions = [...new Set(PLACES.map((p) => p.region))];
    rows.push(
      await timeAll(
        'text + 2 filters + 3 facets',
        Array.from({ length: nQueries }, () => {
          const query: SearchQuery = {
            q: broad[Math.floor(r() * broad.length)]!,
            filters: [
              { field: 'region', op: 'eq', value: regions[Math.floor(r() * regions.length)]! },
              { field: 'year', op: 'range', min: 1990 + Math.floor(r() * 20), max: 2023 },
            ],
            facets: ['category', 'availability', 'province'],
            limit: 20,
          };
          return () => port.search('assets', query);
        }),
      ),
    );

    // 4. Facets alone over a large set (a region: thousands of records), no text, no hits.
    rows.push(
      await timeAll(
        'facets only, region filter, 4 facets',
        Array.from({ length: nQueries }, () => {
          const query: SearchQuery = {
            filters: [{ field: 'region', op: 'eq', value: regions[Math.floor(r() * regions.length)]! }],
            facets: ['category', 'availability', 'province', 'municipality'],
            limit: 0,
          };
          return () => port.search('assets', query);
        }),
      ),
    );

    // 5. Geo radius 30 km sorted by distance.
    rows.push(
      await timeAll(
        'geo 30 km sorted by distance',
        Array.from({ length: nQueries }, () => {
          const p = PLACES[Math.floor(r() * PLACES.length)]!;
          const from = { lat: p.lat + (r() - 0.5) * 0.1, lon: p.lon + (r() - 0.5) * 0.1 };
          const query: SearchQuery = {
            filters: [{ op: 'geoRadius', ...from, km: 30 }],
            sort: { by: 'distance', from },
            limit: 20,
          };
          return () => port.search('assets', query);
        }),
      ),
    );

    // 6. Geo radius 50 km + text + 2 facets.
    rows.push(
      await timeAll(
        'geo 50 km + text + 2 facets',
        Array.from({ length: nQueries }, () => {
          const p = PLACES[Math.floor(r() * PLACES.length)]!;
          const query: SearchQuery = {
            q: broad[Math.floor(r() * broad.length)]!,
            filters: [{ op: 'geoRadius', lat: p.lat, lon: p.lon, km: 50 }],
            facets: ['category', 'availability'],
            limit: 20,
          };
          return () => port.search('assets', query);
        }),
      ),
    );

    // 7. Prefix as you type: the first 3–6 letters of a title word, after 0–1 full words.
    rows.push(
      await timeAll(
        'prefix as you type',
        Array.from({ length: nQueries }, () => {
          const kw = keyWords[pickIdx()]!.map((w) => words(w)[0] ?? w).filter((w) => /^[a-z]/.test(w));
          const last = kw[kw.length - 1] ?? 'cap';
          const typed = last.slice(0, 3 + Math.floor(r() * 4));
          const q = (r() < 0.5 && kw.length > 1 ? `${kw[0]} ` : '') + typed;
          return () => port.search('assets', { q, limit: 10 });
        }),
      ),
    );

    // 8. Suggestions (the autocomplete endpoint's call).
    rows.push(
      await timeAll(
        'suggest (assets)',
        Array.from({ length: nQueries }, () => {
          const word = broad[Math.floor(r() * broad.length)]!;
          const q = word.slice(0, 3 + Math.floor(r() * 3));
          return () => port.suggest(q, ['assets'], 10);
        }),
      ),
    );

    const nodeEnd = procMemory(process.pid);
    const meiliEnd = meiliPid ? procMemory(meiliPid) : undefined;
    let meiliDiskMb: number | undefined;
    if (engine === 'meilisearch') {
      try {
        const res = await fetch(`${process.env.MEILI_URL}/stats`, {
          headers: process.env.MEILI_API_KEY ? { Authorization: `Bearer ${process.env.MEILI_API_KEY}` } : {},
        });
        const stats = (await res.json()) as { databaseSize?: number };
        if (stats.databaseSize) meiliDiskMb = Math.round(stats.databaseSize / 1e6);
      } catch {
        // a scoped key may not read /stats
      }
    }
    console.log(
      `memory at the end: node rss ${nodeEnd?.rssMb} MB (peak ${nodeEnd?.peakMb})` +
        (meiliEnd
          ? `; meilisearch rss ${meiliEnd.rssMb} MB (peak ${meiliEnd.peakMb}), database ${meiliDiskMb ?? '?'} MB`
          : ''),
    );
    console.log(
      `@@ENGINE ${JSON.stringify({
        engine,
        version,
        assets: nAssets,
        queries: nQueries,
        indexSeconds: round(indexSeconds, 1),
        typoFirst: first / nQueries,
        typoTop20: top20 / nQueries,
        misspellingsRight,
        misspellings: MISSPELLINGS.length,
        misspellingMisses,
        rows,
        nodeRssMb: nodeEnd?.rssMb,
        nodePeakRssMb: nodeEnd?.peakMb,
        nodeRssAfterIndexMb: nodeAfterIndex?.rssMb,
        meiliRssMb: meiliEnd?.rssMb,
        meiliPeakRssMb: meiliEnd?.peakMb,
        meiliRssAfterIndexMb: meiliAfterIndex?.rssMb,
        meiliDiskMb,
      })}`,
    );
  } finally {
    await dispose();
  }
}

await main();
