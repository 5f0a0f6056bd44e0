/**
 * The everyday-job-words evaluation: what an operator types ("carrellista", "saldatore TIG", "serveuse")
 * and the ESCO occupation or ISCO unit group it should find. Scores any lookup (the real autocomplete
 * service in the bench section), so the figures are those of the product, not of a re-implementation.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

export const JOB_WORDS_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'job-words.csv');

export interface JobWord {
  lang: 'it' | 'fr' | 'en';
  query: string;
  /** ISCO-08 unit groups (4 digits) or ESCO occupation URIs; any one of them is a hit. */
  expected: string[];
}

export interface Found {
  uri: string;
  iscoGroup: string | null;
}

export function readJobWords(file = JOB_WORDS_FILE): JobWord[] {
  const rows = parse(readFileSync(file), { columns: true, skip_empty_lines: true }) as Record<
    string,
    string
  >[];
  return rows.map((r) => ({
    lang: r.lang as JobWord['lang'],
    query: r.query!,
    expected: r.expected!.split('|').map((s) => s.trim()),
  }));
}

const hits = (f: Found, expected: string[]) =>
  expected.some((e) => e === f.uri || (f.iscoGroup !== null && e === f.iscoGroup));

export interface Accuracy {
  lang: string;
  words: number;
  top1: number;
  top5: number;
  /** The words whose expected occupation is not in the first five, with what came first. */
  misses: Array<{ query: string; expected: string[]; got: string[] }>;
}

/** Top-1 and top-5 accuracy per language of `lookup` (which returns at least five results in rank order). */
export async function evaluate(
  words: JobWord[],
  lookup: (q: string, lang: JobWord['lang']) => Promise<Found[]>,
): Promise<Accuracy[]> {
  const byLang = new Map<string, Accuracy>();
  for (const w of words) {
    const acc = byLang.get(w.lang) ?? { lang: w.lang, words: 0, top1: 0, top5: 0, misses: [] };
    byLang.set(w.lang, acc);
    const found = (await lookup(w.query, w.lang)).slice(0, 5);
    acc.words++;
    if (found[0] && hits(found[0], w.expected)) acc.top1++;
    if (found.some((f) => hits(f, w.expected))) acc.top5++;
    else
      acc.misses.push({ query: w.query, expected: w.expected, got: found.map((f) => f.iscoGroup ?? f.uri) });
  }
  return [...byLang.values()];
}
