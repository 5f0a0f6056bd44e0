/**
 * The words of free text (a CV line, a job ad, an import cell) as the interpreter compares them with ESCO
 * labels: folded by the search engine's rules (search/text.ts), with three keys per word from strict to
 * loose — the word, its gender/plural stem (concept-ranking.ts) and its word-family root ("saldatura",
 * "saldatore", "saldare" → "sald"; "soudage", "soudeur" → "soud"; "welding", "welder" → "weld").
 */
import { STOP_WORDS, wordSpans, words } from '../../../search/text.js';
import { stem } from '../concept-ranking.js';

export interface TextWord {
  /** Folded word. */
  word: string;
  /** UTF-16 range in the original text, for highlighting what matched. */
  start: number;
  end: number;
}

/**
 * Derivational endings of Italian, French and English trade words, longest first: what separates the
 * act ("saldatura", "soudage", "welding"), the verb ("saldare", "souder", "weld") and the person
 * ("saldatore", "soudeur", "welder"). One list for the three languages: an Italian ending rarely ends a
 * French or English word of four letters or more before it, and a collision only widens a loose match
 * (scored below an exact one).
 */
const FAMILY_ENDINGS = [
  'azioni',
  'azione',
  'amenti',
  'amento',
  'ements',
  'atrici',
  'atrice',
  'atrices',
  'ations',
  'ateurs',
  'ateur',
  'atura',
  'ature',
  'atore',
  'atori',
  'ement',
  'ation',
  'euses',
  'euse',
  'eurs',
  'ings',
  'tions',
  'tion',
  'ages',
  'ista',
  'iste',
  'isti',
  'ures',
  'eur',
  'ing',
  'age',
  'ure',
  'are',
  'ere',
  'ire',
  'ato',
  'ata',
  'ati',
  'ate',
  'ers',
  'ier',
  'er',
  'ed',
  'es',
  'a',
  'e',
  'i',
  'o',
  's',
];
const MIN_ROOT = 4;
// Longest first, whatever the order above: "atrices" must be tried before "atrice" and "s".
FAMILY_ENDINGS.sort((a, b) => b.length - a.length);

/** The word-family root of a folded word; the word itself when no ending leaves a root of 4 letters. */
export function familyRoot(word: string): string {
  for (const end of FAMILY_ENDINGS)
    if (word.endsWith(end) && word.length - end.length >= MIN_ROOT) return word.slice(0, -end.length);
  return word;
}

/** The three keys of a word, strict to loose: the word, its gender/plural stem, its family root. */
export function wordKeys(word: string): [string, string, string] {
  return [word, `s:${stem(word)}`, `r:${familyRoot(word)}`];
}

/**
 * Words of CV lines and job ads that say nothing about the trade: filler ("esperienza", "anni", "presso"),
 * contract terms ("CDI", "tempo determinato"), ad verbs ("cercasi", "recherche", "hiring") and the marks
 * "m/f", "h/f". Kept out of the query, never out of labels.
 */
const FILLER = new Set([
  // it
  'anni',
  'anno',
  'mesi',
  'esperienza',
  'esperienze',
  'esperto',
  'esperta',
  'presso',
  'come',
  'cercasi',
  'cerchiamo',
  'ricerchiamo',
  'ricerca',
  'cerca',
  'offresi',
  'azienda',
  'sede',
  'tempo',
  'pieno',
  'determinato',
  'indeterminato',
  'contratto',
  'assunzione',
  'candidato',
  'candidata',
  'richiesta',
  'richiesto',
  'richiesti',
  'mio',
  'mia',
  'ho',
  'lavorato',
  'svolto',
  'attivita',
  'mansioni',
  'mansione',
  'zona',
  'provincia',
  'si',
  'che',
  'ecc',
  'etc',
  'm',
  'f',
  // fr
  'ans',
  'an',
  'mois',
  'experience',
  'experiences',
  'experimente',
  'experimentee',
  'chez',
  'comme',
  'recherche',
  'recherchons',
  'recrute',
  'recrutons',
  'poste',
  'cdi',
  'cdd',
  'contrat',
  'temps',
  'plein',
  'partiel',
  'entreprise',
  'h',
  'je',
  'j',
  'ai',
  'mon',
  'ma',
  'mes',
  'secteur',
  // en
  'years',
  'year',
  'months',
  'experience',
  'experienced',
  'hiring',
  'wanted',
  'seeking',
  'looking',
  'we',
  'are',
  'is',
  'i',
  'my',
  'as',
  'in',
  'full',
  'part',
  'time',
  'permanent',
  'contract',
  'job',
  'position',
  'role',
  'company',
]);

/** The words of a query that can name a trade: no article, preposition, filler or bare number. */
export function queryWords(text: string): TextWord[] {
  return wordSpans(text).filter(
    (w) => !STOP_WORDS.has(w.word) && !FILLER.has(w.word) && !/^\d+$/.test(w.word),
  );
}

/** The words of a label that carry meaning (articles and prepositions dropped). */
export function labelWords(label: string): string[] {
  const all = words(label);
  const kept = all.filter((w) => !STOP_WORDS.has(w));
  return kept.length > 0 ? kept : all;
}
