// Issue 13, marketing officer: range filters, asset status, number+unit queries, the offer pack as a PDF,
// phone layouts and keyboard reach, in Italian and in French, on the demo data through the real server.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import {
  apiGet,
  describeViolations,
  newContext,
  pickSuggestion,
  screenshot,
  seriousViolations,
  settled,
  useServerAndBrowser,
  type Lang,
} from './harness.js';

const e2e = useServerAndBrowser();

interface Hit {
  id: string;
  doc: Record<string, unknown>;
}
interface Result {
  hits: Hit[];
  total: number;
  facets: Record<string, Record<string, number>>;
}

const WORDS: Record<
  'it' | 'fr',
  {
    thousands: string;
    decimal: string;
    crane: string;
    notANumber: RegExp;
    notANumberWord: RegExp;
    minAboveMax: RegExp;
    withdrawn: string;
    available: RegExp;
    packUnavailable: RegExp;
    skip: string;
    mapButton: string;
  }
> = {
  it: {
    thousands: '1.500',
    decimal: '2,5',
    crane: 'carroponte',
    notANumber: /«12x» non è un numero/,
    notANumberWord: /«tanti» non è un numero/,
    minAboveMax: /Il minimo \(5000\) è maggiore del massimo \(3000\)/,
    withdrawn: 'Ritirato',
    available: /^(Disponibile|Riservato)$/,
    packUnavailable: /Nessuna scheda per investitori: la risorsa è «Ritirato»/,
    skip: 'Vai ai risultati',
    mapButton: 'Mappa',
  },
  fr: {
    thousands: '1 500',
    decimal: '2,5',
    crane: 'pont roulant',
    notANumber: /« 12x » n'est pas un nombre/,
    notANumberWord: /« tanti » n'est pas un nombre/,
    minAboveMax: /Le minimum \(5000\) est supérieur au maximum \(3000\)/,
    withdrawn: 'Retiré',
    available: /^(Disponible|Réservé)$/,
    packUnavailable: /Pas de dossier d'offre : la ressource est « Retiré »/,
    skip: 'Aller aux résultats',
    mapButton: 'Carte',
  },
};

/**
 * Nothing in the screen's content sticks out at the viewport's width. The content is `main`: the global
 * header's switches are another engineer's part of issue 13 (they overflow at 390 px today); the page's
 * own width is logged so the figure is visible until the header is fixed.
 */
async function noSidewaysScroll(page: Page, screen: string) {
  const { scroll, client, wide } = await page.evaluate(() => {
    const client = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll<HTMLElement>('main *')]
      .filter((e) => e.getBoundingClientRect().right > client + 1 && e.getClientRects().length > 0)
      .filter((e) => !e.closest('.leaflet-container'))
      // Visually hidden parts (a table's header row on a phone) are clipped to 1 px: they cannot scroll.
      .filter((e) => !e.closest('thead, .visually-hidden'))
      .slice(0, 6)
      .map(
        (e) =>
          `${e.tagName.toLowerCase()}.${String(e.className)} (${Math.round(e.getBoundingClientRect().right)} px) in ${e.parentElement?.tagName.toLowerCase()}.${String(e.parentElement?.className)}`,
      );
    return { scroll: document.documentElement.scrollWidth, client, wide };
  });
  if (scroll > client) console.log(`[${screen}] the page is ${scroll} px wide in ${client} px (header)`);
  assert.deepEqual(wide, [], `${screen}: content sticks out of ${client} px`);
}

async function expectAccessible(page: Page, screen: string) {
  const v = await seriousViolations(page);
  assert.equal(
    v.length,
    0,
    `${screen}: serious or critical accessibility violations\n${describeViolations(v)}`,
  );
}

/** Whether the catalogue key of a label, not the label, shows on screen. */
async function noCatalogueKeys(page: Page, screen: string) {
  const text = await page.locator('main').innerText();
  const keys = text.match(/\b(search|assets|asset|map|value|crisis|common)\.[a-zA-Z]+(\.[a-zA-Z_]+)?\b/g);
  assert.equal(keys, null, `${screen}: catalogue keys on screen: ${keys?.join(', ')}`);
}

