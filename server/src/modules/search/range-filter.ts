/**
 * The range syntax of search query parameters: `min..max`, either side empty, or one value.
 *
 * Numbers travel in one canonical form: digits with an optional dot and decimals (`2.5`, `1500`,
 * `-3`). Thousands separators and decimal commas are the UI's business (it reads the user's locale
 * and normalises before building the URL): on the wire `1.500` could be 1.5 or 1500 and `1,500` could
 * be 1.5 or 1500, so the server refuses anything but the canonical form and says which form it wants.
 */
import { ValidationError } from '../../errors.js';

const CANONICAL_NUMBER = /^-?\d+(?:\.\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}/;

export type RangeValue = number | string;

function bad(field: string, reason: string): never {
  throw new ValidationError([{ path: `query.${field}`, reason }]);
}

function parseValue(field: string, type: 'number' | 'date', v: string): RangeValue {
  if (type === 'date') return DATE.test(v) ? v : bad(field, `"${v}" is not a date (YYYY-MM-DD)`);
  if (!CANONICAL_NUMBER.test(v)) {
    const hint = /^-?[\d.,\s]+$/.test(v)
      ? ': write decimals with a dot and no thousands separators (e.g. 1500 or 2.5)'
      : '';
    bad(field, `"${v}" is not a number${hint}`);
  }
  return Number(v);
}

/** Splits on the first `..` that is not part of a number, then checks both sides and their order. */
export function parseRange(
  field: string,
  type: 'number' | 'date',
  raw: string,
): { min?: RangeValue; max?: RangeValue } {
  const at = raw.indexOf('..');
  if (at === -1) {
    const v = parseValue(field, type, raw.trim());
    return { min: v, max: v };
  }
  const minRaw = raw.slice(0, at).trim();
  const maxRaw = raw.slice(at + 2).trim();
  if (maxRaw.includes('..')) bad(field, 'a range has one "..", as in min..max');
  const min = minRaw ? parseValue(field, type, minRaw) : undefined;
  const max = maxRaw ? parseValue(field, type, maxRaw) : undefined;
  if (min !== undefined && max !== undefined && min > max)
    bad(field, `the minimum (${minRaw}) is greater than the maximum (${maxRaw})`);
  return { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
}
