import type { DecisionRow } from './matching.repository.js';

/**
 * Machine order, then human decisions on top: re-ranked candidates take the place the operator gave them,
 * rejected ones go last (kept visible, marked), everyone else keeps the machine's order.
 */
export function applyDecisions<T extends { id: string }>(
  ranked: T[],
  decisions: Map<string, DecisionRow>,
): T[] {
  const rejected = ranked.filter((c) => decisions.get(c.id)?.action === 'reject');
  const rest = ranked.filter((c) => decisions.get(c.id)?.action !== 'reject');
  const pinned = rest
    .filter((c) => decisions.get(c.id)?.action === 'rerank' && decisions.get(c.id)?.finalRank)
    .sort((a, b) => decisions.get(a.id)!.finalRank! - decisions.get(b.id)!.finalRank!);
  const free = rest.filter((c) => !pinned.includes(c));
  const out = [...free];
  for (const c of pinned) out.splice(Math.min(decisions.get(c.id)!.finalRank! - 1, out.length), 0, c);
  return [...out, ...rejected];
}
