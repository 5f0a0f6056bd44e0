import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scoreDistance } from '../src/components/distance.js';
import { explain } from '../src/explain.js';
import { haversineKm } from '../src/geo.js';
import { CandidateIndex, NeedIndex } from '../src/candidate-index.js';
import { teamPool } from '../src/team-builder.js';
import { rankResults } from '../src/rank.js';
import { scoreNeedForPerson, scorePersonForJob } from '../src/score-job.js';
import { FerryTableError, parseFerryTable } from '../src/travel/ferry-table.js';
import { landmassOf, roadMinutes, TERRAINS } from '../src/travel/landmass.js';
import { TravelMatrix } from '../src/travel/matrix.js';
import { TravelModel, WEEKLY_FERRY_MAX_MINUTES } from '../src/travel/model.js';
import { needArb, profileArb } from './arbitraries.js';
import { knowledge, runCountingSteps } from './helpers.js';
import { ferryJson, ferryTable, municipalities, TOWNS, travel } from './travel-fixtures.js';

/** What the straight-line model said: the crow-fly distance driven on the plain. */
const straightLineMinutes = (a: { lat: number; lon: number }, b: { lat: number; lon: number }) =>
  roadMinutes(haversineKm(a, b), TERRAINS.plain);

describe('travel time across the sea (issue 18)', () => {
  it('Elba → Piombino is a short daily ferry commute, not a half-hour drive', () => {
    const r = travel.route(TOWNS.portoferraio, TOWNS.piombino);
    expect(straightLineMinutes(TOWNS.portoferraio, TOWNS.piombino)).toBeLessThan(35);
    expect(r.mode).toBe('ferry');
    expect(r.ports).toEqual(['Portoferraio', 'Piombino']);
    expect(r.dailyCommute).toBe(true);
    expect(r.minutes).toBeGreaterThan(75);
    expect(r.minutes).toBeLessThanOrEqual(120);
    // A Portoferraio worker with a two-hour commute is in for a Piombino need; with 45 minutes, out.
    const need = 10;
    expect(
      scoreDistance(
        TOWNS.portoferraio,
        TOWNS.piombino,
        need,
        { mobilityKm: 0, maxTravelMinutes: 120 },
        travel,
      ).exclusion,
    ).toBeNull();
    const short = scoreDistance(
      TOWNS.portoferraio,
      TOWNS.piombino,
      need,
      { mobilityKm: 0, maxTravelMinutes: 45 },
      travel,
    );
    expect(short.exclusion?.code).toBe('travel_beyond_both');
    // The straight line would have let the 45-minute person in.
    expect(scoreDistance(TOWNS.portoferraio, TOWNS.piombino, need, { mobilityKm: 40 }).exclusion).toBeNull();
  });

  it('Bastia → Livorno is far beyond a 60-minute mobility', () => {
    const r = travel.route(TOWNS.bastia, TOWNS.livorno);
    expect(haversineKm(TOWNS.bastia, TOWNS.livorno)).toBeLessThan(125);
    expect(r.mode).toBe('ferry');
    expect(r.minutes).toBeGreaterThan(4 * 60);
    // A 125 km radius includes Bastia in a straight line; in time the pair is excluded.
    expect(scoreDistance(TOWNS.bastia, TOWNS.livorno, 125, { mobilityKm: 30 }).exclusion).toBeNull();
    const d = scoreDistance(TOWNS.bastia, TOWNS.livorno, 30, { mobilityKm: 0, maxTravelMinutes: 60 }, travel);
    expect(d.exclusion?.code).toBe('travel_beyond_both');
    expect(d.value).toBe(0);
  });

  it('Sardinia → mainland is never "nearby by road"', () => {
    const all = municipalities();
    const sardinia = all.filter((m) => m.region === '20');
    const mainland = all
      .filter((m) => landmassOf(m.lat, m.lon) === 'mainland')
      .filter((_, i) => i % 40 === 0);
    expect(sardinia.length).toBe(377);
    for (const s of sardinia) {
      const from = travel.from(s);
      for (const m of mainland) {
        const r = from(m);
        expect(r.mode).toBe('ferry');
        expect(r.minutes).toBeGreaterThan(6 * 60);
        expect(scoreDistance(s, m, 50, { mobilityKm: 100 }, travel).exclusion).not.toBeNull();
      }
    }
  }, 60_000);

  it('the reachable set grows with the time budget, as the km circle grows with the radius', () => {
    const all = municipalities();
    const places = all.filter((_, i) => i % 7 === 0);
    const matrix = TravelMatrix.build(travel, places);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: places.length - 1 }),
        fc.integer({ min: 0, max: 900 }),
        fc.integer({ min: 0, max: 900 }),
        (i, a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const small = new Set(matrix.within(i, lo));
          const big = new Set(matrix.within(i, hi));
          for (const j of small) expect(big.has(j)).toBe(true);
          // The distance component agrees: accepted at the small budget ⇒ accepted at the big one.
          const to = places[(i * 31) % places.length]!;
          const ok = (t: number) =>
            scoreDistance(places[i]!, to, 0, { mobilityKm: 0, maxTravelMinutes: t }, travel).exclusion ===
            null;
          if (ok(Math.max(1, lo))) expect(ok(Math.max(1, hi))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  }, 60_000);

  it('a weekly ferry commute lets an Olbia worker reach Genova overnight, and says so', () => {
    const r = travel.route(TOWNS.olbia, TOWNS.genova);
    expect(r.minutes).toBeLessThanOrEqual(WEEKLY_FERRY_MAX_MINUTES);
    const daily = scoreDistance(TOWNS.olbia, TOWNS.genova, 30, { mobilityKm: 30 }, travel);
    expect(daily.exclusion).not.toBeNull();
    const weekly = scoreDistance(
      TOWNS.olbia,
      TOWNS.genova,
      30,
      { mobilityKm: 30, weeklyFerryCommute: true },
      travel,
    );
    expect(weekly.exclusion).toBeNull();
    expect(weekly.reason.code).toBe('time_weekly_ferry');
    expect(weekly.value).toBeGreaterThan(0);
  });

  it('the explanation says how the distance was reached, in each language', () => {
    const d = scoreDistance(
      TOWNS.portoferraio,
      TOWNS.piombino,
      10,
      { mobilityKm: 0, maxTravelMinutes: 120 },
      travel,
    );
    const component = {
      name: 'distance',
      weight: 1,
      value: d.value,
      contribution: d.value,
      reason: d.reason,
    };
    const r = {
      id: 'p',
      subjectId: 'n',
      score: d.value,
      components: [component],
      exclusions: [],
      engineVersion: 'x',
      weightsHash: 'y',
    };
    const it = explain(r, 'it').lines[0]!;
    const fr = explain(r, 'fr').lines[0]!;
    const en = explain(r, 'en').lines[0]!;
    expect(it).toMatch(/^Abita a 1 h \d\d su strada e traghetto via Portoferraio–Piombino: /);
    expect(fr).toContain('par la route et le ferry via Portoferraio–Piombino');
    expect(en).toContain('by road and ferry via Portoferraio–Piombino');
    expect(en).toContain('(2 h)');
    const road = scoreDistance(TOWNS.livorno, TOWNS.piombino, 100, { mobilityKm: 30 }, travel);
    expect(explain({ ...r, components: [{ ...component, reason: road.reason }] }, 'it').lines[0]).toContain(
      'su strada',
    );
  });
});

