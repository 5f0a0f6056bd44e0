import { distanceValue, mobilityMinutes, routeParam, travelFit } from './components/distance.js';
import { scoreSkills } from './components/skills.js';
import { clamp01, type ComponentValue } from './components/value.js';
import { combine, result } from './combine.js';
import { ASSET_COMPONENTS, DEFAULT_CONFIG, OPERATOR_COMPONENTS, type ScoringConfig } from './config.js';
import { daysBetween } from './dates.js';
import { haversineKm } from './geo.js';
import type { Knowledge } from './knowledge.js';
import { rankResults } from './rank.js';
import { offerFor } from './asset-offer.js';
import { scoreOccupation } from './components/occupation.js';
import { operatorBasis, type OperatorBasis } from './operator-basis.js';
import type {
  AssetInput,
  AssetNeedInput,
  Exclusion,
  IsoDate,
  MatchResult,
  Reason,
  ScoringProfile,
} from './types.js';

/** Area that matters for the kind: land for an area, covered floor for everything else. */
export function assetAreaM2(a: AssetInput): number | null {
  return a.kind === 'area' ? (a.landAreaM2 ?? a.coveredAreaM2) : (a.coveredAreaM2 ?? a.landAreaM2);
}

/** Active power; apparent power (kVA) is converted with a typical power factor when kW is unknown. */
export function assetPowerKw(a: AssetInput, config: ScoringConfig): number | null {
  if (a.powerKw !== null) return a.powerKw;
  return a.powerKva !== null ? a.powerKva * config.kvaToKw : null;
}

interface Check {
  readonly exclusion: Exclusion | null;
  /** Relative shortfall for numeric constraints (0.1 = 10 % short); Infinity for yes/no ones. */
  readonly gap: number;
}

const ok: Check = { exclusion: null, gap: 0 };
const fail = (code: string, params: Exclusion['params'], gap = Infinity): Check => ({
  exclusion: { code, params },
  gap,
});
const atLeast = (code: string, have: number | null, min: number | null): Check => {
  if (min === null || min <= 0) return ok;
  if (have === null) return fail(code, { required: min, actual: 'unknown' });
  return have >= min ? ok : fail(code, { required: min, actual: have }, (min - have) / min);
};

/** Hard constraints of an asset need; every failing one is reported (the why-not list). */
export function assetExclusions(
  a: AssetInput,
  need: AssetNeedInput,
  now: IsoDate,
  config: ScoringConfig,
): Check[] {
  const checks: Check[] = [];
  if (a.status !== 'available') checks.push(fail('asset_not_available', { status: a.status }));
  if (a.kind !== need.kind) checks.push(fail('kind', { required: need.kind, actual: a.kind }));
  if (need.category !== null && a.category !== need.category)
    checks.push(fail('category', { required: need.category, actual: a.category }));
  const area = assetAreaM2(a);
  checks.push(atLeast('min_area', area, need.minAreaM2));
  if (need.maxAreaM2 !== null && area !== null && area > need.maxAreaM2)
    checks.push(
      fail('max_area', { required: need.maxAreaM2, actual: area }, (area - need.maxAreaM2) / need.maxAreaM2),
    );
  checks.push(atLeast('min_power', assetPowerKw(a, config), need.minPowerKw));
  checks.push(atLeast('min_crane', a.craneTonnage, need.minCraneTonnage));
  if (need.needsQuay && !a.quayAccess) checks.push(fail('quay', {}));
  const km = haversineKm(a.location, need.near);
  if (km > need.radiusKm)
    checks.push(
      fail(
        'radius',
        { km: Math.round(km * 10) / 10, radiusKm: need.radiusKm },
        (km - need.radiusKm) / Math.max(need.radiusKm, 1),
      ),
    );
  if (need.byDate !== null && daysBetween(need.byDate, a.availableFrom) > 0)
    checks.push(fail('available_too_late', { availableFrom: a.availableFrom, byDate: need.byDate }));
  if (a.availableUntil !== null && daysBetween(now, a.availableUntil) < 0)
    checks.push(fail('expired', { availableUntil: a.availableUntil }));
  const offer = offerFor(a, need);
  if (!offer.admissible) checks.push(fail('mode', { required: need.mode, actual: a.availability }));
  else if (offer.budget !== null && offer.cost !== null && offer.cost > offer.budget)
    checks.push(
      fail(
        offer.mode === 'buy' ? 'budget' : 'rent_budget',
        { budget: offer.budget, actual: offer.cost },
        (offer.cost - offer.budget) / Math.max(offer.budget, 1),
      ),
    );
  return checks.filter((c) => c.exclusion !== null);
}

