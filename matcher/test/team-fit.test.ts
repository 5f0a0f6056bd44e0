import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PoolEvidence } from '../src/components/evidence.js';
import { occupationValue, scoreOccupation } from '../src/components/occupation.js';
import { roleFit } from '../src/score-role.js';
import { TeamFits } from '../src/team-fit.js';
import { DEFAULT_CONFIG, type Knowledge, type OpportunityInput, type ScoringProfile } from '../src/index.js';
import {
  isoDate,
  LOCAL_OCCUPATION,
  LOCAL_SKILL,
  needArb,
  point,
  profileArb,
  withLocalConcepts,
} from './arbitraries.js';
import { knowledge, OCC, PLACES, SK } from './helpers.js';
import { ferryTable, municipalities, travel } from './travel-fixtures.js';
import { TravelModel } from '../src/travel/model.js';

type Source = ScoringProfile['skills'][number]['source'];

/** Homes often shared (municipality centroids), sometimes anywhere: the route cache is keyed by home. */
const homeArb = fc.oneof(fc.constantFrom(...Object.values(PLACES)), point);

const poolArb = fc.uniqueArray(fc.integer({ min: 0, max: 10_000 }), { maxLength: 40 }).chain((ids) =>
  fc.tuple(
    ...ids.map((i) =>
      fc
        .tuple(
          withLocalConcepts(profileArb(fc.constant(`p${i}`))),
          homeArb,
          fc.boolean(),
          fc.option(fc.constantFrom('declared', 'certified', 'inferred') as fc.Arbitrary<Source>, {
            nil: null,
          }),
        )
        .map(([p, home, sameCase, again]): ScoringProfile => ({
          ...p,
          home,
          crisisCaseId: sameCase ? 'case-a' : p.crisisCaseId,
          // A skill listed twice from two sources counts with its better credit, whichever comes first.
          skills:
            again && p.skills.length > 0 ? [...p.skills, { uri: p.skills[0]!.uri, source: again }] : p.skills,
        })),
    ),
  ),
);

const oppArb: fc.Arbitrary<OpportunityInput> = fc
  .record({
    roles: fc.array(fc.tuple(needArb(), fc.boolean()), { minLength: 1, maxLength: 5 }),
    place: homeArb,
    radiusKm: fc.option(fc.integer({ min: 0, max: 120 }), { nil: undefined }),
    startDate: fc.option(isoDate, { nil: null }),
    crisisCaseId: fc.option(fc.constant('case-a'), { nil: null }),
    kind: fc.constantFrom('wbo', 'spin_off', 'start_up'),
  })
  .map((o) => ({
    id: 'opp',
    kind: o.kind,
    crisisCaseId: o.crisisCaseId,
    place: o.place,
    ...(o.radiusKm === undefined ? {} : { radiusKm: o.radiusKm }),
    startDate: o.startDate,
    supplyChain: null,
    roles: o.roles.map(([n, local], i) => ({
      id: `r${i}`,
      occupationUri: local ? LOCAL_OCCUPATION : n.occupationUri,
      iscoGroup: local ? '7215' : n.iscoGroup,
      count: n.positions,
      // Duplicates on purpose: the requirement list dedupes them, both ways. A local skill sometimes.
      keySkills: [...n.essentialSkills, ...n.essentialSkills.slice(0, 1), ...(local ? [LOCAL_SKILL] : [])],
    })),
  })) as fc.Arbitrary<OpportunityInput>;

function sameFits(people: ScoringProfile[], opp: OpportunityInput, k: Knowledge): void {
  const evidence = new PoolEvidence(people, k, DEFAULT_CONFIG);
  const fits = new TeamFits(opp, people, evidence, k, DEFAULT_CONFIG);
  for (const role of opp.roles) {
    // Every person, not only the evidence candidates: the fast path must be right for anyone it is given.
    const all = people.map((_, i) => i);
    const fast = fits.forRole(role, all);
    all.forEach((pi) => {
      const slow = roleFit(people[pi]!, opp, role, k, DEFAULT_CONFIG);
      // Bit-identical, not close: the team (greedy order, ties) must not change.
      expect(fast[pi]).toStrictEqual(slow);
    });
  }
}

