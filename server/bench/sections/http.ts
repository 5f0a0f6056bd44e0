/**
 * HTTP: the real app (buildApp, embedded search adapter, PGlite in memory) loaded with a generated data
 * set, listening on 127.0.0.1, under autocannon (20 connections) in a separate process, on
 * GET /api/v1/search/assets?q=…&facets=…&<two filters> as a marketing officer signed in with a real session (the session
 * lookup every user's request makes is part of what is measured).
 *   node --import tsx bench/sections/http.ts --assets=20000 --seconds=30 [--connections=20] [--cpu-prof=FILE]
 * With --cpu-prof, the server's CPU during the load is written to FILE (.cpuprofile).
 */
import { hashPassword } from '../../src/auth/passwords.js';
import { users } from '../../src/db/schema.js';
import type { AddressInfo } from 'node:net';
import { createKnowledgeCache } from '../../src/modules/matching/knowledge.cache.js';
import { createMatchFeed } from '../../src/modules/matching/index/match-index.feed.js';
import { buildApp } from '../../src/app.js';
import { openDatabase, type Database } from '../../src/db/client.js';
import { seedDemoData } from '../../src/demo/demo.seeder.js';
import { rebuildAllIndexes } from '../../src/indexing/reindex.js';
import { loadReferenceData } from '../../src/reference/reference.loader.js';
import { EmbeddedSearchAdapter } from '../../src/search/embedded.adapter.js';
import { runChild } from '../lib/child.js';
import { profiled } from '../lib/profile.js';
import { emit, log, parseFlags, percentile, round } from '../lib/harness.js';

const flags = parseFlags(process.argv.slice(2));
const nAssets = Number(flags.get('assets') ?? 20_000);
const seconds = Number(flags.get('seconds') ?? 30);
const connections = Number(flags.get('connections') ?? 20);
const SECTION = 'http';
const say = (line: string) => log(SECTION, line);

/** What marketing officers type (Italian, French, English, one typo) with the facets the UI asks for. */
const QUERIES = [
  'capannone',
  'capannone banchina',
  'tornio cnc',
  'carroponte',
  'cella frigorifera',
  'hangar',
  'entrepôt',
  'pont roulant',
  'quai',
  'chambre froide',
  'warehouse',
  'overhead crane',
  'saldatura',
  'compressore',
  'carrello elevatore',
  'travel lift',
  'capanone',
  'frigorifera',
  'piegatrice',
  'forno',
];
const FACETS = ['category,availability,region', 'kind,province,quayAccess', 'category,condition,region'];
/** Two filters per search, as a marketing officer narrows a list (broad ones: most assets pass). */
const FILTERS: Record<string, string>[] = [
  { status: 'available', region: 'Liguria,Toscana' },
  { availability: 'sale,lease', status: 'available' },
  { region: "Sardegna,Corse,Provence-Alpes-Côte d'Azur", availability: 'sale,lease,free_loan' },
];

