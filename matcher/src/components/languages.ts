import type { ScoringConfig } from '../config.js';
import type { CefrLevel, LanguageLevel, RequiredLanguage } from '../types.js';
import type { ComponentValue } from './value.js';

const CEFR: readonly CefrLevel[] = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'];
export const cefrRank = (l: CefrLevel): number => CEFR.indexOf(l);

/** Mean over required languages; each level short of the minimum halves that language's credit. */
export function scoreLanguages(
  held: readonly LanguageLevel[],
  required: readonly RequiredLanguage[],
  config: ScoringConfig,
): ComponentValue {
  if (required.length === 0) return { value: 1, reason: { code: 'not_required', params: {} } };
  let sum = 0;
  const short: string[] = [];
  for (const r of required) {
    let best = -1;
    for (const h of held)
      if (h.code.toLowerCase() === r.code.toLowerCase()) best = Math.max(best, cefrRank(h.cefr));
    const gap = cefrRank(r.minCefr) - best;
    if (best >= 0 && gap <= 0) sum += 1;
    else {
      short.push(`${r.code}:${r.minCefr}`);
      if (best >= 0) sum += config.levelGapFactor ** gap;
    }
  }
  const value = sum / required.length;
  return short.length === 0
    ? { value, reason: { code: 'all_met', params: { count: required.length } } }
    : {
        value,
        reason: { code: 'below_minimum', params: { missing: short.join(', '), count: required.length } },
      };
}
