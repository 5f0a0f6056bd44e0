// Issue 18: the asset map draws the ferry links of the area, and each line's popup names the operators,
// the crossing time and the season in the page's language; the offer pack counts people by travel time.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiGet, newContext, screenshot, settled, useServerAndBrowser } from './harness.js';

const e2e = useServerAndBrowser();

const WORDS = {
  it: {
    crossing: 'traversata',
    season: /tutto l'anno|da \w+ a \w+/,
    heading: /entro .* su strada e traghetto/,
  },
  fr: {
    crossing: 'traversée',
    season: /toute l'année|de \w+ à \w+/,
    heading: /à moins de .* par la route et le ferry/,
  },
  en: { crossing: 'crossing', season: /all year|from \w+ to \w+/, heading: /within .* by road and ferry/ },
} as const;

describe('ferry links on the asset map', () => {
  for (const lang of ['it', 'fr', 'en'] as const) {
    test(`draws every link with a popup in ${lang}`, async () => {
      const list = await apiGet<{ items: { id: string }[] }>(
        e2e.server.baseUrl,
        '/assets?limit=1',
        'operator',
      );
      const id = list.items[0]!.id;
      const links = await apiGet<{ links: unknown[] }>(
        e2e.server.baseUrl,
        '/reference/ferry-links',
        'operator',
      );
      const context = await newContext(e2e.browser, e2e.server.baseUrl, lang, 'operator');
      const page = await context.newPage();
      await page.goto(`${e2e.server.baseUrl}/assets/${id}`);
      await settled(page);
      await page.waitForSelector(`[data-testid="map"][data-ferry-links="${links.links.length}"]`);
      await page.waitForSelector('path.ferry-link', { state: 'attached' });
      assert.equal(await page.locator('path.ferry-link').count(), links.links.length);
      assert.ok((await page.locator('path.ferry-seasonal').count()) > 0, 'seasonal links are drawn dashed');
      await page.locator('path.ferry-link').first().dispatchEvent('click');
      const popup = page.locator('.leaflet-popup-content');
      await popup.waitFor();
      const text = (await popup.textContent()) ?? '';
      assert.match(text, / – /);
      assert.ok(text.includes(WORDS[lang].crossing), text);
      assert.match(text, WORDS[lang].season);
      assert.doesNotMatch(text, /allYear|seasonMonths|undefined|null/);
      assert.match((await page.locator('#people-title').textContent()) ?? '', WORDS[lang].heading);
      await screenshot(page, `ferry-map-${lang}`);
      await context.close();
    });
  }
});
