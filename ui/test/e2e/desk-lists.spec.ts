// Issue 13, the lists and "everywhere" parts, in the browser on the demo data through the real server,
// in Italian and French: each desk list searches, filters, sorts, counts and pages with its state in the
// URL; a save the server refuses shows the reason next to the field it names, the form kept; and on a
// 390 × 844 phone no main screen of any role scrolls sideways.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import {
  apiGet,
  newContext,
  pickSuggestion,
  screenshot,
  settled,
  useServerAndBrowser,
  type Lang,
  type Role,
} from './harness.js';

const e2e = useServerAndBrowser();

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const WORDS: Record<'it' | 'fr', { results: RegExp; open: string; title: string; occupation: string }> = {
  it: {
    results: /(\d+) risultati|Un risultato|Nessun risultato/,
    open: 'Aperto',
    title: 'Titolo (A–Z)',
    occupation: 'welder',
  },
  fr: {
    results: /(\d+) résultats|Un résultat|Aucun résultat/,
    open: 'Ouvert',
    title: 'Titre (A–Z)',
    occupation: 'soudeur',
  },
};

interface Page_<T> {
  items: T[];
  total: number;
}

/** The number the list's total line shows ("123 risultati", "Un résultat", "Aucun résultat"). */
async function readTotal(page: Page, lang: 'it' | 'fr'): Promise<number | null> {
  const text = ((await page.getByTestId('list-total').textContent()) ?? '').replace(/[\s\u202f\u00a0.]/g, '');
  const m = new RegExp(WORDS[lang].results.source.replace(/ /g, '')).exec(text);
  if (!m) return null;
  return m[1] ? Number(m[1]) : /^Un/.test(m[0]) ? 1 : 0;
}

/** Waits (the list loads after the URL changes) until the total line shows `expected`; fails naming what it shows. */
async function expectTotal(page: Page, lang: 'it' | 'fr', expected: number, what: string): Promise<void> {
  let shown: number | null = null;
  for (let i = 0; i < 60; i++) {
    shown = await readTotal(page, lang);
    if (shown === expected) return;
    await page.waitForTimeout(250);
  }
  assert.equal(shown, expected, `${what}: the total shown`);
}

