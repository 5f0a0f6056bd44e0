import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escoLabels, users } from '../../src/db/schema.js';
import { createTestApp, type Caller, type TestApp } from '../helpers/app.js';
import { ESCO, makeDesk, profilePayload } from '../helpers/factories.js';
import { pdfTextLines } from '../helpers/pdf-text.js';

/**
 * Issue 18, item 5: the offer pack's "skilled people nearby" are the people within a door-to-door time
 * by road and all-year ferries, counted by the same code as the asset page, not within a circle. Each case
 * below comes out the other way with a 30 km circle (Portoferraio is 19 km from Piombino as the crow
 * flies, 1 h 38 with the ferry; Livorno is 60 km away, 1 h 14 by road).
 */
const TOWN = {
  piombino: { country: 'IT', code: '049012' },
  portoferraio: { country: 'IT', code: '049014' },
  livorno: { country: 'IT', code: '049009' },
  bastia: { country: 'FR', code: '2B033' },
} as const;

let t: TestApp;
let marketing: Caller;
const assets: Record<'piombino' | 'livorno', string> = { piombino: '', livorno: '' };
const word: Record<'welder' | 'cook' | 'electrician', string> = { welder: '', cook: '', electrician: '' };

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.handle.db;
  const deskId = (await makeDesk(db)).id;
  const [user] = await db
    .insert(users)
    .values({ email: 'marketing.piombino@example.org', displayName: 'Sara Bini', role: 'marketing', deskId })
    .returning();
  marketing = { role: 'marketing', deskId, userId: user!.id };
  const operator: Caller = { role: 'operator', deskId };
  // Five of each, so every cell passes the suppression threshold and rounds to exactly 5.
  const groups: [keyof typeof TOWN, string][] = [
    ['portoferraio', ESCO.welder],
    ['livorno', ESCO.cook],
    ['bastia', ESCO.marineElectrician],
  ];
  for (const [town, uri] of groups)
    for (let i = 0; i < 5; i++) {
      const res = await t.call(operator, {
        method: 'POST',
        url: '/api/v1/profiles',
        payload: profilePayload(deskId, { municipality: TOWN[town], occupations: [{ uri, years: 5 }] }),
      });
      expect(res.statusCode, res.body).toBe(201);
    }
  for (const town of ['piombino', 'livorno'] as const) {
    const res = await t.call(marketing, {
      method: 'POST',
      url: '/api/v1/assets',
      payload: {
        deskId,
        inventoryNumber: `INV-${town}-${Math.random().toString(36).slice(2, 8)}`,
        kind: 'building',
        category: 'warehouse',
        title: `Capannone portuale — ${town}`,
        municipality: TOWN[town],
        availability: 'lease',
        coveredAreaM2: 3000,
        rentEurMonth: 9000,
        status: 'available',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    assets[town] = res.json().id;
  }
  const label = async (uri: string) =>
    (
      await db
        .select({ label: escoLabels.label })
        .from(escoLabels)
        .where(and(eq(escoLabels.conceptUri, uri), eq(escoLabels.lang, 'it'), eq(escoLabels.preferred, true)))
    )[0]!.label;
  word.welder = await label(ESCO.welder);
  word.cook = await label(ESCO.cook);
  word.electrician = await label(ESCO.marineElectrician);
  await t.relay.drain();
});
afterAll(() => t?.close());

/** The PDF's people table as occupation → count (the label line is followed by its count line). */
async function peopleIn(asset: string, query: string): Promise<{ text: string; rows: Map<string, string> }> {
  const res = await t.call(marketing, { method: 'GET', url: `/api/v1/assets/${asset}/offer-pack?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  const lines = pdfTextLines(res.rawPayload);
  const rows = new Map<string, string>();
  for (const w of Object.values(word)) {
    const i = lines.indexOf(w);
    if (i >= 0) rows.set(w, lines[i + 1]!);
  }
  return { text: lines.join('\n'), rows };
}

describe('offer pack: skilled people within a travel time, not a circle', () => {
  it('an hour from Piombino leaves out Elba across the water (a 30 km circle would count it)', async () => {
    const { text, rows } = await peopleIn(assets.piombino, 'lang=it');
    expect(text).toContain('Competenze disponibili entro 1 h di viaggio');
    expect(text).toContain('traghetti tutto l’anno');
    expect(rows.has(word.welder)).toBe(false);
    expect(rows.has(word.cook)).toBe(false);
    expect(text).toContain('Nessuna professione con almeno 5 persone iscritte entro 1 h di viaggio.');
  });

  it('two hours from Piombino count Portoferraio by ferry and Livorno by road (Livorno is outside 30 km)', async () => {
    const { text, rows } = await peopleIn(assets.piombino, 'lang=it&minutes=120');
    expect(text).toContain('Competenze disponibili entro 2 h di viaggio');
    expect(rows.get(word.welder)).toBe('5');
    expect(rows.get(word.cook)).toBe('5');
    expect(rows.has(word.electrician)).toBe(false);
  });

  it('two hours from Livorno do not reach Bastia, 6 h away by the ferry', async () => {
    const { rows } = await peopleIn(assets.livorno, 'lang=it&minutes=120');
    expect(rows.get(word.cook)).toBe('5');
    expect(rows.has(word.electrician)).toBe(false);
    expect(rows.has(word.welder)).toBe(false);
  });

  it('speaks of travel time in French and English', async () => {
    const fr = await peopleIn(assets.piombino, 'lang=fr&minutes=90');
    expect(fr.text).toContain('Compétences disponibles à moins de 1 h 30 de trajet');
    const en = await peopleIn(assets.piombino, 'lang=en&minutes=45');
    expect(en.text).toContain('Skills available within 45 min of travel');
  });

  it.each(['minutes=37', 'minutes=-10', 'minutes=abc'])('refuses %s naming the field', async (q) => {
    const res = await t.call(marketing, {
      method: 'GET',
      url: `/api/v1/assets/${assets.piombino}/offer-pack?lang=it&${q}`,
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('minutes');
  });
});
