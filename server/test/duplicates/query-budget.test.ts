import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/raw.js';
import { QUICK_STATISTICS_TARGET } from '../../src/db/statistics.js';
import {
  assetCandidatesQuery,
  firmCandidatesQuery,
  personCandidatesQuery,
  PER_KEY,
  walkingKeyIndexes,
} from '../../src/modules/duplicates/duplicates.repository.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { makeDesk } from '../helpers/factories.js';

/**
 * The duplicates endpoints make the same number of queries whatever the table sizes, no query returns
 * more than the per-key cap, and the candidate queries walk the key indexes, never the table (a
 * `Seq Scan` on profiles, assets or firms fails here). Two worlds ten times apart; realistic repetition:
 * a hundred name pairs for thousands of people, so a common name has dozens of namesakes.
 */
interface World {
  t: TestApp;
  log: { sql: string; rows?: number }[];
  recording: boolean;
  ids: { profile: string; asset: string; firm: string };
}

const FIRST = ['Marco', 'Giulia', 'Luca', 'Sara', 'Paolo', 'Anna', 'Jean', 'Marie', 'Pierre', 'Chiara'];
const LAST = [
  'Rossi',
  'Bianchi',
  'Ferrari',
  'Russo',
  'Esposito',
  'Martin',
  'Bernard',
  'Dubois',
  'Costa',
  'Gallo',
];
const arr = (xs: string[]) => sql.raw(`array[${xs.map((x) => `'${x}'`).join(',')}]`);

async function world(n: number): Promise<World> {
  const w = { log: [], recording: false } as unknown as World;
  w.t = await createTestApp({ onQuery: (e) => void (w.recording && w.log.push(e)) });
  const db = w.t.database.handle.db;
  const desks = [(await makeDesk(db)).id, (await makeDesk(db)).id];
  for (const [d, deskId] of desks.entries())
    await db.execute(sql`insert into profiles (code, desk_id, external_ref, first_name, last_name, email, phone,
        municipality_country, municipality_code, lat, lon, employment_status)
      select 'P-' || ${d} || lpad(g::text, 7, '0'), ${deskId}, 'BULK-' || g,
        (${arr(FIRST)})[1 + g % 10], (${arr(LAST)})[1 + (g / 10) % 10],
        'person' || ${d} || '.' || g || '@example.org', '+39 010 ' || ${d} || lpad(g::text, 7, '0'),
        'IT', case when g % 3 = 0 then '011015' else '010025' end, 44.1, 9.8, 'unemployed'
      from generate_series(1, ${n / 2}) g`);
  await db.execute(sql`insert into assets (desk_id, inventory_number, kind, category, title, brand, model,
      covered_area_m2, municipality_country, municipality_code, lat, lon, availability)
    select ${desks[0]}, 'INV-' || g, 'building', 'warehouse', 'Capannone ' || g, 'Marca' || (g % 20), 'M' || (g % 50),
      500 + (g % 40) * 50, 'IT', case when g % 3 = 0 then '011015' else '010025' end, 44.1, 9.8, 'sale'
    from generate_series(1, ${n}) g`);
  await db.execute(sql`insert into firms (desk_id, name, country, municipality_country, municipality_code)
    select ${desks[0]}, 'Impresa ' || (g % 200) || ' S.r.l.', 'IT', 'IT', case when g % 3 = 0 then '011015' else '010025' end
    from generate_series(1, ${n}) g`);
  for (const table of ['profiles', 'assets', 'firms']) await db.execute(sql.raw(`analyze ${table}`));
  const one = async (table: string) =>
    String(
      (await queryRows<{ id: string }>(db, sql.raw(`select id from ${table} order by id limit 1`)))[0]!.id,
    );
  w.ids = { profile: await one('profiles'), asset: await one('assets'), firm: await one('firms') };
  return w;
}

async function measure(w: World, url: string) {
  w.log.length = 0;
  w.recording = true;
  const res = await w.t.call({ role: 'admin' }, { method: 'GET', url });
  w.recording = false;
  expect(res.statusCode, res.body).toBe(200);
  return { queries: w.log.length, maxRows: Math.max(...w.log.map((e) => e.rows ?? 0)), body: res.json() };
}

async function plan(w: World, query: SQL) {
  const rows = await queryRows<Record<string, string>>(w.t.database.handle.db, sql`explain ${query}`);
  return rows.map((r) => Object.values(r)[0]).join('\n');
}

const SMALL = 300;
const LARGE = 3000;
let small: World;
let large: World;

beforeAll(async () => {
  small = await world(SMALL);
  large = await world(LARGE);
}, 300_000);
afterAll(async () => {
  await small?.t.close();
  await large?.t.close();
});

