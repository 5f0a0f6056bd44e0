/**
 * How the ESCO autocomplete orders concepts for what an operator types ("saldatore", "gruista portuale",
 * "soudeuse TIG"). Pure rules, no I/O: the repository fetches candidate labels, this ranks them.
 *
 * Order, best first:
 * 1. a label that is exactly the words typed (after folding case, accents, gender and plural);
 * 2. a label holding every word typed as a whole word, with as few other words as possible;
 * 3. a label where the last word is still being typed (prefix);
 * 4. labels holding only some of the words (so "saldatore cantiere" still finds welders);
 * then preferred labels (and their gendered halves) before alternative ones, the user's language before
 * others, and, between equals, the more general occupation (fewer levels below its ISCO group: "welder"
 * before "pipe welder"), which is also the commoner job.
 */
import { STOP_WORDS, words } from '../../search/text.js';

/**
 * Gender and plural endings folded to one stem, longest first. Italian -tore/-trice/-tori, French
 * -teur/-trice/-teuse; -iere/-iera/-ière; -ista/-iste/-isti; -ien/-ienne; -eur/-euse; then a final
 * Italian vowel or French -e/-s. Collisions ("marin"/"marina") cost little: they only reorder equals.
 */
const ENDINGS: ReadonlyArray<[string, string]> = [
  ['trices', 't'],
  ['teuses', 't'],
  ['trice', 't'],
  ['teuse', 't'],
  ['teurs', 't'],
  ['teur', 't'],
  ['tore', 't'],
  ['tori', 't'],
  ['ieres', 'ier'],
  ['iere', 'ier'],
  ['iera', 'ier'],
  ['ieri', 'ier'],
  ['iers', 'ier'],
  ['ienne', 'ien'],
  ['iens', 'ien'],
  ['euses', 'eu'],
  ['euse', 'eu'],
  ['eurs', 'eu'],
  ['eur', 'eu'],
  ['ista', 'ist'],
  ['iste', 'ist'],
  ['isti', 'ist'],
  ['istes', 'ist'],
];

export function stem(word: string): string {
  if (word.length < 5) return word;
  for (const [end, to] of ENDINGS) {
    if (word.endsWith(end) && word.length - end.length >= 3) return word.slice(0, -end.length) + to;
  }
  if (/[aeios]$/.test(word)) return word.slice(0, -1);
  return word;
}

/** The prefix the database must match for a typed word to find all its gendered and plural forms. */
export function candidatePrefix(word: string): string {
  const s = stem(word);
  return s.length >= 3 ? s : word;
}

export interface CandidateLabel {
  uri: string;
  lang: string;
  label: string;
  preferred: boolean;
  /** Levels below the ISCO unit group (occupations: ESCO code "7212.3" = 1, "7212.3.3" = 2); 0 for skills. */
  depth: number;
}

interface Scored {
  uri: string;
  score: number;
  matchedLabel: string;
  depth: number;
}

/** The words of a query or label that carry meaning ("di", "de", "the" do not). */
export function meaningfulWords(text: string): string[] {
  const all = words(text);
  const kept = all.filter((w) => !STOP_WORDS.has(w));
  return kept.length > 0 ? kept : all;
}

/**
 * Words of one family ("saldatura"/"saldare", "soudage"/"souder", "tecnica"/"tecniche"): a shared start
 * of at least 5 letters covering 70 % of the shorter word. Strict enough that "carrello" and
 * "carreggiata" stay apart.
 */
function sameFamily(a: string, b: string): boolean {
  const n = Math.min(a.length, b.length);
  let common = 0;
  while (common < n && a[common] === b[common]) common++;
  return common >= 5 && common >= 0.7 * n;
}

/**
 * How well one typed word matches one label word: 3 same word, 2.5 same stem (gender, plural),
 * 1.5 prefix of the word being typed, 1.2 a longer form of the stem, 1 same word family, 0 none.
 */
function wordMatch(q: string, qStem: string, w: string, typing: boolean): number {
  if (q === w) return 3;
  if (qStem === stem(w)) return 2.5;
  if (typing && w.startsWith(q)) return 1.5;
  if (q.length >= 4 && w.startsWith(qStem) && w.length - qStem.length <= 3) return 1.2;
  if (sameFamily(q, w)) return 1;
  return 0;
}

/** Score of one label for the query words; 0 when no word matches. */
export function scoreLabel(
  queryWords: string[],
  typingLast: boolean,
  label: string,
  preferredLike: boolean,
  sameLang: boolean,
): number {
  const labelWords = meaningfulWords(label);
  if (labelWords.length === 0) return 0;
  const used = new Set<number>();
  let quality = 0;
  let matched = 0;
  queryWords.forEach((q, qi) => {
    const qStem = stem(q);
    const typing = typingLast && qi === queryWords.length - 1;
    let best = 0;
    let bestAt = -1;
    labelWords.forEach((w, wi) => {
      if (used.has(wi)) return;
      const m = wordMatch(q, qStem, w, typing);
      if (m > best) {
        best = m;
        bestAt = wi;
      }
    });
    if (best > 0) {
      used.add(bestAt);
      quality += best;
      matched++;
    }
  });
  if (matched === 0) return 0;
  const extra = labelWords.length - used.size;
  const allMatched = matched === queryWords.length;
  const exact = allMatched && extra === 0 && quality >= 2.5 * queryWords.length;
  // Tiers are 100 apart so that nothing below (quality, extra words, preference) can cross them.
  const tier = exact ? 400 : allMatched && quality >= 2.5 * queryWords.length ? 300 : allMatched ? 200 : 100;
  return (
    tier +
    (matched / queryWords.length) * 20 +
    quality * 2 -
    Math.min(extra, 8) * 3 +
    (preferredLike ? 6 : 0) +
    (sameLang ? 2 : 0)
  );
}

/**
 * Concepts ranked for the query, each with the label that matched best. `lang` is the user's language.
 */
export function rankConcepts(
  query: string,
  lang: string,
  candidates: CandidateLabel[],
  limit: number,
): Array<{ uri: string; matchedLabel: string }> {
  const queryWords = meaningfulWords(query);
  if (queryWords.length === 0) return [];
  // A query not ending in a space is still being typed: its last word may be a prefix.
  const typingLast = !/\s$/.test(query);
  // The gendered halves of a preferred label ("saldatore", "saldatrice") rank as the preferred label.
  const preferredHalves = new Set<string>();
  for (const c of candidates)
    if (c.preferred && c.label.includes('/'))
      for (const half of c.label.split('/'))
        preferredHalves.add(`${c.uri}\u0000${c.lang}\u0000${half.trim()}`);
  const best = new Map<string, Scored>();
  for (const c of candidates) {
    const preferredLike = c.preferred || preferredHalves.has(`${c.uri}\u0000${c.lang}\u0000${c.label}`);
    const score = scoreLabel(queryWords, typingLast, c.label, preferredLike, c.lang === lang);
    if (score <= 0) continue;
    const prev = best.get(c.uri);
    if (!prev || score > prev.score || (score === prev.score && c.label.length < prev.matchedLabel.length))
      best.set(c.uri, { uri: c.uri, score, matchedLabel: c.label, depth: c.depth });
  }
  return [...best.values()]
    .sort(
      (a, b) =>
        b.score - a.score ||
        a.depth - b.depth ||
        a.matchedLabel.length - b.matchedLabel.length ||
        (a.uri < b.uri ? -1 : 1),
    )
    .slice(0, limit)
    .map((s) => ({ uri: s.uri, matchedLabel: s.matchedLabel }));
}
