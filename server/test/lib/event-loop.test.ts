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

/**
 * Runs `n` busy steps in turns of `turnMs`, with a callback waiting on the event loop from the start:
 * the result, and how many steps were done when the loop served the callback (−1: not before the end).
 */
async function runWithWaiting(n: number, ms: number, turnMs: number) {
  const done = { steps: 0 };
  let servedAfter = -1;
  const running = runInSteps(busySteps(n, ms, done), turnMs);
  setImmediate(() => (servedAfter = done.steps));
  const result = await running;
  return { result, servedAfter, steps: done.steps };
}

describe('runInSteps', () => {
  it('gives the result, and serves waiting callbacks between turns of a few steps', async () => {
    const run = await runWithWaiting(40, 1, 3);
    expect(run.result).toBe('result');
    // Served after the first turn (about three 1 ms steps), not after every step nor at the end.
    expect(run.servedAfter).toBeGreaterThan(1);
    expect(run.servedAfter).toBeLessThan(40);
  });

  it('runs small steps together while the turn lasts', async () => {
    const run = await runWithWaiting(1000, 0, 60_000);
    expect(run.result).toBe('result');
    // All in one turn: the loop was not given back before the result.
    expect(run.servedAfter).toBe(-1);
    expect(run.steps).toBe(1000);
  });
});
