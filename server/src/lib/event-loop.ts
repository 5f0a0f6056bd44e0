import { monitorEventLoopDelay } from 'node:perf_hooks';

const RESOLUTION_MS = 10;

/**
 * How long the event loop was held up (issue 10: index builds, file parsing and the team builder must never
 * block it for more than 50 ms). Sampled every 10 ms; figures in milliseconds. Node's histogram records
 * the whole time between two runs of its 10 ms timer (an idle loop reads 10 ms), so the interval is taken
 * off: what remains is how late the timer ran, which is how long a request would have waited.
 */
export function eventLoopDelay() {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  const ms = (ns: number) => Math.max(0, Math.round(ns / 1e4 - RESOLUTION_MS * 100) / 100);
  return {
    snapshot() {
      return {
        p50: ms(histogram.percentile(50)),
        p99: ms(histogram.percentile(99)),
        max: ms(histogram.max),
      };
    },
    reset: () => histogram.reset(),
  };
}

/** Lets the event loop serve what is waiting (I/O callbacks included) before going on. */
export const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Runs a computation written as steps (a generator that yields between slices of work, such as the
 * matcher's `teamSteps`), letting other requests run between steps: the result is the same as running
 * it at once, and no single step holds the event loop for long.
 */
export async function runInSteps<T>(steps: Generator<void, T, void>): Promise<T> {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    await yieldToLoop();
  }
}
