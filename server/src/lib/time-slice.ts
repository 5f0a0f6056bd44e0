import { yieldToLoop } from './event-loop.js';

/**
 * Long loops on the server thread give the event loop back every `budgetMs` (issue 10 and finding 17:
 * nothing may hold it for more than 50 ms). Call the returned function inside the loop: it resolves at
 * once while the slice lasts, and after a turn of the event loop (timers, I/O, other requests) once it
 * is used up. On PGlite a query settles as a microtask, so a loop of queries needs this as much as a
 * loop of computation does.
 */
export function timeSlicer(budgetMs = 10): () => Promise<void> {
  let sliceStart = performance.now();
  return async () => {
    if (performance.now() - sliceStart < budgetMs) return;
    await yieldToLoop();
    sliceStart = performance.now();
  };
}