/**
 * Price against the budget of the mode the asset would be taken in: half credit for merely
 * fitting, the rest for how much of the budget is left. A free loan costs nothing.
 */
function priceValue(a: AssetInput, need: AssetNeedInput): ComponentValue {
  const offer = offerFor(a, need);
  if (!offer.admissible || offer.cost === null)
    return { value: 0.5, reason: { code: 'unknown', params: {} } };
  const { cost, budget } = offer;
  const rent = offer.mode === 'lease';
  if (a.availability === 'free_loan') return { value: 1, reason: { code: 'free_loan', params: {} } };
  // Null is "no budget given"; a budget of 0 is a budget (only what costs nothing fits), so a larger
  // budget can never score lower than it (fast-check found 0 treated as no budget).
  if (budget === null)
    return { value: 0.5, reason: { code: rent ? 'rent_no_budget' : 'no_budget', params: { cost } } };
  if (budget <= 0)
    return {
      value: cost <= 0 ? 1 : 0,
      reason: { code: rent ? 'within_rent_budget' : 'within_budget', params: { cost, budget } },
    };
  return {
    value: clamp01(1 - (0.5 * cost) / budget),
    reason: { code: rent ? 'within_rent_budget' : 'within_budget', params: { cost, budget } },
  };
}

/** Soft criteria: the closer, cheaper, better-sized and sooner, the higher. */
function softValues(a: AssetInput, need: AssetNeedInput, now: IsoDate, config: ScoringConfig) {
  const km = haversineKm(a.location, need.near);
  const distance: ComponentValue = {
    value: need.radiusKm > 0 ? clamp01(1 - km / need.radiusKm) : km === 0 ? 1 : 0,
    reason: { code: 'km', params: { km: Math.round(km * 10) / 10, radiusKm: need.radiusKm } },
  };
  const price = priceValue(a, need);
  const area = assetAreaM2(a);
  let size: ComponentValue;
  if (need.minAreaM2 === null || area === null)
    size = { value: 1, reason: { code: 'not_required', params: {} } };
  else {
    // Oversize is waste for the buyer: credit falls as the asset exceeds the minimum by up to 100 %.
    const excess = Math.max(0, area - need.minAreaM2) / Math.max(need.minAreaM2, 1);
    size = {
      value: clamp01(1 - excess / 2),
      reason: { code: 'area', params: { area, min: need.minAreaM2 } },
    };
  }
  const target = need.byDate ?? now;
  const early = daysBetween(a.availableFrom, target);
  const readiness: ComponentValue =
    early >= 0
      ? { value: 1, reason: { code: 'ready', params: { availableFrom: a.availableFrom } } }
      : {
          value: clamp01(1 + early / config.lateDaysToZero),
          reason: { code: 'later', params: { availableFrom: a.availableFrom } },
        };
  return { distance, price, size, readiness };
}

/** An asset against an asset need: soft components rank, hard constraints exclude. */
export function scoreAssetForNeed(
  a: AssetInput,
  need: AssetNeedInput,
  now: IsoDate,
  config: ScoringConfig = DEFAULT_CONFIG,
): MatchResult {
  const combined = combine(config.asset, ASSET_COMPONENTS, softValues(a, need, now, config));
  const exclusions = assetExclusions(a, need, now, config).map((c) => c.exclusion!);
  return result(a.id, need.id, combined, exclusions, config);
}

export interface NearMiss {
  readonly result: MatchResult;
  /** Largest relative shortfall among the failed constraints. */
  readonly gap: number;
}

export interface AssetSearchResult {
  readonly results: MatchResult[];
  /** Assets failing exactly one constraint, by at most `nearMissTolerance` for numeric ones: why not. */
  readonly nearMisses: NearMiss[];
  /**
   * Every asset that is not ranked, with every hard criterion it fails (mode, kind, category, quay,
   * size, power, crane, distance, budget, dates, status) in `result.exclusions`: the full why-not.
   * Fewest failures first, then smallest gap, then id.
   */
  readonly excluded: NearMiss[];
}