describe.skipIf(!!process.env.DATABASE_URL)('query budget of the duplicates endpoints (PGlite)', () => {
  for (const entity of ['profiles', 'assets', 'firms'] as const)
    it(`${entity}: a fixed number of queries, none larger than the per-key cap`, async () => {
      const key = ({ profiles: 'profile', assets: 'asset', firms: 'firm' } as const)[entity];
      const a = await measure(small, `/api/v1/${entity}/${small.ids[key]}/duplicates`);
      const b = await measure(large, `/api/v1/${entity}/${large.ids[key]}/duplicates`);
      expect(b.queries, JSON.stringify({ small: a.queries, large: b.queries })).toBe(a.queries);
      expect(b.maxRows).toBeLessThanOrEqual(3 * PER_KEY);
      // The large world does have more namesakes than the cap: the cap, not the data, bounds the rows.
      if (entity !== 'firms') expect(b.body.items.length + (b.body.elsewhere ? 1 : 0)).toBeGreaterThan(0);
    });

  const SKIPPED = ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002'];

  it('the candidate queries use the key indexes, not a scan of the table', async () => {
    const people = await plan(
      large,
      personCandidatesQuery([
        {
          firstName: 'Marco',
          lastName: 'Rossi',
          email: 'x@example.org',
          phone: '010 1234567',
          municipality: 'IT:011015',
          excludeId: null,
        },
      ]),
    );
    expect(people, people).not.toMatch(/Seq Scan on profiles/);
    for (const index of ['profiles_dup_name_', 'profiles_dup_email_idx', 'profiles_dup_phone_idx'])
      expect(people).toContain(index);
    const assets = await plan(
      large,
      assetCandidatesQuery(
        [
          {
            kind: 'building',
            municipality: { country: 'IT', code: '011015' },
            coveredAreaM2: 1000,
            landAreaM2: null,
            brand: 'Marca1',
            model: 'M1',
            year: null,
            ownerFirmId: null,
            excludeId: null,
          },
        ],
        // Records a pipelined import's batch in flight updates (LookupOptions.skip): the same index walks.
        SKIPPED,
      ),
    );
    expect(assets, assets).not.toMatch(/Seq Scan on assets/);
    for (const index of ['assets_dup_place_idx', 'assets_dup_brand_model_idx'])
      expect(assets).toContain(index);
    const firms = await plan(
      large,
      firmCandidatesQuery(
        [
          {
            name: 'Impresa 7 SRL',
            vatNumber: '01234567890',
            siret: '73282932000074',
            municipality: 'IT:011015',
            excludeId: null,
          },
        ],
        SKIPPED,
      ),
    );
    expect(firms, firms).not.toMatch(/Seq Scan on firms/);
    for (const index of ['firms_dup_vat_idx', 'firms_dup_siren_idx', 'firms_dup_name_idx'])
      expect(firms).toContain(index);
  });

  it('turns bitmap scans off for the lookup only, also inside a transaction of the caller', async () => {
    const db = large.t.database.handle.db;
    const setting = async (tx: typeof db) =>
      (await queryRows<{ on: string }>(tx, sql`select current_setting('enable_bitmapscan') as on`))[0]!.on;
    const seen = await db.transaction(async (tx) => {
      const during = await walkingKeyIndexes(tx, (inner) => setting(inner as typeof db));
      return { during, after: await setting(tx as unknown as typeof db) };
    });
    expect(seen).toEqual({ during: 'off', after: 'on' });
  });

  it('reads a very common name’s namesakes at most the cap at a time from each name index', async () => {
    // 2,000 namesakes, most elsewhere: read all and sorted, they made an import slow down as it went.
    const db = large.t.database.handle.db;
    await db.execute(sql`insert into profiles (code, desk_id, external_ref, first_name, last_name,
        municipality_country, municipality_code, lat, lon, employment_status)
      select 'NS-' || g, desk_id, 'NS-' || g, 'Giulia', 'Neri', 'IT',
        case when g % 50 = 0 then '011015' else '010025' end, 44.1, 9.8, 'unemployed'
      from generate_series(1, 2000) g, (select desk_id from profiles limit 1) d`);
    // And 6,000 people of distinct names: the planner, which cannot see the probe's name, estimates its
    // namesakes from the average (a row or two) and would read all 2,000 with a bitmap scan.
    await db.execute(sql`insert into profiles (code, desk_id, external_ref, first_name, last_name,
        municipality_country, municipality_code, lat, lon, employment_status)
      select 'DN-' || g, desk_id, 'DN-' || g, translate(md5(g::text), '0123456789', 'ghijklmnop'), 'Verdi',
        'IT', '010025', 44.1, 9.8, 'unemployed'
      from generate_series(1, 6000) g, (select desk_id from profiles limit 1) d`);
    const probe = {
      firstName: 'Neri',
      lastName: 'Giulia',
      email: null,
      phone: null,
      municipality: 'IT:011015',
      excludeId: null,
    };
    // At PostgreSQL's default statistics target and at the smaller one the embedded database analyses with.
    for (const target of [100, QUICK_STATISTICS_TARGET]) {
      await db.transaction(async (tx) => {
        await tx.execute(sql.raw(`set local default_statistics_target = ${target}`));
        await tx.execute(sql`analyze profiles`);
      });
      const rows = await walkingKeyIndexes(db, (tx) =>
        queryRows<Record<string, unknown>>(
          tx,
          sql`explain (analyze, format json) ${personCandidatesQuery([probe])}`,
        ),
      );
      const found = await queryRows<{ same_municipality: boolean }>(db, personCandidatesQuery([probe]));
      // The cap, the probe's town first (40 namesakes live there).
      expect(found.map((r) => r.same_municipality)).toEqual(Array(PER_KEY).fill(true));
      const scans: { index: string; rows: number }[] = [];
      const walk = (node: Record<string, unknown>) => {
        const index = node['Index Name'];
        if (typeof index === 'string' && index.startsWith('profiles_dup_name'))
          scans.push({ index, rows: Number(node['Actual Rows']) * Number(node['Actual Loops']) });
        for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
      };
      const json = Object.values(rows[0]!)[0];
      walk((typeof json === 'string' ? JSON.parse(json) : json)[0].Plan);
      const seen = `target ${target}: ${JSON.stringify(scans)}`;
      expect(scans.length, seen).toBeGreaterThan(0);
      for (const scan of scans) expect(scan.rows, seen).toBeLessThanOrEqual(PER_KEY);
    }
  });
});
