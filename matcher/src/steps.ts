/**
 * Runs a computation written as steps (a generator that yields between slices of work) to its end at
 * once: the synchronous callers' way. A server runs the same steps with its event loop served between.
 */
export function runToEnd<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}
