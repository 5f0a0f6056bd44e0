// Free text to ESCO in the forms (issue 16, item 4): an operator pastes a CV line under the profile form
// and a line of a job ad under the need form, in Italian and in French, sees the ranked occupations and
// skills with the words that found them highlighted, and adds them in one click.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import {
  describeViolations,
  newContext,
  screenshot,
  seriousViolations,
  settled,
  useServerAndBrowser,
  type Lang,
} from './harness.js';

const WELDER = 'http://data.europa.eu/esco/occupation/7aedaa07-3884-4c5b-88f9-80997b2aa54b';
const TIG_WELDING = 'http://data.europa.eu/esco/skill/a51adea8-bf02-488a-a0d8-b0961caca5b0';
const FORKLIFT_OPERATOR = 'http://data.europa.eu/esco/occupation/eeac6251-1974-42f5-91ed-513c6c883755';

const e2e = useServerAndBrowser();

const WORDS: Record<
  'it' | 'fr',
  {
    cv: string;
    cvWord: string;
    welder: RegExp;
    ad: string;
    forklift: RegExp;
    run: string;
    add: string;
    acceptAll: RegExp;
    cell: string;
  }
> = {
  it: {
    cv: 'saldatore TIG in cantiere navale',
    cvWord: 'saldatore',
    welder: /saldatore/i,
    ad: 'Cercasi carrellista con patentino muletto',
    forklift: /carrellista/i,
    run: 'Interpreta',
    add: 'Aggiungi',
    acceptAll: /^Accetta per tutte le righe/,
    cell: 'addetto saldatura TIG su scafi',
  },
  fr: {
    cv: 'Soudeur naval TIG, 5 ans en chantier',
    cvWord: 'Soudeur',
    welder: /soudeu/i,
    ad: 'Recherche cariste avec CACES pour entrepôt',
    forklift: /cariste|chariot/i,
    run: 'Interpréter',
    add: 'Ajouter',
    acceptAll: /^Accepter pour toutes les lignes/,
    cell: 'opérateur soudage TIG sur coques',
  },
};

async function interpret(page: Page, text: string, run: string) {
  await page.locator('#f-interpret').fill(text);
  await page.getByRole('button', { name: run, exact: true }).click();
  // The first reading after start waits for the index to be built.
  await page.getByTestId('interpret-occupations').locator('li').first().waitFor({ timeout: 90_000 });
}

for (const lang of ['it', 'fr'] as const satisfies readonly Lang[]) {
  const w = WORDS[lang];
  describe(`in ${lang}`, () => {
    test('the profile form reads a CV line and adds the welder and TIG welding in one click each', async () => {
      const context = await newContext(e2e.browser, e2e.server.baseUrl, lang, 'operator');
      const page = await context.newPage();
      await page.goto(`${e2e.server.baseUrl}/profiles/new`);
      await settled(page);
      await interpret(page, w.cv, w.run);
      const first = page.getByTestId('interpret-occupations').locator('li').first();
      assert.equal(await first.getAttribute('data-uri'), WELDER, 'the welder comes first');
      assert.match(await first.locator('.label').innerText(), w.welder, 'labelled in the UI language');
      const marks = await first.locator('mark').allInnerTexts();
      assert.ok(marks.includes(w.cvWord), `the matched words are highlighted: ${marks.join(', ')}`);
      const v = await seriousViolations(page);
      assert.equal(v.length, 0, describeViolations(v));
      await screenshot(page, `${lang}-interpret-profile`);

      await first.getByRole('button', { name: new RegExp(`^${w.add}`) }).click();
      assert.ok(await first.getByRole('button').isDisabled(), 'an added occupation cannot be added twice');
      const tig = page.getByTestId('interpret-skills').locator(`li[data-uri="${TIG_WELDING}"]`);
      await tig.getByRole('button').click();
      await page.getByTestId('profile-skills').locator(`li[data-uri="${TIG_WELDING}"]`).waitFor();
      // The occupation joined the form's list, with its years.
      assert.match(await page.getByTestId('profile-form').locator('ul.rows').first().innerText(), w.welder);
      await context.close();
    });

    test('the need form reads a line of a job ad and sets the occupation it names', async () => {
      const context = await newContext(e2e.browser, e2e.server.baseUrl, lang, 'operator');
      const page = await context.newPage();
      await page.goto(`${e2e.server.baseUrl}/needs/new`);
      await settled(page);
      await interpret(page, w.ad, w.run);
      const hit = page.getByTestId('interpret-occupations').locator(`li[data-uri="${FORKLIFT_OPERATOR}"]`);
      await hit.waitFor();
      assert.match(await hit.locator('.label').innerText(), w.forklift);
      await hit.getByRole('button').click();
      assert.match(await page.locator('#f-occupationUri').inputValue(), w.forklift);
      await screenshot(page, `${lang}-interpret-need`);
      await context.close();
    });

    test('the import report offers ESCO suggestions; accepting one for all rows re-reads the file', async () => {
      const context = await newContext(e2e.browser, e2e.server.baseUrl, lang, 'operator');
      const page = await context.newPage();
      const stamp = Date.now();
      const csv = [
        'Codice esterno;Nome;Cognome;Comune;Professioni (ESCO);Condizione occupazionale',
        `ESCO-${lang}-${stamp}-1;Ada;Neri;La Spezia;${w.cell};Disoccupato`,
        `ESCO-${lang}-${stamp}-2;Bea;Blu;La Spezia;${w.cell};Disoccupato`,
      ].join('\r\n');
      await page.goto(`${e2e.server.baseUrl}/imports`);
      await settled(page);
      await page.locator('select[name="entity"]').selectOption('profiles');
      await page.locator('input[type="file"]').setInputFiles({
        name: `esco-${lang}-${stamp}.csv`,
        mimeType: 'text/csv',
        buffer: Buffer.from(csv, 'utf8'),
      });
      await page.locator('input[name="dryRun"]').setChecked(true);
      await page.locator('form button[type="submit"]').click();
      const done = page.locator('[data-testid="import-job"][data-status="done"]');
      await done.waitFor({ timeout: 90_000 });
      const welder = page.getByTestId('import-suggestions').first().locator(`li[data-uri="${WELDER}"]`);
      await welder.waitFor();
      assert.match(await welder.innerText(), w.welder, 'the suggestion is labelled in the UI language');
      const v = await seriousViolations(page);
      assert.equal(v.length, 0, describeViolations(v));
      await screenshot(page, `${lang}-interpret-import`);
      await welder.getByRole('button', { name: w.acceptAll }).click();
      await page.getByTestId('import-corrections').waitFor();
      await done.waitFor({ timeout: 90_000 });
      await page.waitForFunction(
        () => document.querySelectorAll('[data-testid="import-suggestions"]').length === 0,
      );
      assert.match((await page.getByTestId('import-counts').textContent()) ?? '', /2/);
      await context.close();
    });
  });
}
