import { describe, expect, it } from 'vitest';
import { runInSteps } from '../../src/lib/event-loop.js';

/** A computation of `n` steps, each busy for `ms` milliseconds; counts the steps done. */
function* busySteps(n: number, ms: number, done: { steps: number }): Generator<void, string, void> {
  for (let i = 0; i < n; i++) {
    const until = performance.now() + ms;
    while (performance.now() < until);
    done.steps++;
    yield;
  }
  return 'result';
}

describe('runInSteps', () => {
  it('gives the result, and serves waiting callbacks between turns of a few steps', async () => {
    const done = { steps: 0 };
    let stepsWhenServed = -1;
    const running = runInSteps(busySteps(40, 1, done), 3);
    setImmediate(() => (stepsWhenServed = done.steps));
    expect(await running).toBe('result');
    // Served after the first turn (about three 1 ms steps), not after every step nor at the end.
    expect(stepsWhenServed).toBeGreaterThan(1);
    expect(stepsWhenServed).toBeLessThan(40);
  });

  it('runs small steps together while the turn lasts', async () => {
    const done = { steps: 0 };
    let stepsWhenServed = -1;
    const running = runInSteps(busySteps(1000, 0, done), 60_000);
    setImmediate(() => (stepsWhenServed = done.steps));
    expect(await running).toBe('result');
    // All in one turn: the loop was not given back before the result.
    expect(stepsWhenServed).toBe(-1);
    expect(done.steps).toBe(1000);
  });
});
