import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runToEnd, sortInSteps } from '../src/steps.js';

interface Tagged {
  readonly key: number;
  readonly at: number;
}
const byKey = (a: Tagged, b: Tagged): number => a.key - b.key;

describe('sortInSteps', () => {
  it('gives the order of one stable sort, whatever the slice', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 300 }),
        fc.integer({ min: 1, max: 40 }),
        (keys, slice) => {
          const items = keys.map((key, at) => ({ key, at }));
          const sorted = runToEnd(sortInSteps(items, byKey, slice));
          expect(sorted).toEqual([...items].sort(byKey));
          expect(items.map((x) => x.at)).toEqual(keys.map((_, i) => i)); // the input is left as it was
        },
      ),
    );
  });

  it('pauses after every slice of work, merges included', () => {
    const items = Array.from({ length: 1000 }, (_, i) => ({ key: (i * 7919) % 1000, at: i }));
    const steps = sortInSteps(items, byKey, 100);
    let pauses = 0;
    for (let next = steps.next(); !next.done; next = steps.next()) pauses++;
    // 10 sorted runs, then four merge passes of 1,000 moves each: one pause per 100 moves.
    expect(pauses).toBe(10 + 4 * 10);
  });
});
