import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs';
import { runInSteps, timeSlicer, yieldToLoop } from '../../src/lib/event-loop.js';

/**
 * Runs `n` steps, each taking `ms` on a clock of its own (deterministic, whatever the machine's load),
 * in turns of `turnMs`, with a callback waiting on the event loop from the start: the result, and how
 * many steps were done when the loop served the callback (−1: not before the end).
 */
async function runWithWaiting(n: number, ms: number, turnMs: number) {
  let clock = 0;
  let done = 0;
  function* steps(): Generator<void, string, void> {
    for (let i = 0; i < n; i++) {
      clock += ms;
      done++;
      yield;
    }
    return 'result';
  }
  let servedAfter = -1;
  setImmediate(() => (servedAfter = done));
  const result = await runInSteps(steps(), turnMs, () => clock);
  return { result, servedAfter, steps: done };
}

describe('runInSteps', () => {
  it('gives the result, and serves waiting callbacks after each turn of steps', async () => {
    const run = await runWithWaiting(40, 1, 3);
    expect(run.result).toBe('result');
    // Three 1 ms steps fill a 3 ms turn; then the loop serves what waits.
    expect(run.servedAfter).toBe(3);
    expect(run.steps).toBe(40);
  });

  it('runs small steps together while the turn lasts', async () => {
    const run = await runWithWaiting(1000, 0, 3);
    expect(run.result).toBe('result');
    // Steps that take no time never end a turn: the loop was not given back before the result.
    expect(run.servedAfter).toBe(-1);
    expect(run.steps).toBe(1000);
  });
});

describe('timeSlicer', () => {
  it('gives the loop a turn only once the budget is used up', async () => {
    let clock = 0;
    const slice = timeSlicer(10, () => clock);
    let served = false;
    setImmediate(() => (served = true));
    clock = 9;
    await slice();
    expect(served).toBe(false);
    clock = 10;
    await slice();
    expect(served).toBe(true);
    // A fresh budget starts after the turn.
    served = false;
    setImmediate(() => (served = true));
    clock = 15;
    await slice();
    expect(served).toBe(false);
  });
});

/** Holds the thread for `ms` (a timer set before becomes due). */
function hold(ms: number) {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe('yieldToLoop', () => {
  it('lets a due timer run before going on, also when called from an I/O callback', async () => {
    const order: string[] = [];
    await new Promise<void>((resolve, reject) => {
      // An I/O callback runs in the loop's poll phase: one immediate would resume before the timers.
      readFile(import.meta.filename, (error) => {
        if (error) return reject(error);
        setTimeout(() => order.push('timer'), 0);
        hold(3);
        void yieldToLoop().then(() => {
          order.push('after the yield');
          resolve();
        });
      });
    });
    expect(order).toEqual(['timer', 'after the yield']);
  });
});
