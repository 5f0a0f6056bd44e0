// Issue 16, duplicates, in the browser: a second profile with the same name, e-mail, phone and town but
// another reference was accepted silently. It is still accepted (a warning, not a refusal), and its page
// now names the likely duplicate with how likely and why, in Italian and in French; the registration form
// names it while the person is typed, before saving.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apiGet, newContext, screenshot, sessionToken, settled, useServerAndBrowser } from './harness.js';

const e2e = useServerAndBrowser();

interface Profile {
  id: string;
  deskId: string;
  personal: { firstName: string; lastName: string; email: string | null; phone: string | null } | null;
  municipality: { country: string; code: string };
  occupations: { uri: string; years: number }[];
  employmentStatus: string;
}

async function apiPost<T>(path: string, body: unknown): Promise<T> {
  const cookie = `rilancio_session=${await sessionToken(e2e.server.baseUrl, 'operator')}`;
  const me = (await (
    await fetch(`${e2e.server.baseUrl}/api/v1/auth/me`, { headers: { cookie } })
  ).json()) as {
    csrfToken: string;
  };
  const res = await fetch(`${e2e.server.baseUrl}/api/v1${path}`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST ${path} → ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

test('the page of a profile registered twice names the likely duplicate, with the reasons', async () => {
  const me = await apiGet<{ user: { deskId: string } }>(e2e.server.baseUrl, '/auth/me', 'operator');
  const { items } = await apiGet<{ items: Profile[] }>(e2e.server.baseUrl, '/profiles?limit=100', 'operator');
  const original = items.find((p) => p.deskId === me.user.deskId && p.personal?.email && p.personal.phone);
  assert.ok(original, 'the demo data has a profile of the desk with an e-mail and a phone');
  const { firstName, lastName, email, phone } = original.personal!;
  // The same person typed again under another reference, phone written otherwise: still accepted.
  const copy = await apiPost<{ id: string }>('/profiles', {
    deskId: me.user.deskId,
    externalRef: `DUP-${Date.now()}`,
    firstName,
    lastName,
    email,
    phone: phone!.replace(/\s+/g, ''),
    municipality: { country: original.municipality.country, code: original.municipality.code },
    occupations: original.occupations,
    employmentStatus: original.employmentStatus,
  });

  const it = await (
    await newContext(e2e.browser, e2e.server.baseUrl, 'it', 'operator', { session: 'dups' })
  ).newPage();
  await it.goto(`${e2e.server.baseUrl}/profiles/${copy.id}`);
  await settled(it);
  const section = it.getByTestId('duplicates');
  await section.waitFor();
  assert.match(await section.locator('h2').innerText(), /Possibili doppioni/);
  const item = section.getByTestId('duplicate').filter({ hasText: `${firstName} ${lastName}` });
  const text = await item.innerText();
  assert.match(text, /Stessa e-mail/);
  assert.match(text, /Stesso telefono/);
  assert.match(text, /probabilità \d+%/);
  assert.equal(await item.locator('a').first().getAttribute('href'), `/profiles/${original.id}`);
  await screenshot(it, 'duplicates-profile-it');

  const fr = await (
    await newContext(e2e.browser, e2e.server.baseUrl, 'fr', 'operator', { session: 'dups-fr' })
  ).newPage();
  await fr.goto(`${e2e.server.baseUrl}/profiles/${copy.id}`);
  await settled(fr);
  const frSection = fr.getByTestId('duplicates');
  await frSection.waitFor();
  assert.match(await frSection.innerText(), /Doublons possibles[\s\S]*Même e-mail/);
});

test('the registration form names a likely duplicate while the person is typed, before saving', async () => {
  const me = await apiGet<{ user: { deskId: string } }>(e2e.server.baseUrl, '/auth/me', 'operator');
  const { items } = await apiGet<{ items: Profile[] }>(e2e.server.baseUrl, '/profiles?limit=100', 'operator');
  const original = items.find((p) => p.deskId === me.user.deskId && p.personal?.email);
  assert.ok(original, 'the demo data has a profile of the desk with an e-mail');
  const { firstName, lastName, email } = original.personal!;
  const before = (await apiGet<{ total: number }>(e2e.server.baseUrl, '/profiles?limit=1', 'operator')).total;

  const page = await (
    await newContext(e2e.browser, e2e.server.baseUrl, 'it', 'operator', { session: 'dups-form' })
  ).newPage();
  await page.goto(`${e2e.server.baseUrl}/profiles/new`);
  await settled(page);
  // A name alone is common: the e-mail makes it likely.
  await page.locator('#f-firstName').fill(firstName);
  await page.locator('#f-lastName').fill(lastName);
  await page.locator('#f-email').fill(email!);
  const section = page.getByTestId('duplicates');
  await section.waitFor();
  assert.match(await section.innerText(), /esistono record simili già registrati/);
  // The first test registered this person twice already: the original is the one linked to its page.
  const item = section
    .getByTestId('duplicate')
    .filter({ has: page.locator(`a[href="/profiles/${original.id}"]`) });
  const text = await item.innerText();
  assert.match(text, new RegExp(`${firstName} ${lastName}`));
  assert.match(text, /Stessa e-mail/);
  await screenshot(page, 'duplicates-form-it');
  // Another name: the warning goes, and nothing was saved along the way.
  await page.locator('#f-email').fill('');
  await page.locator('#f-lastName').fill(`Nessuno${Date.now()}`);
  await section.waitFor({ state: 'detached' });
  const after = (await apiGet<{ total: number }>(e2e.server.baseUrl, '/profiles?limit=1', 'operator')).total;
  assert.equal(after, before, 'the check saves nothing');
});

test('an operator merges a person registered twice, undoes it, merges again and confirms', async () => {
  const me = await apiGet<{ user: { deskId: string } }>(e2e.server.baseUrl, '/auth/me', 'operator');
  const stamp = Date.now();
  const person = {
    deskId: me.user.deskId,
    firstName: 'Ottavia',
    lastName: 'Fenzi',
    email: `ottavia.fenzi.${stamp}@example.org`,
    municipality: { country: 'IT', code: '011015' },
    occupations: [],
    employmentStatus: 'unemployed',
  };
  const kept = await apiPost<{ id: string; code: string }>('/profiles', {
    ...person,
    externalRef: `MRG-A-${stamp}`,
    eqfLevel: 3,
  });
  const copy = await apiPost<{ id: string; code: string }>('/profiles', {
    ...person,
    externalRef: `MRG-B-${stamp}`,
    phone: '+39 0187 55 44 33',
    eqfLevel: 4,
  });

  const page = await (
    await newContext(e2e.browser, e2e.server.baseUrl, 'it', 'operator', { session: 'merge' })
  ).newPage();
  const openMerge = async () => {
    await page.goto(`${e2e.server.baseUrl}/profiles/${kept.id}`);
    await settled(page);
    const item = page.getByTestId('duplicate').filter({ hasText: 'Ottavia Fenzi' });
    await item.getByTestId('merge-link').click();
    await page.getByTestId('merge-table').waitFor();
  };
  await openMerge();
  assert.match(await page.locator('h1').innerText(), /Unire due record della stessa persona/);
  // Where the records differ the operator chooses; where one lacks a value the other's is taken.
  assert.equal(await page.getByTestId('merge-result-eqfLevel').innerText(), '3');
  assert.equal(await page.getByTestId('merge-result-phone').innerText(), '+39 0187 55 44 33');
  await page.getByTestId('take-eqfLevel').check();
  await page.waitForFunction(
    () => document.querySelector('[data-testid="merge-result-eqfLevel"]')?.textContent?.trim() === '4',
  );
  const table = await page.getByTestId('merge-table').innerText();
  assert.doesNotMatch(table, /[0-9a-f]{8}-[0-9a-f]{4}-/, 'no id on screen');
  assert.match(table, /Condizione lavorativa[\s\S]*Disoccupat/);
  await screenshot(page, 'merge-preview-it');
  await page.getByTestId('merge-submit').click();
  await page.getByTestId('merged').waitFor();
  const pending = page.getByTestId('merge-pending');
  await pending.waitFor();
  assert.match(await pending.innerText(), new RegExp(`Unione in attesa di conferma: il record ${copy.code}`));

  // Undo: both records as they were.
  await pending.getByTestId('merge-undo').click();
  await page.getByTestId('merge-said').waitFor();
  assert.match(await page.getByTestId('merge-said').innerText(), /Unione annullata/);
  const back = await apiGet<{ eqfLevel: number; endedAt: string | null }>(
    e2e.server.baseUrl,
    `/profiles/${copy.id}`,
    'operator',
  );
  assert.deepEqual([back.eqfLevel, back.endedAt], [4, null]);
  assert.equal(
    (await apiGet<{ eqfLevel: number }>(e2e.server.baseUrl, `/profiles/${kept.id}`, 'operator')).eqfLevel,
    3,
  );

  // Again, and confirmed: the other record is closed and points here.
  await openMerge();
  await page.getByTestId('merge-submit').click();
  await page.getByTestId('merge-pending').waitFor();
  await page.getByTestId('merge-confirm').click();
  await page.getByTestId('merge-history').waitFor();
  assert.match(await page.getByTestId('merge-history').innerText(), new RegExp(copy.code));
  await page.goto(`${e2e.server.baseUrl}/profiles/${copy.id}`);
  await settled(page);
  const closed = page.getByTestId('merged-into');
  await closed.waitFor();
  assert.equal(await closed.locator('a').getAttribute('href'), `/profiles/${kept.id}`);

  // The French screen says the same in French.
  const fr = await (
    await newContext(e2e.browser, e2e.server.baseUrl, 'fr', 'operator', { session: 'merge-fr' })
  ).newPage();
  await fr.goto(`${e2e.server.baseUrl}/profiles/${copy.id}`);
  await settled(fr);
  await fr.getByTestId('merged-into').waitFor();
  assert.match(await fr.getByTestId('merged-into').innerText(), /fusionnée avec une autre fiche/);
});

test('an operator merges two listings of one shed: the preview in words, the link moved, undone, then confirmed', async () => {
  const me = await apiGet<{ user: { deskId: string } }>(e2e.server.baseUrl, '/auth/me', 'operator');
  const stamp = Date.now();
  const shed = {
    deskId: me.user.deskId,
    kind: 'building',
    category: 'warehouse',
    municipality: { country: 'IT', code: '011015' },
    availability: 'lease',
    status: 'available',
    coveredAreaM2: 2400,
  };
  const kept = await apiPost<{ id: string }>('/assets', {
    ...shed,
    inventoryNumber: `MRG-A-${stamp}`,
    title: 'Capannone Molo Pagliari',
    rentEurMonth: null,
  });
  const copy = await apiPost<{ id: string }>('/assets', {
    ...shed,
    inventoryNumber: `MRG-B-${stamp}`,
    title: 'Capannone al Molo Pagliari',
    rentEurMonth: 5200,
    quayAccess: true,
  });

  const page = await (
    await newContext(e2e.browser, e2e.server.baseUrl, 'it', 'operator', { session: 'merge-assets' })
  ).newPage();
  const openMerge = async () => {
    await page.goto(`${e2e.server.baseUrl}/assets/${kept.id}`);
    await settled(page);
    const item = page.getByTestId('duplicate').filter({ hasText: 'Capannone al Molo Pagliari' });
    await item.getByTestId('merge-link').click();
    await page.getByTestId('merge-table').waitFor();
  };
  await openMerge();
  assert.match(await page.locator('h1').innerText(), /Unire due schede della stessa risorsa/);
  // The missing rent comes from the other listing (Italian groups digits from five on); where they
  // differ the operator chooses.
  assert.equal(await page.getByTestId('merge-result-rentEurMonth').innerText(), '5200 €');
  assert.equal(await page.getByTestId('merge-result-title').innerText(), 'Capannone Molo Pagliari');
  assert.equal(await page.getByTestId('merge-result-quayAccess').innerText(), 'No');
  await page.getByTestId('take-quayAccess').check();
  await page.waitForFunction(
    () => document.querySelector('[data-testid="merge-result-quayAccess"]')?.textContent?.trim() === 'Sì',
  );
  const table = await page.getByTestId('merge-table').innerText();
  assert.doesNotMatch(table, /[0-9a-f]{8}-[0-9a-f]{4}-/, 'no id on screen');
  assert.match(table, /Disponibilità\s+Locazione/);
  assert.match(table, /Comune\s+La Spezia/);
  await screenshot(page, 'merge-asset-preview-it');
  await page.getByTestId('merge-submit').click();
  await page.getByTestId('merged').waitFor();
  const pending = page.getByTestId('merge-pending');
  await pending.waitFor();
  assert.match(await pending.innerText(), new RegExp(`MRG-B-${stamp} · Capannone al Molo Pagliari`));
  const closed = await apiGet<{ endedAt: string | null; mergedInto: string | null }>(
    e2e.server.baseUrl,
    `/assets/${copy.id}`,
    'operator',
  );
  assert.equal(closed.mergedInto, kept.id);

  await pending.getByTestId('merge-undo').click();
  await page.getByTestId('merge-said').waitFor();
  assert.match(await page.getByTestId('merge-said').innerText(), /Unione annullata/);
  const back = await apiGet<{ endedAt: string | null; rentEurMonth: number | null }>(
    e2e.server.baseUrl,
    `/assets/${kept.id}`,
    'operator',
  );
  assert.equal(back.rentEurMonth, null);

  await openMerge();
  await page.getByTestId('merge-submit').click();
  await page.getByTestId('merge-pending').waitFor();
  await page.getByTestId('merge-confirm').click();
  await page.getByTestId('merge-history').waitFor();
  await page.goto(`${e2e.server.baseUrl}/assets/${copy.id}`);
  await settled(page);
  await page.getByTestId('merged-into').waitFor();
  assert.match(
    await page.getByTestId('merged-into').innerText(),
    /unita a un’altra scheda della stessa risorsa/,
  );
  assert.equal(await page.getByTestId('merged-into').locator('a').getAttribute('href'), `/assets/${kept.id}`);
});

/** A partita IVA with its check digit, so the API accepts it. */
function partitaIva(seed: number): string {
  const body = String(seed).padStart(10, '0').slice(-10);
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const d = Number(body[i]);
    sum += i % 2 === 0 ? d : d * 2 > 9 ? d * 2 - 9 : d * 2;
  }
  return body + String((10 - (sum % 10)) % 10);
}

test('a firm registered twice is merged in French: its need follows to the record that stays', async () => {
  const me = await apiGet<{ user: { deskId: string } }>(e2e.server.baseUrl, '/auth/me', 'operator');
  const stamp = Date.now();
  const firm = {
    deskId: me.user.deskId,
    name: `Officine Navali Tirreno ${stamp}`,
    country: 'IT',
    naceCode: '30.11',
    municipality: { country: 'IT', code: '011015' },
  };
  const kept = await apiPost<{ id: string }>('/firms', { ...firm, vatNumber: partitaIva(stamp % 1e9) });
  const copy = await apiPost<{ id: string }>('/firms', {
    ...firm,
    vatNumber: partitaIva((stamp % 1e9) + 1),
    sizeBand: 'small',
  });
  const need = await apiPost<{ id: string }>('/needs', {
    type: 'job',
    firmId: copy.id,
    title: 'Saldatore navale',
    municipality: { country: 'IT', code: '011015' },
    occupationUri: 'http://data.europa.eu/esco/occupation/7aedaa07-3884-4c5b-88f9-80997b2aa54b',
    positions: 1,
  });

  const page = await (
    await newContext(e2e.browser, e2e.server.baseUrl, 'fr', 'operator', { session: 'merge-firms' })
  ).newPage();
  await page.goto(`${e2e.server.baseUrl}/firms/${kept.id}`);
  await settled(page);
  const item = page.getByTestId('duplicate').filter({ has: page.locator(`a[href="/firms/${copy.id}"]`) });
  await item.getByTestId('merge-link').click();
  await page.getByTestId('merge-table').waitFor();
  assert.match(await page.locator('h1').innerText(), /Fusionner deux fiches de la même entreprise/);
  const table = await page.getByTestId('merge-table').innerText();
  assert.doesNotMatch(table, /[0-9a-f]{8}-[0-9a-f]{4}-/, 'no id on screen');
  assert.doesNotMatch(table, /\b30\.11\b/, 'the activity in words, not its code');
  assert.match(table, /Petite/);
  assert.match(await page.getByTestId('merge-carried').innerText(), /un besoin/);
  await screenshot(page, 'merge-firm-preview-fr');
  await page.getByTestId('merge-submit').click();
  await page.getByTestId('merge-pending').waitFor();
  const moved = await apiGet<{ firmId: string }>(e2e.server.baseUrl, `/needs/${need.id}`, 'operator');
  assert.equal(moved.firmId, kept.id);
  await page.getByTestId('merge-confirm').click();
  await page.getByTestId('merge-history').waitFor();
  assert.match(await page.getByTestId('merge-history').innerText(), /Officine Navali Tirreno/);
});
