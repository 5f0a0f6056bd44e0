import { describe, expect, it } from 'vitest';
import { EmbeddedSearchAdapter } from '../../src/search/embedded.adapter.js';
import { withTimeout } from '../../src/search/with-timeout.js';
import { FaultySearchAdapter } from './faulty.adapter.js';
import { SearchRejectedError, SearchUnavailableError } from '../../src/search/search.port.js';
import { makeAsset } from './fixtures.js';

describe('fault-injecting search adapter', () => {
  it('throws on demand and recovers when healed', async () => {
    const port = new FaultySearchAdapter(new EmbeddedSearchAdapter());
    port.fail('unavailable');
    await expect(port.search('assets', {})).rejects.toBeInstanceOf(SearchUnavailableError);
    port.fail('reject', 'writes');
    await expect(port.upsert('assets', [makeAsset({ id: 'x' })])).rejects.toBeInstanceOf(SearchRejectedError);
    expect((await port.search('assets', {})).total).toBe(0);
    port.heal();
    await port.upsert('assets', [makeAsset({ id: 'x', title: 'Tornio' })]);
    expect((await port.search('assets', { q: 'tornio' })).total).toBe(1);
  });

  it('hangs until healed, and a timeout turns a hang into SearchUnavailableError', async () => {
    const port = new FaultySearchAdapter(new EmbeddedSearchAdapter());
    port.fail('hang');
    const write = port.upsert('assets', [makeAsset({ id: 'y', title: 'Fresatrice' })]);
    await expect(withTimeout(port.search('assets', { q: 'fresatrice' }), 50)).rejects.toBeInstanceOf(
      SearchUnavailableError,
    );
    expect(port.hanging).toBe(2);
    port.heal();
    await write;
    expect((await port.search('assets', { q: 'fresatrice' })).total).toBe(1);
  });
});
