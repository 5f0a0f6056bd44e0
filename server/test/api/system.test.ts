import { readFileSync } from 'node:fs';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAccessControl } from '../../src/auth/access.js';
import type { AuthService } from '../../src/auth/auth.service.js';
import { generateOpenApi, OPENAPI_FILE } from '../../src/cli/openapi.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

describe('system', () => {
  it('answers liveness and readiness with the migrations applied', async () => {
    expect((await t.call(null, { method: 'GET', url: '/api/v1/health' })).json()).toEqual({ status: 'ok' });
    const ready = await t.call(null, { method: 'GET', url: '/api/v1/ready' });
    expect(ready.statusCode).toBe(200);
    const body = (await t.call({ role: 'admin' }, { method: 'GET', url: '/api/v1/admin/readiness' })).json();
    expect(body.database.migrationsApplied).toBe(body.database.migrationsExpected);
    expect(body.search).toMatchObject({ pending: expect.any(Number), deadLetters: 0 });
  });

  it('tells the public only whether it is ready, not the outbox backlog or dead letters', async () => {
    const ready = await t.call(null, { method: 'GET', url: '/api/v1/ready' });
    expect(ready.json()).toEqual({ status: 'ready' });
    const forMarketing = await t.call(
      { role: 'marketing' },
      { method: 'GET', url: '/api/v1/admin/readiness' },
    );
    expect(forMarketing.statusCode).toBe(403);
  });

  it('shows the reference-data attributions', async () => {
    const about = (await t.call(null, { method: 'GET', url: '/api/v1/about' })).json();
    expect(about.attributions.join(' ')).toContain('ESCO classification of the European Commission');
    expect(about.attributions.join(' ')).toContain('Eurostat');
    // Italian labels are the project's own provisional vocabulary, and /about (hence the footer) says so.
    expect(about.attributions.join(' ')).toMatch(/project's own provisional Italian vocabulary/);
    expect(about.labelSources).toContainEqual({
      lang: 'it',
      kind: 'occupation',
      source: 'provisional',
      concepts: 3007,
    });
    expect(about.labelSources).toContainEqual(
      expect.objectContaining({ lang: 'fr', kind: 'occupation', source: 'supplement' }),
    );
  });

  it('serves the OpenAPI document and the docs page', async () => {
    const spec = (await t.call(null, { method: 'GET', url: '/api/v1/openapi.json' })).json();
    expect(spec.paths['/api/v1/profiles']).toBeDefined();
    expect((await t.call(null, { method: 'GET', url: '/docs/' })).statusCode).toBe(200);
  });

  it('has a committed OpenAPI document equal to the generated one (run `npm run openapi -w server`)', async () => {
    expect(readFileSync(OPENAPI_FILE, 'utf8')).toBe(await generateOpenApi());
  });

  it('answers unknown API routes with the error model and never a stack trace', async () => {
    const res = await t.call(null, { method: 'GET', url: '/api/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('ROUTE_NOT_FOUND');
    expect(res.body).not.toContain('stack');
  });

  it.each([
    ['malformed JSON', 'application/json', '{"deskId":'],
    ['a tab in the content type', 'application/json\t;x', '{}'],
    ['an unsupported content type', 'text/plain', 'hello'],
  ])('rejects %s with a 4xx in the error model', async (_what, contentType, payload) => {
    const res = await t.call(
      { role: 'admin' },
      { method: 'POST', url: '/api/v1/profiles', headers: { 'content-type': contentType }, payload },
    );
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(res.json().error.code).toBeTypeOf('string');
  });

  it('sets security headers and no-store on API answers', async () => {
    const res = await t.call(null, { method: 'GET', url: '/api/v1/health' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('has an access rule for every route the API documents, which the matrix test then walks', () => {
    const documented = Object.entries(
      (t.app.swagger() as { paths: Record<string, Record<string, unknown>> }).paths,
    ).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    const ruled = new Set(t.app.routeTable.map((r) => `${r.method} ${r.url}`));
    expect(documented.length).toBeGreaterThan(30);
    expect(documented.filter((route) => !ruled.has(route))).toEqual([]);
  });

  it('refuses to start with a route that declares no access rule', async () => {
    const bare = Fastify();
    registerAccessControl(bare, { auth: {} as AuthService });
    expect(() => bare.get('/api/v1/forgotten', async () => 'open to all?')).toThrow(
      'GET /api/v1/forgotten declares no access rule',
    );
    bare.get('/api/v1/declared', { config: { access: 'public' } }, async () => 'open to all');
    await bare.ready();
    await bare.close();
  });
});

describe('reference look-ups', () => {
  const op = { role: 'operator' as const };
  it('finds the same ESCO occupation from "soudeur" and "welder"', async () => {
    const fr = (
      await t.call(op, { method: 'GET', url: '/api/v1/reference/occupations?q=soudeur&lang=fr' })
    ).json();
    const en = (
      await t.call(op, { method: 'GET', url: '/api/v1/reference/occupations?q=welder&lang=en' })
    ).json();
    const welder = 'http://data.europa.eu/esco/occupation/7aedaa07-3884-4c5b-88f9-80997b2aa54b';
    expect(fr[0].uri).toBe(welder);
    expect(en.map((o: { uri: string }) => o.uri)).toContain(welder);
    expect(fr[0].label).toBe('soudeur/soudeuse');
  });

  it('folds accents and case', async () => {
    const a = (
      await t.call(op, { method: 'GET', url: '/api/v1/reference/occupations?q=ELECTRICIEN&lang=fr' })
    ).json();
    const b = (
      await t.call(op, { method: 'GET', url: '/api/v1/reference/occupations?q=électricien&lang=fr' })
    ).json();
    expect(a.length).toBeGreaterThan(0);
    expect(a).toEqual(b);
  });

  it('labels a batch of ESCO URIs and ISCO codes, saying which language each label is in', async () => {
    const welder = 'http://data.europa.eu/esco/occupation/7aedaa07-3884-4c5b-88f9-80997b2aa54b';
    const labels = (lang: string) =>
      t.call(op, {
        method: 'GET',
        url: `/api/v1/reference/labels?uris=${encodeURIComponent(`${welder},http://example.org/none`)}&lang=${lang}`,
      });
    const fr = await labels('fr');
    expect(fr.statusCode).toBe(200);
    expect(fr.json()).toEqual([{ uri: welder, label: 'soudeur/soudeuse', lang: 'fr' }]);
    // Italian comes from the project's provisional vocabulary where the test data loads it, else
    // English marked as English: either way the label says which language it is in.
    const [it] = (await labels('it')).json() as { uri: string; label: string; lang: string }[];
    expect(it!.uri).toBe(welder);
    expect(it!.label).toMatch(it!.lang === 'it' ? /saldat/ : /welder/);

    const isco = (lang: string) =>
      t.call(op, { method: 'GET', url: `/api/v1/reference/isco-groups?codes=7212,0000&lang=${lang}` });
    expect((await isco('fr')).json()).toMatchObject([
      { code: '7212', label: 'Soudeurs et oxycoupeurs', lang: 'fr' },
    ]);
    // ESCO has no Italian ISCO names: the project's own answer, marked provisional (issue 11).
    expect((await isco('it')).json()).toMatchObject([
      { code: '7212', label: 'Saldatori e tagliatori a fiamma', lang: 'it', provisional: true },
    ]);
    expect(
      (await t.call(op, { method: 'GET', url: '/api/v1/reference/labels?uris=&lang=it' })).statusCode,
    ).toBe(400);
  });

  it("lists an occupation's essential and optional skills", async () => {
    const res = await t.call(op, {
      method: 'GET',
      url: `/api/v1/reference/occupation-skills?uri=${encodeURIComponent('http://data.europa.eu/esco/occupation/7aedaa07-3884-4c5b-88f9-80997b2aa54b')}&lang=en`,
    });
    const body = res.json();
    expect(body.essential.map((s: { label: string }) => s.label)).toContain('welding techniques');
    expect(body.optional.length).toBeGreaterThan(0);
  });

  it('finds municipalities by name, postal code and ISTAT/INSEE code', async () => {
    const byName = (
      await t.call(op, { method: 'GET', url: '/api/v1/reference/municipalities?q=la spezia' })
    ).json();
    expect(byName[0]).toMatchObject({ code: '011015', region: 'Liguria' });
    const byPostal = (
      await t.call(op, { method: 'GET', url: '/api/v1/reference/municipalities?q=13001' })
    ).json();
    expect(byPostal[0].name).toBe('Marseille');
    const byCode = (
      await t.call(op, { method: 'GET', url: '/api/v1/reference/municipalities?q=2A004' })
    ).json();
    expect(byCode[0].name).toBe('Ajaccio');
  });

  it('finds NACE codes by code and by label', async () => {
    const byCode = (await t.call(op, { method: 'GET', url: '/api/v1/reference/nace?q=30.11' })).json();
    expect(byCode[0].labelEn.toLowerCase()).toContain('ships');
    const byLabel = (await t.call(op, { method: 'GET', url: '/api/v1/reference/nace?q=aquaculture' })).json();
    expect(byLabel.length).toBeGreaterThan(0);
  });

  it('serves the region and province boundaries as GeoJSON', async () => {
    const res = await t.call(null, { method: 'GET', url: '/api/v1/reference/boundaries' });
    expect(res.headers['content-type']).toContain('application/geo+json');
    expect(res.json().features).toHaveLength(32);
  });
});
