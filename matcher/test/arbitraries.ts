import fc from 'fast-check';
import type { CefrLevel, JobNeedInput, ScoringProfile } from '../src/types.js';
import { OCC, PLACES, SK, iscoOf } from './helpers.js';

const skillUris = Object.values(SK);
const occUris = Object.values(OCC);
const cefr: CefrLevel[] = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'];
const chains = ['nautical', 'tourism', 'mechanics', 'agri_food'];
const nace = ['30', '25', '56', '33', '10'];

export const isoDate = fc.integer({ min: 0, max: 400 }).map((d) => {
  const t = new Date(Date.UTC(2026, 0, 1) + d * 86_400_000);
  return t.toISOString().slice(0, 10);
});

/** Around La Spezia, within about ±110 km. */
export const point = fc.record({
  lat: fc.double({ min: PLACES.laSpezia.lat - 1, max: PLACES.laSpezia.lat + 1, noNaN: true }),
  lon: fc.double({ min: PLACES.laSpezia.lon - 1, max: PLACES.laSpezia.lon + 1, noNaN: true }),
});

export const profileArb = (id = fc.string({ minLength: 1, maxLength: 6 })): fc.Arbitrary<ScoringProfile> =>
  fc.record({
    id,
    code: fc.constant('P-TEST1'),
    occupations: fc
      .uniqueArray(
        fc.record({
          uri: fc.constantFrom(...occUris),
          years: fc.integer({ min: 0, max: 30 }),
        }),
        { maxLength: 2, selector: (o) => o.uri },
      )
      .map((os) => os.map((o) => ({ ...o, iscoGroup: iscoOf(o.uri) }))),
    skills: fc.uniqueArray(
      fc.record({
        uri: fc.constantFrom(...skillUris),
        source: fc.constantFrom('declared', 'certified', 'inferred'),
      }),
      { maxLength: 8, selector: (s) => s.uri },
    ),
    languages: fc.uniqueArray(
      fc.record({ code: fc.constantFrom('it', 'fr', 'en'), cefr: fc.constantFrom(...cefr) }),
      { maxLength: 3, selector: (l) => l.code },
    ),
    eqfLevel: fc.option(fc.integer({ min: 1, max: 8 }), { nil: null }),
    drivingLicences: fc.subarray(['B', 'C', 'CE']),
    home: point,
    mobilityKm: fc.integer({ min: 0, max: 150 }),
    availableFrom: isoDate,
    employmentStatus: fc.constantFrom('unemployed', 'at_risk', 'furloughed'),
    desiredPaths: fc.subarray(['employment', 'workers_buy_out', 'spin_off', 'start_up'] as const),
    supplyChains: fc.subarray(chains),
    naceDivisions: fc.subarray(nace),
    crisisCaseId: fc.option(fc.constantFrom('case-a', 'case-b'), { nil: null }),
    deskId: fc.constantFrom('desk-1', 'desk-2'),
  });

export const needArb = (id = fc.string({ minLength: 1, maxLength: 6 })): fc.Arbitrary<JobNeedInput> =>
  fc
    .record({
      id,
      occupationUri: fc.constantFrom(...occUris),
      essentialSkills: fc.uniqueArray(fc.constantFrom(...skillUris), { maxLength: 5 }),
      optionalSkills: fc.uniqueArray(fc.constantFrom(...skillUris), { maxLength: 4 }),
      positions: fc.integer({ min: 1, max: 5 }),
      place: point,
      radiusKm: fc.integer({ min: 0, max: 120 }),
      languages: fc.uniqueArray(
        fc.record({ code: fc.constantFrom('it', 'fr', 'en'), minCefr: fc.constantFrom(...cefr) }),
        { maxLength: 2, selector: (l) => l.code },
      ),
      minEqf: fc.option(fc.integer({ min: 1, max: 8 }), { nil: null }),
      startDate: fc.option(isoDate, { nil: null }),
      supplyChain: fc.option(fc.constantFrom(...chains), { nil: null }),
      naceDivision: fc.option(fc.constantFrom(...nace), { nil: null }),
    })
    .map((n) => ({ ...n, iscoGroup: iscoOf(n.occupationUri) }));

/** Pools with unique ids. */
export const poolArb = (max: number): fc.Arbitrary<ScoringProfile[]> =>
  fc
    .uniqueArray(fc.integer({ min: 0, max: 10_000 }), { minLength: 0, maxLength: max })
    .chain((ids) => fc.tuple(...ids.map((i) => profileArb(fc.constant(`p${i}`)))));

export const needPoolArb = (max: number): fc.Arbitrary<JobNeedInput[]> =>
  fc
    .uniqueArray(fc.integer({ min: 0, max: 10_000 }), { minLength: 0, maxLength: max })
    .chain((ids) => fc.tuple(...ids.map((i) => needArb(fc.constant(`n${i}`)))));

/** A skill and an occupation the knowledge does not list (a desk's own code, a newer ESCO release). */
export const LOCAL_SKILL = 'http://example.org/skills/local-rigging';
export const LOCAL_OCCUPATION = 'http://example.org/occupations/local-rigger';

/** Sometimes adds the local skill and occupation to a profile, so paths for unknown URIs are exercised. */
export const withLocalConcepts = <P extends ScoringProfile>(arb: fc.Arbitrary<P>): fc.Arbitrary<P> =>
  fc.tuple(arb, fc.boolean(), fc.boolean()).map(([p, skill, occupation]) => ({
    ...p,
    skills: skill ? [...p.skills, { uri: LOCAL_SKILL, source: 'declared' as const }] : p.skills,
    occupations: occupation
      ? [...p.occupations, { uri: LOCAL_OCCUPATION, iscoGroup: '7215', years: 3 }]
      : p.occupations,
  }));
