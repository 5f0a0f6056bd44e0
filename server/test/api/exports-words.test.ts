// Issue 11: CSV/XLSX exports and the JSON-LD job posting printed codes (ESCO URIs, ISCO codes,
// snake_case values). An export in Italian or French must be words a person reads; the only machine
// columns are named as code columns and hold what a re-import needs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as VOCABULARY from '../../src/domain/vocabulary.js';
import { openTable } from '../../src/files/index.js';
import { createTestApp, type Caller, type TestApp } from '../helpers/app.js';
import { ESCO, makeDesk, PLACES, profilePayload } from '../helpers/factories.js';

let t: TestApp;
let deskId: string;
let operator: Caller;
const admin: Caller = { role: 'admin' };
let jobNeedId: string;

const post = async (caller: Caller, url: string, payload: object) => {
  const res = await t.call(caller, { method: 'POST', url, payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
};

beforeAll(async () => {
  t = await createTestApp({ limits: { exportPerMinute: 1000 } });
  const db = t.database.handle.db;
  deskId = (await makeDesk(db)).id;
  operator = { role: 'operator', deskId };
  // Through the API, so the firm is indexed (and exported) like any other.
  const firm = await post(operator, '/api/v1/firms', {
    name: 'Cantiere Navale Esportazioni',
    country: 'IT',
    vatNumber: '00743110157',
    naceCode: '30.11',
    sizeBand: 'medium',
    state: 'in_crisis',
    supplyChains: ['nautical_shipbuilding'],
    municipality: PLACES.laSpezia,
  });
  await post(
    operator,
    '/api/v1/profiles',
    profilePayload(deskId, {
      skills: [{ uri: ESCO.weldingTechniques, source: 'certified' }],
      employmentStatus: 'at_risk',
      desiredPaths: ['workers_buy_out', 'start_up'],
      supplyChains: ['nautical_shipbuilding', 'ports_logistics'],
      drivingLicences: ['B', 'CE'],
    }),
  );
  await post({ role: 'marketing' }, '/api/v1/assets', {
    deskId,
    inventoryNumber: 'INV-EXPORT-1',
    kind: 'building',
    category: 'cold_storage',
    title: 'Capannone frigorifero',
    municipality: PLACES.laSpezia,
    availability: 'free_loan',
    condition: 'needs_repair',
    coveredAreaM2: 1200,
    quayAccess: true,
  });
  const job = await post(operator, '/api/v1/needs', {
    type: 'job',
    firmId: firm.id,
    title: '2 saldatori TIG',
    municipality: PLACES.laSpezia,
    occupationUri: ESCO.welder,
    essentialSkills: [ESCO.weldingTechniques],
    optionalSkills: [ESCO.fuelGas],
    positions: 2,
    contractType: 'fixed_term',
    supplyChain: 'nautical_shipbuilding',
    expiresAt: '2027-06-30',
  });
  jobNeedId = job.id;
  await post(operator, '/api/v1/needs', {
    type: 'asset',
    firmId: firm.id,
    title: 'Cella frigorifera',
    municipality: PLACES.laSpezia,
    assetKind: 'building',
    assetCategory: 'cold_storage',
    mode: 'either',
    supplyChain: 'agri_food',
  });
  await post(operator, '/api/v1/opportunities', {
    deskId,
    kind: 'community_coop',
    title: 'Cooperativa di comunità del porto',
    municipality: PLACES.laSpezia,
    supplyChain: 'fishing_aquaculture',
    roles: [{ occupationUri: ESCO.welder, count: 2 }],
  });
  await t.relay.drain();
});
afterAll(() => t?.close());

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const URI = /\bhttps?:\/\//i;
const SNAKE = /(?<![\w@.-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w@-])/;
/** A bare NACE code where words are expected ("30.11"; it/fr numbers have a decimal comma). */
const BARE_CODE = /^\d{2}\.\d{1,2}$/;

/** Every code of the closed vocabularies ("open", "in_crisis", "free_loan"…): a cell holding one is a code. */
const CODES = new Set<string>(
  (Object.values(VOCABULARY) as unknown[])
    .filter((v): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string'))
    .flat(),
);
/** An ISO 639 language code on its own ("it", "fr"), where a language's name is expected ("no" is a word). */
const LANGUAGE_CODE = /^(?!no$)[a-z]{2}$/;

const INDEXES = ['profiles', 'assets', 'needs', 'firms', 'opportunities'] as const;

describe('exports print words in the language asked', () => {
  for (const lang of ['it', 'fr'] as const)
    for (const index of INDEXES)
      it(`${index} in ${lang}: no URI, UUID, snake_case code or bare classification code`, async () => {
        for (const format of ['csv', 'xlsx'] as const) {
          const res = await t.call(index === 'profiles' ? operator : admin, {
            method: 'GET',
            url: `/api/v1/export/${index}?format=${format}&lang=${lang}`,
          });
          expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
          const table = openTable(res.rawPayload, `export.${format}`);
          const rows = [...table.rows];
          expect(rows.length, `${index} ${lang} ${format} has rows`).toBeGreaterThan(0);
          const header = table.header.labels;
          const found: string[] = [];
          for (const row of rows)
            row.cells.forEach((cell, i) => {
              const text = String(cell ?? '');
              const column = header[i] ?? String(i);
              // A column named as a code column is for machines (a re-import); everything else is words.
              if (/\b(codice|code)\b/i.test(column)) return;
              for (const part of text.split('; '))
                if (CODES.has(part.trim()) || LANGUAGE_CODE.test(part.trim()))
                  found.push(`${column}: code “${part}”`);
              for (const [what, re] of [
                ['URI', URI],
                ['UUID', UUID],
                ['snake_case', SNAKE],
                ['bare code', BARE_CODE],
              ] as const)
                if (re.test(text.trim())) found.push(`${column}: ${what} “${text}”`);
            });
          expect(found, `${index} ${lang} ${format}: ${header.join(' | ')}`).toEqual([]);
        }
      });

  it('words the values in Italian: supply chains, statuses, kinds, skills, NACE', async () => {
    const get = async (index: string) => {
      const res = await t.call(index === 'profiles' ? operator : admin, {
        method: 'GET',
        url: `/api/v1/export/${index}?format=csv&lang=it`,
      });
      return res.body;
    };
    const profiles = await get('profiles');
    expect(profiles).toContain('saldatore/saldatrice');
    expect(profiles).toContain('Nautica e cantieristica');
    expect(profiles).toContain(';italiano;');
    const needs = await get('needs');
    expect(needs).toContain('Aperto');
    expect(needs).toContain('Agroalimentare');
    const firms = await get('firms');
    // The code stays for a re-import, under a header that says it is a code; the activity is named beside it.
    expect(firms).toContain('Codice ATECO / NACE;Attività economica (ATECO / NACE)');
    expect(firms).toMatch(/;30\.11;Costruzione di navi/i);
    const opportunities = await get('opportunities');
    expect(opportunities).toContain('Pesca e acquacoltura');
  });
});

it('says regions as the language asked says them: Liguria is Ligurie in French', async () => {
  const csv = async (lang: string) =>
    (await t.call(admin, { method: 'GET', url: `/api/v1/export/assets?format=csv&lang=${lang}` })).body;
  const fr = await csv('fr');
  expect(fr).toContain(';Ligurie;');
  expect(fr).not.toContain(';Liguria;');
  expect(await csv('it')).toContain(';Liguria;');
});

describe('the JSON-LD job posting', () => {
  it.each(['it', 'fr'] as const)(
    'carries labels in %s: title, occupation, ISCO group, skills',
    async (lang) => {
      const res = await t.call(operator, {
        method: 'GET',
        url: `/api/v1/needs/${jobNeedId}/jobposting?lang=${lang}`,
      });
      expect(res.statusCode).toBe(200);
      const doc = res.json();
      const [occupation, isco] = doc.occupationalCategory;
      expect(occupation.name).toBe(lang === 'it' ? 'saldatore/saldatrice' : 'soudeur/soudeuse');
      // schema.org's occupationalCategory keeps the ISCO code, named in the posting's language.
      expect(isco).toMatchObject({ codeValue: '7212' });
      expect(isco.name).toBe(lang === 'it' ? 'Saldatori e tagliatori a fiamma' : 'Soudeurs et oxycoupeurs');
      expect(doc.skills.length).toBeGreaterThan(0);
      expect(doc.qualifications.length).toBeGreaterThan(0);
      for (const s of [...doc.skills, ...doc.qualifications]) {
        expect(s).not.toMatch(URI);
        expect(s).not.toMatch(SNAKE);
      }
      expect(doc.title).toBe('2 saldatori TIG');
      expect(doc.employmentType).toBe('TEMPORARY');
      // Human-readable fields never hold a code.
      const human = [doc.title, doc.description, occupation.name, isco.name, ...doc.skills].join(' | ');
      expect(human).not.toMatch(UUID);
      expect(human).not.toMatch(URI);
    },
  );
});
