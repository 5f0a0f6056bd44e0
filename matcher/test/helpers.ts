import fixture from './fixtures/esco-fixture.json' with { type: 'json' };
import { buildKnowledge } from '../src/knowledge.js';
import type {
  AssetInput,
  Component,
  MatchResult,
  AssetNeedInput,
  JobNeedInput,
  Lang,
  OpportunityInput,
  ScoringProfile,
} from '../src/types.js';

export const OCC = fixture.occupations;
export const SK = fixture.skills;

export const knowledge = buildKnowledge({
  skillBroader: fixture.skillBroader,
  occupations: fixture.occupationRows,
  occupationSkills: fixture.occupationSkills.map((r) => ({
    ...r,
    relation: r.relation === 'essential' ? ('essential' as const) : ('optional' as const),
  })),
});

const labels = new Map<string, { en: string; fr: string }>();
for (const r of [...fixture.skillLabels, ...fixture.occupationRows])
  labels.set(r.uri, { en: r.label_en, fr: r.label_fr });
/** ESCO has no Italian labels in our data (see data README); Italian falls back to English. */
export const label = (uri: string, lang: Lang): string => {
  const l = labels.get(uri);
  return l ? (lang === 'fr' && l.fr ? l.fr : l.en) : uri;
};

export const iscoOf = (uri: string): string =>
  fixture.occupationRows.find((o) => o.uri === uri)?.iscoGroup ?? '';

/** La Spezia, Genova and Cagliari (municipality points from municipalities.csv, rounded). */
export const PLACES = {
  laSpezia: { lat: 44.107, lon: 9.824 },
  sarzana: { lat: 44.113, lon: 9.96 },
  genova: { lat: 44.411, lon: 8.932 },
  cagliari: { lat: 39.223, lon: 9.104 },
};

export function makeProfile(overrides: Partial<ScoringProfile> = {}): ScoringProfile {
  return {
    id: 'p1',
    code: 'P-7Q3K9',
    occupations: [],
    skills: [],
    languages: [{ code: 'it', cefr: 'C2' }],
    eqfLevel: 3,
    drivingLicences: ['B'],
    home: PLACES.laSpezia,
    mobilityKm: 30,
    availableFrom: '2026-01-01',
    employmentStatus: 'unemployed',
    desiredPaths: ['employment'],
    supplyChains: [],
    naceDivisions: [],
    crisisCaseId: null,
    deskId: 'desk-sp',
    ...overrides,
  };
}

export function makeNeed(overrides: Partial<JobNeedInput> = {}): JobNeedInput {
  return {
    id: 'n1',
    occupationUri: OCC.welder,
    iscoGroup: '7212',
    essentialSkills: [],
    optionalSkills: [],
    positions: 1,
    place: PLACES.laSpezia,
    radiusKm: 40,
    languages: [],
    minEqf: null,
    startDate: null,
    supplyChain: null,
    naceDivision: null,
    ...overrides,
  };
}

export function makeOpportunity(overrides: Partial<OpportunityInput> = {}): OpportunityInput {
  return {
    id: 'o1',
    kind: 'wbo',
    crisisCaseId: 'case-yard',
    place: PLACES.laSpezia,
    roles: [],
    supplyChain: 'nautical_shipbuilding',
    ...overrides,
  };
}

export function makeAsset(overrides: Partial<AssetInput> = {}): AssetInput {
  return {
    id: 'a1',
    kind: 'building',
    category: 'warehouse',
    coveredAreaM2: 2000,
    landAreaM2: 5000,
    powerKw: null,
    powerKva: 400,
    craneTonnage: 20,
    quayAccess: true,
    location: PLACES.laSpezia,
    availableFrom: '2026-01-01',
    availableUntil: null,
    availability: 'lease',
    priceEur: null,
    rentEurMonth: 8000,
    requiredSkills: [],
    status: 'available',
    ...overrides,
  };
}

export function makeAssetNeed(overrides: Partial<AssetNeedInput> = {}): AssetNeedInput {
  return {
    id: 'an1',
    kind: 'building',
    category: 'warehouse',
    minAreaM2: 1500,
    maxAreaM2: null,
    minPowerKw: null,
    minCraneTonnage: null,
    needsQuay: true,
    near: PLACES.laSpezia,
    radiusKm: 30,
    mode: 'lease',
    budgetEur: 10000,
    byDate: '2026-06-01',
    ...overrides,
  };
}

export const byName = (r: MatchResult, name: string): Component => {
  const c = r.components.find((x) => x.name === name);
  if (!c) throw new Error(`no component ${name}`);
  return c;
};

/** Runs a computation written as steps to its end, counting the pauses (each `yield`). */
export function runCountingSteps<T>(steps: Generator<void, T, void>): { value: T; steps: number } {
  let count = 0;
  let next = steps.next();
  while (!next.done) {
    count++;
    next = steps.next();
  }
  return { value: next.value, steps: count };
}
