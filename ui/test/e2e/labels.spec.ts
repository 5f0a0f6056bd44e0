// Issue 11: every screen in the user's words, never a code. Walks the main screens as the demo
// account that uses each, in Italian and in French, and fails on any visible UUID, URI, snake_case
// code, untranslated catalogue key or bare ISCO code (a 4-digit group number without its name).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  apiGet,
  newContext,
  screenshot,
  settled,
  UI_DIR,
  useServerAndBrowser,
  type Role,
} from './harness.js';

const e2e = useServerAndBrowser();

interface Item {
  id: string;
  [k: string]: unknown;
}

// The catalogue's top-level sections: "home.describe.x" on screen is a key that was not translated.
// `value` (the words of closed lists) comes from the shared catalogue, @rilancio/vocabulary.
const SECTIONS = [
  ...Object.keys(
    JSON.parse(readFileSync(path.join(UI_DIR, 'src/lib/i18n/it.json'), 'utf8')) as Record<string, unknown>,
  ),
  'value',
];

/** What on a screen's visible text is a code instead of words; empty when none. */
export function codesIn(text: string): string[] {
  const found: string[] = [];
  const add = (what: string, re: RegExp) => {
    for (const m of text.matchAll(re)) found.push(`${what}: “${m[0]}”`);
  };
  add('UUID', /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi);
  add('URI', /\b(?:https?|urn):\/?\/?[^\s)]+/gi);
  add('snake_case code', /(?<![\w@.-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w@-])/g);
  add('catalogue key', new RegExp(`(?<![\\w@.-])(?:${SECTIONS.join('|')})(?:\\.[A-Za-z0-9_/-]+)+`, 'g'));
  // A bare ISCO group: 4 digits where a value starts (line, cell, after ":" or ",") with a count
  // after it ("9333 – 49", "7212 (79)", a table row), or right after "ISCO". Not a year (19xx and
  // 20xx are no ISCO groups), not a facet count under its label, not a model name in a title.
  const bare =
    /(?<=^|[\n\t]|[:,;·–] )\d{4}(?=\s?[–(-]\s?\d|\t\d|\n\d)|(?<=\bISCO:? )\d{4}(?![\d.,/:\w-])(?! \()/gm;
  for (const m of text.matchAll(bare)) {
    if (/^(19|20)\d\d$/.test(m[0])) continue;
    found.push(
      `bare ISCO code: “${text.slice(Math.max(0, m.index - 20), m.index + 12).replace(/\s+/g, ' ')}”`,
    );
  }
  return found;
}

interface Screen {
  name: string;
  role: Role;
  path: () => Promise<string>;
  /** Something that is on the screen once its data has arrived. */
  ready?: string;
}

async function ids() {
  const [needs, opportunities, crises, assets, me, profiles] = await Promise.all([
    apiGet<{ items: Item[] }>(e2e.server.baseUrl, '/needs?limit=100', 'admin'),
    apiGet<{ items: Item[] }>(e2e.server.baseUrl, '/opportunities?limit=100', 'admin'),
    apiGet<{ items: Item[] }>(e2e.server.baseUrl, '/crisis-cases?limit=100', 'admin'),
    apiGet<{ items: Item[] }>(e2e.server.baseUrl, '/assets?limit=20', 'admin'),
    apiGet<{ user: { deskId: string | null } }>(e2e.server.baseUrl, '/auth/me', 'operator'),
    apiGet<{ items: Item[] }>(e2e.server.baseUrl, '/profiles?limit=100', 'operator'),
  ]);
  const need = needs.items.find((n) => n.type === 'job' && (n.status ?? 'open') === 'open');
  const opportunity =
    opportunities.items.find((o) => typeof o.crisisCaseId === 'string') ?? opportunities.items[0];
  const crisisId = (opportunity?.crisisCaseId as string | undefined) ?? crises.items[0]?.id;
  const profile = profiles.items.find(
    (p) =>
      p.deskId === me.user.deskId &&
      p.personal &&
      Array.isArray(p.skills) &&
      (p.skills as unknown[]).length > 0 &&
      String(p.externalRef ?? '').startsWith('DEMO-'),
  );
  assert.ok(
    need && opportunity && crisisId && assets.items[0] && profile,
    'the demo data has every kind of record',
  );
  return {
    need: need.id,
    opportunity: opportunity.id,
    crisis: crisisId,
    asset: assets.items[0]!.id,
    profile: profile.id,
  };
}

for (const lang of ['it', 'fr'] as const) {
  describe(`in ${lang}`, () => {
    test('every main screen shows words, never a UUID, URI, code, catalogue key or bare ISCO code', async () => {
      const id = await ids();
      const screens: Screen[] = [
        { name: 'home (operator)', role: 'operator', path: async () => '/' },
        { name: 'home (admin)', role: 'admin', path: async () => '/' },
        { name: 'asset search', role: 'marketing', path: async () => '/assets' },
        { name: 'asset detail', role: 'marketing', path: async () => `/assets/${id.asset}` },
        { name: 'profile search', role: 'operator', path: async () => '/profiles' },
        { name: 'profile detail', role: 'operator', path: async () => `/profiles/${id.profile}` },
        { name: 'profile edit', role: 'operator', path: async () => `/profiles/${id.profile}/edit` },
        { name: 'needs list', role: 'operator', path: async () => '/needs' },
        {
          name: 'need detail',
          role: 'operator',
          path: async () => `/needs/${id.need}`,
          ready: '[data-testid="match"]',
        },
        {
          name: 'opportunity detail',
          role: 'operator',
          path: async () => `/opportunities/${id.opportunity}`,
          ready: '[data-testid="team-summary"], [role="alert"]',
        },
        { name: 'crisis dossier', role: 'operator', path: async () => `/crisis-cases/${id.crisis}` },
        { name: 'dashboard', role: 'marketing', path: async () => '/dashboard' },
        { name: 'import', role: 'operator', path: async () => '/imports' },
        { name: 'admin', role: 'admin', path: async () => '/admin/reindex' },
      ];
      const failures: string[] = [];
      for (const role of ['operator', 'admin', 'marketing'] as const) {
        const mine = screens.filter((s) => s.role === role);
        const context = await newContext(e2e.browser, e2e.server.baseUrl, lang, role, { session: 'labels' });
        const page = await context.newPage();
        for (const s of mine) {
          try {
            await page.goto(`${e2e.server.baseUrl}${await s.path()}`);
            // Once more if the app did not start (seen on a loaded machine after the team builder).
            if (!(await page.locator('main#main').count())) await page.reload();
            await settled(page);
            // The team builder and the ranking take a while on a loaded machine.
            if (s.ready) await page.locator(s.ready).first().waitFor({ timeout: 90_000 });
            // Labels arrive in a batch after the page's own data.
            await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), null, {
              timeout: 15_000,
            });
            await page.waitForLoadState('networkidle');
          } catch (e) {
            failures.push(
              `${s.name} (${role}, ${lang}): did not load: ${(e as Error).message.split('\n')[0]}`,
            );
            continue;
          }
          const text = await page.locator('body').innerText();
          const codes = codesIn(text);
          if (codes.length) {
            await screenshot(page, `${lang}-labels-${s.name.replace(/\W+/g, '-')}`);
            failures.push(
              `${s.name} (${role}, ${lang}):\n    ${[...new Set(codes)].slice(0, 12).join('\n    ')}`,
            );
          }
        }
        await context.close();
      }
      assert.equal(failures.length, 0, `codes on screen instead of words:\n  ${failures.join('\n  ')}`);
    });
  });
}

test('the code detector finds what it must and spares dates, years and named groups', () => {
  assert.deepEqual(codesIn('Saldatori e tagliatori a fiamma (7212): 49 · 24/12/2026 · 2026 · 3900 m²'), []);
  assert.equal(codesIn('9333 – 49').length, 1);
  assert.equal(codesIn('Gruppo\t\n9333\t49').length, 1);
  assert.deepEqual(codesIn('Lingue\nitaliano\n1440\ninglese\n1139'), []);
  assert.deepEqual(codesIn('Pressa piegatrice Trumpf TruBend 5230 · Tel. 0586 123456'), []);
  assert.equal(codesIn('Gruppo ISCO: 7212 (79)').length, 1);
  assert.equal(codesIn('home.describe.imports').length, 1);
  assert.equal(codesIn('stessa filiera (nautical_shipbuilding)').length, 1);
  assert.equal(codesIn('88589d68-b870-440e-8444-32e9935cbbbc (29.6)').length, 1);
  assert.equal(codesIn('http://data.europa.eu/esco/skill/x').length, 1);
  assert.deepEqual(codesIn('operator@demo.rilancio.eu · Motore 1.0.0'), []);
});
