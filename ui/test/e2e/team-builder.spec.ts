// Issue 13, the team builder in the browser, in Italian and French on the demo data through the real
// server: every proposed person is explained (skills by name, travel, experience), the desk shortlists one
// (the same decision recording as the candidate cards), asks for a contact, locks the team, and finds it
// locked after a reload; then unlocks it with a reason. No code, UUID or URI on screen; no role opens the
// external ESCO site in the same tab.
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
  type Lang,
} from './harness.js';

const e2e = useServerAndBrowser();

interface Team {
  runId: string;
  roles: { roleId: string; members: { profileId: string }[] }[];
}

/** An opportunity of the operator's desk whose proposal seats one of the desk's own people. */
async function deskOpportunity(): Promise<{ id: string; person: string }> {
  const me = await apiGet<{ user: { deskId: string } }>(e2e.server.baseUrl, '/auth/me', 'operator');
  const { items } = await apiGet<{ items: { id: string; deskId: string; roles: unknown[] }[] }>(
    e2e.server.baseUrl,
    '/opportunities?limit=100',
    'operator',
  );
  for (const o of items.filter((x) => x.deskId === me.user.deskId && x.roles.length > 0)) {
    const team = await apiGet<Team>(e2e.server.baseUrl, `/opportunities/${o.id}/team`, 'operator');
    for (const m of team.roles.flatMap((r) => r.members)) {
      const p = await apiGet<{ deskId: string }>(e2e.server.baseUrl, `/profiles/${m.profileId}`, 'operator');
      if (p.deskId === me.user.deskId) return { id: o.id, person: m.profileId };
    }
  }
  throw new Error('the demo data has no opportunity of the operator’s desk seating one of its people');
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

async function noCodesOnScreen(page: Page): Promise<void> {
  const text = await page.locator('section[aria-labelledby="team-title"]').innerText();
  assert.doesNotMatch(text, UUID, 'no UUID in the team builder');
  assert.doesNotMatch(text, /https?:\/\//, 'no URI in the team builder');
  assert.doesNotMatch(text, /\b[a-z]+_[a-z_]+\b/, 'no snake_case code in the team builder');
  // A role names its occupation; a link to the ESCO site, if any, opens in a new tab without opener.
  for (const a of await page.locator('main a[href*="europa.eu"]').all()) {
    assert.equal(await a.getAttribute('target'), '_blank');
    assert.match((await a.getAttribute('rel')) ?? '', /noopener/);
  }
}

const WORDS: Record<'it' | 'fr', { locked: RegExp; unlocked: RegExp; recorded: RegExp; contact: RegExp }> = {
  it: {
    locked: /Squadra bloccata/,
    unlocked: /non ancora bloccata/,
    recorded: /lista breve/i,
    contact: /Contatto richiesto/,
  },
  fr: {
    locked: /Équipe verrouillée/,
    unlocked: /pas encore verrouillée/,
    recorded: /présélection/i,
    contact: /Contact demandé/,
  },
};

for (const lang of ['it', 'fr'] as const satisfies readonly Lang[]) {
  test(`team builder (${lang}): explained seats, shortlist, contact request, lock kept after reload`, async () => {
    const opp = await deskOpportunity();
    const words = WORDS[lang];
    const context = await newContext(e2e.browser, e2e.server.baseUrl, lang, 'operator', {
      session: `team-${lang}`,
    });
    const page = await context.newPage();
    await page.goto(`${e2e.server.baseUrl}/opportunities/${opp.id}`);
    await settled(page);

    // Every proposed person is explained: a summary sentence and the skills by name.
    const members = page.getByTestId('team-member');
    assert.ok((await members.count()) > 0, 'the proposal seats people');
    const card = members.filter({ has: page.locator(`a[href="/profiles/${opp.person}"]`) }).first();
    const summary = (await card.locator('.explanation').innerText()).trim();
    assert.ok(summary.length > 20, `an explanation is shown: "${summary}"`);
    await card.getByTestId('match-details').locator('summary').click();
    assert.ok(
      (await card.getByTestId('match-details').innerText()).length > summary.length,
      'the reasons open',
    );
    await noCodesOnScreen(page);

    // Shortlist: the decision the candidate cards record.
    await card.getByTestId('decision-action').selectOption('shortlist');
    await card.getByTestId('decision-reason').selectOption('good_fit');
    await card.locator('form.decide button[type="submit"]').click();
    await card.getByTestId('decision-recorded').filter({ hasText: words.recorded }).waitFor();

    // Contact request, kept by the server.
    const ask = card.getByTestId('request-contact');
    if (await ask.count()) await ask.click();
    await card.getByTestId('contact-requested').filter({ hasText: words.contact }).waitFor();

    // Lock, reload, still locked; the decision is still there.
    await page.getByTestId('lock-team').click();
    await page.getByTestId('team-locked').filter({ hasText: words.locked }).waitFor();
    await page.reload();
    await settled(page);
    assert.match(await page.getByTestId('team-locked').innerText(), words.locked);
    assert.ok(
      (await page.getByTestId('locked-members').locator('li').count()) > 0,
      'the locked roster is listed',
    );
    const decided = page
      .getByTestId('team-member')
      .filter({ has: page.locator(`a[href="/profiles/${opp.person}"]`) })
      .getByTestId('decision');
    assert.match(await decided.first().innerText(), words.recorded);
    await noCodesOnScreen(page);
    await screenshot(page, `team-builder-locked-${lang}`);
    const violations = await seriousViolations(page);
    assert.equal(violations.length, 0, describeViolations(violations));

    // The desk unlocks it with a reason (the next language locks a new version).
    await page.getByTestId('team-lock').locator('input[type="text"]').fill(`${lang}: un socio ha rinunciato`);
    await page.getByTestId('unlock-team').click();
    await page.getByTestId('team-unlocked').filter({ hasText: words.unlocked }).waitFor();
    await context.close();
  });
}
