// Issue 18 in the browser, in Italian: the asset and profile searches filter by a door-to-door travel time
// from a municipality and sort by it, with the state in the URL; a profile states its mobility in minutes
// and as a weekly ferry commute, edits it, and the profile page says it in words.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { apiGet, newContext, pickSuggestion, screenshot, settled, useServerAndBrowser } from './harness.js';

const e2e = useServerAndBrowser();

type Hit = { id: string; travelMinutes?: number; travelVia?: string[] };

/** The API's answer for the query the page is showing (its URL's parameters are the API's). */
async function apiFor(
  page: Page,
  index: 'assets' | 'profiles',
  extra = '',
): Promise<{ hits: Hit[]; total: number }> {
  const q = new URL(page.url()).searchParams;
  q.delete('near');
  // The asset page asks for assets on offer unless a status is chosen (search-state.ts).
  if (index === 'assets' && !q.has('status')) q.set('status', 'available,reserved');
  return apiGet(e2e.server.baseUrl, `/search/${index}?${q.toString()}&limit=50${extra}`, 'operator');
}

describe('search by travel time (it)', () => {
  test('assets within 4 h of Portoferraio by road and ferry, nearest first; the URL keeps it', async () => {
    const context = await newContext(e2e.browser, e2e.server.baseUrl, 'it', 'operator');
    const page = await context.newPage();
    await page.goto(`${e2e.server.baseUrl}/assets`);
    await settled(page);
    await pickSuggestion(page, 'near-municipality', 'Portoferraio', /Portoferraio/);
    await page.waitForURL((u) => u.searchParams.has('lat'));
    const reach = page.getByTestId('near-reach');
    assert.ok(
      (await reach.locator('option').allTextContents()).includes('4 h su strada e traghetto'),
      'the travel times are offered in Italian words',
    );
    await reach.selectOption('min:240');
    await page.waitForURL((u) => u.searchParams.get('maxMinutes') === '240');
    assert.equal(new URL(page.url()).searchParams.get('radiusKm'), null, 'a time replaces the circle');
    await page.locator('#asset-sort').selectOption('travelTime');
    await page.waitForURL((u) => u.searchParams.get('sort') === 'travelTime');
    await settled(page);

    const api = await apiFor(page, 'assets', '&facets=kind');
    assert.ok(api.hits.length > 0, 'demo assets lie within 4 h of Elba');
    const shown = await page
      .getByTestId('hit')
      .locator('h3 a')
      .evaluateAll((as) =>
        as.map((a) => decodeURIComponent((a as HTMLAnchorElement).pathname.split('/').pop() ?? '')),
      );
    assert.deepEqual(
      shown,
      api.hits.map((h) => h.id),
      'the list is the API answer, in travel-time order',
    );
    const minutes = api.hits.map((h) => h.travelMinutes!);
    assert.deepEqual(
      minutes,
      [...minutes].sort((a, b) => a - b),
      'nearest by travel time first',
    );
    const texts = await page.getByTestId('hit').getByTestId('travel-time').allTextContents();
    assert.equal(texts.length, api.hits.length, 'each result says its travel time');
    for (const t of texts)
      assert.match(t, /^a (\d+ min|\d+ h( \d\d)?) su strada( e traghetto via [A-Z].*)?$/);
    const offIsland = api.hits.findIndex((h) => (h.travelVia ?? []).length > 0);
    assert.ok(offIsland >= 0, 'some assets are across the water');
    assert.match(texts[offIsland]!, /su strada e traghetto via Portoferraio–/);

    // A shared link or a reload reproduces the same search.
    await page.reload();
    await settled(page);
    assert.equal(await page.getByTestId('near-reach').inputValue(), 'min:240');
    assert.equal(await page.locator('#asset-sort').inputValue(), 'travelTime');
    assert.equal(await page.getByTestId('hit').count(), api.hits.length);
    await screenshot(page, 'it-assets-travel-time');

    // Back to a circle: the time goes.
    await page.getByTestId('near-reach').selectOption('km:30');
    await page.waitForURL(
      (u) => u.searchParams.get('radiusKm') === '30' && !u.searchParams.has('maxMinutes'),
    );
    await context.close();
  });

  test('people within an hour of Piombino, sorted by travel time', async () => {
    const context = await newContext(e2e.browser, e2e.server.baseUrl, 'it', 'operator');
    const page = await context.newPage();
    await page.goto(`${e2e.server.baseUrl}/profiles`);
    await settled(page);
    const sort = page.getByTestId('sort-travel-time');
    assert.equal(await sort.isDisabled(), true, 'no order by time without a place');
    await pickSuggestion(page, 'profile-near', 'Piombino', /Piombino/);
    await page.waitForURL((u) => u.searchParams.has('lat'));
    await page.getByTestId('near-reach').selectOption('min:60');
    await page.waitForURL((u) => u.searchParams.get('maxMinutes') === '60');
    await sort.check();
    await page.waitForURL((u) => u.searchParams.get('sort') === 'travelTime');
    await settled(page);
    const api = await apiFor(page, 'profiles');
    const cards = page.getByTestId('profile-card');
    assert.equal(await cards.count(), api.hits.length);
    const texts = await cards.getByTestId('travel-time').allTextContents();
    assert.equal(texts.length, api.hits.length, 'each card says its travel time');
    // Within an hour of Piombino nobody lives across the water (Elba is 1 h 38 with the ferry).
    for (const t of texts) assert.match(t, /^a (\d+ min|1 h) su strada$/);
    const minutes = api.hits.map((h) => h.travelMinutes!);
    assert.deepEqual(
      minutes,
      [...minutes].sort((a, b) => a - b),
    );
    assert.ok(minutes.every((m) => m <= 60));
    await page.reload();
    await settled(page);
    assert.equal(await page.getByTestId('sort-travel-time').isChecked(), true);
    await context.close();
  });
});

