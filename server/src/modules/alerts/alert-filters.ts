import { fieldSpec, type IndexName } from '../../search/documents.js';
import type { Filter, SearchQuery } from '../../search/search.port.js';
import { fold, haversineKm, parseQuery } from '../../search/text.js';

type Doc = Record<string, unknown>;
type Test = (record: PreparedRecord) => boolean;

/** Folded as the engine folds; memoised, since the same few thousand values are folded for every record. */
const folded = new Map<string, string>();
export function foldKey(value: unknown): string {
  const raw = String(value);
  let k = folded.get(raw);
  if (k === undefined) {
    if (folded.size > 100_000) folded.clear();
    k = fold(raw);
    folded.set(raw, k);
  }
  return k;
}

/** A number or date as the embedded engine stores it (search/embedded/inverted-index.ts `dateValue`). */
function numeric(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return Date.parse(v);
  return Number.NaN;
}

/**
 * A changed record as the compiled tests read it: each field parsed (a date) or folded (keywords) once,
 * however many saved searches test it. A record of a broad batch meets a few hundred searches, and
 * parsing its dates again for each one was most of the evaluation's time (the alerts benchmark).
 */
export class PreparedRecord {
  private readonly numbers = new Map<string, number>();
  private readonly keywords = new Map<string, ReadonlySet<string>>();
  constructor(readonly doc: Doc) {}

  /** The field as a number (a date as milliseconds); NaN when missing, which no range holds. */
  number(field: string): number {
    let n = this.numbers.get(field);
    if (n === undefined) {
      const v = this.doc[field];
      n = v === undefined || v === null ? Number.NaN : numeric(v);
      this.numbers.set(field, n);
    }
    return n;
  }

  /** The field's keyword values, folded; any element of an array. */
  keys(field: string): ReadonlySet<string> {
    let keys = this.keywords.get(field);
    if (keys === undefined) {
      const raw = this.doc[field];
      const set = new Set<string>();
      if (raw !== undefined && raw !== null)
        for (const v of Array.isArray(raw) ? raw : [raw])
          if (typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number') set.add(foldKey(v));
      keys = set;
      this.keywords.set(field, keys);
    }
    return keys;
  }
}

/**
 * One filter as a test on a record, with the embedded engine's semantics (inverted-index.ts `predicate`
 * and how it stores a document): keywords folded, any element of an array, a missing value never
 * matching a range; or undefined for what only the engine decides.
 */
function compileFilter(index: IndexName, f: Filter): Test | undefined {
  if (f.op === 'geoRadius') {
    const { lat, lon, km } = f;
    if (![lat, lon, km].every(Number.isFinite) || km < 0) return undefined;
    return ({ doc }) => {
      const loc = doc.location as { lat?: unknown; lon?: unknown } | undefined;
      if (!loc || typeof loc.lat !== 'number' || typeof loc.lon !== 'number') return false;
      return haversineKm(lat, lon, loc.lat, loc.lon) <= km;
    };
  }
  if (f.op === 'geoBox' || !f.field) return undefined;
  const field = f.field;
  const spec = fieldSpec(index, field);
  if (!spec?.filter) return undefined;
  if (field === 'id') {
    if (f.op === 'range') return undefined;
    const wanted = new Set((f.op === 'eq' ? [f.value] : f.values).map(String));
    return ({ doc }) => wanted.has(String(doc.id));
  }
  if (spec.type === 'number' || spec.type === 'date') {
    if (f.op === 'range') {
      const min = f.min === undefined ? -Infinity : numeric(f.min);
      const max = f.max === undefined ? Infinity : numeric(f.max);
      if (Number.isNaN(min) || Number.isNaN(max)) return undefined;
      return (record) => {
        const v = record.number(field);
        return v >= min && v <= max;
      };
    }
    const values = (f.op === 'eq' ? [f.value] : f.values).map((v) =>
      numeric(typeof v === 'boolean' ? Number(v) : v),
    );
    return (record) => values.includes(record.number(field));
  }
  if ((spec.type !== 'keyword' && spec.type !== 'boolean') || f.op === 'range') return undefined;
  const wanted = new Set((f.op === 'eq' ? [f.value] : f.values).map(foldKey));
  return (record) => {
    const keys = record.keys(field);
    if (keys.size <= wanted.size) {
      for (const k of keys) if (wanted.has(k)) return true;
      return false;
    }
    for (const w of wanted) if (keys.has(w)) return true;
    return false;
  };
}

/**
 * A saved search's filters compiled once, as a test on a changed record. `exact` says the test alone
 * decides, as the engine would: no words to match, no travel time, and every filter one whose engine
 * semantics are mirrored here. `words`: the filters are exact and only the text is left to the engine. Otherwise the test is a necessary condition (it drops only records the
 * engine would drop) and the engine confirms. The alerts' reference test (alert-matcher.reference.test)
 * checks both against the engine on random searches and records.
 */
export function compileSearch(
  index: IndexName,
  query: SearchQuery,
  hasTravel: boolean,
): { test: Test; exact: boolean; words: string | undefined } {
  const tests: Test[] = [];
  let filtersExact = !hasTravel;
  for (const f of query.filters ?? []) {
    const test = compileFilter(index, f);
    if (test) tests.push(test);
    else filtersExact = false;
  }
  const hasWords = parseQuery(query.q).words.length > 0;
  const test: Test =
    tests.length === 0
      ? () => true
      : tests.length === 1
        ? tests[0]!
        : (record) => {
            for (const t of tests) if (!t(record)) return false;
            return true;
          };
  return {
    test,
    exact: filtersExact && !hasWords,
    // Words with otherwise exact filters: the engine's text match is the only part left to it, and it does
    // not depend on the filters (inverted-index.ts matches the text, then applies the filters).
    words: filtersExact && hasWords ? query.q : undefined,
  };
}
