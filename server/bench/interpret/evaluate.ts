/**
 * The free-text evaluation (bench/interpret/lines.csv): CV lines, job ads and import cells in Italian,
 * French and English, each with the ESCO occupations (and for some the skills) a desk would accept as
 * its reading. Expected concepts are written as their English preferred labels (readable, checkable),
 * or as a 4-digit ISCO unit group where any occupation of the group is right; `|` separates acceptable
 * answers. Scores any reader (the real interpret service in the bench section and in the floor test).
 *
 * Figures, per language and overall:
 * - occupations precision@1: the first occupation is an acceptable one;
 * - occupations precision@5: acceptable occupations among the first five, over five (a line usually has
 *   one or two acceptable answers, so this cannot reach 100 %);
 * - occupations hit@5: an acceptable occupation is among the first five;
 * - skills precision@1 and hit@5, over the lines that expect a skill.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

export const LINES_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'lines.csv');

export type Lang = 'it' | 'fr' | 'en';

export interface EvalLine {
  lang: Lang;
  kind: 'cv' | 'ad' | 'cell';
  text: string;
  occupations: string[];
  skills: string[];
}

export interface Reading {
  occupations: Array<{ uri: string; iscoGroup: string | null }>;
  skills: Array<{ uri: string }>;
}

export function readLines(file = LINES_FILE): EvalLine[] {
  const rows = parse(readFileSync(file), { columns: true, skip_empty_lines: true }) as Record<
    string,
    string
  >[];
  const list = (s: string | undefined) =>
    (s ?? '')
      .split('|')
      .map((x) => x.trim())
      .filter(Boolean);
  return rows.map((r) => ({
    lang: r.lang as Lang,
    kind: r.kind as EvalLine['kind'],
    text: r.text!,
    occupations: list(r.occupations),
    skills: list(r.skills),
  }));
}

export interface Scores {
  lang: string;
  lines: number;
  occP1: number;
  occP5: number;
  occHit5: number;
  skillLines: number;
  skillP1: number;
  skillHit5: number;
  misses: Array<{ text: string; expected: string[]; got: string[] }>;
}

/**
 * Scores `read` on the lines. `uriOf(kind, englishLabel)` turns an expected English preferred label into
 * its URI; an unknown label throws (a typo in the data file must not pass as a miss).
 */
export async function evaluate(
  lines: EvalLine[],
  read: (text: string, lang: Lang) => Promise<Reading>,
  uriOf: (kind: 'occupation' | 'skill', label: string) => string | undefined,
): Promise<Scores[]> {
  const resolve = (kind: 'occupation' | 'skill', e: string) => {
    if (kind === 'occupation' && /^\d{4}$/.test(e)) return e;
    const uri = uriOf(kind, e);
    if (!uri) throw new Error(`lines.csv: no ESCO ${kind} with the English preferred label "${e}"`);
    return uri;
  };
  const empty = (lang: string): Scores => ({
    lang,
    lines: 0,
    occP1: 0,
    occP5: 0,
    occHit5: 0,
    skillLines: 0,
    skillP1: 0,
    skillHit5: 0,
    misses: [],
  });
  const byLang = new Map<string, Scores>();
  const all = empty('all');
  for (const line of lines) {
    const occ = new Set(line.occupations.map((e) => resolve('occupation', e)));
    const skills = new Set(line.skills.map((e) => resolve('skill', e)));
    const found = await read(line.text, line.lang);
    const good = (o: { uri: string; iscoGroup: string | null }) =>
      occ.has(o.uri) || (o.iscoGroup !== null && occ.has(o.iscoGroup));
    const top5 = found.occupations.slice(0, 5);
    const s = byLang.get(line.lang) ?? empty(line.lang);
    byLang.set(line.lang, s);
    for (const t of [s, all]) {
      t.lines++;
      if (found.occupations[0] && good(found.occupations[0])) t.occP1++;
      t.occP5 += top5.filter(good).length / 5;
      if (top5.some(good)) t.occHit5++;
      if (skills.size > 0) {
        t.skillLines++;
        if (found.skills[0] && skills.has(found.skills[0].uri)) t.skillP1++;
        if (found.skills.slice(0, 5).some((k) => skills.has(k.uri))) t.skillHit5++;
      }
    }
    if (!(found.occupations[0] && good(found.occupations[0])))
      s.misses.push({ text: line.text, expected: line.occupations, got: top5.map((o) => o.uri) });
  }
  return [...byLang.values(), all];
}

/** Percentages of a score line, rounded to 0.1. */
export function percentages(s: Scores) {
  const pct = (n: number, d: number) => (d === 0 ? 0 : Math.round((1000 * n) / d) / 10);
  return {
    occupationsP1: pct(s.occP1, s.lines),
    occupationsP5: pct(s.occP5, s.lines),
    occupationsHit5: pct(s.occHit5, s.lines),
    skillsP1: pct(s.skillP1, s.skillLines),
    skillsHit5: pct(s.skillHit5, s.skillLines),
  };
}
