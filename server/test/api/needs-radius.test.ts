import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDEX_NAMES } from '../../src/search/documents.js';
import { assertNoControlFieldClash, CONTROL_PARAMETERS } from '../../src/modules/search/search.schema.js';
import { createTestApp, type Caller, type TestApp } from '../helpers/app.js';
import { ESCO, makeDesk, makeFirm, PLACES } from '../helpers/factories.js';

/**
 * Mission audit (issue 17): the needs index had a field named `radiusKm`, so a needs search within 50 km
 * also filtered on "needs whose own radius is 50". A control parameter can never be a field filter.
 */
let t: TestApp;
let operator: Caller;
const needIds: string[] = [];

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.handle.db;
  operator = { role: 'operator', deskId: (await makeDesk(db)).id };
  const firmId = (await makeFirm(db)).id;
  for (const radiusKm of [20, 50, 100]) {
    const res = await t.call(operator, {
      method: 'POST',
      url: '/api/v1/needs',
      payload: {
        type: 'job',
        firmId,
        title: `Saldatore entro ${radiusKm} km`,
        municipality: PLACES.laSpezia,
        radiusKm,
        occupationUri: ESCO.welder,
        positions: 1,
      },
    });
    expect(res.statusCode).toBe(201);
    needIds.push(res.json().id);
  }
  await t.relay.drain();
});
afterAll(() => t?.close());

describe('a search radius is a radius, whatever the records’ own radius', () => {
  it('keeps every index free of fields named like control parameters', () => {
    for (const index of INDEX_NAMES) expect(() => assertNoControlFieldClash(index), index).not.toThrow();
    expect(CONTROL_PARAMETERS).toContain('radiusKm');
  });

  it('finds every need 0 km away at 5, 50 and 100 km', async () => {
    const near = await t.call(operator, { method: 'GET', url: '/api/v1/needs/' + needIds[0] });
    const { lat, lon } = { lat: 44.1025, lon: 9.8241 };
    expect(near.statusCode).toBe(200);
    for (const km of [5, 50, 100]) {
      const res = await t.call(operator, {
        method: 'GET',
        url: `/api/v1/search/needs?lat=${lat}&lon=${lon}&radiusKm=${km}&limit=100`,
      });
      expect(res.statusCode).toBe(200);
      const ids = res.json().hits.map((h: { id: string }) => h.id);
      expect(ids.sort(), `${km} km`).toEqual([...needIds].sort());
    }
  });
});
