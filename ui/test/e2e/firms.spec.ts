// Issue 13, the firms' screens, in the browser on the demo data through the real server, in Italian and
// French: the list searches, filters by region, province and municipality from pickers (never typed
// codes), sorts and counts with its state in the URL; a firm's page shows its facts and its needs in
// words; one form creates and edits, and a partita IVA already registered is refused next to its field
// with the form kept.
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
} from './harness.js';

const e2e = useServerAndBrowser();

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const WORDS: Record<
  'it' | 'fr',
  {
    results: RegExp;
    newest: string;
    taken: RegExp;
    saved: RegExp;
    medium: string;
    menu: string;
    notAllowed: RegExp;
    liguria: string;
    tuscany: string;
  }
> = {
  it: {
    results: /(\d+) risultati|Un risultato|Nessun risultato/,
    newest: 'Più recenti',
    taken: /Già usato/,
    saved: /Impresa salvata/,
    medium: 'Media (50-249)',
    menu: 'Imprese',
    notAllowed: /non consente di registrare/,
    liguria: 'Liguria',
    tuscany: 'Toscana',
  },
  fr: {
    results: /(\d+) résultats|Un résultat|Aucun résultat/,
    newest: 'Plus récents',
    taken: /Déjà utilisé/,
    saved: /Entreprise enregistrée/,
    medium: 'Moyenne (50-249)',
    menu: 'Entreprises',
    notAllowed: /ne permet pas d'enregistrer/,
    liguria: 'Ligurie',
    tuscany: 'Toscane',
  },
};

interface Firm {
  id: string;
  name: string;
  country: string;
  vatNumber: string | null;
  deskId: string | null;
  municipality: { country: string; code: string; name: string } | null;
}
interface Page_<T> {
  items: T[];
  total: number;
}

async function readTotal(page: Page, lang: 'it' | 'fr'): Promise<number | null> {
  const text = ((await page.getByTestId('list-total').textContent()) ?? '').replace(/[\s\u202f\u00a0.]/g, '');
  const m = new RegExp(WORDS[lang].results.source.replace(/ /g, '')).exec(text);
  if (!m) return null;
  return m[1] ? Number(m[1]) : /^Un/.test(m[0]) ? 1 : 0;
}

async function expectTotal(page: Page, lang: 'it' | 'fr', expected: number, what: string): Promise<void> {
  let shown: number | null = null;
  for (let i = 0; i < 60; i++) {
    shown = await readTotal(page, lang);
    if (shown === expected) return;
    await page.waitForTimeout(250);
  }
  assert.equal(shown, expected, `${what}: the total shown`);
}

const total = async (qs: string) =>
  (await apiGet<Page_<Firm>>(e2e.server.baseUrl, `/firms?limit=1&${qs}`, 'operator')).total;

