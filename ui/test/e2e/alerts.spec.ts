// Issue 16, saved searches and alerts, in Italian through the real server: an operator saves an asset
// search from the search page, a matching asset is created, and the notification shows under the bell.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newContext, screenshot, sessionToken, settled, useServerAndBrowser } from './harness.js';

const e2e = useServerAndBrowser();

async function asOperator(path: string, init: { method?: string; body?: unknown } = {}) {
  const cookie = `rilancio_session=${await sessionToken(e2e.server.baseUrl, 'operator')}`;
  const me = (await (
    await fetch(`${e2e.server.baseUrl}/api/v1/auth/me`, { headers: { cookie } })
  ).json()) as {
    csrfToken: string;
    user: { deskId: string };
  };
  const res = await fetch(`${e2e.server.baseUrl}/api/v1${path}`, {
    method: init.method ?? 'GET',
    headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
    ...(init.body ? { body: JSON.stringify(init.body) } : {}),
  });
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path} → ${res.status} ${await res.text()}`);
  return { body: (await res.json()) as Record<string, unknown>, deskId: me.user.deskId };
}

test('Italian: "Salva ricerca" on the assets page, then a matching asset appears under Notifiche', async () => {
  const context = await newContext(e2e.browser, e2e.server.baseUrl, 'it', 'operator');
  const page = await context.newPage();
  const word = `zqv${Math.random()
    .toString(36)
    .replace(/[^a-z]/g, '')
    .slice(0, 6)}`;
  await page.goto(`${e2e.server.baseUrl}/assets?q=${word}&kind=building`);
  await settled(page);
  await page.getByRole('button', { name: 'Salva ricerca' }).click();
  await page.getByLabel('Nome della ricerca').fill('Capannoni di prova');
  await page.getByTestId('save-search-submit').click();
  await page.getByTestId('save-search-status').getByText('salvata').waitFor();
  await screenshot(page, 'alerts-it-saved');

  const { deskId } = await asOperator('/auth/me');
  await asOperator('/assets', {
    method: 'POST',
    body: {
      deskId,
      inventoryNumber: `E2E-${word}`,
      kind: 'building',
      category: 'warehouse',
      title: `Capannone ${word} con banchina`,
      municipality: { country: 'IT', code: '011015' },
      availability: 'lease',
      coveredAreaM2: 1800,
    },
  });

  // The alerts reader follows the change log (a poll of half a second on PGlite): wait for the notification.
  let found = false;
  for (let i = 0; i < 60 && !found; i++) {
    await page.goto(`${e2e.server.baseUrl}/alerts`);
    await settled(page);
    found = (await page.getByTestId('notification').filter({ hasText: word }).count()) === 1;
    if (!found) await new Promise((r) => setTimeout(r, 1000));
  }
  assert.ok(found, 'the notification of the new asset is listed');
  const item = page.getByTestId('notification').filter({ hasText: word });
  assert.match(await item.innerText(), /Nuovo risultato/);
  assert.match(await item.innerText(), /Capannoni di prova/);
  assert.ok(Number(await page.getByTestId('alerts-unread').innerText()) >= 1, 'the bell counts it');
  await screenshot(page, 'alerts-it-notification');
  await item.getByRole('link').click();
  await page.waitForURL(/\/assets\/[0-9a-f-]{36}$/);
  await context.close();
});

test('Italian: "Salva ricerca" on the needs list keeps its filters; a matching need of the desk is notified', async () => {
  const context = await newContext(e2e.browser, e2e.server.baseUrl, 'it', 'operator');
  const page = await context.newPage();
  const word = `zqn${Math.random()
    .toString(36)
    .replace(/[^a-z]/g, '')
    .slice(0, 6)}`;
  const { deskId } = await asOperator('/auth/me');
  await page.goto(
    `${e2e.server.baseUrl}/needs?q=${word}&type=job&contractType=permanent&sort=title&deskId=${deskId}`,
  );
  await settled(page);
  await page.getByRole('button', { name: 'Salva ricerca' }).click();
  await page.getByLabel('Nome della ricerca').fill('Fabbisogni di prova');
  await page.getByTestId('save-search-submit').click();
  await page.getByTestId('save-search-status').getByText('salvata').waitFor();
  await screenshot(page, 'alerts-it-needs-saved');
  const saved = (await asOperator('/alerts/searches')).body as unknown as Array<{
    name: string;
    index: string;
    query: Record<string, string>;
  }>;
  const mine = saved.find((s) => s.name === 'Fabbisogni di prova');
  // The list's text and filters, not its order: what the alerts evaluate.
  assert.deepEqual(mine && { index: mine.index, query: mine.query }, {
    index: 'needs',
    query: { q: word, type: 'job', contractType: 'permanent', deskId },
  });

  const firms = (await asOperator('/firms?limit=1')).body as { items: Array<{ id: string }> };
  const need = (contractType: string, title: string) =>
    asOperator('/needs', {
      method: 'POST',
      body: {
        firmId: firms.items[0]!.id,
        type: 'job',
        title,
        occupationUri: 'http://data.europa.eu/esco/occupation/7aedaa07-3884-4c5b-88f9-80997b2aa54b',
        contractType,
        status: 'open',
        municipality: { country: 'IT', code: '011015' },
      },
    });
  await need('seasonal', `Stagionale ${word}`); // outside the list's filters
  await need('permanent', `Saldatore ${word} a tempo indeterminato`);

  let found = false;
  for (let i = 0; i < 60 && !found; i++) {
    await page.goto(`${e2e.server.baseUrl}/alerts`);
    await settled(page);
    found = (await page.getByTestId('notification').filter({ hasText: word }).count()) >= 1;
    if (!found) await new Promise((r) => setTimeout(r, 1000));
  }
  assert.ok(found, 'the notification of the new need is listed');
  const items = page.getByTestId('notification').filter({ hasText: word });
  assert.equal(await items.count(), 1, 'only the need inside the list’s filters');
  assert.match(await items.innerText(), /Fabbisogni di prova/);
  assert.match(await items.innerText(), /indeterminato/);
  await screenshot(page, 'alerts-it-needs-notification');
  await context.close();
});
