import type { Reason } from '../types.js';

/** What a component function returns before weighting. */
export interface ComponentValue {
  readonly value: number;
  readonly reason: Reason;
}

export const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);