for (const lang of ['it', 'fr'] as const satisfies readonly Lang[]) {
  describe(`desk lists (${lang})`, () => {
    test('the needs list searches, filters, sorts and counts, its state in the URL', async () => {
      const context = await newContext(e2e.browser, e2e.server.baseUrl, lang, 'operator');
      const page = await context.newPage();
      await page.goto(`${e2e.server.baseUrl}/needs`);
      await settled(page);
      const all = await apiGet<Page_<{ title: string }>>(
        e2e.server.baseUrl,
        '/needs?limit=1&sort=newest',
        'operator',
      );
      await expectTotal(page, lang, all.total, 'the total of the whole list');

      // A word of a need's title, typed in the box: the URL carries it and the total is the API's.
      const word = all.items[0]!.title.split(/\s+/).find((w) => w.length >= 5) ?? all.items[0]!.title;
      await page.getByTestId('list-q').fill(word.toUpperCase());
      await page.waitForURL((u) => u.searchParams.get('q') === word.toUpperCase());
      const byText = await apiGet<Page_<unknown>>(
        e2e.server.baseUrl,
        `/needs?limit=1&sort=newest&q=${encodeURIComponent(word)}`,
        'operator',
      );
      assert.ok(byText.total >= 1);
      await expectTotal(page, lang, byText.total, `needs matching "${word}"`);

      // A filter by its label, and the sort: both in the URL, the list and its total follow.
      await page.getByTestId('list-filter-status').selectOption({ label: WORDS[lang].open });
      await page.waitForURL((u) => u.searchParams.get('status') === 'open');
      await page.getByTestId('list-sort').selectOption({ label: WORDS[lang].title });
      await page.waitForURL((u) => u.searchParams.get('sort') === 'title');
      const filtered = await apiGet<Page_<{ title: string }>>(
        e2e.server.baseUrl,
        `/needs?limit=50&sort=title&status=open&q=${encodeURIComponent(word)}`,
        'operator',
      );
      await expectTotal(page, lang, filtered.total, 'the list');
      // The same total may show before the sorted page lands: wait for the titles in the API's order.
      const expected = filtered.items.map((n) => n.title).join(' | ');
      let titles = '';
      for (let i = 0; i < 60 && titles !== expected; i++) {
        if (i) await page.waitForTimeout(250);
        titles = (await page.locator('[data-testid="entity-list"] tbody tr td:first-child').allTextContents())
          .map((t) => t.trim())
          .join(' | ');
      }
      assert.equal(titles, expected, 'the rows, in the order of the sort');

      // A shared link (a reload) shows the same list, the box and the choices restored.
      await page.reload();
      await settled(page);
      assert.equal(await page.getByTestId('list-q').inputValue(), word.toUpperCase());
      assert.equal(await page.getByTestId('list-filter-status').inputValue(), 'open');
      assert.equal(await page.getByTestId('list-sort').inputValue(), 'title');
      await expectTotal(page, lang, filtered.total, 'after a reload');
      const text = await page.locator('main').innerText();
      assert.doesNotMatch(text, UUID, 'no id on screen');
      assert.doesNotMatch(text, /\b(open|draft|nautical_shipbuilding|fixed_term)\b/, 'no code on screen');
      await screenshot(page, `${lang}-lists-01-needs-filtered`);
      await context.close();
    });

    test('crisis dossiers and opportunities lists page and count', async () => {
      const context = await newContext(e2e.browser, e2e.server.baseUrl, lang, 'operator');
      const page = await context.newPage();
      for (const resource of ['crisis-cases', 'opportunities'] as const) {
        await page.goto(`${e2e.server.baseUrl}/${resource}`);
        await settled(page);
        const api = await apiGet<Page_<unknown>>(
          e2e.server.baseUrl,
          `/${resource}?limit=1&sort=newest`,
          'operator',
        );
        await expectTotal(page, lang, api.total, resource);
        await page.getByTestId('list-q').fill('zzzz-nessuno');
        await page.waitForURL((u) => u.searchParams.get('q') === 'zzzz-nessuno');
        await expectTotal(page, lang, 0, `${resource}: nothing matches`);
      }
      await context.close();
    });

    test('a duplicate reference is refused next to the reference field, the form kept', async () => {
      const mine = await apiGet<Page_<{ externalRef: string | null; personal: unknown }>>(
        e2e.server.baseUrl,
        '/profiles?limit=100',
        'operator',
      );
      const taken = mine.items.find((p) => p.personal && p.externalRef)!.externalRef!;
      const context = await newContext(e2e.browser, e2e.server.baseUrl, lang, 'operator');
      const page = await context.newPage();
      await page.goto(`${e2e.server.baseUrl}/profiles/new`);
      await settled(page);
      await page.locator('#f-firstName').fill('Lucia');
      await page.locator('#f-lastName').fill('Doppio');
      await page.locator('#f-externalRef').fill(taken);
      await pickSuggestion(page, 'f-municipality', 'La Spezia', /./);
      await pickSuggestion(page, 'f-occupations', WORDS[lang].occupation, /./);
      await page.getByTestId('profile-form').locator('button[type="submit"]').click();
      const message = page.locator('#e-externalRef:not(:empty)');
      await message.waitFor();
      assert.match(
        (await message.textContent()) ?? '',
        lang === 'it' ? /Già usato/ : /Déjà utilisé/,
        'the reason, in the language of the page',
      );
      // The message sits with the field (described by it), focus is on it, nothing typed is lost.
      const described = await page.locator('#f-externalRef').getAttribute('aria-describedby');
      assert.match(described ?? '', /e-externalRef/);
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'f-externalRef');
      assert.equal(await page.locator('#f-firstName').inputValue(), 'Lucia');
      assert.equal(await page.locator('#f-lastName').inputValue(), 'Doppio');
      assert.match(page.url(), /\/profiles\/new$/);
      await screenshot(page, `${lang}-lists-02-duplicate-reference`);
      await context.close();
    });

    test('on a 390 × 844 phone no main screen of any role scrolls sideways', async () => {
      const need = (await apiGet<Page_<{ id: string }>>(e2e.server.baseUrl, '/needs?limit=1', 'admin'))
        .items[0]!;
      const asset = (await apiGet<Page_<{ id: string }>>(e2e.server.baseUrl, '/assets?limit=1', 'admin'))
        .items[0]!;
      const firm = (await apiGet<Page_<{ id: string }>>(e2e.server.baseUrl, '/firms?limit=1', 'admin'))
        .items[0]!;
      const ownFirm = (await apiGet<Page_<{ id: string }>>(e2e.server.baseUrl, '/firms?limit=1', 'company'))
        .items[0]!;
      const screens: Record<Role, string[]> = {
        operator: [
          '/',
          '/dashboard',
          '/needs',
          '/needs/new',
          `/needs/${need.id}`,
          '/profiles',
          '/profiles/new',
          '/crisis-cases',
          '/crisis-cases/new',
          '/opportunities',
          '/opportunities/new',
          '/imports',
          '/firms',
          '/firms/new',
          `/firms/${firm.id}`,
          `/firms/${firm.id}/edit`,
        ],
        marketing: [
          '/',
          '/assets',
          '/assets/new',
          `/assets/${asset.id}`,
          '/dashboard',
          '/needs',
          '/firms',
          `/firms/${firm.id}`,
        ],
        admin: ['/', '/admin/users', '/admin/reindex', '/profiles', '/firms/new'],
        company: ['/', '/needs', '/needs/new', '/firms', `/firms/${ownFirm.id}`],
      };
      for (const [role, paths] of Object.entries(screens) as [Role, string[]][]) {
        const context = await newContext(e2e.browser, e2e.server.baseUrl, lang, role);
        const page = await context.newPage();
        await page.setViewportSize({ width: 390, height: 844 });
        for (const p of paths) {
          await page.goto(`${e2e.server.baseUrl}${p}`);
          await settled(page);
          const { scroll, inner, culprits } = await page.evaluate(() => {
            const inner = window.innerWidth;
            // What sticks out, so a failure names the element to fix.
            const culprits = [...document.querySelectorAll('body *')]
              .filter((el) => el.getBoundingClientRect().right > inner + 0.5 && !el.closest('.table-scroll'))
              .slice(-3)
              .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`);
            return { scroll: document.scrollingElement!.scrollWidth, inner, culprits };
          });
          assert.ok(
            scroll <= inner,
            `${role} ${p}: the page is ${scroll} px wide on a ${inner} px screen (${culprits.join(', ')})`,
          );
        }
        await screenshot(page, `${lang}-lists-03-phone-${role}`);
        await context.close();
      }
    });
  });
}
