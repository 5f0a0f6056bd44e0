import { distanceValue } from './components/distance.js';
import { scoreSkills } from './components/skills.js';
import { clamp01, type ComponentValue } from './components/value.js';
import { combine, result } from './combine.js';
import { ASSET_COMPONENTS, DEFAULT_CONFIG, OPERATOR_COMPONENTS, type ScoringConfig } from './config.js';
import { daysBetween } from './dates.js';
import { haversineKm } from './geo.js';
import type { Knowledge } from './knowledge.js';
import { rankResults } from './rank.js';
import type { AssetInput, AssetNeedInput, Exclusion, IsoDate, MatchResult, ScoringProfile } from './types.js';

/** Area that matters for the kind: land for an area, covered floor for everything else. */
export function assetAreaM2(a: AssetInput): number | null {
  return a.kind === 'area' ? (a.landAreaM2 ?? a.coveredAreaM2) : (a.coveredAreaM2 ?? a.landAreaM2);
}

/** Active power; apparent power (kVA) is converted with a typical power factor when kW is unknown. */
export function assetPowerKw(a: AssetInput, config: ScoringConfig): number | null {
  if (a.powerKw !== null) return a.powerKw;
  return a.powerKva !== null ? a.powerKva * config.kvaToKw : null;
}

/** What the asset costs in the need's mode, or null when the mode is not offered. */
function costFor(a: AssetInput, need: AssetNeedInput): number | null | 'not_offered' {
  if (need.mode === 'buy')
    return a.availability === 'sale' || a.availability === 'auction' ? a.priceEur : 'not_offered';
  if (a.availability === 'free_loan') return 0;
  return a.availability === 'lease' ? a.rentEurMonth : 'not_offered';
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
  const cost = costFor(a, need);
  if (cost === 'not_offered') checks.push(fail('mode', { required: need.mode, actual: a.availability }));
  else if (need.budgetEur !== null && cost !== null && cost > need.budgetEur)
    checks.push(
      fail(
        'budget',
        { budget: need.budgetEur, actual: cost },
        (cost - need.budgetEur) / Math.max(need.budgetEur, 1),
      ),
    );
  return checks.filter((c) => c.exclusion !== null);
}

/** Soft criteria: the closer, cheaper, better-sized and sooner, the higher. */
function softValues(a: AssetInput, need: AssetNeedInput, now: IsoDate, config: ScoringConfig) {
  const km = haversineKm(a.location, need.near);
  const distance: ComponentValue = {
    value: need.radiusKm > 0 ? clamp01(1 - km / need.radiusKm) : km === 0 ? 1 : 0,
    reason: { code: 'km', params: { km: Math.round(km * 10) / 10, radiusKm: need.radiusKm } },
  };
  const cost = costFor(a, need);
  let price: ComponentValue;
  if (cost === 'not_offered' || cost === null)
    price = { value: 0.5, reason: { code: 'unknown', params: {} } };
  else if (need.budgetEur === null || need.budgetEur <= 0)
    price = { value: cost === 0 ? 1 : 0.5, reason: { code: 'no_budget', params: { cost } } };
  else
    price = {
      // Half credit for merely fitting the budget, the rest for how much of it is left.
      value: clamp01(1 - (0.5 * cost) / need.budgetEur),
      reason: { code: 'within_budget', params: { cost, budget: need.budgetEur } },
    };
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
  for (const a of assets) {
    const checks = assetExclusions(a, need, now, config);
    const r = scoreAssetForNeed(a, need, now, config);
    if (checks.length === 0) all.push(r);
    else if (checks.length === 1 && checks[0]!.gap <= config.nearMissTolerance)
      nearMisses.push({ result: r, gap: checks[0]!.gap });
  }
  nearMisses.sort(
    (x, y) => x.gap - y.gap || (x.result.id < y.result.id ? -1 : x.result.id > y.result.id ? 1 : 0),
  );
  return { results: rankResults(all).slice(0, limit), nearMisses: nearMisses.slice(0, limit) };
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

/**
 * A person against an asset: can they operate it? Skill coverage of the asset's required skills
 * (all treated as essential) and distance to it; beyond the person's mobility radius excludes.
 */
export function scoreOperatorForAsset(
  p: ScoringProfile,
  a: AssetInput,
  k: Knowledge,
  config: ScoringConfig = DEFAULT_CONFIG,
): MatchResult {
  const skills = scoreSkills(p, a.requiredSkills, [], k, config);
  // An asset has no radius of its own: only the person's mobility counts.
  const km = haversineKm(p.home, a.location);
  const params = { km: Math.round(km * 10) / 10, mobilityKm: p.mobilityKm };
  const distance: ComponentValue = {
    value: distanceValue(km, 0, p.mobilityKm),
    reason: { code: km <= p.mobilityKm ? 'to_asset' : 'beyond_mobility', params },
  };
  const exclusions = km > p.mobilityKm ? [{ code: 'beyond_mobility', params }] : [];
  const combined = combine(config.operator, OPERATOR_COMPONENTS, { skills, distance });
  return result(p.id, a.id, combined, exclusions, config, skills.breakdown);
}

/** Asset → people who can operate it, best first. The server pre-filters the pool (index.near). */
export function operatorsForAsset(
  a: AssetInput,
  pool: readonly ScoringProfile[],
  k: Knowledge,
  limit: number,
  config: ScoringConfig = DEFAULT_CONFIG,
): MatchResult[] {
  const results = pool.map((p) => scoreOperatorForAsset(p, a, k, config)).filter((r) => canOperate(r, a));
  return rankResults(results).slice(0, limit);
}

/** Listed only with at least one of the asset's skills held or partly held (or none required). */
export function canOperate(r: MatchResult, a: AssetInput): boolean {
  return a.requiredSkills.length === 0 || (r.skills?.missing.length ?? 0) < new Set(a.requiredSkills).size;
}
