// Issue 16, item 5, in the browser: an operator approves a candidate and follows them up on the card
// (contacted, then interviewed), offered only the steps that may follow; the dashboard shows what works
// (outcomes by path) from the demo's matching history, in Italian and French.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { apiGet, newContext, screenshot, settled, useServerAndBrowser } from './harness.js';

const e2e = useServerAndBrowser();

interface Need {
  id: string;
  type: string;
  deskId: string | null;
}

const optionsOf = (select: Locator) =>
  select.locator('option:not([disabled])').evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value));

test('an operator approves a candidate, then records contacted and interviewed on the card (Italian)', async () => {
  const me = await apiGet<{ user: { deskId: string | null } }>(e2e.server.baseUrl, '/auth/me', 'operator');
  const needs = await apiGet<{ items: Need[] }>(e2e.server.baseUrl, '/needs?limit=100', 'operator');
  // A need of the desk beyond the ones other browser tests decide on.
  const need = needs.items.filter((n) => n.type === 'job' && n.deskId === me.user.deskId).at(-1)!;
  const context = await newContext(e2e.browser, e2e.server.baseUrl, 'it', 'operator');
  const page = await context.newPage();
  await page.goto(`${e2e.server.baseUrl}/needs/${need.id}`);
  await settled(page);
  // The demo history has decided on some candidates already: take the first one nobody decided on.
  const items = page.locator('ol.matches > li');
  let title = '';
  for (let i = 0; i < (await items.count()) && !title; i++) {
    const li = items.nth(i);
    if ((await li.getByTestId('decision').count()) === 0) title = await li.locator('h3').innerText();
  }
  assert.ok(title, 'a candidate without a decision');
  const item = items.filter({ has: page.locator('h3', { hasText: title }) });
  assert.equal(await item.getByTestId('outcome').count(), 0, 'no follow-up before an approval');

  await item.getByTestId('decision-action').selectOption('approve');
  await item.getByTestId('decision-reason').selectOption('good_fit');
  await item.locator('form.decide button[type="submit"]').click();
  const followUp = item.getByTestId('outcome');
  await followUp.waitFor();
  assert.equal(await followUp.getByTestId('outcome-state').innerText(), 'Approvato');
  assert.deepEqual(await optionsOf(followUp.getByTestId('outcome-next')), ['contacted', 'withdrawn']);
  // "Assunto" cannot follow an approval: it is not offered.
  const labels = await followUp.getByTestId('outcome-next').locator('option').allInnerTexts();
  assert.ok(!labels.includes('Assunto'), labels.join(', '));

  await followUp.getByTestId('outcome-next').selectOption('contacted');
  await followUp.getByTestId('outcome-record').click();
  await followUp.getByTestId('outcome-state').filter({ hasText: 'Contattato' }).waitFor();
  assert.deepEqual(await optionsOf(followUp.getByTestId('outcome-next')), [
    'interviewed',
    'not_hired',
    'withdrawn',
  ]);
  await followUp.getByTestId('outcome-next').selectOption('interviewed');
  await followUp.getByTestId('outcome-record').click();
  await followUp.getByTestId('outcome-state').filter({ hasText: 'Colloquio svolto' }).waitFor();

  // After a reload the card still says where the candidate stands.
  await page.reload();
  await settled(page);
  const again = page.locator('ol.matches > li').filter({ has: page.locator('h3', { hasText: title }) });
  assert.equal(await again.getByTestId('outcome-state').innerText(), 'Colloquio svolto');
  await screenshot(page, 'outcome-follow-up-it');
  await context.close();
});

test('the dashboard shows outcomes by path from the demo history, job and asset demand apart (French)', async () => {
  const context = await newContext(e2e.browser, e2e.server.baseUrl, 'fr', 'operator');
  const page = await context.newPage();
  await page.goto(`${e2e.server.baseUrl}/dashboard`);
  await settled(page);
  const table = page.getByTestId('outcomes-by-path');
  await table.waitFor();
  const employment = table.locator('tbody tr').filter({ hasText: 'Emploi' });
  assert.equal(await employment.count(), 1, await table.innerText());
  const cells = await employment.locator('td').allInnerTexts();
  assert.ok(Number(cells[0]!.replace(/\D/g, '')) >= 5, `approvals shown: ${cells.join(' | ')}`);
  const text = await page.locator('main').innerText();
  for (const words of ['Offres d’emploi ouvertes', 'Demandes de biens ouvertes', 'par filière'])
    assert.ok(text.includes(words), `"${words}" on the dashboard`);
  assert.doesNotMatch(text, /nautical_shipbuilding|employment|not_hired/);
  await screenshot(page, 'dashboard-outcomes-fr');
  await context.close();
});
