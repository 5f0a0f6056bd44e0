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

/**
 * Lets the event loop go round once, timers and I/O callbacks included, before going on. One immediate
 * is not enough: from an I/O callback or a settled query it resumes in the same turn's check phase,
 * before any timer runs, so two slices of work ran back to back. An immediate queued from the check
 * phase runs in the next turn, after its timers.
 */
export async function yieldToLoop(): Promise<void> {
  await nextImmediate();
  await nextImmediate();
}

const nextImmediate = () => new Promise<void>((resolve) => setImmediate(resolve));

/** How long `runInSteps` works before it lets the event loop serve what is waiting. */
const TURN_MS = 3;

/**
 * Long work on the server thread gives the event loop back every `budgetMs` (issue 10 and finding 17:
 * nothing may hold it for more than 50 ms). Call the returned function between slices of work: it
 * resolves at once while the turn lasts, and after a turn of the event loop (timers, I/O, other
 * requests) once it is used up. On PGlite a query settles as a microtask, so a loop of queries needs
 * this as much as a loop of computation does.
 */
export function timeSlicer(budgetMs = 10, now: () => number = () => performance.now()): () => Promise<void> {
  let turnStart = now();
  return async () => {
    if (now() - turnStart < budgetMs) return;
    await yieldToLoop();
    turnStart = now();
  };
}

/**
 * Runs a computation written as steps (a generator that yields between slices of work, such as the
 * matcher's `teamSteps`), letting other requests run between turns of about `TURN_MS`: the result is
 * the same as running it at once. A request waiting on the database (its session, its rate-limit
 * count) needs the loop once per round trip, so a short turn matters more than few of them; steps are
 * small, and as many run in a turn as fit.
 */
export async function runInSteps<T>(
  steps: Generator<void, T, void>,
  turnMs = TURN_MS,
  now: () => number = () => performance.now(),
): Promise<T> {
  const turn = timeSlicer(turnMs, now);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    await turn();
  }
}
