import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  firms,
  needs,
  opportunities,
  opportunityAssets,
  opportunityRoles,
  outbox,
  profileOccupations,
  profiles,
} from '../../src/db/schema.js';
import { isValidSiret, partitaIvaCheckDigit } from '../../src/lib/identifiers.js';
import { createTestApp, type Caller, type TestApp } from '../helpers/app.js';
import { ESCO, makeDesk, PLACES } from '../helpers/factories.js';
import { importFile } from './helpers.js';

let t: TestApp;
let deskId: string;
let operator: Caller;
const vat = `0123456789${partitaIvaCheckDigit('0123456789')}`;
const siret = (() => {
  for (let d = 0; d <= 9; d++) if (isValidSiret(`7328293200007${d}`)) return `7328293200007${d}`;
  throw new Error('no SIRET');
})();

beforeAll(async () => {
  t = await createTestApp();
  deskId = (await makeDesk(t.database.handle.db)).id;
  operator = { role: 'operator', deskId };
});
afterAll(() => t?.close());

const db = () => t.database.handle.db;
const csv = (lines: string[]) => ({ name: 'f.csv', bytes: Buffer.from(lines.join('\r\n') + '\r\n', 'utf8') });
const outboxCount = async () => (await db().select({ n: count() }).from(outbox))[0]!.n;

describe('firms', () => {
  it('keys Italian firms on the partita IVA and French ones on the SIRET, with the API’s check digits', async () => {
    const file = csv([
      'Partita IVA / SIRET;Ragione sociale;Codice ATECO / NACE;Comune;Dimensione;Stato impresa',
      `IT ${vat};Cantiere Navale Esempio;30.11;La Spezia;Piccola (10-49);In crisi`,
      `${siret.slice(0, 3)} ${siret.slice(3, 6)} ${siret.slice(6, 9)} ${siret.slice(9)};Chantier Naval de Provence;30.11;Marseille;Petite;En crise`,
      '01234567890;Cifra di controllo sbagliata;30.11;Genova;;',
      `98765432109;Codice NACE inesistente;99.99;Genova;;`,
    ]);
    const job = await importFile(t, operator, { entity: 'firms', dryRun: 'false' }, file);
    expect(job.counts).toMatchObject({ create: 2, error: 2 });
    expect(job.report.items.map((i) => [i.row, i.code])).toEqual(
      expect.arrayContaining([
        [4, 'RULE_VIOLATED'],
        [5, 'NACE_UNKNOWN'],
      ]),
    );
    const [it] = await db().select().from(firms).where(eq(firms.vatNumber, vat));
    expect(it).toMatchObject({ country: 'IT', state: 'in_crisis', sizeBand: 'small', deskId, version: 1 });
    const [fr] = await db().select().from(firms).where(eq(firms.siret, siret));
    expect(fr).toMatchObject({ country: 'FR', municipalityCountry: 'FR' });
  });
});

describe('needs', () => {
  it('imports job and asset needs of known firms; an unknown firm or a free-text occupation is an error', async () => {
    const file = csv([
      'Codice esterno;P. IVA impresa;Tipo di fabbisogno;Titolo;Professione (ESCO);Competenze essenziali;Posti;Tipo di contratto;Comune;Raggio (km);Scadenza;Tipo di risorsa;Superficie coperta minima (m²);Acquisto o locazione',
      `N-1;IT${vat};Lavoro;2 saldatori TIG;welder;welding techniques;2;Tempo indeterminato;La Spezia;40;30/06/2027;;;`,
      `N-2;${vat};Risorsa;Capannone con banchina;;;;;La Spezia;30;;Capannone;1.500;Locazione`,
      `N-3;${siret};Lavoro;Cuochi di bordo;cuoco di bordo;;1;;Marseille;30;;;;`,
      'N-4;99999999999;Lavoro;Impresa ignota;welder;;1;;Genova;30;;;;',
    ]);
    const before = await outboxCount();
    const job = await importFile(t, operator, { entity: 'needs', dryRun: 'false' }, file);
    expect(job.counts, JSON.stringify(job.report.items)).toMatchObject({ create: 2, error: 2 });
    const codes = Object.fromEntries(job.report.items.map((i) => [i.row, i.code]));
    expect(codes).toMatchObject({ 4: 'ESCO_REQUIRED_SUGGESTION', 5: 'FIRM_UNKNOWN' });
    const rows = await db().select().from(needs).where(eq(needs.deskId, deskId));
    const job1 = rows.find((n) => n.externalRef === 'N-1')!;
    expect(job1).toMatchObject({
      type: 'job',
      occupationUri: ESCO.welder,
      positions: 2,
      contractType: 'permanent',
      radiusKm: 40,
      expiresAt: '2027-06-30',
    });
    expect(rows.find((n) => n.externalRef === 'N-2')).toMatchObject({
      type: 'asset',
      assetKind: 'building',
      minAreaM2: 1500,
      mode: 'lease',
    });
    expect(await outboxCount()).toBe(before + 2);

    // The JobPosting of an imported need.
    const ld = await t.call(operator, { method: 'GET', url: `/api/v1/needs/${job1.id}/jobposting?lang=en` });
    expect(ld.json()).toMatchObject({ totalJobOpenings: 2, skills: ['welding techniques'] });
  });
});

