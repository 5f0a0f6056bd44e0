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

interface LabelMatch {
  /** Query words found in the label. */
  matched: number;
  /** Sum of the word matches (3 same word, 2.5 same stem, …). */
  quality: number;
  /** Label words no query word matched. */
  extra: number;
  /** Every query word found as the same word or the same stem (not a prefix or a word family). */
  allWords: boolean;
  /** `allWords` and nothing else in the label: the label is the words typed. */
  exact: boolean;
}

function matchLabel(queryWords: string[], typingLast: boolean, label: string): LabelMatch | null {
  const labelWords = meaningfulWords(label);
  if (labelWords.length === 0) return null;
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
  if (matched === 0) return null;
  const extra = labelWords.length - used.size;
  const allWords = matched === queryWords.length && quality >= 2.5 * queryWords.length;
  return { matched, quality, extra, allWords, exact: allWords && extra === 0 };
}

/** Score of one label for the query words; 0 when no word matches. */
export function scoreLabel(
  queryWords: string[],
  typingLast: boolean,
  label: string,
  preferredLike: boolean,
  sameLang: boolean,
): number {
  const m = matchLabel(queryWords, typingLast, label);
  if (!m) return 0;
  const allMatched = m.matched === queryWords.length;
  // Tiers are 100 apart so that nothing below (quality, extra words, preference) can cross them.
  const tier = m.exact ? 400 : m.allWords ? 300 : allMatched ? 200 : 100;
  return (
    tier +
    (m.matched / queryWords.length) * 20 +
    m.quality * 2 -
    Math.min(m.extra, 8) * 3 +
    (preferredLike ? 6 : 0) +
    (sameLang ? 2 : 0)
  );
}

/** Labels that rank as the preferred label: the preferred ones and the gendered halves of those. */
function preferredLikeOf(candidates: readonly CandidateLabel[]): (c: CandidateLabel) => boolean {
  const halves = new Set<string>();
  for (const c of candidates)
    if (c.preferred && c.label.includes('/'))
      for (const half of c.label.split('/')) halves.add(`${c.uri}\u0000${c.lang}\u0000${half.trim()}`);
  return (c) => c.preferred || halves.has(`${c.uri}\u0000${c.lang}\u0000${c.label}`);
}

export type Reading = { uri: string } | { ambiguous: string[] } | null;

/**
 * What a value written in a file names, read strictly (the importer never guesses): the one concept
 * with a label that is exactly these words after folding case, accents, gender and plural
 * ("saldatori" → saldatore/saldatrice); if several share it, the one whose preferred label it is;
 * failing that, the one concept whose label holds every word ("saldatore TIG" in "saldatore TIG e MIG").
 * Several concepts at the best level are `ambiguous`; none is null. `candidates` must hold every label
 * of the kind with a word starting like the query's words (the caller fetches them).
 */
export function readConcept(query: string, candidates: readonly CandidateLabel[]): Reading {
  const queryWords = meaningfulWords(query);
  if (queryWords.length === 0) return null;
  const preferredLike = preferredLikeOf(candidates);
  const exact = new Set<string>();
  const exactPreferred = new Set<string>();
  const allWords = new Set<string>();
  for (const c of candidates) {
    const m = matchLabel(queryWords, false, c.label);
    if (!m?.allWords) continue;
    allWords.add(c.uri);
    if (!m.exact) continue;
    exact.add(c.uri);
    if (preferredLike(c)) exactPreferred.add(c.uri);
  }
  const one = (set: Set<string>): Reading =>
    set.size === 1 ? { uri: [...set][0]! } : set.size > 1 ? { ambiguous: [...set].sort() } : null;
  if (exact.size > 0) return exactPreferred.size === 1 ? one(exactPreferred) : one(exact);
  return one(allWords);
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
  const preferredLike = preferredLikeOf(candidates);
  const best = new Map<string, Scored>();
  for (const c of candidates) {
    const score = scoreLabel(queryWords, typingLast, c.label, preferredLike(c), c.lang === lang);
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
