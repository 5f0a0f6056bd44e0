import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takingTurns } from '../../src/db/pglite-turns.js';

/** Holds the thread for `ms` (a timer set before becomes due). */
function hold(ms: number) {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

/**
 * PGlite runs a statement on the server's thread and settles it as a microtask, so a chain of statements
 * holds the event loop to its end. Through `takingTurns`, a statement that starts once the budget is
 * spent waits for a turn of the loop: a due timer (another request) runs between two statements.
 */
describe('PGlite statements taking turns with the event loop', () => {
  let pg: PGlite;
  beforeAll(async () => {
    pg = await PGlite.create();
  });
  afterAll(async () => pg.close());

  /** Three statements in a row with a timer due from the start; the order in which they all ran. */
  async function chain(run: (step: (n: number) => Promise<void>) => Promise<void>) {
    const order: string[] = [];
    setTimeout(() => order.push('timer'), 0);
    hold(3);
    await run(async (n) => {
      order.push(`statement ${n}`);
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    return order;
  }

  /** Three statements on `client`, one after the other. */
  const threeStatements = (client: Pick<PGlite, 'query'>) => async (step: (n: number) => Promise<void>) => {
    for (let n = 1; n <= 3; n++) {
      await client.query('select 1');
      await step(n);
    }
  };

  it('lets a due timer run between statements once the budget is spent', async () => {
    const order = await chain(threeStatements(takingTurns(pg, 0)));
    expect(order).toEqual(['statement 1', 'timer', 'statement 2', 'statement 3']);
  });

  it('inside a transaction too', async () => {
    const client = takingTurns(pg, 0);
    const order = await chain((step) => client.transaction((tx) => threeStatements(tx)(step)));
    expect(order.indexOf('timer')).toBeGreaterThan(-1);
    expect(order.indexOf('timer')).toBeLessThan(order.indexOf('statement 3'));
  });

  it('runs statements at once while the budget lasts', async () => {
    const order = await chain(threeStatements(takingTurns(pg, 60_000)));
    expect(order).toEqual(['statement 1', 'statement 2', 'statement 3', 'timer']);
  });
});
