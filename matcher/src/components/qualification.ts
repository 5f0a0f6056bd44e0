import type { ScoringConfig } from '../config.js';
import type { ComponentValue } from './value.js';

/** EQF minimum: met = 1; each level short halves; unknown gets a neutral middle value. */
export function scoreQualification(
  eqf: number | null,
  minEqf: number | null,
  config: ScoringConfig,
): ComponentValue {
  if (minEqf === null) return { value: 1, reason: { code: 'not_required', params: {} } };
  if (eqf === null)
    return { value: config.eqfUnknownValue, reason: { code: 'unknown', params: { min: minEqf } } };
  if (eqf >= minEqf) return { value: 1, reason: { code: 'met', params: { eqf, min: minEqf } } };
  return {
    value: config.levelGapFactor ** (minEqf - eqf),
    reason: { code: 'below', params: { eqf, min: minEqf } },
  };
}
