import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildFilter, quote } from '../../src/search/meili-filter.js';
import { SearchQueryError } from '../../src/search/search.port.js';

/** Reads one double-quoted Meilisearch literal (escapes `\\` and `\"`) and returns it and the rest. */
function readLiteral(s: string): { value: string; rest: string } {
  expect(s[0]).toBe('"');
  let value = '';
  for (let i = 1; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\') {
      const next = s[i + 1];
      expect(next === '\\' || next === '"').toBe(true);
      value += next;
      i++;
    } else if (c === '"') {
      return { value, rest: s.slice(i + 1) };
    } else value += c;
  }
  throw new Error(`unterminated literal: ${s}`);
}

describe('Meilisearch filter builder', () => {
  it('quotes any string into one well-formed literal that reads back unchanged', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const { value, rest } = readLiteral(quote(s));
        expect(value).toBe(s);
        expect(rest).toBe('');
      }),
      { numRuns: 500 },
    );
  });

  it('keeps any user value inside the literal of an equality filter', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const { expressions } = buildFilter('assets', [{ field: 'deskId', op: 'eq', value: s }]);
        expect(expressions).toHaveLength(1);
        const expr = expressions[0]!;
        expect(expr.startsWith('deskId = ')).toBe(true);
        const { value, rest } = readLiteral(expr.slice('deskId = '.length));
        expect(value).toBe(s);
        expect(rest).toBe('');
      }),
      { numRuns: 500 },
    );
  });

  it('leaves injection payloads literal', () => {
    const payloads = [
      'x" OR deskId != "t1',
      'x\\" OR deskId != \\"t1',
      "x' OR deskId != 't1",
      't1") OR (1 = 1',
    ];
    for (const p of payloads) {
      const { expressions } = buildFilter('assets', [{ field: 'deskId', op: 'eq', value: p }]);
      const { value, rest } = readLiteral(expressions[0]!.slice('deskId = '.length));
      expect(value).toBe(p);
      expect(rest).toBe('');
    }
    expect(
      buildFilter('assets', [{ field: 'deskId', op: 'eq', value: 'x" OR deskId != "t1' }]).expressions,
    ).toEqual(['deskId = "x\\" OR deskId != \\"t1"']);
  });

  it('accepts only allowlisted, filterable attributes', () => {
    for (const field of [
      'title',
      'name',
      'email',
      'deskId = "t1" OR x',
      '_geo',
      'constructor',
      '__proto__',
    ]) {
      expect(() => buildFilter('assets', [{ field, op: 'eq', value: 'x' }])).toThrow(SearchQueryError);
    }
    expect(() => buildFilter('profiles', [{ field: 'name', op: 'eq', value: 'x' }])).toThrow(
      SearchQueryError,
    );
  });

  it('builds in, ranges, dates, booleans and geo with numbers only', () => {
    expect(
      buildFilter('assets', [
        { field: 'availability', op: 'in', values: ['sale', 'lease'] },
        { field: 'coveredAreaM2', op: 'range', min: 1500 },
        { field: 'availableUntil', op: 'range', max: '2027-01-01T00:00:00.000Z' },
        { field: 'quayAccess', op: 'eq', value: true },
        { op: 'geoRadius', lat: 44.4, lon: 8.9, km: 30 },
        { op: 'geoBox', topLeft: { lat: 44.5, lon: 8.8 }, bottomRight: { lat: 44.3, lon: 9 } },
      ]).expressions,
    ).toEqual([
      'availability IN ["sale", "lease"]',
      'coveredAreaM2 >= 1500',
      'availableUntilTs <= 1798761600000',
      'quayAccess = true',
      '_geoRadius(44.4, 8.9, 30000)',
      '_geoBoundingBox([44.5, 9], [44.3, 8.8])',
    ]);
  });

  it('rejects non-finite numbers and unparseable dates', () => {
    expect(() => buildFilter('assets', [{ field: 'year', op: 'range', min: Number.NaN }])).toThrow(
      SearchQueryError,
    );
    expect(() => buildFilter('assets', [{ field: 'year', op: 'range', min: '1 OR 1=1' }])).toThrow(
      SearchQueryError,
    );
    expect(() => buildFilter('assets', [{ field: 'availableUntil', op: 'range', min: 'soon' }])).toThrow(
      SearchQueryError,
    );
    expect(() => buildFilter('assets', [{ op: 'geoRadius', lat: Infinity, lon: 0, km: 1 }])).toThrow(
      SearchQueryError,
    );
  });

  it('reports an empty in-list as matching nothing', () => {
    expect(buildFilter('assets', [{ field: 'availability', op: 'in', values: [] }]).empty).toBe(true);
  });
});
