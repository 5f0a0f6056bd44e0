import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../src/db/schema.js';
import {
  allRoutes,
  READINESS_LANGS,
  stepOf,
} from '../../src/modules/opportunities/readiness/route-template.js';
import { createTestApp, type Caller, type TestApp } from '../helpers/app.js';
import { ESCO, makeDesk, PLACES, profilePayload } from '../helpers/factories.js';
import { pdfPageCount, pdfTextLines } from '../helpers/pdf-text.js';

let t: TestApp;
let deskId: string;
let operator: Caller;
let foreign: Caller;
let oppId: string;
let frOppId: string;
let auctionId: string;

const dayOffset = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

const assetPayload = (overrides: Record<string, unknown>) => ({
  deskId,
  inventoryNumber: `RDY-${Math.random().toString(36).slice(2, 8)}`,
  kind: 'building',
  category: 'warehouse',
  title: 'Capannone',
  municipality: PLACES.laSpezia,
  availability: 'lease',
  rentEurMonth: 5000,
  status: 'available',
  ...overrides,
});

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.handle.db;
  const desk = await makeDesk(db, { code: 'SP-RDY' });
  deskId = desk.id;
  const [user] = await db
    .insert(users)
    .values({ email: 'luca.sportello@example.org', displayName: 'Luca Bianchi', role: 'operator', deskId })
    .returning();
  operator = { role: 'operator', deskId, userId: user!.id };
  foreign = { role: 'operator', deskId: (await makeDesk(db)).id };
  const post = async (caller: Caller, url: string, payload: object) => {
    const res = await t.call(caller, { method: 'POST', url, payload });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  for (let i = 0; i < 2; i++)
    await post(operator, '/api/v1/profiles', profilePayload(deskId, { desiredPaths: ['workers_buy_out'] }));
  const kept = await post(operator, '/api/v1/assets', assetPayload({ title: 'Capannone con carroponte' }));
  auctionId = await post(
    operator,
    '/api/v1/assets',
    assetPayload({
      title: 'Pressa piegatrice all’asta',
      kind: 'machine',
      category: 'machine_tools',
      availability: 'auction',
      rentEurMonth: undefined,
      priceEur: 40000,
      availableFrom: dayOffset(-60),
      availableUntil: dayOffset(-3),
    }),
  );
  const withdrawn = await post(
    operator,
    '/api/v1/assets',
    assetPayload({ title: 'Magazzino ritirato', status: 'withdrawn' }),
  );
  oppId = await post(operator, '/api/v1/opportunities', {
    deskId,
    kind: 'wbo',
    title: 'WBO della carpenteria metallica',
    municipality: PLACES.laSpezia,
    deadline: dayOffset(90),
    capitalNeededEur: 450000,
    roles: [
      { occupationUri: ESCO.welder, count: 2 },
      { occupationUri: ESCO.cook, count: 1 },
    ],
    assetIds: [kept, auctionId, withdrawn],
  });
  frOppId = await post(operator, '/api/v1/opportunities', {
    deskId,
    kind: 'wbo',
    title: 'Reprise en Scop de la chaudronnerie',
    municipality: PLACES.marseille,
    roles: [{ occupationUri: ESCO.welder, count: 1 }],
  });
  await t.relay.drain();
});
afterAll(() => t?.close());

const card = (id: string, lang = 'it', caller: Caller = operator) =>
  t.call(caller, { method: 'GET', url: `/api/v1/opportunities/${id}/readiness?lang=${lang}` });
const patch = (itemId: string, payload: object, caller: Caller = operator, id = oppId) =>
  t.call(caller, {
    method: 'PATCH',
    url: `/api/v1/opportunities/${id}/readiness/checklist/${itemId}?lang=it`,
    payload,
  });

describe('reference routes', () => {
  it('name only steps that exist, each in Italian, French and English with a source', () => {
    for (const route of allRoutes()) {
      expect(route.codes.length, `${route.country} ${route.kind}`).toBeGreaterThan(2);
      for (const code of route.codes) {
        const step = stepOf(code);
        expect(step, code).toBeDefined();
        for (const lang of READINESS_LANGS) {
          expect(step!.label[lang].length, `${code} ${lang}`).toBeGreaterThan(2);
          expect(step!.detail[lang].length, `${code} ${lang}`).toBeGreaterThan(10);
        }
        expect(step!.sources.length, code).toBeGreaterThan(0);
      }
    }
  });
});