type Item = {
  id: string;
  deskId: string;
  personal?: unknown;
  externalRef?: string | null;
  mobilityKm: number;
};

describe('mobility in minutes and the weekly ferry commute on the profile form (it)', () => {
  test('entered, refused when negative, saved, said in words, then cleared', async () => {
    const me = await apiGet<{ user: { deskId: string | null } }>(e2e.server.baseUrl, '/auth/me', 'operator');
    const profiles = await apiGet<{ items: Item[] }>(e2e.server.baseUrl, '/profiles?limit=100', 'operator');
    const mine = profiles.items.find(
      (p) => p.deskId === me.user.deskId && p.personal && String(p.externalRef ?? '').startsWith('DEMO-'),
    );
    assert.ok(mine, "the demo data has a profile of the operator's desk");
    const context = await newContext(e2e.browser, e2e.server.baseUrl, 'it', 'operator', {
      session: 'mobility',
    });
    const page = await context.newPage();
    const form = page.getByTestId('profile-edit-form');
    const edit = async () => {
      await page.goto(`${e2e.server.baseUrl}/profiles/${mine.id}/edit`);
      await settled(page);
      await form.waitFor();
    };
    const save = async () => {
      await form.locator('button[type="submit"]').click();
      await page.waitForURL((u) => u.pathname === `/profiles/${mine.id}` && u.searchParams.has('saved'));
      await settled(page);
    };
    const mobility = () =>
      page
        .locator('dt', { hasText: /^Mobilità$/ })
        .locator('xpath=following-sibling::dd[1]')
        .innerText();

    await edit();
    assert.match(
      await page.locator('label[for="f-maxTravelMinutes"]').innerText(),
      /Tempo di viaggio massimo/,
    );
    await page.locator('#f-maxTravelMinutes').fill('-10');
    await form.locator('button[type="submit"]').click();
    await page.locator('#e-maxTravelMinutes:not(:empty)').waitFor();
    assert.equal(await page.locator('#f-maxTravelMinutes').getAttribute('aria-invalid'), 'true');
    assert.match(page.url(), /\/edit$/, 'not saved');

    await page.locator('#f-maxTravelMinutes').fill('90');
    await page.locator('#f-weeklyFerryCommute').check();
    await save();
    assert.equal(
      await mobility(),
      'Fino a 1 h 30 porta a porta, su strada e traghetto; accetta il traghetto settimanale (lavoro oltremare, rientro a fine settimana)',
    );
    const saved = await apiGet<{ maxTravelMinutes: number | null; weeklyFerryCommute: boolean }>(
      e2e.server.baseUrl,
      `/profiles/${mine.id}`,
      'operator',
    );
    assert.equal(saved.maxTravelMinutes, 90);
    assert.equal(saved.weeklyFerryCommute, true);
    await screenshot(page, 'it-profile-mobility-words');

    // The form shows what was saved, and emptying the time goes back to kilometres.
    await edit();
    assert.equal(await page.locator('#f-maxTravelMinutes').inputValue(), '90');
    assert.equal(await page.locator('#f-weeklyFerryCommute').isChecked(), true);
    await page.locator('#f-maxTravelMinutes').fill('');
    await page.locator('#f-weeklyFerryCommute').uncheck();
    await save();
    const cleared = await apiGet<{
      maxTravelMinutes: number | null;
      weeklyFerryCommute: boolean;
      mobilityKm: number;
    }>(e2e.server.baseUrl, `/profiles/${mine.id}`, 'operator');
    assert.equal(cleared.maxTravelMinutes, null);
    assert.equal(cleared.weeklyFerryCommute, false);
    assert.equal(await mobility(), `Fino a ${cleared.mobilityKm.toLocaleString('it')} km`);
    await context.close();
  });
});
