import { describe, expect, it } from 'vitest';
import {
  assertErrorRate,
  createRowConverter,
  ISSUE_MESSAGES,
  LANGS,
  matchHeaders,
  openTable,
  type ConvertedRow,
} from '../../src/files/index.js';
import { expectCode, fixture } from './helpers.js';

function importAll(name: string, entity: 'assets' | 'profiles', override = {}) {
  const table = openTable(fixture(name), name);
  const match = matchHeaders(entity, table.header.labels, override);
  const convert = createRowConverter(match, { decimal: table.delimiter === ';' ? ',' : undefined });
  const rows: ConvertedRow[] = [];
  for (const row of table.rows) rows.push(convert(row));
  return { table, match, rows };
}

describe('converting the Windows-1252 semicolon CSV', () => {
  it('reads decimal commas, thousands separators, IT/FR dates, booleans and accents', () => {
    const { table, match, rows } = importAll('assets-it-win1252.csv', 'assets');
    expect(table.encoding).toBe('windows-1252');
    expect(match.unknown).toEqual([]);
    expect(rows.flatMap((r) => r.issues)).toEqual([]);
    expect(rows.map((r) => ({ ...r.record }))).toEqual([
      {
        inventoryNumber: 'INV-001',
        title: 'Capannone Forlì – area portuale',
        kind: 'building',
        municipality: 'La Spezia',
        coveredAreaM2: 1850.5,
        heightM: 9.5,
        priceEur: 450000,
        availableFrom: '2026-12-31',
        quayAccess: true,
        description: 'Carroponte 20 t, "banchina" privata',
      },
      {
        inventoryNumber: 'INV-002',
        title: 'Entrepôt à Marseille',
        kind: 'building',
        municipality: 'Marseille',
        coveredAreaM2: 2400.75,
        heightM: 12,
        availableFrom: '2027-02-01',
        quayAccess: true,
        description: 'Accès quai, tirant d’eau 6,5 m',
      },
      {
        inventoryNumber: 'INV-003',
        title: 'Tornio parallelo Saimp',
        kind: 'machine',
        municipality: 'Sestri Levante',
        priceEur: 12500,
        availableFrom: '2026-03-15',
        quayAccess: false,
        description: 'Revisionato; pronto all’uso',
      },
      {
        inventoryNumber: 'INV-004',
        title: 'Gru a cavalletto Niccolò',
        kind: 'equipment',
        municipality: 'Olbia',
        coveredAreaM2: 0.5,
        priceEur: 1234.5,
        availableFrom: '2026-06-15',
        quayAccess: true,
        description: 'Età: 12 anni — œuvre',
      },
    ]);
    expect(rows.map((r) => r.rowNumber)).toEqual([2, 3, 4, 5]);
  });
});

describe('a CSV with 10% bad rows', () => {
  const { rows } = importAll('profiles-10pct-bad.csv', 'profiles');
  const bad = rows.filter((r) => r.issues.length > 0);

  it('reports exactly the 10 bad rows, each with its row, column, value and reason', () => {
    expect(rows).toHaveLength(100);
    expect(
      bad.map((r) => {
        const i = r.issues[0]!;
        return [r.rowNumber, i.column?.letter, i.column?.header, i.field, i.value, i.code];
      }),
    ).toEqual([
      [8, 'D', 'E-mail', 'email', 'not-an-email', 'EMAIL_INVALID'],
      [16, 'F', 'Livello EQF', 'eqfLevel', '9', 'NUMBER_OUT_OF_RANGE'],
      [24, 'C', 'Cognome', 'lastName', undefined, 'REQUIRED'],
      [32, 'G', 'Mobilità (km)', 'mobilityKm', 'trenta', 'NUMBER_INVALID'],
      [43, 'H', 'Disponibile dal', 'availableFrom', '31/02/2026', 'DATE_INVALID'],
      [51, 'I', 'Lingue (QCER)', 'languages', 'Klingon B2', 'LANGUAGE_INVALID'],
      [62, 'I', 'Lingue (QCER)', 'languages', 'Inglese Z9', 'CEFR_INVALID'],
      [75, 'A', 'Codice esterno', 'externalRef', undefined, 'REQUIRED'],
      [89, 'F', 'Livello EQF', 'eqfLevel', '4.5', 'INTEGER_EXPECTED'],
      [98, 'E', 'Comune', 'municipality', undefined, 'REQUIRED'],
    ]);
    expect(bad.every((r) => r.issues.length === 1)).toBe(true);
  });

  it('gives every reason in Italian, French and English', () => {
    for (const issue of bad.flatMap((r) => r.issues)) {
      for (const lang of LANGS) expect(issue.message[lang]).toBe(ISSUE_MESSAGES[issue.code][lang]);
    }
  });

  it('parses the good rows fully', () => {
    expect({ ...rows[0]!.record }).toEqual({
      externalRef: 'P-0001',
      firstName: 'Nome1',
      lastName: 'Cognome1',
      email: 'p1@example.org',
      municipality: 'Genova',
      eqfLevel: 4,
      mobilityKm: 1,
      availableFrom: '2026-03-01',
      languages: [
        { language: 'it', level: 'C2' },
        { language: 'fr', level: 'B1' },
      ],
    });
  });

  it('accepts 10% errors but refuses the file above the configured rate', () => {
    expect(() => assertErrorRate(bad.length, rows.length, 0.1)).not.toThrow();
    expectCode(() => assertErrorRate(bad.length, rows.length, 0.05), 'FILE_TOO_MANY_BAD_ROWS');
  });
});

describe('prototype pollution through headers (D5)', () => {
  it.each(['proto-headers.csv', 'proto-headers.xlsx'])('%s cannot pollute Object.prototype', (name) => {
    const override = { ['__proto__']: 'polluted', constructor: 'title', prototype: null } as Record<
      string,
      string | null
    >;
    for (const o of [{}, override, JSON.parse('{"__proto__": "title"}') as Record<string, string>]) {
      const { match, rows } = importAll(name, 'assets', o);
      expect(match.columns.slice(0, 3).every((c) => c.field === null || c.field === 'title')).toBe(true);
      const record = rows[0]!.record;
      expect(Object.getPrototypeOf(record)).toBeNull();
      expect(record.inventoryNumber).toBe('PP-1');
    }
    const empty = {} as Record<string, unknown>;
    expect(empty.polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(typeof ({} as { constructor: unknown }).constructor).toBe('function');
  });
});
