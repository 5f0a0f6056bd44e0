import { describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app.js';

/**
 * Behind the compose file's reverse proxy every request reaches an app replica from the proxy's address:
 * with TRUST_PROXY_HOPS=1 the per-IP abuse limits key on the client's address from X-Forwarded-For, and
 * without it (direct exposure, the default) a forged X-Forwarded-For changes nothing.
 */
describe('behind a reverse proxy', () => {
  const threeClients = async (trustProxyHops: number) => {
    const t = await createTestApp({ limits: { perMinute: 2 }, trustProxyHops });
    try {
      const codes: number[] = [];
      for (const client of ['203.0.113.1', '203.0.113.2', '203.0.113.3']) {
        const res = await t.app.inject({
          method: 'GET',
          url: '/api/v1/assets',
          remoteAddress: '172.18.0.5',
          headers: { 'x-forwarded-for': client },
        });
        codes.push(res.statusCode);
      }
      return codes;
    } finally {
      await t.close();
    }
  };

  it('counts each forwarded client on its own when the proxy is trusted', async () => {
    expect(await threeClients(1)).toEqual([401, 401, 401]);
  });

  it('ignores X-Forwarded-For by default: one peer, one budget', async () => {
    expect(await threeClients(0)).toEqual([401, 401, 429]);
  });
});
