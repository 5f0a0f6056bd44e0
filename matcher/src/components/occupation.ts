import type { ScoringConfig } from '../config.js';
import type { ScoringProfile } from '../types.js';
import type { ComponentValue } from './value.js';

const LEVEL_CODES = ['isco4', 'isco3', 'isco2', 'isco1'] as const;

/** How close two ISCO-08 codes are: 0 = same 4-digit group … 3 = same major group, -1 = none. */
export function iscoLevel(a: string, b: string): number {
  // The common prefix, up to 4 digits, compared in place: this runs for every pair a team scores.
  const n = Math.min(a.length, b.length, 4);
  let common = 0;
  while (common < n && a.charCodeAt(common) === b.charCodeAt(common)) common++;
  return common === 0 ? -1 : 4 - common;
}

/**
 * Same ESCO occupation = full closeness, else closeness in the ISCO-08 tree. Years of experience
 * add a capped share: beyond `yearsCap` years nothing more is gained, so that long careers
 * (a proxy for age) do not rank people higher.
 */
export function scoreOccupation(
  p: ScoringProfile,
  occupationUri: string,
  iscoGroup: string,
  config: ScoringConfig,
): ComponentValue {
  let best = 0;
  let bestReason: ComponentValue['reason'] = { code: 'unrelated', params: {} };
  for (const o of p.occupations) {
    let closeness = 0;
    let code: string = 'unrelated';
    if (o.uri === occupationUri) {
      closeness = 1;
      code = 'same_occupation';
    } else {
      const lvl = iscoLevel(o.iscoGroup, iscoGroup);
      if (lvl >= 0) {
        closeness = config.iscoCloseness[lvl]!;
        code = LEVEL_CODES[lvl]!;
      }
    }
    if (closeness === 0) continue;
    const years = Math.max(0, Math.min(o.years, config.yearsCap));
    const value = closeness * (1 - config.yearsShare + (config.yearsShare * years) / config.yearsCap);
    if (
      value > best + 1e-12 ||
      (Math.abs(value - best) <= 1e-12 && o.uri < String(bestReason.params.occupation ?? '~'))
    ) {
      best = value;
      bestReason = { code, params: { occupation: o.uri, years: Math.min(o.years, config.yearsCap) } };
    }
  }
  return { value: best, reason: bestReason };
}

/**
 * `scoreOccupation(...).value` without building the reason: the team builder needs the number for tens of
 * thousands of pairs. The same loop, the same tie rule (on the occupation URI), so the same number.
 */
export function occupationValue(
  p: ScoringProfile,
  occupationUri: string,
  iscoGroup: string,
  config: ScoringConfig,
): number {
  let best = 0;
  let bestUri: string | null = null;
  for (const o of p.occupations) {
    let closeness = 0;
    if (o.uri === occupationUri) closeness = 1;
    else {
      const lvl = iscoLevel(o.iscoGroup, iscoGroup);
      if (lvl >= 0) closeness = config.iscoCloseness[lvl]!;
    }
    if (closeness === 0) continue;
    const years = Math.max(0, Math.min(o.years, config.yearsCap));
    const value = closeness * (1 - config.yearsShare + (config.yearsShare * years) / config.yearsCap);
    if (value > best + 1e-12 || (Math.abs(value - best) <= 1e-12 && o.uri < (bestUri ?? '~'))) {
      best = value;
      bestUri = o.uri;
    }
  }
  return best;
}
