/**
 * Text rules shared by every adapter (folding, words, typo budget, distance, highlights), so that the
 * embedded engine and Meilisearch agree on what "matches" means and highlights look the same.
 */
import { fold } from '../lib/text.js';
import type { FieldSpec, IndexDocument } from './documents.js';
import type { Highlight } from './search.port.js';

export const MAX_QUERY_WORDS = 10;

const WORD = /[\p{L}\p{N}]+/gu;

export { fold };

/**
 * A number glued to its unit ("20t", "400kW", "3000m²") is two words, as if written "20 t": people
 * write both, and the documents mostly hold the spaced form. Only a word that starts with digits is
 * split, so "co2", "a4" or "h24" stay whole.
 */
const NUMBER_UNIT = /^(\p{N}+)(\p{L}.*)$/u;

function splitNumberUnit(word: string): string[] {
  const m = NUMBER_UNIT.exec(word);
  return m ? [m[1]!, m[2]!] : [word];
}

/** Folded words of a text, in order. */
export function words(text: string): string[] {
  return (fold(text).match(WORD) ?? []).flatMap(splitNumberUnit);
}

/** Folded words with their UTF-16 ranges in the original text (folding keeps one folded char per base char). */
export function wordSpans(text: string): Array<{ word: string; start: number; end: number }> {
  const out: Array<{ word: string; start: number; end: number }> = [];
  const re = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;
  for (const m of text.matchAll(re)) {
    const folded = fold(m[0]);
    const unit = NUMBER_UNIT.exec(folded);
    const digits = unit ? unit[1]!.length : 0;
    // Digits fold to themselves one for one, so the split point in the folded word is the original's.
    if (unit && m[0].slice(0, digits) === unit[1]) {
      out.push({ word: unit[1]!, start: m.index, end: m.index + digits });
      out.push({ word: unit[2]!, start: m.index + digits, end: m.index + m[0].length });
    } else out.push({ word: folded, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** Meilisearch's budget: 0 typos below 5 letters, 1 from 5, 2 from 9; numbers never get typos. */
export function typoBudget(word: string): number {
  if (/^\d+$/.test(word)) return 0;
  const n = [...word].length;
  if (n >= 9) return 2;
  if (n >= 5) return 1;
  return 0;
}

/**
 * Optimal-string-alignment distance (a swap of adjacent letters counts as one), or max+1 as soon as it
 * must exceed max.
 */
export function osaDistance(a: string, b: string, max: number): number {
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  if (a === b) return 0;
  let prev2 = new Int32Array(lb + 1);
  let prev = new Int32Array(lb + 1);
  let cur = new Int32Array(lb + 1);
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1);
      const cost = ca === cb ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) {
        v = Math.min(v, prev2[j - 2]! + 1);
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return Math.min(prev[lb]!, max + 1);
}

export interface ParsedQuery {
  /** Folded words, at most MAX_QUERY_WORDS. */
  words: string[];
  /** Whether the last word may match as a prefix (the query does not end with a separator). */
  lastIsPrefix: boolean;
}

export function parseQuery(q: string | undefined): ParsedQuery {
  if (!q) return { words: [], lastIsPrefix: false };
  const all = words(q);
  const w = all.slice(0, MAX_QUERY_WORDS);
  const endsWithWord = /[\p{L}\p{N}\p{M}]$/u.test(q);
  return { words: w, lastIsPrefix: endsWithWord && all.length <= MAX_QUERY_WORDS && w.length > 0 };
}

/**
 * Ranges of the words of a text that match the query (or any synonym term the query expanded to), the
 * query prepared once for every text of a page of hits. Used by every adapter so highlights do not depend
 * on the engine. Only the first `maxChars` are read (a description can be long), plus the rest of a word
 * that crosses the limit, so that the word is judged whole.
 */
export function highlighter(
  query: ParsedQuery,
  extraTerms: ReadonlySet<string> = new Set(),
  maxChars = 300,
): (text: string) => Highlight | undefined {
  if (query.words.length === 0) return () => undefined;
  const last = query.words.length - 1;
  const all = query.words.map((w, i) => ({
    w,
    prefix: query.lastIsPrefix && i === last,
    budget: typoBudget(w),
  }));
  const significant = all.filter(({ w, prefix }) => prefix || !STOP_WORDS.has(w));
  const wanted = significant.length > 0 ? significant : all.map((q) => ({ ...q, prefix: false }));
  // A document word matches a query word under the contract: equal, a prefix of the word being typed, or
  // within the query word's typo budget.
  const matches = (word: string): boolean => {
    if (extraTerms.has(word)) return true;
    for (const q of wanted) {
      if (word === q.w || (q.prefix && word.startsWith(q.w))) return true;
      if (q.budget > 0 && osaDistance(q.w, word, q.budget) <= q.budget) return true;
    }
    return false;
  };
  return (text) => {
    const ranges: Array<{ start: number; end: number }> = [];
    for (const s of wordSpans(headOf(text, maxChars))) {
      if (s.start >= maxChars) break;
      if (matches(s.word)) ranges.push({ start: s.start, end: Math.min(s.end, maxChars) });
    }
    if (ranges.length === 0) return undefined;
    return { text: text.length > maxChars ? text.slice(0, maxChars) : text, ranges };
  };
}

/** The first `maxChars` of a text and the rest of the word that crosses that point. */
function headOf(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  let cut = maxChars;
  if (/[\uD800-\uDBFF]/.test(text[cut - 1]!)) cut++; // never split a surrogate pair
  const rest = /^[\p{L}\p{N}\p{M}]*/u.exec(text.slice(cut))![0];
  return text.slice(0, cut) + rest;
}

/** One text's highlight (a single text; a page of hits prepares the query once with `highlighter`). */
export function highlightText(
  text: string,
  query: ParsedQuery,
  extraTerms: ReadonlySet<string> = new Set(),
  maxChars = 300,
): Highlight | undefined {
  return highlighter(query, extraTerms, maxChars)(text);
}

/** A document's highlights: for each highlighted field, its first value with a match. */
export function highlightDocument(
  fields: Iterable<readonly [string, FieldSpec]>,
  doc: IndexDocument,
  highlight: (text: string) => Highlight | undefined,
): Record<string, Highlight> {
  const out: Record<string, Highlight> = {};
  const rec = doc as unknown as Record<string, unknown>;
  for (const [field, spec] of fields) {
    if (!spec.highlight) continue;
    const value = rec[field];
    for (const v of Array.isArray(value) ? value : [value]) {
      if (typeof v !== 'string') continue;
      const h = highlight(v);
      if (h) {
        out[field] = h;
        break;
      }
    }
  }
  return out;
}

/** Renders a highlight as HTML with the matches in <mark>; everything else is escaped. */
export function markHighlight(h: Highlight, open = '<mark>', close = '</mark>'): string {
  const esc = (s: string) =>
    s.replace(
      /[&<>"']/g,
      (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
    );
  let out = '';
  let at = 0;
  for (const r of h.ranges) {
    out += esc(h.text.slice(at, r.start)) + open + esc(h.text.slice(r.start, r.end)) + close;
    at = r.end;
  }
  return out + esc(h.text.slice(at));
}

/** Great-circle distance between coordinates: the matcher's, so search and matching agree on every radius. */
export { haversineRaw as haversineKm } from '@rilancio/matcher';

/** Round-robin over ranked lists (best of each first) up to `limit`: one big index cannot crowd out the rest. */
export function interleave<T>(lists: readonly (readonly T[])[], limit: number): T[] {
  const out: T[] = [];
  for (let rank = 0; out.length < limit; rank++) {
    let any = false;
    for (const list of lists) {
      const item = list[rank];
      if (item !== undefined && out.length < limit) {
        out.push(item);
        any = true;
      }
    }
    if (!any) break;
  }
  return out;
}

/**
 * Articles, prepositions and elided fragments (l', d', dell', qu') in Italian, French and English. A query
 * ignores them unless they are all it has or the last word is still being typed, so "capannone con
 * banchina" finds "Hangar avec quai"; glossary phrases that contain them ("cale de halage") are matched
 * before they are dropped.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  // it
  'a',
  'ad',
  'al',
  'all',
  'alla',
  'alle',
  'agli',
  'ai',
  'col',
  'con',
  'da',
  'dal',
  'dall',
  'dalla',
  'dai',
  'di',
  'del',
  'dell',
  'della',
  'delle',
  'dei',
  'degli',
  'e',
  'ed',
  'gli',
  'i',
  'il',
  'in',
  'la',
  'le',
  'lo',
  'nel',
  'nell',
  'nella',
  'nei',
  'o',
  'per',
  'su',
  'sul',
  'sull',
  'sulla',
  'tra',
  'fra',
  'un',
  'una',
  'uno',
  // fr
  'au',
  'aux',
  'avec',
  'c',
  'd',
  'dans',
  'de',
  'des',
  'du',
  'en',
  'et',
  'j',
  'l',
  'les',
  'n',
  'ou',
  'par',
  'pour',
  'qu',
  's',
  'sur',
  'une',
  'à',
  // en
  'an',
  'and',
  'at',
  'for',
  'of',
  'on',
  'or',
  'the',
  'to',
  'with',
]);
