import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '../../src/db/schema.js';
import { MeilisearchAdapter } from '../../src/search/meilisearch.adapter.js';
import { createTestApp, type Caller, type TestApp } from '../helpers/app.js';
import { makeDesk, PLACES } from '../helpers/factories.js';

/** R4 with the real Meilisearch adapter pointed at a closed port: the API degrades, writes are kept. */
let t: TestApp;
let deskId: string;
const marketing: Caller = { role: 'marketing' };

const REQUEST_TIMEOUT_MS = 500;

beforeAll(async () => {
  t = await createTestApp({
    search: MeilisearchAdapter.create({ host: 'http://127.0.0.1:1', requestTimeoutMs: REQUEST_TIMEOUT_MS }),
  });
  deskId = (await makeDesk(t.database.handle.db)).id;
});
afterAll(() => t?.close());

describe('Meilisearch unreachable', () => {
  it('answers searches with 503 and Retry-After by the request timeout', async () => {
    const started = Date.now();
    const res = await t.call(marketing, { method: 'GET', url: '/api/v1/search/assets?q=capannone' });
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBeDefined();
    expect(res.json().error.code).toBe('SEARCH_UNAVAILABLE');
    // Five times the timeout: room for a loaded machine, none for a request that waits on the engine.
    expect(Date.now() - started).toBeLessThan(5 * REQUEST_TIMEOUT_MS);
  });

  it('keeps accepting writes; the outbox holds them for later', async () => {
    const res = await t.call(marketing, {
      method: 'POST',
      url: '/api/v1/assets',
      payload: {
        deskId,
        inventoryNumber: 'DOWN-1',
        kind: 'area',
        category: 'other',
        title: 'Area portuale',
        municipality: PLACES.laSpezia,
        availability: 'sale',
      },
    });
    expect(res.statusCode).toBe(201);
    expect(await t.relay.drainOnce()).toBe(0);
    expect((await t.database.handle.db.select({ n: count() }).from(outbox))[0]!.n).toBe(1);
    const ready = (await t.call({ role: 'admin' }, { method: 'GET', url: '/api/v1/admin/readiness' })).json();
    expect(ready.search.pending).toBe(1);
  });
});
