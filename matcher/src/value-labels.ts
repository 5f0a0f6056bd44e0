import { VALUE_LABELS, type Catalogue } from '@rilancio/vocabulary';
import type { Lang } from './types.js';

/**
 * Words for the codes a reason may carry (supply chain, opportunity kind, asset kind…), so an
 * explanation reads "nautica e cantieristica", never "nautical_shipbuilding". The domain's lists come
 * from the one catalogue (@rilancio/vocabulary) the screens and the files use, lower-cased for the middle
 * of a sentence; only the words no screen lists (acquisition modes as a phrase, language names) are here.
 */
type Words = Readonly<Record<Lang, string>>;
type Vocabulary = Readonly<Record<string, Words>>;

const w = (it: string, fr: string, en: string): Words => ({ it, fr, en });

/** "Nautica e cantieristica" → "nautica e cantieristica"; an acronym ("MBO", "TIG") keeps its case. */
function inSentence(word: string): string {
  return /^\p{Lu}\p{Ll}/u.test(word) ? word[0]!.toLowerCase() + word.slice(1) : word;
}

/** A catalogue vocabulary as sentence words in the three languages. */
function fromCatalogue(name: keyof Catalogue): Vocabulary {
  const out: Record<string, Words> = {};
  for (const code of Object.keys(VALUE_LABELS.it[name])) {
    const word = (lang: Lang) =>
      inSentence((VALUE_LABELS[lang][name] as Readonly<Record<string, string>>)[code]!);
    out[code] = w(word('it'), word('fr'), word('en'));
  }
  return out;
}

export const VOCABULARIES = {
  supplyChain: fromCatalogue('supplyChain'),
  opportunityKind: fromCatalogue('opportunityKind'),
  assetKind: fromCatalogue('kind'),
  assetCategory: fromCatalogue('category'),
  assetStatus: fromCatalogue('assetStatus'),
  /** How an asset is offered. */
  availability: fromCatalogue('availability'),
  /** How an asset need wants to acquire. */
  acquisitionMode: {
    buy: w('acquisto', 'achat', 'purchase'),
    lease: w('locazione', 'location', 'lease'),
    either: w('acquisto o locazione', 'achat ou location', 'purchase or lease'),
  },
  language: {
    it: w('italiano', 'italien', 'Italian'),
    fr: w('francese', 'français', 'French'),
    en: w('inglese', 'anglais', 'English'),
    es: w('spagnolo', 'espagnol', 'Spanish'),
    de: w('tedesco', 'allemand', 'German'),
    pt: w('portoghese', 'portugais', 'Portuguese'),
    ar: w('arabo', 'arabe', 'Arabic'),
    ro: w('rumeno', 'roumain', 'Romanian'),
    sq: w('albanese', 'albanais', 'Albanian'),
    zh: w('cinese', 'chinois', 'Chinese'),
    ru: w('russo', 'russe', 'Russian'),
    uk: w('ucraino', 'ukrainien', 'Ukrainian'),
  },
} satisfies Record<string, Vocabulary>;

export type VocabularyName = keyof typeof VOCABULARIES;

/**
 * The words for a code. An unknown code (a vocabulary grown on the server first) is shown with its
 * underscores as spaces rather than as a raw code.
 */
export function valueLabel(vocabulary: VocabularyName, code: string, lang: Lang): string {
  const entry = (VOCABULARIES[vocabulary] as Vocabulary)[code];
  return entry ? entry[lang] : code.replace(/_/g, ' ');
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-12-24" as people write it: 24/12/2026 in Italian and French, 24 Dec 2026 in English. */
export function formatDate(iso: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d] = m;
  return lang === 'en' ? `${Number(d)} ${MONTHS_EN[Number(mo) - 1]} ${y}` : `${d}/${mo}/${y}`;
}

/** "fr:B2, en:C1" (languages short of their level) as "francese (B2), inglese (C1)". */
export function formatLanguageLevels(list: string, lang: Lang): string {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((item) => {
      const [code, level] = item.split(':');
      const name = valueLabel('language', (code ?? '').toLowerCase(), lang);
      return level ? `${name} (${level})` : name;
    })
    .join(', ');
}

/**
 * Singular or plural for a count: French treats 0 and 1 as singular ("0 jour"), Italian and English only
 * 1 ("0 giorni", "0 days").
 */
export function isSingular(n: number, lang: Lang): boolean {
  return lang === 'fr' ? Math.abs(n) < 2 : n === 1;
}
