import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escoLabels, users } from '../../src/db/schema.js';
import { createTestApp, type Caller, type TestApp } from '../helpers/app.js';
import { ESCO, makeDesk, PLACES, profilePayload } from '../helpers/factories.js';
import { pdfPageCount, pdfTextLines } from '../helpers/pdf-text.js';

let t: TestApp;
let deskId: string;
let marketing: Caller;
let assetId: string;
let withdrawnId: string;

const label = async (uri: string, lang: string) =>
  (
    await t.database.handle.db
      .select({ label: escoLabels.label })
      .from(escoLabels)
      .where(and(eq(escoLabels.conceptUri, uri), eq(escoLabels.lang, lang), eq(escoLabels.preferred, true)))
  )[0]!.label;

const asset = (overrides: Record<string, unknown> = {}) => ({
  deskId,
  inventoryNumber: `INV-${Math.random().toString(36).slice(2, 8)}`,
  kind: 'building',
  category: 'warehouse',
  title: 'Capannone con banchina e carroponte 20 t',
  description: 'Capannone in cemento armato con carroponte e accesso diretto alla banchina.',
  municipality: PLACES.laSpezia,
  availability: 'lease',
  coveredAreaM2: 12400,
  craneTonnage: 2.5,
  quayAccess: true,
  rentEurMonth: 8500,
  status: 'available',
  ...overrides,
});

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.handle.db;
  const desk = await makeDesk(db, { code: 'SP-CPI' });
  deskId = desk.id;
  const [user] = await db
    .insert(users)
    .values({ email: 'giulia.marketing@example.org', displayName: 'Giulia Neri', role: 'marketing', deskId })
    .returning();
  marketing = { role: 'marketing', deskId, userId: user!.id };
  const operator: Caller = { role: 'operator', deskId };
  const people = [
    ...Array.from({ length: 8 }, () => ESCO.welder),
    ...Array.from({ length: 6 }, () => ESCO.cook),
    ...Array.from({ length: 2 }, () => ESCO.marineElectrician),
  ];
  for (const uri of people) {
    const res = await t.call(operator, {
      method: 'POST',
      url: '/api/v1/profiles',
      payload: profilePayload(deskId, { occupations: [{ uri, years: 5 }] }),
    });
    expect(res.statusCode).toBe(201);
  }
  const post = async (payload: object) =>
    (await t.call(marketing, { method: 'POST', url: '/api/v1/assets', payload })).json().id as string;
  assetId = await post(asset());
  withdrawnId = await post(asset({ status: 'withdrawn' }));
  await t.relay.drain();
});
afterAll(() => t?.close());

const pack = (id: string, lang: string, caller: Caller = marketing) =>
  t.call(caller, { method: 'GET', url: `/api/v1/assets/${id}/offer-pack?lang=${lang}` });

describe('asset offer pack', () => {
  it('is an Italian PDF of at most two pages with the sheet, protected counts, desk, contact, reference, date', async () => {
    const res = await pack(assetId, 'it');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="rilancio-offer-sp-cpi-inv-/);
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdfPageCount(pdf)).toBeGreaterThanOrEqual(1);
    expect(pdfPageCount(pdf)).toBeLessThanOrEqual(2);
    const text = pdfTextLines(pdf).join('\n');
    for (const expected of [
      'Capannone con banchina e carroponte 20 t',
      'Scheda di offerta',
      'Riferimento:',
      'SP-CPI-INV-',
      'Data:',
      'Sportello:',
      'Centro per l’impiego La Spezia (Liguria)',
      'Referente:',
      'Giulia Neri · giulia.marketing@example.org',
      'Superficie coperta',
      '12.400 m²',
      'Carroponte',
      '2,5 t',
      'Accesso alla banchina',
      '8500 €/mese',
      'La Spezia',
      'Competenze disponibili entro 1 h di viaggio',
      'Pagina 1 di',
    ])
      expect(text).toContain(expected);
    // 8 welders → 10, 6 cooks → 5 (rounded to 5); 2 marine electricians are under 5: suppressed.
    const lines = pdfTextLines(pdf);
    const welder = await label(ESCO.welder, 'it');
    const cook = await label(ESCO.cook, 'it');
    const electrician = await label(ESCO.marineElectrician, 'it');
    expect(lines[lines.indexOf(welder) + 1]).toBe('10');
    expect(lines[lines.indexOf(cook) + 1]).toBe('5');
    expect(text).not.toContain(electrician);
    expect(text).not.toMatch(/http:\/\/data\.europa\.eu|[0-9a-f]{8}-[0-9a-f]{4}-/);
  });

  it('speaks French when asked', async () => {
    const res = await pack(assetId, 'fr');
    expect(res.statusCode).toBe(200);
    const text = pdfTextLines(res.rawPayload).join('\n');
    for (const expected of [
      "Dossier d'offre",
      'Référence:',
      'Guichet:',
      'Contact:',
      'Surface couverte',
      'Pont roulant',
      '12\u00a0400 m²',
      '8\u00a0500 €/mois',
      '2,5 t',
      'Accès au quai',
      'Compétences disponibles à moins de 1 h de trajet',
      await label(ESCO.welder, 'fr'),
      'Page 1 sur',
    ])
      expect(text).toContain(expected);
    expect(pdfPageCount(res.rawPayload)).toBeLessThanOrEqual(2);
  });

  it('is refused for a withdrawn asset, with the reason', async () => {
    const res = await pack(withdrawnId, 'it');
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('ASSET_NOT_ON_OFFER');
    expect(res.json().error.message).toMatch(/withdrawn/);
  });

  it('is for staff who may count people: not for a company, and a bad language is a 400', async () => {
    expect((await pack(assetId, 'it', { role: 'company' })).statusCode).toBe(403);
    const bad = await pack(assetId, 'de');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toMatch(/lang/);
  });
});
