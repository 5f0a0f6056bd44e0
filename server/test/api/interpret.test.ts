import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Caller, type TestApp } from '../helpers/app.js';
import { ESCO } from '../helpers/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 120_000);
afterAll(() => t?.close());

const url = '/api/v1/reference/interpret';
const post = (caller: Caller | null, payload: Record<string, unknown>) =>
  t.call(caller, { method: 'POST', url, payload });

describe('POST /reference/interpret', () => {
  it('reads an Italian CV line, labels the hits in the language asked, with the words that matched', async () => {
    const res = await post(
      { role: 'operator' },
      { text: 'saldatore TIG in cantiere navale', lang: 'fr', occupations: 3, skills: 3 },
    );
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ textLang: 'it', detected: true });
    expect(body.occupations.length).toBeLessThanOrEqual(3);
    expect(body.occupations[0]).toMatchObject({
      uri: ESCO.welder,
      label: 'soudeur/soudeuse',
      labelLang: 'fr',
      iscoGroup: '7212',
    });
    expect(body.occupations[0].matched.map((m: { text: string }) => m.text)).toEqual(['saldatore', 'TIG']);
    expect(body.skills.some((s: { label: string }) => /TIG/.test(s.label))).toBe(true);
  }, 120_000);

  it('lets every signed-in role use it, and nobody else', async () => {
    for (const role of ['admin', 'operator', 'marketing', 'company'] as const) {
      const res = await post({ role }, { text: 'soudeur naval' });
      expect(res.statusCode, role).toBe(200);
    }
    expect((await post(null, { text: 'soudeur naval' })).statusCode).toBe(401);
  });

  it('refuses bad input naming the field', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{}, 'body.text'],
      [{ text: ' a ' }, 'body.text'],
      [{ text: 'x'.repeat(2001) }, 'body.text'],
      [{ text: 'saldatore', lang: 'de' }, 'body.lang'],
      [{ text: 'saldatore', textLang: 'es' }, 'body.textLang'],
      [{ text: 'saldatore', occupations: 50 }, 'body.occupations'],
      [{ text: 'saldatore', skills: -1 }, 'body.skills'],
      [{ text: 'saldatore', extra: true }, 'body'],
    ];
    for (const [payload, path] of cases) {
      const res = await post({ role: 'operator' }, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      const paths = res.json().error.details.map((d: { path: string }) => d.path);
      expect(paths, JSON.stringify(payload)).toContain(path);
    }
  });

  it('answers an empty reading for text without trade words', async () => {
    const res = await post({ role: 'operator' }, { text: '2019 - 2023, presso' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ occupations: [], skills: [] });
  });
});
