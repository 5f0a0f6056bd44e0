// Issue 17, matching a desk can trust, in the browser: the profile edit form turned every certified or
// inferred skill into "declared" on save (the evidence the score uses), and an asset need's page did not
// say why an asset was left out. Both in Italian, on the demo data through the real server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  apiGet,
  describeViolations,
  newContext,
  screenshot,
  seriousViolations,
  settled,
  useServerAndBrowser,
} from './harness.js';

const e2e = useServerAndBrowser();

interface Profile {
  id: string;
  deskId: string;
  externalRef: string | null;
  personal: unknown;
  skills: { uri: string; source: string }[];
  version: number;
}

test('an operator removes a declared skill: certified and inferred skills keep their source', async () => {
  const me = await apiGet<{ user: { deskId: string | null } }>(e2e.server.baseUrl, '/auth/me', 'operator');
  const { items } = await apiGet<{ items: Profile[] }>(e2e.server.baseUrl, '/profiles?limit=100', 'operator');
  const sources = (p: Profile) => new Set(p.skills.map((s) => s.source));
  const mine = items.find(
    (p) =>
      p.deskId === me.user.deskId &&
      p.personal &&
      String(p.externalRef ?? '').startsWith('DEMO-') &&
      sources(p).has('declared') &&
      (sources(p).has('certified') || sources(p).has('inferred')) &&
      p.skills.length >= 3,
  );
  assert.ok(mine, 'the demo data has a profile of the desk with declared and certified or inferred skills');
  const kept = mine.skills.filter((s) => s.source !== 'declared');
  const dropped = mine.skills.find((s) => s.source === 'declared')!;

  const context = await newContext(e2e.browser, e2e.server.baseUrl, 'it', 'operator', { session: 'skills' });
  const page = await context.newPage();
  await page.goto(`${e2e.server.baseUrl}/profiles/${mine.id}/edit`);
  await settled(page);
  const form = page.getByTestId('profile-edit-form');
  await form.waitFor();
  // Each skill's source is shown in Italian words next to it.
  const firstKept = form.locator(`[data-testid="profile-skills"] li[data-uri="${kept[0]!.uri}"] select`);
  const shown = await firstKept.evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent ?? '');
  assert.equal(
    shown.trim(),
    kept[0]!.source === 'certified' ? 'certificata' : 'dedotta dalla professione',
    'the source is named in Italian',
  );
  const violations = await seriousViolations(page);
  assert.equal(violations.length, 0, describeViolations(violations));

  await form.locator(`[data-testid="profile-skills"] li[data-uri="${dropped.uri}"] button.x`).click();
  await form.locator('button[type="submit"]').click();
  await page.waitForURL((u) => u.pathname === `/profiles/${mine.id}` && u.searchParams.has('saved'));
  await screenshot(page, 'it-profile-skills-saved');

  const after = await apiGet<Profile>(e2e.server.baseUrl, `/profiles/${mine.id}`, 'operator');
  assert.equal(after.version, mine.version + 1, 'the edit was saved');
  assert.ok(!after.skills.some((s) => s.uri === dropped.uri), 'the removed skill is gone');
  const byUri = new Map(after.skills.map((s) => [s.uri, s.source]));
  for (const s of kept) assert.equal(byUri.get(s.uri), s.source, `${s.uri} keeps its source`);
  await context.close();
});

test('an asset need says in Italian why each excluded asset is left out', async () => {
  const { items } = await apiGet<{ items: { id: string; type: string }[] }>(
    e2e.server.baseUrl,
    '/needs?limit=100',
    'operator',
  );
  type Run = { excluded?: { candidateId: string; label: string; whyNot: { text: { it: string } }[] }[] };
  let found: { id: string; run: Run } | undefined;
  for (const n of items.filter((x) => x.type === 'asset')) {
    const run = await apiGet<Run>(e2e.server.baseUrl, `/needs/${n.id}/matches?lang=it`, 'operator');
    if (run.excluded?.length) {
      found = { id: n.id, run };
      break;
    }
  }
  assert.ok(found, 'the demo data has an asset need with excluded assets');
  const first = found.run.excluded![0]!;

  const context = await newContext(e2e.browser, e2e.server.baseUrl, 'it', 'operator', {
    session: 'excluded',
  });
  const page = await context.newPage();
  await page.goto(`${e2e.server.baseUrl}/needs/${found.id}`);
  await settled(page);
  const section = page.getByTestId('excluded-assets');
  await section.locator('summary').click();
  const text = await section.innerText();
  assert.match(text, /Escluse da un criterio obbligatorio/);
  assert.ok(text.includes(first.label), 'the asset is named by its title');
  assert.ok(text.includes(first.whyNot[0]!.text.it), 'the reason is the Italian sentence');
  assert.doesNotMatch(text, /(?<![\w@.-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w@-])/, 'no snake_case code');
  assert.doesNotMatch(text, /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/i, 'no UUID');
  const violations = await seriousViolations(page);
  assert.equal(violations.length, 0, describeViolations(violations));
  await screenshot(page, 'it-asset-need-excluded');
  await context.close();
});
