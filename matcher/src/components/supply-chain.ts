import type { ScoringConfig } from '../config.js';
import type { ScoringProfile } from '../types.js';
import type { ComponentValue } from './value.js';

/** Past work in the need's supply chain counts fully; in its NACE division only, a bit less. */
export function scoreSupplyChain(
  p: ScoringProfile,
  chain: string | null,
  naceDivision: string | null,
  config: ScoringConfig,
): ComponentValue {
  if (chain === null && naceDivision === null)
    return { value: 1, reason: { code: 'not_required', params: {} } };
  if (chain !== null && p.supplyChains.includes(chain))
    return { value: 1, reason: { code: 'same_chain', params: { chain } } };
  if (naceDivision !== null && p.naceDivisions.includes(naceDivision.slice(0, 2)))
    return {
      value: config.naceOnlyValue,
      reason: { code: 'same_nace', params: { nace: naceDivision.slice(0, 2) } },
    };
  return { value: 0, reason: { code: 'none', params: { chain: chain ?? '', nace: naceDivision ?? '' } } };
}