describe('opportunities', () => {
  it('reads roles as "occupation x count" and included assets by inventory number', async () => {
    const shed = await t.call(operator, {
      method: 'POST',
      url: '/api/v1/assets',
      payload: {
        deskId,
        inventoryNumber: 'OPP-A1',
        kind: 'building',
        category: 'shipyard',
        title: 'Scalo di alaggio',
        municipality: PLACES.laSpezia,
        availability: 'lease',
      },
    });
    expect(shed.statusCode).toBe(201);
    const file = csv([
      'Codice esterno;Titolo;Tipo di opportunità;P. IVA impresa di origine;Comune;Ruoli richiesti;Beni inclusi (n. inventario);Capitale necessario (€);Scadenza',
      `O-1;WBO Officine;Workers buy-out;IT${vat};La Spezia;"welder x 3; ${ESCO.cook} (1)";OPP-A1;250.000,50;30/09/2027`,
      'O-2;Spin-off;Spin-off;;Genova;welder;NOPE;;',
    ]);
    const job = await importFile(t, operator, { entity: 'opportunities', dryRun: 'false' }, file);
    expect(job.counts, JSON.stringify(job.report.items)).toMatchObject({ create: 1, error: 1 });
    expect(job.report.items[0]).toMatchObject({ row: 3, code: 'ASSET_UNKNOWN', value: 'NOPE' });
    const [o] = await db().select().from(opportunities).where(eq(opportunities.externalRef, 'O-1'));
    expect(o).toMatchObject({ kind: 'wbo', capitalNeededEur: 250000.5, deadline: '2027-09-30', deskId });
    const roles = await db().select().from(opportunityRoles).where(eq(opportunityRoles.opportunityId, o!.id));
    expect(roles.map((r) => [r.occupationUri, r.count]).sort()).toEqual(
      [
        [ESCO.cook, 1],
        [ESCO.welder, 3],
      ].sort(),
    );
    const links = await db()
      .select()
      .from(opportunityAssets)
      .where(eq(opportunityAssets.opportunityId, o!.id));
    expect(links).toHaveLength(1);
  });
});

describe('updates', () => {
  it('updates only the rows that changed: version + 1 and one outbox row each; the rest stay as they were', async () => {
    const header =
      'Codice esterno;Nome;Cognome;Comune;Professioni (ESCO);Condizione occupazionale;Mobilità (km)';
    const first = csv([
      header,
      'U-1;Ada;Neri;Genova;welder;Disoccupato;30',
      'U-2;Bea;Blu;Genova;welder;Disoccupato;30',
    ]);
    expect(
      (await importFile(t, operator, { entity: 'profiles', dryRun: 'false' }, first)).counts,
    ).toMatchObject({ create: 2 });
    // The desk recorded years of experience through the API meanwhile; the file does not carry them.
    const [u2] = await db().select().from(profiles).where(eq(profiles.externalRef, 'U-2'));
    await db().update(profileOccupations).set({ years: 12 }).where(eq(profileOccupations.profileId, u2!.id));
    const before = await outboxCount();
    const second = csv([
      header,
      'U-1;Ada;Neri;Genova;welder;Disoccupato;30',
      'U-2;Bea;Blu;Marseille;welder;Cassa integrazione;45',
    ]);
    const dry = await importFile(t, operator, { entity: 'profiles' }, second);
    expect(dry.counts).toMatchObject({ create: 0, update: 1, unchanged: 1 });
    const job = await importFile(t, operator, { entity: 'profiles', dryRun: 'false' }, second);
    expect(job.counts).toMatchObject({ create: 0, update: 1, unchanged: 1 });
    const rows = await db().select().from(profiles).where(eq(profiles.deskId, deskId));
    expect(rows.find((p) => p.externalRef === 'U-1')).toMatchObject({ version: 1 });
    expect(rows.find((p) => p.externalRef === 'U-2')).toMatchObject({
      version: 2,
      municipalityCountry: 'FR',
      employmentStatus: 'furloughed',
      mobilityKm: 45,
    });
    expect(await outboxCount()).toBe(before + 1);
    // The profile keeps its years of experience: the file names the same occupation again.
    const api = await t.call(operator, {
      method: 'GET',
      url: `/api/v1/profiles/${rows.find((p) => p.externalRef === 'U-2')!.id}`,
    });
    expect(api.json().occupations).toEqual([{ uri: ESCO.welder, years: 12 }]);
  });

  it('refuses records of another desk', async () => {
    const other: Caller = { role: 'operator', deskId: (await makeDesk(db())).id };
    const file = csv([
      'Numero di inventario;Titolo;Tipo;Comune;Disponibilità;Categoria',
      'OPP-A1;Preso;capannone;Genova;vendita;magazzino',
    ]);
    const job = await importFile(t, other, { entity: 'assets', dryRun: 'false' }, file);
    expect(job.counts).toMatchObject({ error: 1 });
    expect(job.report.items[0]).toMatchObject({ code: 'OTHER_DESK' });
  });
});