describe('readiness card', () => {
  it('shows roles with coverage and gaps, assets with own deadlines, the Italian route and what blocks it', async () => {
    const res = await card(oppId);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const welders = body.roles.find((r: { required: number }) => r.required === 2);
    expect(welders.filled).toBe(2);
    expect(welders.members).toHaveLength(2);
    expect(body.coverage).toBeGreaterThan(0.5);
    expect(body.coverage).toBeLessThan(1);
    expect(body.checklist.map((s: { stepCode: string }) => s.stepCode)).toEqual(
      allRoutes().find((r) => r.country === 'IT' && r.kind === 'wbo')!.codes,
    );
    const marcora = body.checklist.find((s: { stepCode: string }) => s.stepCode === 'it_marcora_cfi');
    expect(marcora.label).toBe('Legge Marcora: intervento di CFI');
    expect(marcora.sources.join(' ')).toMatch(/L\. 49\/1985/);
    const auction = body.assets.find((a: { id: string }) => a.id === auctionId);
    expect(auction).toMatchObject({ deadlineKind: 'auction', availableUntil: dayOffset(-3) });
    const codes = body.blockers.map((b: { code: string; subject: string }) => `${b.code}:${b.subject}`);
    expect(codes).toContain('asset_unavailable:Magazzino ritirato');
    expect(codes).toContain('asset_deadline_passed:Pressa piegatrice all’asta');
    expect(codes.filter((c: string) => c.startsWith('role_uncovered'))).toHaveLength(1);
    expect(codes.some((c: string) => c.startsWith('deadline_passed'))).toBe(false);
  });

  it('gives a French opportunity the Scop route, in French', async () => {
    const body = (await card(frOppId, 'fr')).json();
    const codes = body.checklist.map((s: { stepCode: string }) => s.stepCode);
    expect(codes).toContain('fr_scop_constitution');
    expect(codes).toContain('fr_arce_acre');
    expect(codes.some((c: string) => c.startsWith('it_'))).toBe(false);
    expect(body.checklist.find((s: { stepCode: string }) => s.stepCode === 'fr_urscop').label).toBe(
      "Accompagnement par l'Union régionale des Scop",
    );
  });

  it('lets the desk tick, date and annotate a step, with versions; an overdue step blocks', async () => {
    const before = (await card(oppId)).json();
    const step = before.checklist[2];
    const res = await patch(step.id, { version: step.version, done: true, note: 'Atto dal notaio Rossi' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      done: true,
      note: 'Atto dal notaio Rossi',
      version: step.version + 1,
    });
    expect(res.json().doneAt).not.toBeNull();
    const stale = await patch(step.id, { version: step.version, done: false });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details[0].path).toBe('version');

    const late = before.checklist[4];
    expect((await patch(late.id, { version: late.version, dueDate: dayOffset(-1) })).statusCode).toBe(200);
    const after = (await card(oppId)).json();
    expect(after.checklist[2]).toMatchObject({ done: true, note: 'Atto dal notaio Rossi' });
    expect(after.checklist[4]).toMatchObject({ dueDate: dayOffset(-1), overdue: true });
    expect(after.blockers).toContainEqual(
      expect.objectContaining({ code: 'step_overdue', subject: late.label, date: dayOffset(-1) }),
    );
    // Reading again adds nothing: the route is made once.
    expect(after.checklist).toHaveLength(before.checklist.length);
  });

  it('refuses bad input naming the field, and unknown steps', async () => {
    const step = (await card(oppId)).json().checklist[0];
    const bad = await patch(step.id, { version: step.version, dueDate: '31/12/2026' });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toMatch(/dueDate/);
    const empty = await patch(step.id, { version: step.version });
    expect(empty.statusCode).toBe(400);
    const other = (await card(frOppId)).json().checklist[0];
    // A step of another opportunity is not found under this one.
    expect((await patch(other.id, { version: other.version, done: true })).statusCode).toBe(404);
  });

  it("lets only the opportunity's desk write; another desk reads but may not change it", async () => {
    const step = (await card(oppId)).json().checklist[1];
    expect((await card(oppId, 'en', foreign)).statusCode).toBe(200);
    const res = await patch(step.id, { version: step.version, done: true }, foreign);
    expect(res.statusCode).toBe(403);
    const unchanged = (await card(oppId)).json().checklist[1];
    expect(unchanged).toMatchObject({ done: false, version: step.version });
    const admin = await patch(step.id, { version: step.version, note: 'Verificato' }, { role: 'admin' });
    expect(admin.statusCode).toBe(200);
    expect((await card(oppId, 'it', { role: 'marketing' })).statusCode).toBe(403);
  });

  it('prints as a PDF of at most two pages, in Italian and in French, with desk, contact, reference, date', async () => {
    for (const [lang, words] of [
      ['it', ['Scheda di fattibilità', 'Cosa lo blocca', 'Percorso', 'Riferimento: \nSP-RDY-OPP-']],
      ['fr', ['Fiche de faisabilité', 'Ce qui bloque', 'Parcours', 'Référence: \nSP-RDY-OPP-']],
    ] as const) {
      const res = await t.call(operator, {
        method: 'GET',
        url: `/api/v1/opportunities/${oppId}/readiness.pdf?lang=${lang}`,
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toMatch(/filename="rilancio-readiness-sp-rdy-opp-/);
      const text = pdfTextLines(res.rawPayload).join('\n');
      for (const w of words) expect(text, lang).toContain(w);
      expect(text).toContain('WBO della carpenteria metallica');
      expect(text).toContain('Luca Bianchi');
      expect(text).toContain('Magazzino ritirato');
      expect(pdfPageCount(res.rawPayload)).toBeLessThanOrEqual(2);
    }
  });
});
