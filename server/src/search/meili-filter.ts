/**
 * The only way a Meilisearch filter is built (C9). Attribute names come from the index allowlist
 * (`documents.ts`, filterable fields) and must look like identifiers; string values are always emitted
 * as double-quoted literals with `\` and `"` escaped (Meilisearch ≥ 1.4 unescapes exactly these two inside
 * a quoted value; a `'` inside a double-quoted literal is an ordinary character); numbers must be finite
 * and are printed by JavaScript, never copied from user text. User text is never concatenated.
 */
import type { IndexName } from './documents.js';
import { fieldSpec } from './documents.js';
import type { Filter, FilterScalar } from './search.port.js';
import { SearchQueryError } from './search.port.js';

const IDENTIFIER = /^[A-Za-z][A-Za-z0-9]*$/;

/** Meilisearch cannot range-filter strings: date fields are also stored as epoch milliseconds here. */
export function dateAttribute(field: string): string {
  return `${field}Ts`;
}

/** A double-quoted Meilisearch string literal for any string. */
export function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function finite(n: number, what: string): string {
  if (typeof n !== 'number' || !Number.isFinite(n))
    throw new SearchQueryError(`${what} must be a finite number`);
  return String(n);
}

function dateMillis(v: number | string, field: string): string {
  const ms = typeof v === 'number' ? v : Date.parse(v);
  return finite(ms, `${field} bound`);
}

function literal(v: FilterScalar): string {
  if (typeof v === 'string') return quote(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return finite(v, 'value');
}

export interface BuiltFilter {
  /** Expressions ANDed by Meilisearch (the array form of `filter`). */
  expressions: string[];
  /** A filter that can match nothing (`in` with no values): skip the engine. */
  empty: boolean;
}

export function buildFilter(index: IndexName, filters: readonly Filter[]): BuiltFilter {
  const expressions: string[] = [];
  let empty = false;
  for (const f of filters) {
    if (f.op === 'geoRadius') {
      if (!(f.km >= 0)) throw new SearchQueryError('radius must be ≥ 0');
      const meters = finite(Math.round(f.km * 1000 * 1000) / 1000, 'radius');
      expressions.push(`_geoRadius(${finite(f.lat, 'lat')}, ${finite(f.lon, 'lon')}, ${meters})`);
      continue;
    }
    if (f.op === 'geoBox') {
      // Meilisearch takes the north-east corner, then the south-west one.
      const ne = `[${finite(f.topLeft.lat, 'lat')}, ${finite(f.bottomRight.lon, 'lon')}]`;
      const sw = `[${finite(f.bottomRight.lat, 'lat')}, ${finite(f.topLeft.lon, 'lon')}]`;
      expressions.push(`_geoBoundingBox(${ne}, ${sw})`);
      continue;
    }
    const spec = fieldSpec(index, f.field);
    if (!spec?.filter || !IDENTIFIER.test(f.field)) {
      throw new SearchQueryError(`${index}: ${String(f.field)} is not filterable`);
    }
    const isDate = spec.type === 'date';
    const attr = isDate ? dateAttribute(f.field) : f.field;
    if (f.op === 'range') {
      if (spec.type !== 'number' && !isDate) throw new SearchQueryError(`${f.field} has no ranges`);
      const bound = (v: number | string) => (isDate ? dateMillis(v, f.field) : finite(Number(v), f.field));
      if (f.min !== undefined) expressions.push(`${attr} >= ${bound(f.min)}`);
      if (f.max !== undefined) expressions.push(`${attr} <= ${bound(f.max)}`);
      if (f.min === undefined && f.max === undefined) expressions.push(`${attr} EXISTS`);
      continue;
    }
    const values = f.op === 'eq' ? [f.value] : f.values;
    if (values.length === 0) {
      empty = true;
      continue;
    }
    const lits = values.map((v) => {
      if (isDate) return dateMillis(typeof v === 'boolean' ? Number(v) : v, f.field);
      if (spec.type === 'number') return finite(Number(v), f.field);
      if (spec.type === 'boolean') return literal(v === true || v === 'true');
      return quote(String(v));
    });
    expressions.push(lits.length === 1 ? `${attr} = ${lits[0]}` : `${attr} IN [${lits.join(', ')}]`);
  }
  return { expressions, empty };
}
