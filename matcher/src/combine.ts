import { configHash, type ScoringConfig } from './config.js';
import type { ComponentValue } from './components/value.js';
import type { Component, Exclusion, MatchResult, SkillBreakdown } from './types.js';

/**
 * The weighted sum. The score is the plain sum of the contributions in component order, so the
 * breakdown an operator reads adds up to the number they see (requirement A1).
 */
export function combine<N extends string>(
  weights: Readonly<Record<N, number>>,
  order: readonly N[],
  values: Readonly<Record<N, ComponentValue>>,
): { score: number; components: Component[] } {
  const components: Component[] = [];
  let score = 0;
  for (const name of order) {
    const weight = weights[name];
    const { value, reason } = values[name];
    const contribution = weight * value;
    score += contribution;
    components.push({ name, weight, value, contribution, reason });
  }
  return { score, components };
}

/**
 * The same sum as `combine`, over bare values: the same additions in the same order give the same
 * number, for callers that rank many pairs and explain only a few (the team builder).
 */
export function weightedScore<N extends string>(
  weights: Readonly<Record<N, number>>,
  order: readonly N[],
  values: Readonly<Record<N, number>>,
): number {
  let score = 0;
  for (const name of order) score += weights[name] * values[name];
  return score;
}

export function result(
  id: string,
  subjectId: string,
  combined: { score: number; components: Component[] },
  exclusions: readonly Exclusion[],
  config: ScoringConfig,
  skills?: SkillBreakdown,
): MatchResult {
  return {
    id,
    subjectId,
    score: combined.score,
    components: combined.components,
    exclusions,
    ...(skills ? { skills } : {}),
    engineVersion: config.engineVersion,
    weightsHash: configHash(config),
  };
}
