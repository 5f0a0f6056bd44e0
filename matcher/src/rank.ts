import type { MatchResult } from './types.js';

/** Higher score first; equal scores by id so the order never depends on input order (A4). */
export function compareResults(a: MatchResult, b: MatchResult): number {
  if (a.score !== b.score) return b.score - a.score;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Eligible results only, best first. */
export function rankResults(results: readonly MatchResult[]): MatchResult[] {
  return results.filter((r) => r.exclusions.length === 0).sort(compareResults);
}