for (const lang of ['it', 'fr'] as const satisfies readonly Lang[]) {
  describe(`firms (${lang})`, () => {
    test('the firms list is in the menu, filters by place from pickers, sorts and counts', async () => {
      const context = await newContext(e2e.browser, e2e.server.baseUrl, lang, 'operator');
      const page = await context.newPage();
      await page.goto(`${e2e.server.baseUrl}/`);
      await settled(page);
      await page.getByRole('link', { name: WORDS[lang].menu, exact: true }).first().click();
      await page.waitForURL((u) => u.pathname === '/firms');
      await settled(page);
      await expectTotal(page, lang, await total(''), 'every firm');

      // Region, then province, chosen by name; the province list offers the region's provinces only.
      // Regions in the UI's language: Liguria and Toscana are Ligurie and Toscane on a French screen.
      const region = page.getByTestId('list-filter-region');
      const regions = await region.locator('option').allTextContents();
      assert.ok(regions.includes(WORDS[lang].tuscany), regions.join(', '));
      await region.selectOption({ label: WORDS[lang].liguria });
      await page.waitForURL((u) => u.searchParams.get('region') === '07');
      await expectTotal(page, lang, await total('region=07'), 'firms in Liguria');
      const provinces = await page.getByTestId('list-filter-province').locator('option').allTextContents();
      assert.ok(provinces.includes('La Spezia'), provinces.join(', '));
      assert.ok(!provinces.includes('Livorno'), 'a Tuscan province is not offered under Liguria');
      await page.getByTestId('list-filter-province').selectOption({ label: 'La Spezia' });
      await page.waitForURL((u) => u.searchParams.get('province') === '011');
      await expectTotal(page, lang, await total('region=07&province=011'), 'firms in La Spezia');

      // A municipality from the picker: the list asks for its code, the box keeps its name.
      await page.goto(`${e2e.server.baseUrl}/firms`);
      await settled(page);
      await pickSuggestion(page, 'list-municipality', 'La Spezia', /La Spezia/);
      await page.waitForURL((u) => u.searchParams.get('municipality') === 'IT:011015');
      await expectTotal(page, lang, await total('municipality=IT:011015'), 'firms in the town of La Spezia');
      // Name A–Z is the default order; the newest first is a choice the URL keeps.
      assert.equal(await page.getByTestId('list-sort').inputValue(), 'name');
      await page.getByTestId('list-sort').selectOption({ label: WORDS[lang].newest });
      await page.waitForURL((u) => u.searchParams.get('sort') === 'newest');
      await page.reload();
      await settled(page);
      assert.equal(await page.locator('#list-municipality').inputValue(), 'La Spezia');
      const text = await page.locator('main').innerText();
      assert.doesNotMatch(text, UUID, 'no id on screen');
      assert.doesNotMatch(text, /\b[a-z]+\.[a-zA-Z]+\.[a-zA-Z]+\b/, 'no catalogue key on screen');
      assert.doesNotMatch(text, /\b(nautical_shipbuilding|in_crisis|micro|IT:011015)\b/, 'no code on screen');
      await screenshot(page, `${lang}-firms-01-list`);
      await context.close();
    });

    test('a firm page shows its facts and needs in words; the same form edits it', async () => {
      // A firm of the operator's own desk (the one an operator may edit) with needs: its page lists them.
      const me = await apiGet<{ user: { deskId: string } }>(e2e.server.baseUrl, '/auth/me', 'operator');
      const firms = await apiGet<Page_<Firm>>(
        e2e.server.baseUrl,
        `/firms?limit=100&sort=name&deskId=${me.user.deskId}`,
        'operator',
      );
      let firm: Firm | undefined;
      let needTitles: string[] = [];
      for (const f of firms.items) {
        const needs = await apiGet<Page_<{ title: string }>>(
          e2e.server.baseUrl,
          `/needs?limit=5&firmId=${f.id}`,
          'operator',
        );
        if (needs.total > 0) {
          firm = f;
          needTitles = needs.items.map((n) => n.title);
          break;
        }
      }
      assert.ok(firm, 'the demo data has a firm with needs');
      const context = await newContext(e2e.browser, e2e.server.baseUrl, lang, 'operator');
      const page = await context.newPage();
      await page.goto(`${e2e.server.baseUrl}/firms?q=${encodeURIComponent(firm.name)}`);
      await settled(page);
      await page
        .getByTestId('entity-list')
        .getByRole('link', { name: firm.name, exact: true })
        .first()
        .click();
      await page.waitForURL((u) => u.pathname === `/firms/${firm.id}`);
      await settled(page);
      assert.equal((await page.getByTestId('firm-name').textContent())?.trim(), firm.name);
      const needsText = await page.getByTestId('firm-needs').innerText();
      for (const t of needTitles) assert.ok(needsText.includes(t), `the need ${t} is listed`);
      const text = await page.locator('main').innerText();
      assert.doesNotMatch(text, UUID, 'no id on screen');
      assert.doesNotMatch(text, /\b\d{2}\.\d{1,2}\b/, 'the activity by name, not its NACE code');
      assert.doesNotMatch(text, /\b[a-z]+\.[a-zA-Z]+\.[a-zA-Z]+\b/, 'no catalogue key on screen');

      await page.getByTestId('edit-firm').click();
      await page.waitForURL((u) => u.pathname === `/firms/${firm.id}/edit`);
      await settled(page);
      assert.equal(await page.locator('#f-name').inputValue(), firm.name, 'the form starts from the firm');
      assert.notEqual(await page.locator('#f-naceCode').inputValue(), '', 'the activity by name');
      await page.locator('#f-sizeBand').selectOption({ label: WORDS[lang].medium });
      await page.getByTestId('firm-save').click();
      await page.waitForURL((u) => u.pathname === `/firms/${firm.id}`);
      assert.match(await page.getByTestId('saved').innerText(), WORDS[lang].saved);
      assert.match(
        await page.locator('main').innerText(),
        new RegExp(WORDS[lang].medium.replace(/[()]/g, '\\$&')),
      );
      const after = await apiGet<{ sizeBand: string }>(e2e.server.baseUrl, `/firms/${firm.id}`, 'operator');
      assert.equal(after.sizeBand, 'medium');
      await screenshot(page, `${lang}-firms-02-page`);

      // Another desk's firm: read, not offered for editing (the API would refuse the operator).
      // Asked by desk, so the check never depends on which firms the first page happens to hold.
      const desks = await apiGet<{ id: string }[]>(e2e.server.baseUrl, '/reference/desks', 'operator');
      let foreign: Firm | undefined;
      for (const d of desks.filter((x) => x.id !== me.user.deskId)) {
        foreign = (await apiGet<Page_<Firm>>(e2e.server.baseUrl, `/firms?limit=1&deskId=${d.id}`, 'operator'))
          .items[0];
        if (foreign) break;
      }
      assert.ok(foreign, 'the demo data has a firm of another desk');
      await page.goto(`${e2e.server.baseUrl}/firms/${foreign.id}`);
      await settled(page);
      await page.getByTestId('firm-name').waitFor();
      assert.equal(await page.getByTestId('edit-firm').count(), 0, 'no edit offered on a foreign firm');
      await context.close();
    });

    test('a company account is offered no firm registration, and the form by its address says why', async () => {
      const context = await newContext(e2e.browser, e2e.server.baseUrl, lang, 'company');
      const page = await context.newPage();
      await page.goto(`${e2e.server.baseUrl}/firms`);
      await settled(page);
      await page.getByTestId('list-total').waitFor();
      assert.equal(await page.getByTestId('new-firm').count(), 0, 'no "new firm" button for a company');
      await page.goto(`${e2e.server.baseUrl}/firms/new`);
      await settled(page);
      assert.match(await page.getByTestId('error-page').innerText(), WORDS[lang].notAllowed);
      assert.equal(await page.locator('#f-name').count(), 0, 'no form that could never be saved');
      await screenshot(page, `${lang}-firms-04-company-new`);
      await context.close();
    });

    test('a partita IVA already registered is refused next to its field, the form kept', async () => {
      const italian = await apiGet<Page_<Firm>>(e2e.server.baseUrl, '/firms?limit=20&country=IT', 'operator');
      const taken = italian.items.find((f) => f.vatNumber)!.vatNumber!;
      const context = await newContext(e2e.browser, e2e.server.baseUrl, lang, 'operator');
      const page = await context.newPage();
      await page.goto(`${e2e.server.baseUrl}/firms/new`);
      await settled(page);
      await page.locator('#f-name').fill('Cantiere Doppione');
      await page.locator('#f-vatNumber').fill(taken);
      await pickSuggestion(page, 'f-naceCode', '30.11', /./);
      await pickSuggestion(page, 'f-municipality', 'La Spezia', /La Spezia/);
      await page.getByTestId('firm-save').click();
      const message = page.locator('#e-vatNumber:not(:empty)');
      await message.waitFor();
      assert.match(
        (await message.textContent()) ?? '',
        WORDS[lang].taken,
        'the reason, in the page language',
      );
      assert.match(
        (await page.locator('#f-vatNumber').getAttribute('aria-describedby')) ?? '',
        /e-vatNumber/,
      );
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'f-vatNumber');
      assert.equal(await page.locator('#f-name').inputValue(), 'Cantiere Doppione', 'nothing typed is lost');
      assert.match(page.url(), /\/firms\/new$/);
      await screenshot(page, `${lang}-firms-03-duplicate-vat`);
      await context.close();
    });
  });
}
