import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CandidateIndex,
  DEFAULT_CONFIG,
  JOB_COMPONENTS,
  jobPartialScore,
  NeedIndex,
  operatorsForAsset,
  rankResults,
  scoreNeedForPerson,
  scorePersonForJob,
  type MatchResult,
  type ScoringProfile,
} from '../src/index.js';
import { needArb, needPoolArb, point, poolArb, profileArb } from './arbitraries.js';
import { knowledge, makeAsset, makeNeed, makeProfile, OCC, SK } from './helpers.js';

const runs = { numRuns: 300 };
const pick = (rs: readonly MatchResult[]) => rs.map((r) => [r.id, r.score]);

describe('scorer properties (requirements A1, A2, A4, A5)', () => {
  it('contributions sum to the total, values lie in [0, 1], names are the documented ones', () => {
    fc.assert(
      fc.property(profileArb(), needArb(), (p, n) => {
        const r = scorePersonForJob(p, n, knowledge);
        const sum = r.components.reduce((s, c) => s + c.contribution, 0);
        expect(Math.abs(sum - r.score)).toBeLessThan(1e-9);
        expect(r.components.map((c) => c.name)).toEqual([...JOB_COMPONENTS]);
        for (const c of r.components) {
          expect(c.value).toBeGreaterThanOrEqual(0);
          expect(c.value).toBeLessThanOrEqual(1);
          expect(c.contribution).toBeCloseTo(c.weight * c.value, 12);
        }
      }),
      runs,
    );
  });

  it('the partial score the indexes bound with is the sum of every contribution but skills and distance', () => {
    fc.assert(
      fc.property(profileArb(), needArb(), (p, n) => {
        const r = scorePersonForJob(p, n, knowledge);
        const others = r.components
          .filter((c) => c.name !== 'skills' && c.name !== 'distance')
          .reduce((s, c) => s + c.contribution, 0);
        expect(Math.abs(jobPartialScore(p, n) - others)).toBeLessThan(1e-9);
      }),
      runs,
    );
  });

  it('changing any field outside the allowed inputs never changes a score', () => {
    const protectedFields = fc.record({
      name: fc.string(),
      birthDate: fc.string(),
      age: fc.integer(),
      gender: fc.constantFrom('f', 'm', 'x'),
      nationality: fc.string(),
      photo: fc.string(),
      disability: fc.boolean(),
      email: fc.string(),
      phone: fc.string(),
    });
    fc.assert(
      fc.property(
        profileArb(),
        needArb(),
        protectedFields,
        fc.constantFrom('P-OTHER', 'P-ZZZ'),
        fc.constantFrom('desk-x', 'desk-y'),
        fc.subarray(['A', 'B', 'D']),
        fc.constantFrom('unemployed', 'at_risk', 'furloughed') as fc.Arbitrary<
          ScoringProfile['employmentStatus']
        >,
        (p, n, extra, code, deskId, drivingLicences, employmentStatus) => {
          const base = scorePersonForJob(p, n, knowledge);
          // Fields a job score must not read, and protected fields a buggy caller might leak in.
          const changed = {
            ...p,
            ...extra,
            code,
            deskId,
            drivingLicences,
            employmentStatus,
            crisisCaseId: 'other',
            desiredPaths: [],
          };
          const r = scorePersonForJob(changed as ScoringProfile, n, knowledge);
          expect(r.score).toBe(base.score);
          expect(r.components).toEqual(base.components);
        },
      ),
      runs,
    );
  });

  it('adding a required skill the person has never lowers their score', () => {
    fc.assert(
      fc.property(
        profileArb(),
        needArb(),
        fc.constantFrom(...Object.values(SK)),
        fc.boolean(),
        (p0, n, uri, essential) => {
          const p = {
            ...p0,
            skills: [...p0.skills.filter((s) => s.uri !== uri), { uri, source: 'declared' as const }],
          };
          const before = scorePersonForJob(p, n, knowledge).score;
          const n2 = essential
            ? { ...n, essentialSkills: [...n.essentialSkills, uri] }
            : { ...n, optionalSkills: [...n.optionalSkills, uri] };
          expect(scorePersonForJob(p, n2, knowledge).score).toBeGreaterThanOrEqual(before - 1e-12);
        },
      ),
      runs,
    );
  });

  it('moving the person farther away never raises their score', () => {
    fc.assert(
      fc.property(profileArb(), needArb(), fc.double({ min: 1, max: 5, noNaN: true }), (p, n, factor) => {
        const dLat = p.home.lat - n.place.lat;
        const dLon = p.home.lon - n.place.lon;
        const farther = {
          ...p,
          home: { lat: n.place.lat + dLat * factor, lon: n.place.lon + dLon * factor },
        };
        const near = scorePersonForJob(p, n, knowledge);
        const far = scorePersonForJob(farther, n, knowledge);
        expect(far.score).toBeLessThanOrEqual(near.score + 1e-12);
        if (near.exclusions.length > 0) expect(far.exclusions.length).toBeGreaterThan(0);
      }),
      runs,
    );
  });

  it('shuffling the pool never changes the ranking', () => {
    fc.assert(
      fc.property(
        poolArb(25).chain((pool) =>
          fc.tuple(fc.constant(pool), fc.shuffledSubarray(pool, { minLength: pool.length })),
        ),
        needArb(),
        ([pool, shuffled], n) => {
          const a = rankResults(pool.map((p) => scorePersonForJob(p, n, knowledge)));
          const b = rankResults(shuffled.map((p) => scorePersonForJob(p, n, knowledge)));
          expect(b.map((r) => r.id)).toEqual(a.map((r) => r.id));
          const ia = new CandidateIndex(knowledge, undefined, pool).topKForJob(n, 10).results;
          const ib = new CandidateIndex(knowledge, undefined, shuffled).topKForJob(n, 10).results;
          expect(pick(ib)).toEqual(pick(ia));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('ties break by id', () => {
    const p = (id: string): ScoringProfile => ({
      ...fc.sample(profileArb(), { numRuns: 1, seed: 7 })[0]!,
      id,
    });
    const need = fc.sample(needArb(), { numRuns: 1, seed: 7 })[0]!;
    const ranked = rankResults(['c', 'a', 'b'].map((id) => scorePersonForJob(p(id), need, knowledge)));
    expect(ranked.map((r) => r.id)).toEqual(ranked.length ? ['a', 'b', 'c'] : []);
  });
});

describe('candidate indexes are exact', () => {
  it('CandidateIndex.topKForJob equals scoring every profile and sorting', () => {
    fc.assert(
      fc.property(poolArb(60), needArb(), fc.integer({ min: 1, max: 15 }), (pool, n, k) => {
        const naive = rankResults(pool.map((p) => scorePersonForJob(p, n, knowledge))).slice(0, k);
        const got = new CandidateIndex(knowledge, undefined, pool).topKForJob(n, k);
        expect(pick(got.results)).toEqual(pick(naive));
        expect(got.stats.poolSize).toBe(pool.length);
      }),
      { numRuns: 200 },
    );
  });

  it('stays exact after removing and updating profiles', () => {
    fc.assert(
      fc.property(poolArb(40), needArb(), profileArb(), point, (pool, n, extra, home) => {
        const index = new CandidateIndex(knowledge, undefined, pool);
        const removed = new Set(pool.filter((_, i) => i % 3 === 0).map((p) => p.id));
        for (const id of removed) index.remove(id);
        const moved = pool.filter((_, i) => i % 3 === 1).map((p) => ({ ...p, home, skills: extra.skills }));
        for (const p of moved) index.update(p);
        const live = new Map(pool.filter((p) => !removed.has(p.id)).map((p) => [p.id, p]));
        for (const p of moved) live.set(p.id, p);
        expect(index.size).toBe(live.size);
        const naive = rankResults([...live.values()].map((p) => scorePersonForJob(p, n, knowledge))).slice(
          0,
          10,
        );
        expect(pick(index.topKForJob(n, 10).results)).toEqual(pick(naive));
      }),
      { numRuns: 100 },
    );
  });

  it('NeedIndex.topKForPerson equals scoring every need and sorting', () => {
    fc.assert(
      fc.property(needPoolArb(60), profileArb(), fc.integer({ min: 1, max: 15 }), (needs, p, k) => {
        const naive = rankResults(needs.map((n) => scoreNeedForPerson(p, n, knowledge))).slice(0, k);
        const got = new NeedIndex(knowledge, undefined, needs).topKForPerson(p, k);
        expect(pick(got.results)).toEqual(pick(naive));
      }),
      { numRuns: 200 },
    );
  });

  it('CandidateIndex.topKForAsset equals operatorsForAsset over every profile', () => {
    fc.assert(
      fc.property(
        poolArb(50),
        fc.uniqueArray(fc.constantFrom(...Object.values(SK)), { maxLength: 4 }),
        point,
        fc.integer({ min: 1, max: 12 }),
        (pool, requiredSkills, location, k) => {
          const asset = makeAsset({ requiredSkills, location });
          const naive = operatorsForAsset(asset, pool, knowledge, k);
          const got = new CandidateIndex(knowledge, undefined, pool).topKForAsset(asset, k);
          expect(pick(got.results)).toEqual(pick(naive));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('ranks with the weights of the query when they differ from the index’s', () => {
    const config = {
      ...DEFAULT_CONFIG,
      job: { ...DEFAULT_CONFIG.job, skills: 0.2, distance: DEFAULT_CONFIG.job.distance + 0.2 },
    };
    fc.assert(
      fc.property(poolArb(40), needArb(), needPoolArb(30), profileArb(), (pool, n, needs, p) => {
        const naive = rankResults(pool.map((q) => scorePersonForJob(q, n, knowledge, config))).slice(0, 8);
        const got = new CandidateIndex(knowledge, undefined, pool).topKForJob(n, 8, { config });
        expect(pick(got.results)).toEqual(pick(naive));
        const naiveNeeds = rankResults(needs.map((m) => scoreNeedForPerson(p, m, knowledge, config))).slice(
          0,
          8,
        );
        const gotNeeds = new NeedIndex(knowledge, undefined, needs).topKForPerson(p, 8, { config });
        expect(pick(gotNeeds.results)).toEqual(pick(naiveNeeds));
      }),
      { numRuns: 100 },
    );
  });

  it('applies the caller filter before ranking', () => {
    fc.assert(
      fc.property(poolArb(40), needArb(), (pool, n) => {
        const keep = (p: ScoringProfile) => p.deskId === 'desk-1';
        const naive = rankResults(pool.filter(keep).map((p) => scorePersonForJob(p, n, knowledge))).slice(
          0,
          5,
        );
        const got = new CandidateIndex(knowledge, undefined, pool).topKForJob(n, 5, { filter: keep });
        expect(pick(got.results)).toEqual(pick(naive));
      }),
      { numRuns: 100 },
    );
  });
});

describe('candidate indexes bound a requirement by its best route', () => {
  // A welder holding three siblings of TIG welding reaches that requirement four ways (0.6 implied by the
  // occupation, 0.35 by each sibling) and is credited 0.6: the bound must say so, or every such person
  // looks as good as one who holds the skill and gets scored in full before the search can stop.
  const manyRoutes = (id: string) =>
    makeProfile({
      id,
      occupations: [{ uri: OCC.welder, iscoGroup: '7212', years: 5 }],
      skills: [SK.migWelding, SK.arcWelding, SK.spotWelding].map((uri) => ({
        uri,
        source: 'declared' as const,
      })),
    });

  it('people: the search scores only the person who holds the skill', () => {
    const pool = Array.from({ length: 30 }, (_, i) => manyRoutes(`p${String(i).padStart(2, '0')}`));
    const holder = makeProfile({
      id: 'p99',
      occupations: [{ uri: OCC.welder, iscoGroup: '7212', years: 5 }],
      skills: [{ uri: SK.tigWelding, source: 'declared' }],
    });
    const need = makeNeed({ essentialSkills: [SK.tigWelding] });
    const got = new CandidateIndex(knowledge, undefined, [...pool, holder]).topKForJob(need, 1);
    expect(got.results.map((r) => r.id)).toEqual(['p99']);
    expect(got.stats.scored).toBe(1);
  });

  it('stays exact when the group stamps start again from zero', () => {
    // The holder's credit for TIG welding is worth more than the other person's French; a search that
    // took the holder's stamp from before the wrap as this query's would drop that credit from the bound
    // and never score the holder.
    const french = makeProfile({
      id: 'p1',
      occupations: [{ uri: OCC.welder, iscoGroup: '7212', years: 5 }],
      languages: [{ code: 'fr', cefr: 'C1' }],
    });
    const holder = makeProfile({
      id: 'p2',
      occupations: [{ uri: OCC.welder, iscoGroup: '7212', years: 5 }],
      skills: [{ uri: SK.tigWelding, source: 'declared' }],
    });
    const need = makeNeed({ essentialSkills: [SK.tigWelding], languages: [{ code: 'fr', minCefr: 'B2' }] });
    const index = new CandidateIndex(knowledge, undefined, [french, holder]);
    expect(index.topKForJob(need, 1).results.map((r) => r.id)).toEqual(['p2']);
    (index as unknown as { store: { groupStamp: number } }).store.groupStamp = 0x7fffffff;
    expect(index.topKForJob(need, 1).results.map((r) => r.id)).toEqual(['p2']);
  });

  it('needs: the search scores only the need whose skill the person holds', () => {
    const tigNeeds = Array.from({ length: 30 }, (_, i) =>
      makeNeed({ id: `n${String(i).padStart(2, '0')}`, essentialSkills: [SK.tigWelding] }),
    );
    const migNeed = makeNeed({ id: 'n99', essentialSkills: [SK.migWelding] });
    const got = new NeedIndex(knowledge, undefined, [...tigNeeds, migNeed]).topKForPerson(
      manyRoutes('p1'),
      1,
    );
    expect(got.results.map((r) => r.id)).toEqual(['n99']);
    expect(got.stats.scored).toBe(1);
  });
});

describe('candidate indexes read weak routes only when they may matter', () => {
  // Without an occupation, a person holding MIG welding reaches a TIG welding requirement only as a
  // sibling (0.35 of the credit). At a million profiles such routes were nearly half of a need's posting
  // entries and reached mostly people who could not enter the list.
  const person = (id: string, skill: string) =>
    makeProfile({ id, skills: [{ uri: skill, source: 'declared' }] });
  const siblingsOnly = Array.from({ length: 30 }, (_, i) =>
    person(`s${String(i).padStart(2, '0')}`, SK.migWelding),
  );
  const need = makeNeed({ essentialSkills: [SK.tigWelding] });

  it('leaves people reached by weak routes alone unread when those holding the skill fill the list', () => {
    const holders = ['h1', 'h2', 'h3'].map((id) => person(id, SK.tigWelding));
    const got = new CandidateIndex(knowledge, undefined, [...siblingsOnly, ...holders]).topKForJob(need, 3);
    expect(got.results.map((r) => r.id)).toEqual(['h1', 'h2', 'h3']);
    expect(got.stats.candidates).toBe(3);
  });

  it('reads them, not everyone within reach, when the list is not full without them', () => {
    // Cooks share nothing with the need; once the sibling holders are read, none of them can enter.
    const cooks = Array.from({ length: 40 }, (_, i) =>
      person(`c${String(i).padStart(2, '0')}`, SK.cookSeafood),
    );
    const pool = [...siblingsOnly, ...cooks, person('h1', SK.tigWelding)];
    const naive = rankResults(pool.map((p) => scorePersonForJob(p, need, knowledge))).slice(0, 5);
    const got = new CandidateIndex(knowledge, undefined, pool).topKForJob(need, 5);
    expect(got.results[0]!.id).toBe('h1');
    expect(got.results.slice(1).every((r) => r.id.startsWith('s'))).toBe(true);
    expect(pick(got.results)).toEqual(pick(naive));
    expect(got.stats.candidates).toBe(31);
  });

  it('counts the weak routes it left unread in the bound of everyone it read', () => {
    // Both are pipe welders (read through the need's ISCO group). The one holding MIG welding, a sibling
    // left unread, outscores the other despite a lower qualification; a bound without the unread routes
    // would rank them the other way round and stop after scoring one.
    const pipeWelder = [{ uri: OCC.pipeWelder, iscoGroup: '7212', years: 5 }];
    const sibling = makeProfile({
      id: 'b',
      occupations: pipeWelder,
      eqfLevel: 3,
      skills: [{ uri: SK.migWelding, source: 'declared' }],
    });
    const qualified = makeProfile({ id: 'a', occupations: pipeWelder, eqfLevel: 4 });
    const graded = makeNeed({ essentialSkills: [SK.tigWelding], minEqf: 4 });
    const naive = rankResults([sibling, qualified].map((p) => scorePersonForJob(p, graded, knowledge)));
    expect(naive.map((r) => r.id)).toEqual(['b', 'a']);
    const got = new CandidateIndex(knowledge, undefined, [sibling, qualified]).topKForJob(graded, 1);
    expect(pick(got.results)).toEqual(pick(naive.slice(0, 1)));
  });

  it('reads them when one of them may beat the worst listed', () => {
    // The holder has no French and comes free a year late: the sibling holders score higher.
    const late = makeProfile({
      id: 'h1',
      skills: [{ uri: SK.tigWelding, source: 'declared' }],
      availableFrom: '2027-01-01',
    });
    const french = siblingsOnly.map((p) => ({
      ...p,
      languages: [{ code: 'fr' as const, cefr: 'C1' as const }],
    }));
    const strict = makeNeed({
      essentialSkills: [SK.tigWelding],
      languages: [{ code: 'fr', minCefr: 'B2' }],
      startDate: '2026-02-01',
    });
    const pool = [...french, late];
    const naive = rankResults(pool.map((p) => scorePersonForJob(p, strict, knowledge))).slice(0, 1);
    expect(naive[0]!.id).not.toBe('h1');
    expect(pick(new CandidateIndex(knowledge, undefined, pool).topKForJob(strict, 1).results)).toEqual(
      pick(naive),
    );
  });
});
