import type { IsoDate } from './types.js';

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 for an ISO date; throws on malformed input rather than scoring garbage. */
const memo = new Map<string, number>();

export function dayNumber(date: IsoDate): number {
  const hit = memo.get(date);
  if (hit !== undefined) return hit;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) throw new RangeError(`not an ISO date: ${date}`);
  const day = Math.floor(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS);
  // Dates repeat a lot (start dates, availability); a bounded memo avoids re-parsing them.
  if (memo.size < 100_000) memo.set(date, day);
  return day;
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return dayNumber(b) - dayNumber(a);
}
