// Security review finding 21: an administrator changes an account's role and desk, signs it out
// everywhere and ends it from the accounts page, in Italian, French and English. Destructive actions ask
// first; what the server refuses is shown next to the account.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import {
  describeViolations,
  newContext,
  screenshot,
  seriousViolations,
  sessionToken,
  settled,
  useServerAndBrowser,
  type Lang,
} from './harness.js';

const e2e = useServerAndBrowser();

const PASSWORD = 'e2e-accounts-passphrase';

/** The API as the demo admin, with the CSRF token cookie writes need. */
async function asAdmin(method: string, path: string, body?: unknown): Promise<Response> {
  const cookie = `rilancio_session=${await sessionToken(e2e.server.baseUrl, 'admin')}`;
  const me = (await (
    await fetch(`${e2e.server.baseUrl}/api/v1/auth/me`, { headers: { cookie } })
  ).json()) as {
    csrfToken: string;
  };
  return fetch(`${e2e.server.baseUrl}/api/v1${path}`, {
    method,
    headers: { cookie, 'x-csrf-token': me.csrfToken, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** A fresh marketing account, signed in: its session cookie tells whether it is still alive. */
async function account(name: string) {
  const email = `${name}-${Date.now()}@e2e.example.org`;
  const created = await asAdmin('POST', '/admin/users', {
    email,
    displayName: `E2E ${name}`,
    role: 'marketing',
    password: PASSWORD,
  });
  assert.equal(created.status, 201, await created.text());
  const signIn = await fetch(`${e2e.server.baseUrl}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  assert.equal(signIn.status, 200, await signIn.text());
  const cookie = signIn.headers
    .getSetCookie()
    .find((c) => c.startsWith('rilancio_session='))!
    .split(';')[0]!;
  return { email, name: `E2E ${name}`, cookie };
}

const alive = async (cookie: string) =>
  (await fetch(`${e2e.server.baseUrl}/api/v1/auth/me`, { headers: { cookie } })).status === 200;

const WORDS: Record<
  Lang,
  { title: string; save: string; revoke: string; end: string; confirm: string; cancel: string }
> = {
  it: {
    title: 'Account',
    save: 'Salva ruolo e sportello',
    revoke: 'Disconnetti ovunque',
    end: 'Chiudi account',
    confirm: 'Chiudere l’account di',
    cancel: 'Annulla',
  },
  fr: {
    title: 'Comptes',
    save: 'Enregistrer rôle et guichet',
    revoke: 'Déconnecter partout',
    end: 'Clôturer le compte',
    confirm: 'Clôturer le compte de',
    cancel: 'Annuler',
  },
  en: {
    title: 'Accounts',
    save: 'Save role and desk',
    revoke: 'Sign out everywhere',
    end: 'End account',
    confirm: 'End E2E',
    cancel: 'Cancel',
  },
};

async function openPage(lang: Lang): Promise<Page> {
  const context = await newContext(e2e.browser, e2e.server.baseUrl, lang, 'admin');
  const page = await context.newPage();
  await page.goto(`${e2e.server.baseUrl}/admin/users`);
  await settled(page);
  await page.getByRole('heading', { level: 1, name: WORDS[lang].title }).waitFor();
  return page;
}

const row = (page: Page, email: string) => page.locator(`[data-testid="user-row"][data-email="${email}"]`);
/** What the last action did: shown in the line under its account (one at a time). */
const outcome = (page: Page, email: string) =>
  page.locator(`[data-testid="user-row"][data-email="${email}"] + [data-testid="user-outcome"]`);

describe('accounts page', () => {
  test('changes a role and desk, shows a refusal, and asks before signing out and ending (it)', async () => {
    const person = await account('anna');
    const page = await openPage('it');
    const r = row(page, person.email);
    await r.waitFor();

    // An operator needs a desk: the page says so before the server would.
    await r.getByTestId('user-role').selectOption('operator');
    await r.getByText('Un operatore appartiene a uno sportello').waitFor();
    assert.equal(await r.getByTestId('user-save').isDisabled(), true);
    const desk = await r.getByTestId('user-desk').locator('option').nth(1).getAttribute('value');
    await r.getByTestId('user-desk').selectOption(desk!);
    await r.getByTestId('user-save').click();
    await outcome(page, person.email).getByRole('status').waitFor();
    assert.match(await outcome(page, person.email).innerText(), /Salvato: E2E anna/);
    const users = (await (await asAdmin('GET', '/admin/users')).json()) as {
      email: string;
      role: string;
      deskId: string | null;
    }[];
    assert.deepEqual(
      users.filter((u) => u.email === person.email).map((u) => [u.role, u.deskId]),
      [['operator', desk]],
    );
    // A new role ends the sessions the person had.
    assert.equal(await alive(person.cookie), false);

    // A company account needs a firm: the server refuses, and the page shows why, next to the account.
    await r.getByTestId('user-role').selectOption('company');
    await r.getByTestId('user-save').click();
    const refused = outcome(page, person.email).getByRole('alert');
    await refused.waitFor();
    assert.match(await refused.innerText(), /La modifica non è stata accettata/);
    assert.match(await refused.innerText(), /firmId/);
    await r.getByTestId('user-role').selectOption('operator');
    await expectAccessible(page, 'accounts-it');
    await screenshot(page, 'it-13-accounts');

    // Sign out everywhere: cancelled first, then confirmed.
    const other = await account('bruno');
    const o = row(page, other.email);
    await page.reload();
    await settled(page);
    await o.waitFor();
    await o.getByTestId('user-revoke').click();
    const dialog = page.getByTestId('confirm-dialog');
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /Disconnettere E2E bruno da tutte le sessioni/);
    await dialog.getByRole('button', { name: WORDS.it.cancel }).click();
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(await alive(other.cookie), true, 'cancelled: the session lives on');
    await o.getByTestId('user-revoke').click();
    await dialog.getByTestId('confirm-yes').click();
    await outcome(page, other.email).getByRole('status').waitFor();
    assert.equal(await alive(other.cookie), false);

    // End the account: asked first, then the row says since when, and sign-in no longer works.
    await o.getByTestId('user-end').click();
    assert.match(await dialog.innerText(), new RegExp(WORDS.it.confirm));
    await dialog.getByTestId('confirm-yes').click();
    await o
      .getByTestId('user-status')
      .getByText(/Chiuso il/)
      .waitFor();
    assert.equal(await o.getByTestId('user-end').count(), 0);
    const signIn = await fetch(`${e2e.server.baseUrl}/api/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: other.email, password: PASSWORD }),
    });
    assert.equal(signIn.status, 401);

    // The admin's own account cannot be changed here.
    const own = row(page, 'admin@demo.rilancio.eu');
    assert.equal(await own.getByTestId('user-role').isDisabled(), true);
    assert.equal(await own.getByTestId('user-end').count(), 0);
    await page.context().close();
  });

  for (const lang of ['fr', 'en'] as const) {
    test(`speaks ${lang}, and a cancelled end changes nothing`, async () => {
      const person = await account(`carla-${lang}`);
      const page = await openPage(lang);
      const r = row(page, person.email);
      await r.waitFor();
      await r.getByRole('button', { name: WORDS[lang].save }).waitFor();
      await r.getByRole('button', { name: WORDS[lang].revoke }).waitFor();
      await r.getByRole('button', { name: WORDS[lang].end }).click();
      const dialog = page.getByTestId('confirm-dialog');
      assert.match(await dialog.innerText(), new RegExp(WORDS[lang].confirm));
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      assert.equal(await alive(person.cookie), true);
      assert.equal(await r.getByRole('button', { name: WORDS[lang].end }).count(), 1);
      await expectAccessible(page, `accounts-${lang}`);
      await page.context().close();
    });
  }
});

async function expectAccessible(page: Page, screen: string) {
  const v = await seriousViolations(page);
  assert.equal(
    v.length,
    0,
    `${screen}: serious or critical accessibility violations\n${describeViolations(v)}`,
  );
}
