import { canonicalJson, sha256Hex } from './hash.js';

/**
 * The versioned scoring configuration. Any change to a number here changes `weightsHash`;
 * a snapshot test then fails until ENGINE_VERSION is bumped and the spec updated, so that
 * every logged run can be tied to the exact rules that produced it (A4).
 */
export const ENGINE_VERSION = '1.2.0';

export const JOB_COMPONENTS = [
  'skills',
  'occupation',
  'distance',
  'languages',
  'qualification',
  'availability',
  'supplyChain',
] as const;
export type JobComponentName = (typeof JOB_COMPONENTS)[number];

export const ROLE_COMPONENTS = [
  'skills',
  'occupation',
  'distance',
  'availability',
  'crisisCase',
  'path',
] as const;
export type RoleComponentName = (typeof ROLE_COMPONENTS)[number];

export const ASSET_COMPONENTS = ['distance', 'price', 'size', 'readiness'] as const;
export type AssetComponentName = (typeof ASSET_COMPONENTS)[number];

export const OPERATOR_COMPONENTS = ['skills', 'occupation', 'distance'] as const;
export type OperatorComponentName = (typeof OPERATOR_COMPONENTS)[number];

export interface SkillCredits {
  /** Credit for a skill the person holds, by how we know it. */
  readonly declared: number;
  readonly certified: number;
  readonly inferred: number;
  /** Held skill is narrower than the required one (a specialisation of it). */
  readonly narrower: number;
  /** Held skill is broader than the required one. */
  readonly broader: number;
  /** Held skill shares a small parent group with the required one. */
  readonly sibling: number;
  /** Required skill is essential / optional for one of the person's ESCO occupations. */
  readonly impliedEssential: number;
  readonly impliedOptional: number;
  /** Parents with more children than this give no sibling credit: large groups say little. */
  readonly siblingMaxGroupSize: number;
  /** How many hierarchy steps up/down count as narrower/broader. */
  readonly hierarchyDepth: number;
  /** Weight of an essential skill relative to an optional one (1). */
  readonly essentialWeight: number;
}

export interface ScoringConfig {
  readonly engineVersion: string;
  readonly job: Readonly<Record<JobComponentName, number>>;
  readonly role: Readonly<Record<RoleComponentName, number>>;
  readonly asset: Readonly<Record<AssetComponentName, number>>;
  readonly operator: Readonly<Record<OperatorComponentName, number>>;
  readonly skills: SkillCredits;
  /** Occupation closeness when the ESCO occupation differs: same ISCO 4/3/2/1-digit group. */
  readonly iscoCloseness: readonly [number, number, number, number];
  /** Years of experience beyond this add nothing: the cap limits years acting as a proxy for age. */
  readonly yearsCap: number;
  /** Share of the occupation value that depends on years (the rest is closeness alone). */
  readonly yearsShare: number;
  /** Each CEFR level below the minimum halves the credit of that language (and EQF level). */
  readonly levelGapFactor: number;
  readonly eqfUnknownValue: number;
  /** Days late after which availability scores 0. */
  readonly lateDaysToZero: number;
  readonly naceOnlyValue: number;
  /** Team builder: default radius for workers outside the crisis case, minimum pair fit. */
  readonly team: {
    readonly radiusKm: number;
    readonly minFit: number;
    readonly maxImprovementRounds: number;
  };
  /** Asset need: a constraint missed by at most this share makes a "near miss". */
  readonly nearMissTolerance: number;
  /** kVA → kW when only apparent power is known (typical power factor). */
  readonly kvaToKw: number;
}

export const DEFAULT_CONFIG: ScoringConfig = {
  engineVersion: ENGINE_VERSION,
  // 1.2.0: occupation 0.15 → 0.30, skills 0.40 → 0.25. Declared skill lists are incomplete and noisy
  // (people list a fraction of what they do; unrelated jobs share transversal skills), while the ESCO
  // occupation and its ISCO closeness are recorded reliably; see docs/benchmarks.md, "Relevance".
  job: {
    skills: 0.25,
    occupation: 0.3,
    distance: 0.15,
    languages: 0.1,
    qualification: 0.05,
    availability: 0.08,
    supplyChain: 0.07,
  },
  role: { skills: 0.4, occupation: 0.2, distance: 0.1, availability: 0.05, crisisCase: 0.15, path: 0.1 },
  asset: { distance: 0.3, price: 0.3, size: 0.25, readiness: 0.15 },
  operator: { skills: 0.45, occupation: 0.35, distance: 0.2 },
  skills: {
    declared: 1,
    certified: 1,
    inferred: 0.7,
    narrower: 0.8,
    broader: 0.5,
    sibling: 0.35,
    impliedEssential: 0.6,
    impliedOptional: 0.3,
    siblingMaxGroupSize: 60,
    hierarchyDepth: 2,
    essentialWeight: 2,
  },
  iscoCloseness: [0.75, 0.5, 0.25, 0.1],
  yearsCap: 5,
  // Halved with the occupation weight doubled, so years still move a score by at most 3 % (age proxy).
  yearsShare: 0.1,
  levelGapFactor: 0.5,
  eqfUnknownValue: 0.5,
  lateDaysToZero: 90,
  naceOnlyValue: 0.8,
  team: { radiusKm: 50, minFit: 0.35, maxImprovementRounds: 20 },
  nearMissTolerance: 0.2,
  kvaToKw: 0.8,
};

/** Deterministic hash of everything that shapes a score (not only the weights: every tunable). */
export function weightsHash(config: ScoringConfig): string {
  return sha256Hex(canonicalJson(config));
}

/** Memoised per config object: hashing on every scored pair would be wasted work. */
const hashCache = new WeakMap<ScoringConfig, string>();
export function configHash(config: ScoringConfig): string {
  let h = hashCache.get(config);
  if (h === undefined) {
    h = weightsHash(config);
    hashCache.set(config, h);
  }
  return h;
}
