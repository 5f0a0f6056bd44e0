import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assets, needs, opportunities, profiles } from '../../src/db/schema.js';
import { seedDemoData } from '../../src/demo/demo.seeder.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

/**
 * Every match endpoint makes the same number of queries whatever the number of profiles, and no query
 * returns more rows than the page it serves: a full-table read (the old `profileCandidates`) fails here.
 * Two worlds of the same shape, ten times apart; the counting wrapper is PGlite's (helpers/database.ts).
 */
interface World {
  t: TestApp;
  urls: Record<string, string>;
  log: { sql: string; rows?: number }[];
  recording: boolean;
}

const operator = { role: 'admin' as const };
const LIMIT = 5;

async function world(n: number): Promise<World> {
  const w = { log: [], recording: false } as unknown as World;
  w.t = await createTestApp({ onQuery: (e) => void (w.recording && w.log.push(e)) });
  const db = w.t.database.handle.db;
  await seedDemoData(db, { profiles: n, assets: 30, needs: 20, firms: 10, opportunities: 3 });
  await w.t.matchFeed.build();
  const [job] = await db
    .select()
    .from(needs)
    .where(and(eq(needs.type, 'job'), eq(needs.status, 'open')))
    .limit(1);
  const [assetNeed] = await db.select().from(needs).where(eq(needs.type, 'asset')).limit(1);
  const [person] = await db
    .select({ id: profiles.id })
    .from(profiles)
    .where(isNull(profiles.endedAt))
    .limit(1);
  const [asset] = await db.select({ id: assets.id }).from(assets).limit(1);
  const [opp] = await db.select({ id: opportunities.id }).from(opportunities).limit(1);
  w.urls = {
    'need → people': `/api/v1/needs/${job!.id}/matches?limit=${LIMIT}&lang=fr`,
    'need → assets': `/api/v1/needs/${assetNeed!.id}/matches?limit=${LIMIT}&lang=fr`,
    'person → needs and roles': `/api/v1/profiles/${person!.id}/matches?limit=${LIMIT}&lang=fr`,
    'asset → operators and needs': `/api/v1/assets/${asset!.id}/matches?limit=${LIMIT}&lang=fr`,
    'opportunity → team': `/api/v1/opportunities/${opp!.id}/team?lang=fr`,
  };
  return w;
}

async function measure(w: World, url: string) {
  // The first call loads ESCO into the process-wide knowledge cache: not part of a run's budget.
  expect((await w.t.call(operator, { method: 'GET', url })).statusCode).toBe(200);
  w.log.length = 0;
  w.recording = true;
  const res = await w.t.call(operator, { method: 'GET', url });
  w.recording = false;
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json();
  const isLabels = (e: { sql: string }) => e.sql.includes('"esco_labels"');
  // The subject's own rows (a person's 20 skills, a need's languages) are read by its one id.
  const isSubject = (e: { sql: string }) => !e.sql.includes('$2');
  const uris = new Set<string>();
  for (const r of body.results as { skills?: Record<string, { uri: string }[]> | null }[])
    for (const list of Object.values(r.skills ?? {})) for (const m of list) uris.add(m.uri);
  for (const r of (body.roles ?? []) as { occupationUri: string }[]) uris.add(r.occupationUri);
  return {
    queries: w.log.length,
    maxRows: Math.max(...w.log.filter((e) => !isLabels(e) && !isSubject(e)).map((e) => e.rows ?? 0)),
    labelRows: Math.max(0, ...w.log.filter(isLabels).map((e) => e.rows ?? 0)),
    uris: uris.size,
    shown:
      body.results.length +
      (body.nearMisses?.length ?? 0) +
      (body.roles ?? []).reduce(
        (s: number, r: { members: unknown[]; alternates: unknown[] }) =>
          s + r.members.length + r.alternates.length,
        0,
      ),
    worst: [...w.log]
      .filter((e) => !isLabels(e) && !isSubject(e))
      .sort((a, b) => (b.rows ?? 0) - (a.rows ?? 0))[0],
  };
}

const SMALL = 40;
const LARGE = 400;
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

describe.skipIf(!!process.env.DATABASE_URL)('query budget of the match endpoints (PGlite)', () => {
  for (const name of [
    'need → people',
    'need → assets',
    'person → needs and roles',
    'asset → operators and needs',
    'opportunity → team',
  ])
    it(`${name}: a fixed number of queries, none larger than the page`, async () => {
      const a = await measure(small, small.urls[name]!);
      const b = await measure(large, large.urls[name]!);
      expect(b.queries, JSON.stringify({ small: a.queries, large: b.queries })).toBe(a.queries);
      // Records: at most what the page shows (plus a few settings and decisions rows).
      expect(b.maxRows, JSON.stringify(b.worst)).toBeLessThanOrEqual(Math.max(b.shown, LIMIT) + 10);
      // ESCO labels: one per concept shown, plus the occupation a result's reasons may name ("same ISCO
      // group: saldatore di tubazioni"), in the asked language, English and Italian at most.
      expect(b.labelRows).toBeLessThanOrEqual(3 * (b.uris + b.shown));
    });
});