describe('landmasses', () => {
  it('every municipality is on the landmass its region says', () => {
    const ELBA = new Set(['049003', '049004', '049010', '049011', '049013', '049014', '049021']);
    const SMALL: Record<string, string> = {
      '049005': 'capraia',
      '053012': 'giglio',
      '090035': 'la_maddalena',
      '111010': 'san_pietro',
    };
    for (const m of municipalities()) {
      const land = landmassOf(m.lat, m.lon);
      const expected = ELBA.has(m.code)
        ? 'elba'
        : (SMALL[m.code] ?? (m.region === '20' ? 'sardinia' : m.region === '94' ? 'corsica' : 'mainland'));
      expect(`${m.name} ${land}`).toBe(`${m.name} ${expected}`);
    }
  }, 60_000);

  it('every port is on the landmass of its municipality', () => {
    const byCode = new Map(municipalities().map((m) => [m.code, m]));
    for (const p of ferryTable.ports) {
      const m = byCode.get(p.municipality);
      expect(m, p.id).toBeDefined();
      expect(landmassOf(p.lat, p.lon)).toBe(landmassOf(m!.lat, m!.lon));
    }
  });
});

describe('the ferry table refuses bad rows, naming the field', () => {
  const base = () =>
    structuredClone(ferryJson()) as { links: Record<string, unknown>[]; ports: Record<string, unknown>[] };
  const refused = (t: unknown): FerryTableError => {
    try {
      parseFerryTable(t);
    } catch (e) {
      if (e instanceof FerryTableError) return e;
      throw e;
    }
    throw new Error('accepted');
  };

  it('an unknown port', () => {
    const t = base();
    t.links[2]!['to'] = 'atlantis';
    const e = refused(t);
    expect(e.field).toBe('links[2].to');
    expect(e.reason).toContain('atlantis');
  });

  it('a link without a crossing time', () => {
    const t = base();
    delete t.links[0]!['crossingMinutes'];
    expect(refused(t).field).toBe('links[0].crossingMinutes');
  });

  it('a link without its sources or its date', () => {
    const t = base();
    delete t.links[3]!['sources'];
    expect(refused(t).field).toBe('links[3].sources');
    const u = base();
    u.links[3]!['asOf'] = '2 December';
    expect(refused(u).field).toBe('links[3].asOf');
  });

  it('negative values', () => {
    const t = base();
    t.links[1]!['boardingMinutes'] = -5;
    const e = refused(t);
    expect(e.field).toBe('links[1].boardingMinutes');
    expect(e.reason).toContain('negative');
  });

  it('a duplicate port, a missing date', () => {
    const t = base();
    t.ports.push({ ...t.ports[0]! });
    expect(refused(t).field).toBe(`ports[${t.ports.length - 1}].id`);
    const u = base() as unknown as Record<string, unknown>;
    delete u['compiledOn'];
    expect(refused(u).field).toBe('table.compiledOn');
  });

  it('the bundled table is accepted and dated', () => {
    expect(ferryTable.links.length).toBeGreaterThanOrEqual(25);
    expect(ferryTable.sources.length).toBeGreaterThan(5);
    expect(ferryTable.compiledOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('candidate indexes stay exact with travel times', () => {
  const withTravel = { ...knowledge, travel: new TravelModel(ferryTable) };
  const places = Object.values(TOWNS);
  const placeArb = fc.constantFrom(...places);
  const islandProfile = profileArb().chain((p) =>
    fc
      .record({
        home: placeArb,
        maxTravelMinutes: fc.option(fc.integer({ min: 10, max: 600 }), { nil: null }),
        weeklyFerryCommute: fc.boolean(),
      })
      .map((x) => ({ ...p, ...x })),
  );
  const islandNeed = needArb().chain((n) => placeArb.map((place) => ({ ...n, place })));

  it('CandidateIndex.topKForJob equals scoring every profile', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(islandProfile, { maxLength: 50, selector: (p) => p.id }),
        islandNeed,
        fc.integer({ min: 1, max: 12 }),
        (pool, n, k) => {
          const naive = rankResults(pool.map((p) => scorePersonForJob(p, n, withTravel))).slice(0, k);
          const got = new CandidateIndex(withTravel, undefined, pool).topKForJob(n, k);
          expect(got.results.map((r) => [r.id, r.score])).toEqual(naive.map((r) => [r.id, r.score]));
        },
      ),
      { numRuns: 150 },
    );
  }, 60_000);

  // Hundreds of people in the same few towns: many share a bound before their travel time is known, so
  // the search puts records back into its heap and the order of those puts is exercised; removed
  // profiles keep their coordinates in the index and must still never come back.
  it('CandidateIndex.topKForJob stays exact on a crowded pool with removals', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(islandProfile, { minLength: 150, maxLength: 400, selector: (p) => p.id }),
        islandNeed,
        fc.integer({ min: 1, max: 25 }),
        fc.integer({ min: 2, max: 5 }),
        (pool, n, k, every) => {
          const index = new CandidateIndex(withTravel, undefined, pool);
          const kept = pool.filter((_, i) => i % every !== 0);
          for (const p of pool) if (!kept.includes(p)) index.remove(p.id);
          const naive = rankResults(kept.map((p) => scorePersonForJob(p, n, withTravel))).slice(0, k);
          const got = index.topKForJob(n, k);
          expect(got.results.map((r) => [r.id, r.score])).toEqual(naive.map((r) => [r.id, r.score]));
        },
      ),
      { numRuns: 40 },
    );
  }, 120_000);

  it('NeedIndex.topKForPerson equals scoring every need', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(islandNeed, { maxLength: 50, selector: (n) => n.id }),
        islandProfile,
        fc.integer({ min: 1, max: 12 }),
        (needs, p, k) => {
          const naive = rankResults(needs.map((n) => scoreNeedForPerson(p, n, withTravel))).slice(0, k);
          const got = new NeedIndex(withTravel, undefined, needs).topKForPerson(p, k);
          expect(got.results.map((r) => [r.id, r.score])).toEqual(naive.map((r) => [r.id, r.score]));
        },
      ),
      { numRuns: 150 },
    );
  }, 60_000);

  it('withinMinutes counts by travel time, not by circle', () => {
    const people = places.map((home, i) => ({
      ...fc.sample(profileArb(), { numRuns: 1, seed: i })[0]!,
      id: `p${i}`,
      home,
    }));
    const index = new CandidateIndex(withTravel, undefined, people);
    const near = index.withinMinutes(TOWNS.piombino, 120).map((p) => p.home);
    expect(near).toContain(TOWNS.portoferraio);
    expect(near).toContain(TOWNS.livorno);
    expect(near).not.toContain(TOWNS.bastia);
    expect(index.near(TOWNS.piombino, 120).map((p) => p.home)).toContain(TOWNS.bastia);
  });

  it('withinRadiusSteps gives withinRadius, a slice of people at a time', () => {
    // Many people per town (homes shared, as the server's municipal centroids are), some living alike.
    const people = Array.from({ length: 600 }, (_, i) => ({
      ...fc.sample(profileArb(), { numRuns: 1, seed: i })[0]!,
      id: `p${String(i).padStart(3, '0')}`,
      home: places[i % places.length]!,
    }));
    const index = new CandidateIndex(withTravel, undefined, people);
    for (const km of [0, 30, 80, 200]) {
      const { value, steps: count } = runCountingSteps(index.withinRadiusSteps(TOWNS.piombino, km, 50));
      const all = index.withinRadius(TOWNS.piombino, km);
      expect(value).toEqual(all);
      // Every person by straight line within reach was tested, 50 per step.
      const tested = index.near(
        TOWNS.piombino,
        withTravel.travel!.kmWithin(withTravel.travel!.minutesForKm(km)),
      );
      expect(count).toBeGreaterThanOrEqual(Math.floor(tested.length / 50));
      // The same people as testing each one's door-to-door time.
      const from = withTravel.travel!.from(TOWNS.piombino);
      const limit = withTravel.travel!.minutesForKm(km);
      expect(new Set(all.map((p) => p.id))).toEqual(
        new Set(tested.filter((p) => from(p.home).minutes <= limit).map((p) => p.id)),
      );
    }
  });

  it('withinRadiusSteps ends a step sooner when every home needs its own route', () => {
    // Homes off the centroids, each its own: a route per person, twenty look-ups' worth of work each.
    const people = Array.from({ length: 300 }, (_, i) => {
      const town = places[i % places.length]!;
      return {
        ...fc.sample(profileArb(), { numRuns: 1, seed: i })[0]!,
        id: `q${String(i).padStart(3, '0')}`,
        home: { lat: town.lat + i * 1e-5, lon: town.lon },
      };
    });
    const index = new CandidateIndex(withTravel, undefined, people);
    const { value, steps: count } = runCountingSteps(index.withinRadiusSteps(TOWNS.piombino, 200, 100));
    expect(value).toEqual(index.withinRadius(TOWNS.piombino, 200));
    const tested = index.near(
      TOWNS.piombino,
      withTravel.travel!.kmWithin(withTravel.travel!.minutesForKm(200)),
    );
    expect(tested.length).toBeGreaterThan(100);
    // At most five routes (100 / 20) per step.
    expect(count).toBeGreaterThanOrEqual(Math.floor(tested.length / 5));
  });
});

