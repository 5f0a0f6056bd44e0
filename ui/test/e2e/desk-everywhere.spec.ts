// Issue 13, the operator, company, import and "everywhere" findings, in the browser on the demo data through
// the real server, in Italian and French: sign-in and session errors, pages not for a role, pickers that
// pick what was seen, decisions nobody chose, what a firm reads of an approved candidate and how it asks
// for contact, imports that say why in the desk's language, and phone layouts with no sideways scroll.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import {
  apiGet,
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

async function expectAccessible(page: Page, screen: string) {
  const v = await seriousViolations(page);
  assert.equal(
    v.length,
    0,
    `${screen}: serious or critical accessibility violations\n${describeViolations(v)}`,
  );
}

/** POST as a role's demo account, with its CSRF token. */
async function apiPost<T>(path: string, body: unknown, role: 'operator' | 'company' | 'admin'): Promise<T> {
  const cookie = `rilancio_session=${await sessionToken(e2e.server.baseUrl, role)}`;
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

interface Need {
  id: string;
  deskId: string | null;
  type: string;
  status: string;
  firmId: string;
  title: string;
  languages: { code: string; minLevel: string }[];
}

const WORDS: Record<
  'it' | 'fr',
  {
    wrongPassword: RegExp;
    expired: RegExp;
    notForRole: RegExp;
    occupation: string;
    recorded: RegExp;
    contactRequested: RegExp;
    missingColumns: RegExp;
    tooManyBad: RegExp;
    allowed: RegExp;
    real: RegExp;
    french: string;
    noOperator: RegExp;
  }
> = {
  it: {
    wrongPassword: /E-mail o password errata/,
    expired: /sessione è scaduta/,
    notForRole: /non ha accesso a questa pagina/,
    occupation: 'saldatore',
    recorded: /Decisione registrata/,
    contactRequested: /Contatto richiesto il/,
    missingColumns: /mancano colonne obbligatorie: Codice esterno, Nome, Cognome/,
    tooManyBad: /File rifiutato: troppe righe hanno errori \(10\)/,
    allowed: /Valori ammessi: Nuovo, Buono, Discreto, Da riparare, Per ricambi/,
    real: /Importazione eseguita/,
    french: 'francese',
    noOperator: /Nessun risultato compatibile/,
  },
  fr: {
    wrongPassword: /E-mail ou mot de passe incorrect/,
    expired: /session a expiré/,
    notForRole: /n'a pas accès à cette page/,
    occupation: 'soudeur',
    recorded: /Décision enregistrée/,
    contactRequested: /Contact demandé le/,
    missingColumns: /Il manque des colonnes obligatoires dans le fichier : Référence externe, Prénom, Nom/,
    tooManyBad: /Fichier refusé : trop de lignes comportent des erreurs \(10\)/,
    allowed: /Valeurs admises : Neuf, Bon, Correct, À réparer, Pour pièces/,
    real: /Import effectué/,
    french: 'français',
    noOperator: /Aucun résultat compatible/,
  },
};

/** The page does not scroll sideways at a phone's width. */
async function noSidewaysScroll(page: Page, what: string) {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  assert.ok(scroll <= client + 1, `${what}: the page is ${scroll} px wide on a ${client} px screen`);
}

async function upload(page: Page, entity: string, name: string, csv: string, dryRun = true) {
  await page.locator('select[name="entity"]').selectOption(entity);
  await page.locator('input[type="file"]').setInputFiles({
    name,
    mimeType: 'text/csv',
    buffer: Buffer.from(csv, 'utf8'),
  });
  await page.locator('input[name="dryRun"]').setChecked(dryRun);
  await page.locator('form.upload button[type="submit"]').click();
}

for (const lang of ['it', 'fr'] as const) {
  const w = WORDS[lang];
  const i = lang === 'it' ? 0 : 1;

  describe(`issue 13 in ${lang}`, () => {
    test('a wrong password says so, and the sign-in page offers a forgotten-password link', async () => {
      const context = await e2e.browser.newContext({ locale: lang });
      await context.addInitScript((l) => localStorage.setItem('rilancio.locale', l), lang as Lang);
      const page = await context.newPage();
      await page.goto(`${e2e.server.baseUrl}/sign-in`);
      await settled(page);
      await page.locator('input[type="email"]').fill('operator@demo.rilancio.eu');
      await page.locator('input[type="password"]').fill('not-the-password');
      await page.locator('[data-testid="sign-in-form"] button[type="submit"]').click();
      const error = page.getByTestId('error');
      await error.waitFor();
      assert.match(await error.innerText(), w.wrongPassword);
      await page.getByTestId('forgot-password').click();
      await page.waitForURL((u) => u.pathname === '/forgot-password');
      await settled(page);
      await page.locator('input[type="email"]').fill('nobody@example.org');
      await page.locator('[data-testid="forgot-form"] button[type="submit"]').click();
      await page.getByTestId('reset-sent').waitFor();
      await expectAccessible(page, `forgot-password-${lang}`);
      await context.close();
    });

    test('an expired session signs the header out and opens the sign-in page with the way back', async () => {
      const context = await newContext(e2e.browser, e2e.server.baseUrl, lang, 'operator', {
        session: `expire-${lang}`,
      });
      const page = await context.newPage();
      await page.goto(`${e2e.server.baseUrl}/needs`);
      await settled(page);
      await page.getByTestId('sign-out').waitFor();
      await context.clearCookies();
      // Hovering preloads the page: its refused search must not move the user (it once opened the
      // sign-in page with this page as the way back, before the click).
      const link = page.locator('nav a[href="/profiles"]');
      const refused = page.waitForResponse((r) => r.url().includes('/api/v1/search/profiles'));
      await link.hover();
      assert.equal((await refused).status(), 401);
      await page.waitForTimeout(300);
      assert.equal(new URL(page.url()).pathname, '/needs', 'a preload does not navigate');
      await link.click();
      await page.waitForURL((u) => u.pathname === '/sign-in' && u.searchParams.get('next') === '/profiles');
      await settled(page);
      assert.match(await page.getByTestId('session-expired').innerText(), w.expired);
      assert.equal(await page.getByTestId('sign-out').count(), 0, 'the header shows nobody signed in');
      await context.close();
    });

    test('a marketing officer opening the profiles list reads that it is not for the role', async () => {
      const context = await newContext(e2e.browser, e2e.server.baseUrl, lang, 'marketing');
      const page = await context.newPage();
      await page.goto(`${e2e.server.baseUrl}/profiles`);
      await settled(page);
      assert.match(await page.getByTestId('not-for-role').innerText(), w.notForRole);
      assert.equal(await page.getByTestId('result-count').count(), 0, 'no result count');
      assert.equal(await page.locator('a[href="/profiles/new"]').count(), 0, 'no register button');
      await context.close();
    });

    test('a picker picks the suggestion the arrow reached, not the one after it', async () => {
      const context = await newContext(e2e.browser, e2e.server.baseUrl, lang, 'operator');
      const page = await context.newPage();
      await page.goto(`${e2e.server.baseUrl}/needs/new`);
      await settled(page);
      const input = page.locator('#f-occupationUri');
      await input.fill(w.occupation);
      const first = page.locator('#f-occupationUri-list [role="option"]').first();
      await first.waitFor();
      assert.equal(
        await first.getAttribute('aria-selected'),
        'false',
        'nothing is highlighted before the arrow',
      );
      const firstLabel = (await first.evaluate((li) => li.firstChild?.textContent ?? '')).trim();
      await input.press('ArrowDown');
      assert.equal(await first.getAttribute('aria-selected'), 'true');
      await input.press('Enter');
      assert.equal(await input.inputValue(), firstLabel);
      await context.close();
    });

    test('a decision starts unset, offers only reasons that fit, confirms next to the button and resets', async () => {
      // A job need of the operator's own desk: decisions on another desk's needs are refused.
      const me = await apiGet<{ user: { deskId: string } }>(e2e.server.baseUrl, '/auth/me', 'operator');
      const company = await apiGet<{ user: { firmId: string } }>(e2e.server.baseUrl, '/auth/me', 'company');
      const needs = await apiGet<{ items: Need[] }>(e2e.server.baseUrl, '/needs?limit=100', 'operator');
      const need = needs.items.filter(
        (n) => n.type === 'job' && n.deskId === me.user.deskId && n.firmId !== company.user.firmId,
      )[i]!;
      const context = await newContext(e2e.browser, e2e.server.baseUrl, lang, 'operator');
      const page = await context.newPage();
      await page.goto(`${e2e.server.baseUrl}/needs/${need.id}`);
      await settled(page);
      // The card is found by its candidate: a rejection moves it down the list.
      const title = await page.getByTestId('match').first().locator('h3').innerText();
      const card = page.getByTestId('match').filter({ has: page.locator('h3', { hasText: title }) });
      const action = card.getByTestId('decision-action');
      const reason = card.getByTestId('decision-reason');
      const submit = card.locator('form.decide button[type="submit"]');
      assert.equal(await action.inputValue(), '', 'no action is preset');
      assert.equal(await reason.inputValue(), '', 'no reason is preset');
      assert.ok(await submit.isDisabled(), 'nothing to record before a choice');
      await action.selectOption('reject');
      const reasons = await reason
        .locator('option:not([disabled])')
        .evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value));
      assert.ok(!reasons.includes('good_fit'), `a rejection cannot be a good fit: ${reasons.join(', ')}`);
      await reason.selectOption('skills_gap');
      await submit.click();
      const recorded = card.getByTestId('decision-recorded');
      await recorded.filter({ hasText: w.recorded }).waitFor();
      assert.equal(await action.inputValue(), '', 'the form is reset after the decision');
      assert.equal(await reason.inputValue(), '');
      // The need says what the firm asks for: the firm by name and the languages.
      const facts = await page.locator('dl.facts').innerText();
      const firm = await apiGet<{ name: string }>(e2e.server.baseUrl, `/firms/${need.firmId}`, 'admin');
      assert.ok(facts.includes(firm.name), 'the firm is named');
      await expectAccessible(page, `need-decision-${lang}`);
      await screenshot(page, `${lang}-13-decision`);
      await context.close();
    });

    test('a firm reads why an approved candidate fits and asks for contact after a confirmation', async () => {
      const me = await apiGet<{ user: { firmId: string } }>(e2e.server.baseUrl, '/auth/me', 'company');
      const needs = await apiGet<{ items: Need[] }>(e2e.server.baseUrl, '/needs?limit=100', 'admin');
      const own = needs.items.filter(
        (n) => n.type === 'job' && n.status === 'open' && n.firmId === me.user.firmId,
      );
      let found: { need: Need; code: string } | undefined;
      // Approve the top candidates of one of the firm's needs until one who shares with companies shows.
      for (const need of own) {
        const run = await apiGet<{ runId: string; results: { candidateId: string; rank: number }[] }>(
          e2e.server.baseUrl,
          `/needs/${need.id}/matches?lang=${lang}`,
          'operator',
        );
        for (const r of run.results.slice(0, 8))
          await apiPost(
            '/matches/decisions',
            {
              runId: run.runId,
              subjectType: 'need',
              subjectId: need.id,
              candidateType: 'profile',
              candidateId: r.candidateId,
              action: 'approve',
              reasonCode: 'good_fit',
              originalRank: r.rank,
            },
            'operator',
          );
        const seen = await apiGet<{ candidates: { code: string; contactRequestedAt: string | null }[] }>(
          e2e.server.baseUrl,
          `/needs/${need.id}/candidates`,
          'company',
        );
        // A candidate nobody asked for yet (the other language's run asks for its own).
        const fresh = seen.candidates.find((c) => !c.contactRequestedAt);
        if (fresh) {
          found = { need, code: fresh.code };
          break;
        }
      }
      assert.ok(found, "the demo data has an approved candidate sharing with companies on the firm's needs");
      const context = await newContext(e2e.browser, e2e.server.baseUrl, lang, 'company');
      const page = await context.newPage();
      await page.goto(`${e2e.server.baseUrl}/needs/${found.need.id}`);
      await settled(page);
      assert.equal(
        await page.getByTestId('human-review').count(),
        0,
        'no human-review banner on approved people',
      );
      const byCode = () =>
        page.getByTestId('match').filter({ has: page.locator('h3', { hasText: found!.code }) });
      const card = byCode();
      assert.ok(
        (await card.getByTestId('explanation-lines').locator('li').count()) > 0,
        'the reasons follow',
      );
      assert.ok((await card.getByTestId('candidate-occupations').locator('li').count()) > 0, 'experience');
      const text = await card.innerText();
      assert.doesNotMatch(text, /http:\/\/data\.europa\.eu/, 'no URI on screen');
      await card.getByTestId('ask-contact').click();
      const dialog = page.locator('dialog[open]');
      await dialog.waitFor();
      await expectAccessible(page, `contact-confirm-${lang}`);
      await dialog.getByTestId('confirm-yes').click();
      assert.match(await card.getByTestId('contact-answer').innerText(), w.contactRequested);
      // The request is kept: after a reload the card says when, and does not offer to ask again.
      await page.reload();
      await settled(page);
      const again = byCode();
      assert.match(await again.getByTestId('contact-answer').innerText(), w.contactRequested);
      assert.equal(await again.getByTestId('ask-contact').count(), 0);
      await screenshot(page, `${lang}-14-company-contact`);
      await context.close();
    });

    test('a crisis dossier registers a worker of its own: the form names the dossier, no id to type', async () => {
      const crises = await apiGet<{ items: { id: string; title: string }[] }>(
        e2e.server.baseUrl,
        '/crisis-cases?limit=5',
        'operator',
      );
      const crisis = crises.items[i]!;
      const context = await newContext(e2e.browser, e2e.server.baseUrl, lang, 'operator');
      const page = await context.newPage();
      await page.goto(`${e2e.server.baseUrl}/crisis-cases/${crisis.id}`);
      await settled(page);
      await page.getByTestId('register-worker').click();
      await page.waitForURL(
        (u) => u.pathname === '/profiles/new' && u.searchParams.get('crisisCaseId') === crisis.id,
      );
      await settled(page);
      const select = page.locator('#f-crisisCaseId');
      assert.equal(await select.evaluate((el) => el.tagName), 'SELECT', 'a list of dossiers, not a text box');
      assert.equal(await select.inputValue(), crisis.id);
      const shown = await select.evaluate(
        (el: HTMLSelectElement) => el.selectedOptions[0]?.textContent ?? '',
      );
      assert.equal(shown.trim(), crisis.title);
      await expectAccessible(page, `register-worker-${lang}`);
      await context.close();
    });

    test('an opportunity shows its roles, key skills, assets and place, and is edited in the same form', async () => {
      const me = await apiGet<{ user: { deskId: string } }>(e2e.server.baseUrl, '/auth/me', 'operator');
      const { items } = await apiGet<{
        items: {
          id: string;
          deskId: string;
          title: string;
          roles: unknown[];
          municipality: { name: string } | null;
        }[];
      }>(e2e.server.baseUrl, '/opportunities?limit=100', 'operator');
      const opp = items.filter((o) => o.deskId === me.user.deskId && o.roles.length > 0 && o.municipality)[
        i
      ]!;
      const context = await newContext(e2e.browser, e2e.server.baseUrl, lang, 'operator');
      const page = await context.newPage();
      await page.goto(`${e2e.server.baseUrl}/opportunities/${opp.id}`);
      await settled(page);
      assert.ok(
        (await page.getByTestId('opportunity-roles').locator('li').count()) > 0,
        'the roles are listed',
      );
      assert.ok((await page.locator('dl.facts').innerText()).includes(opp.municipality!.name), 'the place');
      await page.getByTestId('edit-opportunity').click();
      await page.waitForURL((u) => u.pathname === `/opportunities/${opp.id}/edit`);
      await settled(page);
      const form = page.getByTestId('opportunity-form');
      const title = `${opp.title} (${lang})`;
      await form.locator('#f-title').fill(title);
      await form.locator('button[type="submit"]').click();
      await page.waitForURL((u) => u.pathname === `/opportunities/${opp.id}` && u.searchParams.has('saved'));
      await settled(page);
      assert.equal((await page.locator('h1').innerText()).trim(), title);
      const after = await apiGet<{ roles: unknown[] }>(
        e2e.server.baseUrl,
        `/opportunities/${opp.id}`,
        'operator',
      );
      assert.equal(after.roles.length, opp.roles.length, 'the roles are kept');
      await expectAccessible(page, `opportunity-saved-${lang}`);
      await context.close();
    });

    test('a language is picked by name and stored as its ISO 639-1 code', async () => {
      const me = await apiGet<{ user: { deskId: string } }>(e2e.server.baseUrl, '/auth/me', 'operator');
      const { items } = await apiGet<{
        items: { id: string; deskId: string; languages: { code: string }[]; personal: unknown }[];
      }>(e2e.server.baseUrl, '/profiles?limit=100', 'operator');
      const mine = items.filter(
        (p) => p.deskId === me.user.deskId && p.personal && !p.languages.some((l) => l.code === 'fr'),
      )[i]!;
      const context = await newContext(e2e.browser, e2e.server.baseUrl, lang, 'operator');
      const page = await context.newPage();
      await page.goto(`${e2e.server.baseUrl}/profiles/${mine.id}/edit`);
      await settled(page);
      const form = page.getByTestId('profile-edit-form');
      await form.waitFor();
      const rows = await form.locator('[data-testid^="language-"]').count();
      await form
        .getByRole('button', { name: lang === 'it' ? /Aggiungi una lingua/i : /Ajouter une langue/i })
        .click();
      const select = form.getByTestId(`language-${rows}`);
      const option = select.locator('option', { hasText: new RegExp(`^${w.french}$`, 'i') });
      assert.equal(await option.getAttribute('value'), 'fr');
      await select.selectOption('fr');
      await form.locator('button[type="submit"]').click();
      await page.waitForURL((u) => u.pathname === `/profiles/${mine.id}` && u.searchParams.has('saved'));
      const after = await apiGet<{ languages: { code: string }[] }>(
        e2e.server.baseUrl,
        `/profiles/${mine.id}`,
        'operator',
      );
      assert.ok(
        after.languages.some((l) => l.code === 'fr'),
        'stored as fr',
      );
      await context.close();
    });

    test('an import says in words which columns are missing, lets the desk map them, and lists allowed values', async () => {
      const context = await newContext(e2e.browser, e2e.server.baseUrl, lang, 'operator');
      const page = await context.newPage();
      await page.goto(`${e2e.server.baseUrl}/imports`);
      await settled(page);
      const status = lang === 'it' ? 'Condizione occupazionale' : 'Situation professionnelle';
      const furloughed = lang === 'it' ? 'In cassa integrazione' : 'En chômage partiel';
      const csv = [
        `Pratica;Nome di battesimo;Famiglia;Comune;${status}`,
        `MAP-1-${lang};Anna;Bianchi;Genova;${furloughed}`,
      ].join('\r\n');
      await upload(page, 'profiles', `free-${lang}.csv`, csv);
      const missing = page.getByTestId('import-missing-columns');
      await missing.waitFor();
      assert.match(await missing.innerText(), w.missingColumns);
      const mapping = page.getByTestId('import-mapping');
      await mapping.locator('select[data-field="externalRef"]').selectOption('Pratica');
      await mapping.locator('select[data-field="firstName"]').selectOption('Nome di battesimo');
      await mapping.locator('select[data-field="lastName"]').selectOption('Famiglia');
      await expectAccessible(page, `import-mapping-${lang}`);
      await mapping.locator('button[type="submit"]').click();
      await page.locator('[data-testid="import-job"][data-status="done"]').waitFor({ timeout: 60_000 });
      assert.match(await page.getByTestId('import-counts').innerText(), /: 1/);

      // The facets' word for a condition imports; a wrong one lists the values the field takes.
      await page.goto(`${e2e.server.baseUrl}/imports`);
      await settled(page);
      const condition = lang === 'it' ? 'Da riparare' : 'À réparer';
      const kind = lang === 'it' ? 'Macchinario' : 'Machine';
      const sale = lang === 'it' ? 'Vendita' : 'Vente';
      const good = lang === 'it' ? 'Buono' : 'Bon état';
      const assets = [
        lang === 'it'
          ? 'Numero di inventario;Titolo;Tipo;Categoria;Condizioni;Comune;Disponibilità'
          : 'Numéro d’inventaire;Titre;Type;Catégorie;État;Commune;Disponibilité',
        `COND-1-${lang};Tornio;${kind};Magazzino;${condition};Genova;${sale}`,
        `COND-2-${lang};Fresa;${kind};Magazzino;Rotto;Genova;${sale}`,
        `COND-3-${lang};Trapano;${kind};Magazzino;${good};Genova;${sale}`,
      ].join('\r\n');
      await upload(page, 'assets', `cond-${lang}.csv`, assets);
      await page.locator('[data-testid="import-job"][data-status="done"]').waitFor({ timeout: 60_000 });
      const report = await page.getByTestId('import-report').innerText();
      // Only the broken row is reported (the allowed values it lists include the facets' word itself).
      const refusedValues = report
        .split('\n')
        .slice(1)
        .filter((line) => line.trim() !== '')
        .map((line) => line.split('\t')[2]);
      assert.deepEqual(refusedValues, ['Rotto'], `"${condition}" and "${good}" are accepted: ${report}`);
      assert.match(report, w.allowed);
      await context.close();
    });

    test('a file refused for too many bad rows says so in words, with its report; a real import shows as real', async () => {
      const context = await newContext(e2e.browser, e2e.server.baseUrl, lang, 'operator');
      const page = await context.newPage();
      await page.goto(`${e2e.server.baseUrl}/imports`);
      await settled(page);
      const header =
        lang === 'it'
          ? 'Codice esterno;Nome;Cognome;E-mail;Comune;Condizione occupazionale'
          : 'Référence externe;Prénom;Nom;E-mail;Commune;Situation professionnelle';
      const status = lang === 'it' ? 'Disoccupato' : 'Sans emploi';
      const bad = [
        header,
        ...Array.from(
          { length: 10 },
          (_, n) => `BAD-${n}-${lang};Anna;Bianchi;not-an-email;Genova;${status}`,
        ),
      ];
      await upload(page, 'profiles', `bad-${lang}.csv`, bad.join('\r\n'));
      await page.locator('[data-testid="import-job"][data-status="failed"]').waitFor({ timeout: 60_000 });
      assert.match(await page.getByTestId('import-failure').innerText(), w.tooManyBad);
      assert.ok(
        (await page.getByTestId('import-report').locator('tbody tr').count()) >= 10,
        'the rows are listed',
      );
      assert.doesNotMatch(await page.getByTestId('import-job').innerText(), /rows have errors/, 'no English');

      const good = [
        header,
        `REAL-1-${lang};Anna;Bianchi;;Genova;${status}`,
        `REAL-2-${lang};Luca;Verdi;;La Spezia;${status}`,
      ];
      await page.goto(`${e2e.server.baseUrl}/imports`);
      await settled(page);
      await upload(page, 'profiles', `good-${lang}.csv`, good.join('\r\n'));
      await page.locator('[data-testid="import-job"][data-status="done"]').waitFor({ timeout: 60_000 });
      await page.getByTestId('import-run').click();
      await page.locator('[data-testid="import-job"][data-status="done"]').waitFor({ timeout: 60_000 });
      await page.getByTestId('import-mode').filter({ hasText: w.real }).waitFor();
      assert.equal(
        await page.getByTestId('import-dry-run').isChecked(),
        false,
        '"only a test" is not ticked',
      );
      assert.match(await page.getByTestId('import-counts').innerText(), /2/);
      await expectAccessible(page, `import-real-${lang}`);
      await context.close();
    });

    test('"who can operate it" proposes nobody for an office block, and ranks a lathe\'s operators apart', async () => {
      const first = async (category: string) =>
        (
          await apiGet<{ hits: { id: string }[] }>(
            e2e.server.baseUrl,
            `/search/assets?category=${category}&limit=2`,
            'operator',
          )
        ).hits[i]!.id;
      const context = await newContext(e2e.browser, e2e.server.baseUrl, lang, 'operator');
      const page = await context.newPage();
      const operators = async (assetId: string) => {
        await page.goto(`${e2e.server.baseUrl}/assets/${assetId}`);
        await settled(page);
        const section = page.locator('section[aria-labelledby="asset-matches"]');
        // The ranking has arrived when the section shows candidates or says there are none.
        await page.waitForFunction(
          () =>
            !!document.querySelector('section[aria-labelledby="asset-matches"] [data-testid="match"]') ||
            /Nessun risultato|Aucun résultat/.test(
              document.querySelector('section[aria-labelledby="asset-matches"]')?.textContent ?? '',
            ),
        );
        return section;
      };
      // An office block asks for no skill and its category names no one who operates it: everyone
      // nearby used to score 100/100.
      const office = await operators(await first('office'));
      assert.equal(await office.getByTestId('match').count(), 0, 'nobody is proposed for an office block');
      assert.match(await office.innerText(), w.noOperator);
      // A lathe's operators are ranked by what running a lathe takes: the scores differ.
      const lathe = await operators(await first('machine_tools'));
      const scores = (await lathe.getByTestId('score').allInnerTexts()).map((t) =>
        Number(/(\d+)\s*\/\s*100/.exec(t)?.[1]),
      );
      assert.ok(scores.length > 1, 'people are proposed for a lathe');
      assert.ok(
        new Set(scores).size > 1 && scores.some((n) => n < 100),
        `scores differ: ${scores.join(', ')}`,
      );
      await context.close();
    });

    test('the opportunity form names each firm once, A to Z', async () => {
      const context = await newContext(e2e.browser, e2e.server.baseUrl, lang, 'operator');
      const page = await context.newPage();
      await page.goto(`${e2e.server.baseUrl}/opportunities/new`);
      await settled(page);
      const select = page.locator('#f-sourceFirmId');
      await select.waitFor();
      const names = (await select.locator('option').allInnerTexts())
        .map((t) => t.trim())
        .filter((t) => t !== '' && t !== '—');
      assert.ok(names.length > 1, 'firms are offered');
      const sorted = [...names].sort((a, b) => a.localeCompare(b, lang, { sensitivity: 'base' }));
      assert.deepEqual(names, sorted, 'by name, A to Z');
      assert.equal(new Set(names).size, names.length, 'two firms of one name are told apart');
      await context.close();
    });

    test('on a 390 px phone no main screen scrolls sideways', async () => {
      const me = await apiGet<{ user: { firmId: string } }>(e2e.server.baseUrl, '/auth/me', 'company');
      const needs = await apiGet<{ items: Need[] }>(e2e.server.baseUrl, '/needs?limit=100', 'admin');
      const job = needs.items.find((n) => n.type === 'job' && n.firmId === me.user.firmId)!;
      const opportunities = await apiGet<{ items: { id: string }[] }>(
        e2e.server.baseUrl,
        '/opportunities?limit=5',
        'admin',
      );
      const crises = await apiGet<{ items: { id: string }[] }>(
        e2e.server.baseUrl,
        '/crisis-cases?limit=5',
        'admin',
      );
      for (const role of ['operator', 'company'] as const) {
        const context = await newContext(e2e.browser, e2e.server.baseUrl, lang, role);
        const page = await context.newPage();
        await page.setViewportSize({ width: 390, height: 844 });
        const paths =
          role === 'operator'
            ? [
                '/',
                '/needs',
                `/needs/${job.id}`,
                '/profiles',
                '/imports',
                '/crisis-cases',
                `/crisis-cases/${crises.items[0]!.id}`,
                '/opportunities',
                `/opportunities/${opportunities.items[0]!.id}`,
              ]
            : ['/', '/needs', `/needs/${job.id}`];
        for (const p of paths) {
          await page.goto(`${e2e.server.baseUrl}${p}`);
          await settled(page);
          // The reasons behind each score open too: their table must fit as well.
          for (const d of await page.locator('details').all())
            await d.evaluate((el) => el.setAttribute('open', ''));
          await noSidewaysScroll(page, `${role} ${p}`);
        }
        await screenshot(page, `${lang}-15-phone-${role}`);
        await context.close();
      }
    });
  });
}
