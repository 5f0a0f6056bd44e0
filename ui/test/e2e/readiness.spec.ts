// Issue 16, the readiness card in the browser: a desk officer ticks, annotates and dates steps of an
// opportunity's route, sees them after a reload, and sees what blocks it; in Italian and in French, on
// the demo data through the real server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import {
  apiGet,
  describeViolations,
  newContext,
  screenshot,
  seriousViolations,
  settled,
  useServerAndBrowser,
} from './harness.js';

let mine: { id: string; title: string }[] = [];
const e2e = useServerAndBrowser(async ({ server }) => {
  const me = await apiGet<{ user: { deskId: string | null } }>(server.baseUrl, '/auth/me', 'operator');
  const { items } = await apiGet<{
    items: { id: string; title: string; deskId: string; endedAt: string | null }[];
  }>(server.baseUrl, '/opportunities?limit=100', 'operator');
  mine = items.filter((o) => o.deskId === me.user.deskId && !o.endedAt);
  assert.ok(mine.length >= 2, "the demo data has two opportunities of the operator's desk");
});

const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

async function open(page: Page, id: string) {
  await page.goto(`${e2e.server.baseUrl}/opportunities/${id}/readiness`);
  await settled(page);
  await page.getByTestId('step').first().waitFor();
}

async function saved(page: Page, step: ReturnType<Page['getByTestId']>) {
  await step.getByTestId('step-saved').waitFor();
}

test('Italian: the desk ticks, annotates and dates steps; after a reload they are there, and the late step blocks', async () => {
  const opp = mine[0]!;
  const context = await newContext(e2e.browser, e2e.server.baseUrl, 'it', 'operator', {
    session: 'readiness-it',
  });
  const page = await context.newPage();
  // Reached from the opportunity's page.
  await page.goto(`${e2e.server.baseUrl}/opportunities/${opp.id}`);
  await settled(page);
  await page.getByTestId('readiness-link').click();
  await page.waitForURL((u) => u.pathname === `/opportunities/${opp.id}/readiness`);
  await page.getByTestId('step').first().waitFor();
  assert.match(await page.locator('h1').innerText(), /Scheda di fattibilità/);
  assert.match(await page.locator('#route-title').innerText(), /Percorso/);

  const steps = page.getByTestId('step');
  const first = steps.nth(0);
  await first.locator('input[type="checkbox"]').check();
  await saved(page, first);

  const second = steps.nth(1);
  await second.getByTestId('step-note').fill('Incontro con la centrale cooperativa fissato');
  await second.getByTestId('step-save').click();
  await saved(page, second);

  const third = steps.nth(2);
  const lateLabel = (await third.locator('label strong').innerText()).trim();
  await third.getByTestId('step-due').fill(yesterday());
  await saved(page, third);

  await page.reload();
  await settled(page);
  await page.getByTestId('step').first().waitFor();
  assert.equal(await steps.nth(0).locator('input[type="checkbox"]').isChecked(), true, 'the tick stayed');
  assert.equal(
    await steps.nth(1).getByTestId('step-note').inputValue(),
    'Incontro con la centrale cooperativa fissato',
    'the note stayed',
  );
  assert.equal(await steps.nth(2).getByTestId('step-due').inputValue(), yesterday(), 'the date stayed');
  const blockers = await page.getByTestId('blockers').innerText();
  assert.ok(blockers.includes(`Passaggio in ritardo: ${lateLabel}`), `the late step blocks: ${blockers}`);
  assert.match(await page.locator('#blockers-title').innerText(), /Cosa lo blocca/);
  const text = await page.locator('main').innerText();
  assert.doesNotMatch(text, /(?<![\w@.-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w@-])/, 'no snake_case code');
  assert.doesNotMatch(text, /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/i, 'no UUID');
  const href = await page.getByTestId('readiness-pdf').getAttribute('href');
  assert.equal(href, `/api/v1/opportunities/${opp.id}/readiness.pdf?lang=it`);
  const pdf = await context.request.get(`${e2e.server.baseUrl}${href}`);
  assert.equal(pdf.status(), 200);
  assert.equal(pdf.headers()['content-type'], 'application/pdf');
  const violations = await seriousViolations(page);
  assert.equal(violations.length, 0, describeViolations(violations));
  await screenshot(page, 'it-readiness');
  await context.close();
});

test('French: the route is in French, a note is kept after a reload, and what blocks it is said in French', async () => {
  const opp = mine[1]!;
  const context = await newContext(e2e.browser, e2e.server.baseUrl, 'fr', 'operator', {
    session: 'readiness-fr',
  });
  const page = await context.newPage();
  await open(page, opp.id);
  assert.match(await page.locator('h1').innerText(), /Fiche de faisabilité/);
  const steps = page.getByTestId('step');
  const step = steps.nth(1);
  await step.getByTestId('step-note').fill('Rendez-vous avec l’Union régionale pris');
  await step.getByTestId('step-save').click();
  await saved(page, step);
  const late = steps.nth(3);
  const lateLabel = (await late.locator('label strong').innerText()).trim();
  await late.getByTestId('step-due').fill(yesterday());
  await saved(page, late);

  await page.reload();
  await settled(page);
  await page.getByTestId('step').first().waitFor();
  assert.equal(
    await steps.nth(1).getByTestId('step-note').inputValue(),
    'Rendez-vous avec l’Union régionale pris',
  );
  assert.match(await page.locator('#blockers-title').innerText(), /Ce qui bloque/);
  const blockers = await page.getByTestId('blockers').innerText();
  assert.ok(blockers.includes(`Étape en retard : ${lateLabel}`), `the late step blocks: ${blockers}`);
  assert.match(await page.getByTestId('readiness-pdf').innerText(), /Imprimer/);
  const violations = await seriousViolations(page);
  assert.equal(violations.length, 0, describeViolations(violations));
  await screenshot(page, 'fr-readiness');
  await context.close();
});
