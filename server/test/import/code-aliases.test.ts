// Issue 14: the files layer names values with the domain's codes. A file written with the domain's codes,
// one written with the old short file codes ("nautical", "wbo", "poor", "loan", "startup", "spinoff",
// "temporary") and one written in words must store the same rows.
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assets, needs, opportunities, profiles } from '../../src/db/schema.js';
import { partitaIvaCheckDigit } from '../../src/lib/identifiers.js';
import { createTestApp, type Caller, type TestApp } from '../helpers/app.js';
import { makeDesk } from '../helpers/factories.js';
import { importFile } from './helpers.js';

let t: TestApp;
let operator: Caller;
const vat = `0987654321${partitaIvaCheckDigit('0987654321')}`;

beforeAll(async () => {
  t = await createTestApp();
  const deskId = (await makeDesk(t.database.handle.db)).id;
  operator = { role: 'operator', deskId };
});
afterAll(() => t?.close());

const db = () => t.database.handle.db;
const csv = (lines: string[]) => ({ name: 'f.csv', bytes: Buffer.from(lines.join('\r\n') + '\r\n', 'utf8') });

async function imported(entity: string, lines: string[]) {
  const job = await importFile(t, operator, { entity, dryRun: 'false' }, csv(lines));
  expect(job.counts, JSON.stringify(job.report.items)).toMatchObject({ create: lines.length - 1, error: 0 });
}

describe('old file codes, domain codes and words import identically', () => {
  it('assets: condition and availability', async () => {
    const header = 'Inventory number;Title;Kind;Category;Condition;Municipality;Availability';
    await imported('assets', [
      header,
      'ALIAS-OLD-1;Gru;machine;lifting_cranes;poor;La Spezia;loan',
      'ALIAS-OLD-2;Tornio;machine;machine_tools;parts;La Spezia;sale',
    ]);
    await imported('assets', [
      header,
      'ALIAS-NEW-1;Gru;machine;lifting_cranes;needs_repair;La Spezia;free_loan',
      'ALIAS-NEW-2;Tornio;machine;machine_tools;for_parts;La Spezia;sale',
    ]);
    await imported('assets', [
      header,
      'ALIAS-WORD-1;Gru;Machine;Lifting and cranes;Needs repair;La Spezia;Free loan',
      'ALIAS-WORD-2;Tornio;Machine;Machine tools;For parts;La Spezia;Sale',
    ]);
    const rows = await db()
      .select()
      .from(assets)
      .where(inArray(assets.inventoryNumber, ['ALIAS-OLD-1', 'ALIAS-NEW-1', 'ALIAS-WORD-1']));
    const pick = (r: (typeof rows)[number]) => [r.condition, r.availability];
    expect(rows).toHaveLength(3);
    for (const r of rows) expect(pick(r)).toEqual(['needs_repair', 'free_loan']);
    const second = await db()
      .select()
      .from(assets)
      .where(inArray(assets.inventoryNumber, ['ALIAS-OLD-2', 'ALIAS-NEW-2', 'ALIAS-WORD-2']));
    expect(second).toHaveLength(3);
    for (const r of second) expect(pick(r)).toEqual(['for_parts', 'sale']);
  });

  it('profiles: desired paths and supply chains', async () => {
    const header =
      'External reference;First name;Last name;Municipality;Employment status;Desired paths;Supply chains';
    await imported('profiles', [
      header,
      'ALIAS-P-OLD;Anna;Rossi;La Spezia;Unemployed;wbo | startup | spinoff;tourism | biotech',
    ]);
    await imported('profiles', [
      header,
      'ALIAS-P-NEW;Anna;Rossi;La Spezia;Unemployed;workers_buy_out | start_up | spin_off;sustainable_tourism | blue_green_biotech',
    ]);
    const rows = await db()
      .select()
      .from(profiles)
      .where(inArray(profiles.externalRef, ['ALIAS-P-OLD', 'ALIAS-P-NEW']));
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect([...r.desiredPaths].sort()).toEqual(['spin_off', 'start_up', 'workers_buy_out']);
      expect([...r.supplyChains].sort()).toEqual(['blue_green_biotech', 'sustainable_tourism']);
    }
  });

  it('opportunities: kind; needs: an agency-work or internship contract is "other"', async () => {
    const header = 'External reference;Title;Opportunity type;Municipality';
    await imported('opportunities', [header, 'ALIAS-O-OLD;Nuova impresa;startup;Genova']);
    await imported('opportunities', [header, 'ALIAS-O-NEW;Nuova impresa;start_up;Genova']);
    const opps = await db()
      .select()
      .from(opportunities)
      .where(inArray(opportunities.externalRef, ['ALIAS-O-OLD', 'ALIAS-O-NEW']));
    expect(opps.map((o) => o.kind)).toEqual(['start_up', 'start_up']);

    await imported('firms', [
      'VAT / SIRET;Company name;NACE code;Municipality',
      `${vat};Officine Alias;30.11;La Spezia`,
    ]);
    const needHeader =
      'External reference;Firm VAT / SIRET;Need type;Title;Occupation (ESCO);Contract type;Municipality';
    await imported('needs', [
      needHeader,
      `ALIAS-N-1;${vat};Job;Saldatore;welder;temporary;La Spezia`,
      `ALIAS-N-2;${vat};Job;Saldatore;welder;Internship;La Spezia`,
      `ALIAS-N-3;${vat};Job;Saldatore;welder;other;La Spezia`,
    ]);
    const rows = await db().select().from(needs).where(eq(needs.title, 'Saldatore'));
    expect(rows.map((n) => n.contractType)).toEqual(['other', 'other', 'other']);
  });
});