async function main(): Promise<void> {
  const database = await openDatabase({ kind: 'pglite', dataDir: null });
  let t = performance.now();
  await database.migrate();
  await loadReferenceData(database.db);
  say(`reference data loaded in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  t = performance.now();
  const seeded = await seedDemoData(database.db, {
    profiles: Math.round(nAssets / 4),
    assets: nAssets,
    needs: Math.round(nAssets / 20),
    firms: Math.max(150, Math.round(nAssets / 50)),
    opportunities: 100,
  });
  say(`demo data: ${JSON.stringify(seeded.counts)} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const search = new EmbeddedSearchAdapter();
  t = performance.now();
  const indexed = await rebuildAllIndexes(database.db, search);
  say(
    `indexes rebuilt from the database in ${((performance.now() - t) / 1000).toFixed(1)} s: ${JSON.stringify(indexed)}`,
  );

  const base0 = 'http://127.0.0.1';
  const app = await buildApp({
    database,
    matchFeed: createMatchFeed(database.db, createKnowledgeCache(database.db)),
    search,
    uiDir: undefined,
    mapTilesUrl: undefined,
    demo: false,
    auth: {
      secret: 'bench',
      ledgerKey: 'bench',
      email: { send: async () => {} },
      publicUrl: base0,
      secureCookies: false,
    },
    // The load comes from one client: configuration lifts the rate limit (no code path is skipped).
    limits: { perMinute: 10_000_000 },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  const cookie = await signIn(database.db, base);
  const paths = QUERIES.flatMap((q, i) => {
    const params = new URLSearchParams({
      q,
      facets: FACETS[i % FACETS.length]!,
      ...FILTERS[(i + 1) % FILTERS.length]!,
      limit: '20',
    });
    return [`/api/v1/search/assets?${params}`];
  });

  // One pass first: every path answers 200, and the engine's own time (`took`) for reference.
  const took: number[] = [];
  let totals = 0;
  for (const path of paths) {
    const res = await fetch(base + path, { headers: { cookie } });
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
    const body = (await res.json()) as { took: number; total: number };
    took.push(body.took);
    totals += body.total;
  }
  say(
    `${paths.length} distinct queries; mean total ${Math.round(totals / paths.length)} hits; engine took p50 ${round(percentile(took, 50))} ms`,
  );

  const cpuBefore = process.cpuUsage();
  const load = await profiled(flags.get('cpu-prof'), () =>
    runChild(
      'bench/http/load.ts',
      [base, String(connections), String(seconds), JSON.stringify(paths), cookie],
      {
        label: 'autocannon',
      },
    ),
  );
  const serverCpu = process.cpuUsage(cpuBefore);
  const resultLine = load.lines.find((l) => l.startsWith('{'));
  await app.close();
  await search.close();
  await database.close();
  if (!resultLine || load.exitCode !== 0) throw new Error(`autocannon failed: ${load.lines.join('\n')}`);
  const r = JSON.parse(resultLine) as {
    requestsPerSecond: number;
    total: number;
    latency: { p50: number; p97_5: number; p99: number; max: number };
    errors: number;
    timeouts: number;
    non2xx: number;
  };
  const serverCpuSeconds = (serverCpu.user + serverCpu.system) / 1e6;
  const where = `GET /api/v1/search/assets?q=…, two filters, three facets, over ${(indexed.asset ?? 0).toLocaleString('en')} indexed assets (${seeded.counts.assets.toLocaleString('en')} generated), ${connections} connections, ${seconds} s`;
  emit([
    {
      section: SECTION,
      name: 'search/assets throughput',
      value: round(r.requestsPerSecond, 0),
      unit: 'req/s',
      note: `${where}; ${r.total} requests; server CPU ${serverCpuSeconds.toFixed(1)} s (${((1000 * serverCpuSeconds) / Math.max(1, r.total)).toFixed(2)} ms/request), autocannon CPU ${load.cpuSeconds} s`,
    },
    {
      section: SECTION,
      name: 'search/assets latency p50 / p97.5 / p99',
      value: r.latency.p50,
      unit: 'ms',
      note: `p97.5 ${r.latency.p97_5} ms, p99 ${r.latency.p99} ms, max ${r.latency.max} ms; engine time inside (took) p50 ${round(percentile(took, 50))} ms`,
    },
    {
      section: SECTION,
      name: 'search/assets errors',
      value: r.errors + r.timeouts + r.non2xx,
      unit: '',
      note: `errors ${r.errors}, timeouts ${r.timeouts}, non-2xx ${r.non2xx}`,
    },
  ]);
}

/** A marketing officer's account, signed in over HTTP: the session cookie the load sends. */
async function signIn(db: Database, base: string): Promise<string> {
  const email = 'bench.marketing@rilancio.test';
  const password = 'bench-marketing-password';
  await db.insert(users).values({
    email,
    displayName: 'Bench marketing',
    role: 'marketing',
    passwordHash: await hashPassword(password),
  });
  const res = await fetch(`${base}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in answered ${res.status}: ${await res.text()}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

await main();
