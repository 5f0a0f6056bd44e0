import { yieldToLoop } from '../lib/event-loop.js';

/**
 * PGlite runs each statement synchronously on the server's thread, and the statement's promise settles
 * as a microtask. A chain of statements (a batch's five inserts, a transaction) therefore holds the event
 * loop from its first statement to its last, although each statement alone is short: during a
 * 100,000-row import, chains of 40–60 ms kept other requests waiting (issue 10, item 5: nothing may hold
 * the loop more than 50 ms).
 *
 * `takingTurns` wraps the client so that a statement that would start after the thread has been held
 * for `budgetMs` waits for one turn of the event loop first (timers, I/O, other requests). A statement
 * that starts in a fresh turn runs at once, so a request's few queries cost nothing more.
 */
export function takingTurns<T extends object>(client: T, budgetMs = 10): T {
  return wrap(client, turnKeeper(budgetMs));
}

/** Tracks when the event loop last went round; `turn()` waits for the next round once `budgetMs` is used. */
function turnKeeper(budgetMs: number): () => Promise<void> {
  let turnStart = performance.now();
  let watching = false;
  // An immediate runs in the loop's check phase: once it has, the current turn is over.
  const watch = () => {
    if (watching) return;
    watching = true;
    setImmediate(() => {
      watching = false;
      turnStart = performance.now();
    });
  };
  return async () => {
    if (!watching) turnStart = performance.now();
    else if (performance.now() - turnStart >= budgetMs) await yieldToLoop();
    watch();
  };
}

function wrap<T extends object>(client: T, turn: () => Promise<void>): T {
  return new Proxy(client, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      const fn = value as (...args: unknown[]) => unknown;
      if (prop === 'query' || prop === 'exec')
        return async (...args: unknown[]) => {
          await turn();
          return fn.apply(target, args);
        };
      if (prop === 'transaction')
        return (callback: (tx: object) => unknown) =>
          fn.call(target, (tx: object) => callback(wrap(tx, turn)));
      // PGlite keeps its state in private fields: its methods run on the real client.
      return fn.bind(target);
    },
  });
}