/** Asset need → assets. Assets are few (thousands), so a linear scan is fast enough. */
export function assetsForNeed(
  need: AssetNeedInput,
  assets: readonly AssetInput[],
  now: IsoDate,
  limit: number,
  config: ScoringConfig = DEFAULT_CONFIG,
): AssetSearchResult {
  const all: MatchResult[] = [];
  const nearMisses: NearMiss[] = [];
  const excluded: NearMiss[] = [];
  for (const a of assets) {
    const checks = assetExclusions(a, need, now, config);
    const r = scoreAssetForNeed(a, need, now, config);
    if (checks.length === 0) {
      all.push(r);
      continue;
    }
    const gap = Math.max(...checks.map((c) => c.gap));
    excluded.push({ result: r, gap });
    if (checks.length === 1 && gap <= config.nearMissTolerance) nearMisses.push({ result: r, gap });
  }
  const byId = (x: NearMiss, y: NearMiss) =>
    x.result.id < y.result.id ? -1 : x.result.id > y.result.id ? 1 : 0;
  nearMisses.sort((x, y) => x.gap - y.gap || byId(x, y));
  excluded.sort(
    (x, y) =>
      x.result.exclusions.length - y.result.exclusions.length ||
      (x.gap === y.gap ? 0 : x.gap < y.gap ? -1 : 1) ||
      byId(x, y),
  );
  return {
    results: rankResults(all).slice(0, limit),
    nearMisses: nearMisses.slice(0, limit),
    excluded: excluded.slice(0, limit),
  };
}

/** Asset → asset needs it could satisfy (the same pair, `id` = need id). */
export function needsForAsset(
  a: AssetInput,
  needs: readonly AssetNeedInput[],
  now: IsoDate,
  limit: number,
  config: ScoringConfig = DEFAULT_CONFIG,
): MatchResult[] {
  const out = needs.map((n) => ({ ...scoreAssetForNeed(a, n, now, config), id: n.id, subjectId: a.id }));
  return rankResults(out).slice(0, limit);
}

/** Occupation closeness of a person to the occupations and ISCO groups that operate the asset. */
function operatorOccupation(p: ScoringProfile, basis: OperatorBasis, config: ScoringConfig): ComponentValue {
  let best: ComponentValue = { value: 0, reason: { code: 'unrelated', params: {} } };
  const targets = [...basis.occupations, ...basis.iscoGroups.map((iscoGroup) => ({ uri: '', iscoGroup }))];
  for (const t of targets) {
    const v = scoreOccupation(p, t.uri, t.iscoGroup, config);
    if (v.value > best.value + 1e-12) best = v;
  }
  return best;
}

/** An asset has no radius of its own: only the person's mobility counts (in time when travel is known). */
function operatorDistance(
  p: ScoringProfile,
  a: AssetInput,
  k: Knowledge,
  exclusions: Exclusion[],
): ComponentValue {
  if (k.travel) {
    const route = k.travel.route(a.location, p.home);
    const fit = route.mode === 'none' ? null : travelFit(route, 0, p, k.travel);
    const params = {
      minutes: Math.ceil(route.minutes === Infinity ? 0 : route.minutes),
      route: routeParam(route),
      mobilityMinutes: Math.round(mobilityMinutes(p, k.travel)),
      mobilityKm: p.mobilityKm,
    };
    if (!fit) {
      exclusions.push({
        code: 'travel_no_route',
        params: { km: Math.round(haversineKm(p.home, a.location)) },
      });
      return { value: 0, reason: { code: 'no_route', params } };
    }
    if (!fit.inMobility) exclusions.push({ code: 'travel_beyond_mobility', params });
    const code = fit.weekly ? 'time_weekly_ferry' : fit.inMobility ? 'time_to_asset' : 'time_beyond_mobility';
    return { value: fit.value, reason: { code, params } };
  }
  const km = haversineKm(p.home, a.location);
  const params = { km: Math.round(km * 10) / 10, mobilityKm: p.mobilityKm };
  if (km > p.mobilityKm) exclusions.push({ code: 'beyond_mobility', params });
  return {
    value: distanceValue(km, 0, p.mobilityKm),
    reason: { code: km <= p.mobilityKm ? 'to_asset' : 'beyond_mobility', params },
  };
}