describe('TeamFits (requirement-major) equals roleFit per pair', () => {
  it('on random pools and roles, by distance in km', () => {
    fc.assert(
      fc.property(poolArb, oppArb, (people, opp) => sameFits(people, opp, knowledge)),
      { numRuns: 150 },
    );
  });

  it('on random pools and roles, by travel time (road and ferries; homes shared)', () => {
    const k: Knowledge = { ...knowledge, travel };
    fc.assert(
      fc.property(poolArb, oppArb, (people, opp) => sameFits(people, opp, k)),
      { numRuns: 100 },
    );
  });

  it('known answer: a welder with TIG welding held, same crisis case, at the plant', () => {
    const p = {
      ...fc.sample(profileArb(fc.constant('w1')), { numRuns: 1, seed: 7 })[0]!,
      home: PLACES.laSpezia,
      skills: [{ uri: SK.tigWelding, source: 'declared' as const }],
      occupations: [{ uri: OCC.welder, iscoGroup: '7212', years: 5 }],
      crisisCaseId: 'case-a',
    };
    const opp: OpportunityInput = {
      id: 'opp',
      kind: 'wbo',
      crisisCaseId: 'case-a',
      place: PLACES.laSpezia,
      supplyChain: null,
      roles: [
        { id: 'weld', occupationUri: OCC.welder, iscoGroup: '7212', count: 1, keySkills: [SK.tigWelding] },
      ],
    };
    const evidence = new PoolEvidence([p], knowledge, DEFAULT_CONFIG);
    const [f] = new TeamFits(opp, [p], evidence, knowledge, DEFAULT_CONFIG).forRole(opp.roles[0]!, [0]);
    expect(f!.anySkill).toBe(true);
    expect(f!.excluded).toBe(false);
    expect(f).toStrictEqual(roleFit(p, opp, opp.roles[0]!, knowledge, DEFAULT_CONFIG));
  });

  it('occupationValue equals scoreOccupation().value', () => {
    fc.assert(
      fc.property(profileArb(), needArb(), (p, n) => {
        expect(occupationValue(p, n.occupationUri, n.iscoGroup, DEFAULT_CONFIG)).toBe(
          scoreOccupation(p, n.occupationUri, n.iscoGroup, DEFAULT_CONFIG).value,
        );
      }),
      { numRuns: 300 },
    );
  });
});

describe('TravelModel.toward equals route(origin, destination)', () => {
  const towns = municipalities();
  const town = fc.integer({ min: 0, max: towns.length - 1 }).map((i) => towns[i]!);
  const jittered = fc
    .tuple(
      town,
      fc.double({ min: -0.05, max: 0.05, noNaN: true }),
      fc.double({ min: -0.05, max: 0.05, noNaN: true }),
    )
    .map(([t, a, b]) => ({ lat: t.lat + a, lon: t.lon + b }));
  const anyPoint = fc.oneof(town, jittered);

  it('on random municipalities of every landmass, with and without seasonal links', () => {
    const seasonal = new TravelModel(ferryTable, { includeSeasonal: true });
    fc.assert(
      fc.property(anyPoint, fc.array(anyPoint, { minLength: 1, maxLength: 20 }), (place, homes) => {
        for (const model of [travel, seasonal]) {
          const toward = model.toward(place);
          for (const h of homes) expect(toward(h)).toStrictEqual(model.route(h, place));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('known answer: Portoferraio (Elba) toward Piombino crosses by ferry, Genova toward La Spezia by road', () => {
    const elba = towns.find((t) => t.name === 'Portoferraio')!;
    const piombino = towns.find((t) => t.name === 'Piombino')!;
    const r = travel.toward(piombino)(elba);
    expect(r.mode).toBe('ferry');
    expect(r).toStrictEqual(travel.route(elba, piombino));
    expect(travel.toward(PLACES.laSpezia)(PLACES.genova).mode).toBe('road');
  });
});