describe('seasons in the ferry table', () => {
  it('a seasonal link needs its months, an all-year link has none', () => {
    const t = structuredClone(ferryJson()) as { links: Record<string, unknown>[] };
    const seasonal = t.links.findIndex((l) => l['allYear'] === false);
    t.links[seasonal]!['seasonMonths'] = null;
    expect(() => parseFerryTable(t)).toThrow(`links[${seasonal}].seasonMonths`);
    t.links[seasonal]!['seasonMonths'] = [4, 13];
    expect(() => parseFerryTable(t)).toThrow(`links[${seasonal}].seasonMonths[1]`);
  });

  it('seasonal links are left out of commuting times unless asked for', () => {
    const summer = new TravelModel(ferryTable, { includeSeasonal: true });
    const olbia = TOWNS.olbia;
    expect(summer.route(TOWNS.piombino, olbia).minutes).toBeLessThan(
      travel.route(TOWNS.piombino, olbia).minutes,
    );
  });
});

describe('team building with travel times', () => {
  it('the team pool takes the radius as a travel time: Elba is not within 30 km of Piombino', () => {
    const withTravel = { ...knowledge, travel };
    const people = [TOWNS.portoferraio, TOWNS.piombino].map((home, i) => ({
      ...fc.sample(profileArb(), { numRuns: 1, seed: 40 + i })[0]!,
      id: `t${i}`,
      home,
      crisisCaseId: null,
    }));
    const opp = {
      id: 'o1',
      kind: 'wbo' as const,
      crisisCaseId: null,
      place: TOWNS.piombino,
      roles: [],
      supplyChain: null,
      radiusKm: 30,
    };
    const byTime = teamPool(new CandidateIndex(withTravel, undefined, people), opp).map((p) => p.id);
    const byKm = teamPool(new CandidateIndex(knowledge, undefined, people), opp).map((p) => p.id);
    expect(byKm.sort()).toEqual(['t0', 't1']);
    expect(byTime).toEqual(['t1']);
  });
});
