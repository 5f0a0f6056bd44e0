import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Access } from '../../src/auth/access.js';
import { createTestApp, type Caller, type TestApp } from '../helpers/app.js';
import { makeDesk, makeFirm } from '../helpers/factories.js';

/**
 * The authorisation matrix, generated from the route table: every route × every role (and anonymous, and
 * a partner API key). A route added tomorrow is in this matrix without anyone editing this file.
 * Object-level rules (own desk, own firm) have their own tests in the resource files.
 */
let t: TestApp;
let callers: Record<string, Caller | { apiKey: string } | null>;
const FOREIGN_ID = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.handle.db;
  const deskId = (await makeDesk(db)).id;
  const firmId = (await makeFirm(db)).id;
  const key = (
    await t.call(
      { role: 'admin' },
      {
        method: 'POST',
        url: '/api/v1/admin/api-keys',
        payload: {
          deskId,
          name: 'matrix',
          scopes: ['profiles', 'assets', 'firms', 'needs', 'opportunities', 'imports'],
        },
      },
    )
  ).json().key as string;
  callers = {
    anonymous: null,
    admin: { role: 'admin' },
    operator: { role: 'operator', deskId },
    marketing: { role: 'marketing' },
    company: { role: 'company', firmId },
    partner: { apiKey: key },
  };
});
afterAll(() => t?.close());

const allowed = (access: Access, who: string) =>
  access === 'public' ||
  (who !== 'anonymous' && (access === 'signed_in' || (access as readonly string[]).includes(who)));

describe('authorisation matrix', () => {
  it('covers every route, and each route answers each role as it declares', async () => {
    const routes = t.app.routeTable.filter((r) => r.url.startsWith('/api/v1/') && !r.url.includes('*'));
    expect(routes.length).toBeGreaterThan(40);
    const failures: string[] = [];
    for (const route of routes) {
      const url = route.url
        .replace(/:[A-Za-z]+/g, FOREIGN_ID)
        .replace('/api/v1/reference/occupation-skills', '/api/v1/reference/occupation-skills?uri=http://x');
      for (const [who, caller] of Object.entries(callers)) {
        // Signing out would end the session other rows rely on; it is exercised in auth.test.ts.
        if (route.url.endsWith('/sign-out-everywhere')) continue;
        const headers = caller && 'apiKey' in caller ? { 'x-api-key': caller.apiKey } : {};
        const res = await t.call(caller && 'role' in caller ? caller : null, {
          method: route.method as 'GET',
          url,
          headers,
          ...(route.method === 'GET' ? {} : { payload: {} }),
        });
        const code = String(res.headers['content-type'] ?? '').includes('json')
          ? res.json()?.error?.code
          : undefined;
        const may = allowed(route.access, who);
        if (!may && who === 'anonymous' && res.statusCode !== 401)
          failures.push(`${who} ${route.method} ${route.url} → ${res.statusCode} (want 401)`);
        if (!may && who !== 'anonymous' && !(res.statusCode === 403 && code === 'ROLE_FORBIDDEN'))
          failures.push(`${who} ${route.method} ${route.url} → ${res.statusCode} ${code} (want 403)`);
        if (
          may &&
          (res.statusCode === 401 || code === 'ROLE_FORBIDDEN') &&
          !(who === 'partner' && code === 'ROLE_FORBIDDEN')
        )
          failures.push(`${who} ${route.method} ${route.url} → ${res.statusCode} ${code} (want access)`);
        if (res.statusCode >= 500) failures.push(`${who} ${route.method} ${route.url} → ${res.statusCode}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
