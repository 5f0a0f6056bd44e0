import { createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { FULL_PROFILE_ROW, makeAsset } from './fixtures.js';
import { allowedFields, toIndexDocument } from '../../src/search/documents.js';
import {
  MeilisearchAdapter,
  compareVersions,
  meiliSettings,
  settingsHold,
  toMeiliDocument,
} from '../../src/search/meilisearch.adapter.js';
import { SearchUnavailableError } from '../../src/search/search.port.js';

/**
 * Each call must end by its request timeout, not hang; the bound allows five times the timeout so a
 * loaded machine does not fail a correct adapter, while a call that waited for an answer never would end.
 */
const REQUEST_TIMEOUT_MS = 400;
const BOUND_MS = 5 * REQUEST_TIMEOUT_MS;

describe('Meilisearch adapter (no server needed)', () => {
  it('throws SearchUnavailableError by its timeout when the engine is unreachable', async () => {
    const started = Date.now();
    await expect(
      MeilisearchAdapter.connect({ host: 'http://127.0.0.1:1', requestTimeoutMs: REQUEST_TIMEOUT_MS }),
    ).rejects.toBeInstanceOf(SearchUnavailableError);
    expect(Date.now() - started).toBeLessThan(BOUND_MS);
  });

  it('answers every call with SearchUnavailableError by its timeout when the engine goes away', async () => {
    const port = MeilisearchAdapter.create({
      host: 'http://127.0.0.1:1',
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
    });
    const calls: Array<() => Promise<unknown>> = [
      () => port.search('assets', { q: 'tornio' }),
      () => port.upsert('assets', [makeAsset({ id: 'x' })]),
      () => port.delete('assets', ['x']),
      () => port.count('assets'),
      () => port.suggest('tor', ['assets'], 5),
    ];
    for (const call of calls) {
      const started = Date.now();
      await expect(call()).rejects.toBeInstanceOf(SearchUnavailableError);
      expect(Date.now() - started).toBeLessThan(BOUND_MS);
    }
    expect((await port.health()).ok).toBe(false);
  });

  it('turns an engine that accepts connections but never answers into SearchUnavailableError', async () => {
    const sockets: Socket[] = [];
    const server = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port: tcpPort } = server.address() as AddressInfo;
    try {
      const port = MeilisearchAdapter.create({
        host: `http://127.0.0.1:${tcpPort}`,
        requestTimeoutMs: REQUEST_TIMEOUT_MS,
      });
      const started = Date.now();
      await expect(port.search('assets', { q: 'tornio' })).rejects.toBeInstanceOf(SearchUnavailableError);
      expect(Date.now() - started).toBeLessThan(BOUND_MS);
      // It gave up by its own timeout: the silent engine was still holding the connection.
      expect(sockets.some((s) => !s.destroyed)).toBe(true);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('orders versions so that anything below 1.48.2 is refused', () => {
    expect(compareVersions('1.48.1', '1.48.2')).toBeLessThan(0);
    expect(compareVersions('1.47.9', '1.48.2')).toBeLessThan(0);
    expect(compareVersions('1.48.2', '1.48.2')).toBe(0);
    expect(compareVersions('1.49.0', '1.48.2')).toBeGreaterThan(0);
    expect(compareVersions('2.0.0-rc.1', '1.48.2')).toBeGreaterThan(0);
  });

  it('derives settings from the shared index definitions', () => {
    const s = meiliSettings('assets');
    expect(s.searchableAttributes?.[0]).toBe('title');
    expect(s.filterableAttributes).toContain('availableUntilTs');
    expect(s.filterableAttributes).toContain('_geo');
    expect(s.sortableAttributes).toContain('_geo');
    expect(s.typoTolerance?.minWordSizeForTypos).toEqual({ oneTypo: 5, twoTypos: 9 });
    expect(s.synonyms?.capannone).toContain('hangar');
    expect(s.synonyms?.['pont roulant']).toContain('carroponte');
    expect(s.pagination?.maxTotalHits).toBeGreaterThanOrEqual(10_000);
    expect(meiliSettings('profiles').typoTolerance?.disableOnAttributes).toEqual(['code']);
  });

  it('knows settings Meilisearch already holds, as it reports them, and sees any change', () => {
    const desired = meiliSettings('assets');
    // Meilisearch reports every setting, lists of attributes in its own order.
    const reported = JSON.parse(JSON.stringify(desired)) as Record<string, unknown> & typeof desired;
    reported.filterableAttributes = [...desired.filterableAttributes!].reverse();
    reported.sortableAttributes = [...desired.sortableAttributes!].reverse();
    reported.synonyms = Object.fromEntries(
      Object.entries(desired.synonyms!).map(([k, v]) => [k, [...v].reverse()]),
    );
    Object.assign(reported, { stopWords: [], distinctAttribute: null, proximityPrecision: 'byWord' });
    Object.assign(reported.typoTolerance!, { disableOnWords: [] });
    expect(settingsHold(reported, desired)).toBe(true);

    const changed = (edit: (s: typeof reported) => void) => {
      const copy = JSON.parse(JSON.stringify(reported)) as typeof reported;
      edit(copy);
      return settingsHold(copy, desired);
    };
    // The order of searchable attributes ranks: another order is another setting.
    expect(changed((s) => (s.searchableAttributes = [...s.searchableAttributes!].reverse()))).toBe(false);
    expect(changed((s) => (s.filterableAttributes = s.filterableAttributes!.slice(1)))).toBe(false);
    expect(changed((s) => s.filterableAttributes!.push('extra'))).toBe(false);
    expect(changed((s) => (s.typoTolerance!.minWordSizeForTypos = { oneTypo: 4, twoTypos: 9 }))).toBe(false);
    expect(changed((s) => (s.synonyms!.capannone = ['hangar']))).toBe(false);
    expect(changed((s) => delete (s as Record<string, unknown>).pagination)).toBe(false);
    expect(changed((s) => (s.faceting = { maxValuesPerFacet: 10 }))).toBe(false);
  });

  it('sends only allowlisted fields, plus _geo and date twins', () => {
    const doc = toMeiliDocument('profiles', toIndexDocument('profiles', FULL_PROFILE_ROW));
    const derived = ['_geo', 'availableFromTs', 'updatedAtTs'];
    expect(Object.keys(doc).every((k) => allowedFields('profiles').includes(k) || derived.includes(k))).toBe(
      true,
    );
    expect(doc._geo).toEqual({ lat: 44.102, lng: 9.824 });
  });
});