/**
 * A person against an asset: can they operate it? Coverage of the skills the asset needs (its own
 * required skills and the core skills of the occupations that run its category, all essential), the
 * person's closeness to those occupations, and distance; beyond the person's mobility radius excludes.
 * An asset with no basis at all (no required skills, a category with no operating occupation) is not
 * scored as a perfect fit for everyone: every result carries the `no_operator_basis` exclusion.
 */
export function scoreOperatorForAsset(
  p: ScoringProfile,
  a: AssetInput,
  k: Knowledge,
  config: ScoringConfig = DEFAULT_CONFIG,
): MatchResult {
  const basis = operatorBasis(a, k);
  const skills = operatorSkills(p, basis, k, config);
  const occupation = operatorOccupation(p, basis, config);
  const exclusions: Exclusion[] = [];
  if (!basis.hasBasis) exclusions.push({ code: 'no_operator_basis', params: { category: a.category } });
  const distance = operatorDistance(p, a, k, exclusions);
  const combined = combine(operatorWeights(basis, config), OPERATOR_COMPONENTS, {
    skills,
    occupation,
    distance,
  });
  return result(p.id, a.id, combined, exclusions, config, skills.breakdown);
}

/**
 * With no skill to compare (the asset lists none and the reference gives none for the occupations that
 * run its category), a skill score would be 1 for everybody and lift every person nearby to the top.
 * The skill component is then not applicable: weight 0, and the other weights scaled to sum as before,
 * so people rank by occupation and distance and the breakdown still adds up to the score.
 */
export function operatorWeights(
  basis: OperatorBasis,
  config: ScoringConfig,
): Readonly<Record<(typeof OPERATOR_COMPONENTS)[number], number>> {
  const w = config.operator;
  if (basis.skills.length > 0) return w;
  const rest = w.occupation + w.distance;
  if (rest <= 0) return w;
  const scale = (w.skills + rest) / rest;
  return { skills: 0, occupation: w.occupation * scale, distance: w.distance * scale };
}

function operatorSkills(p: ScoringProfile, basis: OperatorBasis, k: Knowledge, config: ScoringConfig) {
  const skills = scoreSkills(p, basis.skills, [], k, config);
  if (basis.skills.length > 0) return skills;
  return { ...skills, value: 0, reason: { code: 'not_applicable', params: {} } };
}

export interface OperatorSearchResult {
  readonly results: MatchResult[];
  /** Set when the asset gives nothing to rank people by; `results` is then empty. */
  readonly noBasis: Reason | null;
}

/**
 * Asset → people who can operate it, best first, saying so when there is no basis to rank anyone.
 * The server pre-filters the pool (index.near).
 */
export function whoCanOperate(
  a: AssetInput,
  pool: readonly ScoringProfile[],
  k: Knowledge,
  limit: number,
  config: ScoringConfig = DEFAULT_CONFIG,
): OperatorSearchResult {
  if (!operatorBasis(a, k).hasBasis)
    return { results: [], noBasis: { code: 'no_operator_basis', params: { category: a.category } } };
  const results = pool.map((p) => scoreOperatorForAsset(p, a, k, config)).filter((r) => canOperate(r, a));
  return { results: rankResults(results).slice(0, limit), noBasis: null };
}

/** Asset → people who can operate it, best first (empty when the asset gives no basis; see whoCanOperate). */
export function operatorsForAsset(
  a: AssetInput,
  pool: readonly ScoringProfile[],
  k: Knowledge,
  limit: number,
  config: ScoringConfig = DEFAULT_CONFIG,
): MatchResult[] {
  return whoCanOperate(a, pool, k, limit, config).results;
}

const OPERATOR_EVIDENCE = new Set(['same_occupation', 'isco4', 'isco3']);

/**
 * Listed only with evidence: at least one needed skill held or partly held, or a past occupation in
 * the same ISCO minor group (3 digits) as one that runs the asset; and no exclusion.
 */
export function canOperate(r: MatchResult, _a?: AssetInput): boolean {
  if (r.exclusions.length > 0) return false;
  const s = r.skills;
  if (s && s.matched.length + s.partial.length > 0) return true;
  const occ = r.components.find((c) => c.name === 'occupation');
  return occ !== undefined && OPERATOR_EVIDENCE.has(occ.reason.code);
}