for (const lang of ['it', 'fr'] as const satisfies readonly Lang[]) {
  const w = WORDS[lang];
  describe(`marketing officer (${lang})`, () => {
    test('range filters read local numbers, keep the value when a facet is ticked, and explain mistakes', async () => {
      const context = await newContext(e2e.browser, e2e.server.baseUrl, lang, 'marketing');
      const page = await context.newPage();
      await page.goto(`${e2e.server.baseUrl}/assets`);
      await settled(page);

      // Typed, not confirmed: ticking a facet right away keeps both.
      const minArea = page.locator('#range-coveredAreaM2-min');
      await minArea.fill(w.thousands);
      await page
        .locator('[data-facet="region"] label', { hasText: /Liguria|Ligurie/ })
        .locator('input')
        .check();
      await page.waitForURL(
        (u) => u.searchParams.get('coveredAreaM2') === '1500..' && u.searchParams.get('region') === 'Liguria',
      );
      await settled(page);
      assert.equal(await minArea.inputValue(), w.thousands, 'the box keeps what was typed');

      // A decimal comma is a decimal, not a tenfold number.
      await page.locator('#range-craneTonnage-min').fill(w.decimal);
      await page.waitForURL((u) => u.searchParams.get('craneTonnage') === '2.5..');
      await settled(page);
      const withCrane = await apiGet<Result>(
        e2e.server.baseUrl,
        `/search/assets?craneTonnage=2.5..&limit=0`,
        'marketing',
      );
      assert.ok(withCrane.total > 0, 'the demo data has cranes of 2.5 t or more');
      const listed = await page.getByTestId('result-count').innerText();

      // Mistakes are said next to the field, and the list is not emptied by them.
      await page.locator('#range-landAreaM2-min').fill('5000');
      await page.locator('#range-landAreaM2-max').fill('3000');
      const landError = page.locator('[data-range="landAreaM2"] [data-testid="range-error"]');
      await landError.waitFor();
      assert.match(await landError.innerText(), w.minAboveMax);
      assert.equal(await page.locator('#range-landAreaM2-max').getAttribute('aria-invalid'), 'true');
      await page.locator('#range-powerKw-min').fill('12x');
      const powerError = page.locator('[data-range="powerKw"] [data-testid="range-error"]');
      await powerError.waitFor();
      assert.match(await powerError.innerText(), w.notANumber);
      await page.waitForTimeout(800);
      assert.ok(!new URL(page.url()).searchParams.has('landAreaM2'));
      assert.ok(!new URL(page.url()).searchParams.has('powerKw'));
      await settled(page);
      assert.equal(
        await page.getByTestId('result-count').innerText(),
        listed,
        'mistakes do not empty the list',
      );
      await noCatalogueKeys(page, `range-${lang}`);
      await screenshot(page, `${lang}-13-range-errors`);
      await context.close();
    });

    test('the default search shows assets on offer, each card says its status, withdrawn ones on request', async () => {
      const context = await newContext(e2e.browser, e2e.server.baseUrl, lang, 'marketing');
      const page = await context.newPage();
      const everything = await apiGet<Result>(
        e2e.server.baseUrl,
        '/search/assets?limit=0&facets=status',
        'marketing',
      );
      assert.ok((everything.facets.status?.withdrawn ?? 0) > 0, 'the demo data has withdrawn assets');
      await page.goto(`${e2e.server.baseUrl}/assets`);
      await settled(page);
      const statuses = await page.getByTestId('hit-status').allInnerTexts();
      assert.ok(statuses.length > 0);
      for (const s of statuses) assert.match(s.trim(), w.available);
      const onOffer = (everything.facets.status?.available ?? 0) + (everything.facets.status?.reserved ?? 0);
      const shown = (await page.getByTestId('result-count').innerText()).replace(/\D/g, '');
      assert.equal(Number(shown), onOffer, 'the count is of assets available or reserved');

      await page.locator('[data-facet="status"] label', { hasText: w.withdrawn }).locator('input').check();
      await page.waitForURL((u) => (u.searchParams.get('status') ?? '').includes('withdrawn'));
      await settled(page);
      const texts = await page.getByTestId('hit-status').allInnerTexts();
      assert.ok(
        texts.some((t) => t.trim() === w.withdrawn),
        'a withdrawn asset shows with its status',
      );

      // A withdrawn asset offers no pack, and says why; the server refuses it too.
      const withdrawn = await apiGet<Result>(
        e2e.server.baseUrl,
        '/search/assets?status=withdrawn&limit=1',
        'marketing',
      );
      const id = withdrawn.hits[0]!.id;
      await page.goto(`${e2e.server.baseUrl}/assets/${id}`);
      await settled(page);
      assert.equal(await page.getByTestId('offer-pack-link').count(), 0);
      assert.match(await page.getByTestId('offer-pack-unavailable').innerText(), w.packUnavailable);
      const refused = await page.request.get(
        `${e2e.server.baseUrl}/api/v1/assets/${id}/offer-pack?lang=${lang}`,
      );
      assert.equal(refused.status(), 409);
      await context.close();
    });

    test('a number glued to its unit finds the same assets as the spaced form', async () => {
      const context = await newContext(e2e.browser, e2e.server.baseUrl, lang, 'marketing');
      const page = await context.newPage();
      const spaced = await apiGet<Result>(
        e2e.server.baseUrl,
        `/search/assets?q=${encodeURIComponent(`${w.crane} 20 t`)}&limit=0&status=available,reserved`,
        'marketing',
      );
      assert.ok(spaced.total > 0, 'the demo data has 20 t cranes');
      await page.goto(`${e2e.server.baseUrl}/assets?q=${encodeURIComponent(`${w.crane} 20t`)}`);
      await settled(page);
      assert.ok((await page.getByTestId('hit').count()) > 0, `"${w.crane} 20t" finds assets`);
      await context.close();
    });

    test('the offer pack is a PDF in the chosen language', async () => {
      const context = await newContext(e2e.browser, e2e.server.baseUrl, lang, 'marketing');
      const page = await context.newPage();
      const available = await apiGet<Result>(
        e2e.server.baseUrl,
        '/search/assets?status=available&kind=building&limit=1',
        'marketing',
      );
      const id = available.hits[0]!.id;
      await page.goto(`${e2e.server.baseUrl}/assets/${id}`);
      await settled(page);
      const link = page.getByTestId('offer-pack-link');
      assert.equal(
        new URL((await link.getAttribute('href'))!, e2e.server.baseUrl).searchParams.get('lang'),
        lang,
      );
      await page.locator('#pack-lang').selectOption('en');
      assert.equal(
        new URL((await link.getAttribute('href'))!, e2e.server.baseUrl).searchParams.get('lang'),
        'en',
      );
      await page.locator('#pack-lang').selectOption(lang);
      // The pack counts people within the travel time chosen on the page, not within a circle.
      await page.getByTestId('nearby-minutes').selectOption('120');
      assert.equal(
        new URL((await link.getAttribute('href'))!, e2e.server.baseUrl).searchParams.get('minutes'),
        '120',
      );
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      assert.match(download.suggestedFilename(), /^rilancio-offer-.*\.pdf$/);
      const res = await page.request.get(`${e2e.server.baseUrl}/api/v1/assets/${id}/offer-pack?lang=${lang}`);
      assert.equal(res.status(), 200);
      assert.equal(res.headers()['content-type'], 'application/pdf');
      const body = await res.body();
      assert.equal(body.subarray(0, 5).toString(), '%PDF-');
      const pages = (body.toString('latin1').match(/\/Type\s*\/Page\b(?!s)/g) ?? []).length;
      assert.ok(pages >= 1 && pages <= 2, `the pack has ${pages} pages`);
      await context.close();
    });

    test('the map shows every result, clustered, with named markers, popups and place names without tiles', async () => {
      const context = await newContext(e2e.browser, e2e.server.baseUrl, lang, 'marketing');
      const page = await context.newPage();
      const q = lang === 'it' ? 'capannone' : 'hangar';
      await page.goto(`${e2e.server.baseUrl}/assets?q=${q}`);
      await settled(page);
      const total = Number((await page.getByTestId('result-count').innerText()).replace(/\D/g, ''));
      assert.ok(total > 50, `"${q}" has more results than a page (${total})`);
      const map = page.getByTestId('map');
      // The answer can arrive before Leaflet has loaded: wait until the markers stand for every result.
      await page.waitForFunction((n) => {
        const el = document.querySelector('[data-testid="map"]');
        return Number(el?.getAttribute('data-points')) === n && Number(el?.getAttribute('data-drawn')) === n;
      }, total);
      assert.match((await map.getAttribute('aria-label')) ?? '', new RegExp(String(total)));
      // Provence is on the map for a French or Italian shed search alike (the old map showed one page).
      const answer = await apiGet<{ clusters: { lat: number; lon: number; count: number }[] }>(
        e2e.server.baseUrl,
        `/search/assets/map?q=${q}&status=available,reserved&zoom=7`,
        'marketing',
      );
      assert.ok(
        answer.clusters.some((c) => c.lon > 4.2 && c.lon < 7.8 && c.lat > 42.9 && c.lat < 44.2),
        'Provence has results',
      );
      // Every marker has an accessible name.
      const names = await page
        .locator('.leaflet-marker-pane [role="button"]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
      assert.ok(names.length > 0);
      for (const n of names) assert.ok(n.trim().length > 0, 'a marker without a name');
      await expectAccessible(page, `assets-map-${lang}`);

      // "Show on the map" opens the result's card on the map, over a background of place names.
      await page.locator('[data-testid="hit"] button').first().click();
      const popup = page.locator('.leaflet-popup-content');
      await popup.waitFor();
      const firstTitle = (await page.locator('[data-testid="hit"] h3').first().innerText()).trim();
      assert.ok((await popup.innerText()).includes(firstTitle), 'the popup shows the selected result');
      assert.ok(await popup.locator('a[href^="/assets/"]').count(), 'the popup links to the asset');
      await page.locator('.place-name span').first().waitFor();
      const places = await page.locator('.place-name span').allInnerTexts();
      assert.ok(places.filter((t) => t.trim()).length > 3, 'municipality names are drawn without tiles');
      await screenshot(page, `${lang}-13-map-popup`);
      await noCatalogueKeys(page, `map-${lang}`);
      await context.close();
    });

    test('a marketing officer creates an asset with its kind-specific and blue-economy fields, then edits it', async () => {
      const context = await newContext(e2e.browser, e2e.server.baseUrl, lang, 'marketing');
      const page = await context.newPage();
      await page.goto(`${e2e.server.baseUrl}/assets`);
      await settled(page);
      await page.getByTestId('new-asset').click();
      await page.waitForURL(/\/assets\/new$/);
      await settled(page);
      const form = page.getByTestId('asset-form');
      // A machine has a brand and no covered area or quay; a building the other way round.
      await page.locator('#f-kind').selectOption('machine');
      assert.equal(await page.locator('#f-brand').count(), 1);
      assert.equal(await page.locator('#f-coveredAreaM2').count(), 0);
      await page.locator('#f-kind').selectOption('building');
      assert.equal(await page.locator('#f-brand').count(), 0);
      assert.equal(
        (await form.getByTestId('blue-economy').locator('input[type="checkbox"]').count()) >= 3,
        true,
      );

      // Mistakes are named next to their fields.
      await page.locator('#f-coveredAreaM2').fill('tanti');
      await page.getByTestId('asset-save').click();
      assert.match(await page.getByTestId('err-title').innerText(), /3/);
      assert.match(await page.getByTestId('err-coveredAreaM2').innerText(), w.notANumberWord);
      assert.ok((await page.getByTestId('err-inventoryNumber').innerText()).trim().length > 0);
      await noCatalogueKeys(page, `asset-form-${lang}`);

      // Marketing belongs to no desk: it says which desk records the asset.
      if (await page.locator('#f-deskId').count()) await page.locator('#f-deskId').selectOption({ index: 1 });
      const inventory = `E2E-${lang}-${Date.now().toString(36)}`;
      await page.locator('#f-inventoryNumber').fill(inventory);
      await page.locator('#f-title').fill(`${w.crane} 12 t, e2e ${inventory}`);
      await page.locator('#f-coveredAreaM2').fill(w.thousands);
      await page.locator('#f-craneTonnage').fill(w.decimal);
      await pickSuggestion(page, 'f-municipality', 'La Spezia', /La Spezia/);
      await form.getByTestId('blue-economy').locator('input[type="checkbox"]').first().check();
      await page.locator('#f-draftM').fill(lang === 'it' ? '6,5' : '6,5');
      await page.getByTestId('asset-save').click();
      await page.waitForURL(/\/assets\/[0-9a-f-]{36}\?saved=1$/);
      await settled(page);
      const id = new URL(page.url()).pathname.split('/')[2]!;
      const stored = await apiGet<Record<string, unknown>>(e2e.server.baseUrl, `/assets/${id}`, 'marketing');
      assert.equal(stored.coveredAreaM2, 1500);
      assert.equal(stored.craneTonnage, 2.5);
      assert.equal(stored.draftM, 6.5);
      assert.equal(stored.quayAccess, true);
      assert.equal(stored.brand, null);

      // The same form edits it: a machine now, so the building's fields are dropped, not refused.
      await page.getByTestId('edit-asset').click();
      await page.waitForURL(/\/edit$/);
      await settled(page);
      assert.equal(await page.locator('#f-coveredAreaM2').inputValue(), '1500');
      assert.equal(await page.locator('#f-craneTonnage').inputValue(), '2,5');
      await page.locator('#f-kind').selectOption('machine');
      await page.locator('#f-brand').fill('Mazak');
      await page.getByTestId('asset-save').click();
      await page.waitForURL(/\?saved=1$/);
      const edited = await apiGet<Record<string, unknown>>(e2e.server.baseUrl, `/assets/${id}`, 'marketing');
      assert.equal(edited.kind, 'machine');
      assert.equal(edited.brand, 'Mazak');
      assert.equal(edited.coveredAreaM2, null);
      assert.equal(edited.quayAccess, false);
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${e2e.server.baseUrl}/assets/${id}/edit`);
      await settled(page);
      await noSidewaysScroll(page, 'asset form');
      await expectAccessible(page, `asset-form-${lang}`);
      await context.close();
    });

    test('an operator opens a crisis dossier and edits it with the same form', async () => {
      const context = await newContext(e2e.browser, e2e.server.baseUrl, lang, 'operator');
      const page = await context.newPage();
      await page.goto(`${e2e.server.baseUrl}/crisis-cases`);
      await settled(page);
      await page.getByTestId('new-crisis').click();
      await page.waitForURL(/\/crisis-cases\/new$/);
      await settled(page);
      await page.locator('#f-workersAffected').fill('molti');
      await page.locator('#f-openedOn').fill('2026-05-01');
      await page.locator('#f-closedOn').fill('2026-04-01');
      await page.getByTestId('crisis-save').click();
      assert.ok((await page.getByTestId('err-workersAffected').innerText()).trim().length > 0);
      assert.ok((await page.getByTestId('err-closedOn').innerText()).trim().length > 0);
      assert.ok((await page.getByTestId('err-externalRef').innerText()).trim().length > 0);
      await noCatalogueKeys(page, `crisis-form-${lang}`);
      if (await page.locator('#f-deskId').count()) await page.locator('#f-deskId').selectOption({ index: 1 });
      const ref = `E2E-CRISIS-${lang}-${Date.now().toString(36)}`;
      await page.locator('#f-externalRef').fill(ref);
      await page.locator('#f-title').fill(`Cantiere in crisi ${ref}`);
      await page.locator('#f-workersAffected').fill('1.250'.replace('.', lang === 'it' ? '.' : ' '));
      await page.locator('#f-closedOn').fill('');
      await pickSuggestion(page, 'f-municipality', 'La Spezia', /La Spezia/);
      await page.getByTestId('crisis-save').click();
      await page.waitForURL(/\/crisis-cases\/[0-9a-f-]{36}\?saved=1$/);
      const id = new URL(page.url()).pathname.split('/')[2]!;
      const stored = await apiGet<Record<string, unknown>>(
        e2e.server.baseUrl,
        `/crisis-cases/${id}`,
        'operator',
      );
      assert.equal(stored.workersAffected, 1250);
      await settled(page);
      await page.getByTestId('edit-crisis').click();
      await page.waitForURL(/\/edit$/);
      await settled(page);
      await page.locator('#f-status').selectOption('closed');
      await page.getByTestId('crisis-save').click();
      await page.waitForURL(/\?saved=1$/);
      const edited = await apiGet<Record<string, unknown>>(
        e2e.server.baseUrl,
        `/crisis-cases/${id}`,
        'operator',
      );
      assert.equal(edited.status, 'closed');
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${e2e.server.baseUrl}/crisis-cases/${id}/edit`);
      await settled(page);
      await noSidewaysScroll(page, 'crisis form');
      await context.close();
    });

    test('keyboard: the first result is a few Tab presses away', async () => {
      const context = await newContext(e2e.browser, e2e.server.baseUrl, lang, 'marketing');
      const page = await context.newPage();
      await page.goto(`${e2e.server.baseUrl}/assets`);
      await settled(page);
      let presses = 0;
      for (; presses < 40; presses++) {
        await page.keyboard.press('Tab');
        const onSkip = await page.evaluate(
          () => document.activeElement?.getAttribute('data-testid') === 'skip-to-results',
        );
        if (onSkip) break;
      }
      assert.ok(presses < 40, 'a skip link to the results is among the first tab stops');
      assert.equal((await page.evaluate(() => document.activeElement?.textContent ?? '')).trim(), w.skip);
      await page.keyboard.press('Enter');
      const first = await page.evaluate(() => {
        const a = document.activeElement;
        return (
          a?.tagName === 'A' &&
          a.closest('[data-testid="hit"]') === document.querySelector('[data-testid="hit"]')
        );
      });
      assert.ok(
        first,
        `the skip link takes the focus to the first result (${presses + 1} Tab presses before it)`,
      );
      await context.close();
    });

    test('phone: results near the top, list and map switch, no sideways scrolling on the marketing screens', async () => {
      const context = await newContext(e2e.browser, e2e.server.baseUrl, lang, 'marketing');
      const page = await context.newPage();
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${e2e.server.baseUrl}/assets?q=${encodeURIComponent(w.crane)}`);
      await settled(page);
      const top = await page
        .getByTestId('hit')
        .first()
        .evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
      assert.ok(top < 900, `the first result starts ${Math.round(top)} px down`);
      await noSidewaysScroll(page, 'asset search');
      await page.getByRole('button', { name: w.mapButton, exact: true }).click();
      await page.waitForURL((u) => u.searchParams.get('view') === 'map');
      await page.getByTestId('map').waitFor({ state: 'visible' });
      assert.equal(await page.getByTestId('hit').first().isVisible(), false, 'the list gives way to the map');
      const mapTop = await page
        .getByTestId('map')
        .evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
      assert.ok(mapTop < 900, `the map starts ${Math.round(mapTop)} px down`);
      await noSidewaysScroll(page, 'asset map');
      await expectAccessible(page, `assets-phone-${lang}`);
      await screenshot(page, `${lang}-13-phone-map`);

      const anAsset = await apiGet<Result>(
        e2e.server.baseUrl,
        '/search/assets?status=available&limit=1',
        'marketing',
      );
      await page.goto(`${e2e.server.baseUrl}/assets/${anAsset.hits[0]!.id}`);
      await settled(page);
      await noSidewaysScroll(page, 'asset detail');
      await screenshot(page, `${lang}-13-phone-asset`);

      const crises = await apiGet<{ items: { id: string }[] }>(
        e2e.server.baseUrl,
        '/crisis-cases?limit=5',
        'marketing',
      );
      await page.goto(`${e2e.server.baseUrl}/crisis-cases`);
      await settled(page);
      await noSidewaysScroll(page, 'crisis list');
      await page.goto(`${e2e.server.baseUrl}/crisis-cases/${crises.items[0]!.id}`);
      await settled(page);
      await noSidewaysScroll(page, 'crisis dossier');
      await screenshot(page, `${lang}-13-phone-crisis`);
      await context.close();
    });
  });
}
