import { describe, expect, it } from 'vitest';
import {
  excelSerialToIso,
  inferDecimalSeparator,
  parseBoolean,
  parseDate,
  parseEmail,
  parseEnum,
  parseLanguageLevels,
  parseList,
  parseNumber,
  parsePhone,
  ASSET_KINDS,
  type RawValue,
} from '../../src/files/index.js';

describe('parseNumber', () => {
  it.each<[RawValue, ',' | '.' | undefined, number]>([
    ['1.234,5', undefined, 1234.5],
    ['1 234,5', undefined, 1234.5],
    ['1\u00a0234,5', undefined, 1234.5],
    ['1\u202f234,5', undefined, 1234.5],
    ['1,234.5', undefined, 1234.5],
    ['1.234.567', undefined, 1234567],
    ['1,234,567.89', undefined, 1234567.89],
    ['12,5', undefined, 12.5],
    ['0,123', undefined, 0.123],
    ['12.25', undefined, 12.25],
    ['-3', undefined, -3],
    ['+7', undefined, 7],
    ['€ 1.200,00', undefined, 1200],
    ['450.000 €', ',', 450000],
    ['1,234', ',', 1.234],
    ['1,234', '.', 1234],
    ['1.234', ',', 1234],
    ['1.234', '.', 1.234],
    ['1,5e3', undefined, 1500],
    ['2E-2', undefined, 0.02],
    [42, undefined, 42],
    ['-0', undefined, 0],
  ])('reads %j (decimal %s) as %d', (raw, decimal, expected) => {
    expect(parseNumber(raw, { decimal })).toEqual({ ok: true, value: expected });
  });

  it.each<[RawValue, string]>([
    ['1,234', 'NUMBER_AMBIGUOUS'],
    ['1.234', 'NUMBER_AMBIGUOUS'],
    ['abc', 'NUMBER_INVALID'],
    ['1.2.3', 'NUMBER_INVALID'],
    ['12.34.567', 'NUMBER_INVALID'],
    ['1.23,4.5', 'NUMBER_INVALID'],
    ['', 'NUMBER_INVALID'],
    [true, 'NUMBER_INVALID'],
    [Number.NaN, 'NUMBER_INVALID'],
    ['1 500 m²', 'NUMBER_INVALID'],
  ])('rejects %j with %s', (raw, code) => {
    expect(parseNumber(raw)).toEqual({ ok: false, code });
  });

  it('checks integers and ranges', () => {
    expect(parseNumber('4,5', { integer: true })).toEqual({ ok: false, code: 'INTEGER_EXPECTED' });
    expect(parseNumber('9', { min: 1, max: 8 })).toEqual({ ok: false, code: 'NUMBER_OUT_OF_RANGE' });
    expect(parseNumber('8', { integer: true, min: 1, max: 8 })).toEqual({ ok: true, value: 8 });
  });

  it('infers the decimal separator from a column sample', () => {
    expect(inferDecimalSeparator(['1.234', '12,5', '3'])).toBe(',');
    expect(inferDecimalSeparator(['1,234', '12.5'])).toBe('.');
    expect(inferDecimalSeparator(['1.234,5'])).toBe(',');
    expect(inferDecimalSeparator(['1,234.5'])).toBe('.');
    expect(inferDecimalSeparator(['1.234', '2,345', 7])).toBeUndefined();
  });
});

describe('parseDate', () => {
  it.each<[RawValue, string]>([
    ['31/12/2026', '2026-12-31'],
    ['31-12-2026', '2026-12-31'],
    ['31.12.2026', '2026-12-31'],
    ['1/2/2026', '2026-02-01'],
    ['01/02/26', '2026-02-01'],
    ['31/12/2026 10:30', '2026-12-31'],
    ['2026-12-31', '2026-12-31'],
    ['2026-12-31T10:30:00Z', '2026-12-31'],
    ['2026/12/31', '2026-12-31'],
    [46387, '2026-12-31'],
    [46387.75, '2026-12-31'],
    ['46387', '2026-12-31'],
    ['29/02/2028', '2028-02-29'],
  ])('reads %j as %s', (raw, expected) => {
    expect(parseDate(raw)).toEqual({ ok: true, value: expected });
  });

  it.each<RawValue>(['31/02/2026', '12/31/2026', '2026-13-01', 'domani', '', 2026, true, '29/02/2027'])(
    'rejects %j',
    (raw) => {
      expect(parseDate(raw)).toEqual({ ok: false, code: 'DATE_INVALID' });
    },
  );

  it('converts Excel serials in both date systems, including the 1900 leap-year bug', () => {
    expect(excelSerialToIso(1)).toBe('1900-01-01');
    expect(excelSerialToIso(59)).toBe('1900-02-28');
    expect(excelSerialToIso(61)).toBe('1900-03-01');
    expect(excelSerialToIso(45658)).toBe('2025-01-01');
    expect(excelSerialToIso(45658.5)).toBe('2025-01-01T12:00:00');
    expect(excelSerialToIso(0, true)).toBe('1904-01-01');
    expect(parseDate(44196, { date1904: true })).toEqual({ ok: true, value: '2025-01-01' });
  });
});

