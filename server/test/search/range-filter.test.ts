import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors.js';
import { parseRange } from '../../src/modules/search/range-filter.js';

function reason(field: string, type: 'number' | 'date', raw: string): string {
  try {
    parseRange(field, type, raw);
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    const d = (e as ValidationError).details[0]!;
    expect(d.path).toBe(`query.${field}`);
    return d.reason;
  }
  throw new Error(`${raw} was accepted`);
}

describe('range filter syntax', () => {
  it('reads canonical decimals with a dot on either side', () => {
    expect(parseRange('craneTonnage', 'number', '2.5..')).toEqual({ min: 2.5 });
    expect(parseRange('craneTonnage', 'number', '..12.75')).toEqual({ max: 12.75 });
    expect(parseRange('coveredAreaM2', 'number', '1500..3000')).toEqual({ min: 1500, max: 3000 });
    expect(parseRange('year', 'number', '2010')).toEqual({ min: 2010, max: 2010 });
  });

  it('reads ISO dates, time included', () => {
    expect(parseRange('availableUntil', 'date', '2026-01-01..2026-12-31T00:00:00.000Z')).toEqual({
      min: '2026-01-01',
      max: '2026-12-31T00:00:00.000Z',
    });
  });

  it('refuses locale forms and says how to write the number', () => {
    expect(reason('coveredAreaM2', 'number', '1.500,5..')).toMatch(/not a number: write decimals with a dot/);
    expect(reason('craneTonnage', 'number', '2,5..')).toMatch(/"2,5" is not a number/);
    expect(reason('craneTonnage', 'number', 'abc..')).toMatch(/^"abc" is not a number$/);
  });

  it('refuses a minimum above the maximum, naming both', () => {
    expect(reason('coveredAreaM2', 'number', '5000..3000')).toMatch(
      /minimum \(5000\) is greater than the maximum \(3000\)/,
    );
    expect(reason('availableUntil', 'date', '2027-01-01..2026-01-01')).toMatch(/greater than the maximum/);
  });
});
