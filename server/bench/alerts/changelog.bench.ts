/**
 * Saved-search alerts as production runs them (issue 16): N saved searches in `saved_searches`, M asset
 * changes written with their change-log rows, and the alerts' real reader — `createOutboxRelay` with the
 * `alerts` shared reader feeding `createAlertEvaluator(...).apply`, what alerts-runtime.ts starts — drained
 * from the start of the log: batched reads of the records (loadIndexDocuments), the matcher, the unread
 * check and the notification inserts. PGlite in memory, from the test template (schema + reference data;
 * `npx vitest run` any server test once builds it).
 *   node --import tsx bench/alerts/changelog.bench.ts [--searches=10000] [--changes=100000]
 */
import { readFileSync } from 'node:fs';
import { count, sql } from 'drizzle-orm';
import { openDatabase } from '../../src/db/client.js';
import {
  assets,
  desks,
  municipalities,
  notifications,
  outbox,
  savedSearches,
  users,
} from '../../src/db/schema.js';
import { ASSET_CATEGORIES, ASSET_KINDS } from '../../src/domain/vocabulary.js';
import { createOutboxRelay } from '../../src/indexing/outbox-relay.js';
import { createAlertEvaluator } from '../../src/modules/alerts/alert-evaluator.js';
import { pgliteTemplatePath, templateKey } from '../../test/helpers/template.js';
import { rng } from '../search/generator.js';
import { emit, parseFlags, round } from '../lib/harness.js';

const flags = parseFlags(process.argv.slice(2));
const SEARCHES = Number(flags.get('searches') ?? 10_000);
const CHANGES = Number(flags.get('changes') ?? 100_000);
const SECTION = 'alerts';
const r = rng(7);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

const handle = await openDatabase(
  { kind: 'pglite', dataDir: null },
  { pgliteTemplate: new Blob([readFileSync(pgliteTemplatePath(templateKey()))]) },
);
const db = handle.db;
const places = await db
  .select({ code: municipalities.code, name: municipalities.name })
  .from(municipalities)
  .where(
    sql`${municipalities.country} = 'IT' and ${municipalities.provinceAbbr} in ('SP','GE','LI','NA','TA')`,
  );
const [desk] = await db
  .insert(desks)
  .values({ code: 'BENCH', name: 'Sportello', country: 'IT', regionName: 'Liguria' })
  .returning();

// Owners: operators of the desk and companies (at most 200 searches each, as the service allows).
const owners = await db
  .insert(users)
  .values(
    Array.from({ length: Math.ceil(SEARCHES / 150) }, (_, i) => ({
      email: `bench.${i}@example.org`,
      displayName: `Utente ${i}`,
      role: i % 3 === 0 ? 'company' : 'operator',
      deskId: i % 3 === 0 ? null : desk!.id,
    })),
  )
  .returning({ id: users.id });
const WORDS = ['capannone', 'tornio', 'gru', 'banchina', 'frigorifero', 'saldatrice', 'magazzino', 'pressa'];
/** Shapes a desk saves: a kind in a town, a category and availability, a size, a word in a town, a word. */
function savedQuery(): Record<string, string> {
  const shape = r();
  if (shape < 0.35) return { kind: pick(ASSET_KINDS), municipality: pick(places).name };
  if (shape < 0.6)
    return { category: pick(ASSET_CATEGORIES), availability: pick(['sale', 'lease', 'auction']) };
  if (shape < 0.8) return { municipality: pick(places).name, q: pick(WORDS) };
  if (shape < 0.98) return { kind: pick(ASSET_KINDS), coveredAreaM2: `${int(5, 200) * 100}..` };
  return { q: `${pick(WORDS)} ${pick(WORDS)}` };
}
for (let i = 0; i < SEARCHES; i += 1000)
  await db.insert(savedSearches).values(
    Array.from({ length: Math.min(1000, SEARCHES - i) }, (_, k) => ({
      userId: owners[Math.floor((i + k) / 150)]!.id,
      index: 'assets',
      name: `Ricerca ${i + k}`,
      query: savedQuery(),
      unsubscribeTokenHash: `bench-${i + k}`,
    })),
  );

// The changes: assets written with their change-log rows, as the services write them.
let started = performance.now();
for (let i = 0; i < CHANGES; i += 1000) {
  const rows = await db
    .insert(assets)
    .values(
      Array.from({ length: Math.min(1000, CHANGES - i) }, (_, k) => {
        const place = pick(places);
        const kind = pick(ASSET_KINDS);
        return {
          deskId: desk!.id,
          inventoryNumber: `B-${i + k}`,
          kind,
          category: pick(ASSET_CATEGORIES),
          title: `${pick(WORDS)} ${pick(WORDS)} ${place.name}`,
          municipalityCountry: 'IT',
          municipalityCode: place.code,
          lat: 44 + r(),
          lon: 9 + r(),
          availability: pick(['sale', 'lease', 'auction']),
          coveredAreaM2: kind === 'building' || kind === 'area' ? int(2, 400) * 100 : null,
        };
      }),
    )
    .returning({ id: assets.id, version: assets.version });
  await db
    .insert(outbox)
    .values(rows.map((a) => ({ aggregateType: 'asset', aggregateId: a.id, version: a.version })));
}
const writeMs = performance.now() - started;

const evaluator = createAlertEvaluator(db);
// A failing batch stops a drain (the relay backs off and retries it): a run with errors measures nothing.
const errors: unknown[] = [];
const relay = createOutboxRelay(db, null, {
  reader: { name: 'alerts', kind: 'shared' },
  alsoNotify: evaluator.apply,
  onError: (error) => errors.push(error),
});
const cpu0 = process.cpuUsage();
started = performance.now();
await relay.drain();
const wallMs = performance.now() - started;
const cpu = process.cpuUsage(cpu0);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const [made] = await db.select({ n: count() }).from(notifications);
await handle.close();
if (errors.length > 0) {
  console.error(`the alerts reader failed ${errors.length} time(s):`, errors[0]);
  process.exit(1);
}

const rate = (CHANGES / wallMs) * 1000;
emit([
  {
    section: SECTION,
    name: `change log → alerts evaluator, ${SEARCHES.toLocaleString('en')} saved searches × ${CHANGES.toLocaleString('en')} asset changes`,
    value: round(rate, 0),
    unit: 'changes/s',
    note: `wall ${round(wallMs / 1000, 1)} s, CPU ${round(cpuSeconds, 1)} s (${round(CHANGES / cpuSeconds, 0)} changes per CPU-second); ${made?.n ?? 0} notifications; writing the changes took ${round(writeMs / 1000, 1)} s (not counted)`,
  },
]);
console.log(
  `alerts from the change log: ${round(rate, 0)} changes/s, wall ${round(wallMs / 1000, 1)} s, CPU ${round(cpuSeconds, 1)} s, ${made?.n ?? 0} notifications`,
);