describe('parseBoolean', () => {
  it.each<[RawValue, boolean]>([
    ['sì', true],
    ['SI', true],
    ['Oui', true],
    ['yes', true],
    ['x', true],
    ['X', true],
    ['1', true],
    [1, true],
    [true, true],
    ['VERO', true],
    ['VRAI', true],
    ['✓', true],
    ['no', false],
    ['Non', false],
    ['0', false],
    [0, false],
    ['FALSO', false],
    ['faux', false],
  ])('reads %j as %s', (raw, expected) => {
    expect(parseBoolean(raw)).toEqual({ ok: true, value: expected });
  });

  it('rejects anything else', () => {
    expect(parseBoolean('forse')).toEqual({ ok: false, code: 'BOOLEAN_INVALID' });
    expect(parseBoolean(2)).toEqual({ ok: false, code: 'BOOLEAN_INVALID' });
  });
});

describe('lists, enums, languages, contacts', () => {
  it('splits lists on ; and | and newlines, trimming and de-duplicating', () => {
    expect(parseList('saldatura TIG; carpenteria | saldatura TIG ;; ')).toEqual({
      ok: true,
      value: ['saldatura TIG', 'carpenteria'],
    });
    expect(parseList('a, b')).toEqual({ ok: true, value: ['a, b'] });
    expect(parseList(Array.from({ length: 101 }, (_, i) => i).join(';'))).toEqual({
      ok: false,
      code: 'LIST_TOO_LONG',
    });
  });

  it('matches enum codes and labels in any language, accent- and case-insensitively', () => {
    expect(parseEnum('Capannone', ASSET_KINDS)).toEqual({ ok: true, value: 'building' });
    expect(parseEnum('BÂTIMENT', ASSET_KINDS)).toEqual({ ok: true, value: 'building' });
    expect(parseEnum('machine', ASSET_KINDS)).toEqual({ ok: true, value: 'machine' });
    expect(parseEnum('astronave', ASSET_KINDS)).toEqual({ ok: false, code: 'ENUM_INVALID' });
  });

  it('reads languages with CEFR levels in IT/FR/EN forms', () => {
    expect(parseLanguageLevels('Italiano C2; fr:B1 | anglais (B2) | EN-a2 | Inglese madrelingua')).toEqual({
      ok: true,
      value: [
        { language: 'it', level: 'C2' },
        { language: 'fr', level: 'B1' },
        { language: 'en', level: 'B2' },
        { language: 'en', level: 'A2' },
        { language: 'en', level: 'C2' },
      ],
    });
    expect(parseLanguageLevels('Klingon B2')).toEqual({ ok: false, code: 'LANGUAGE_INVALID' });
    expect(parseLanguageLevels('Inglese Z9')).toEqual({ ok: false, code: 'CEFR_INVALID' });
  });

  it('normalises e-mails and phone numbers', () => {
    expect(parseEmail(' Giulia.Rossi@Example.ORG ')).toEqual({ ok: true, value: 'giulia.rossi@example.org' });
    expect(parseEmail('not-an-email')).toEqual({ ok: false, code: 'EMAIL_INVALID' });
    expect(parsePhone('+39 0187 12.34-56')).toEqual({ ok: true, value: '+390187123456' });
    expect(parsePhone('=cmd')).toEqual({ ok: false, code: 'PHONE_INVALID' });
  });
});
