import { en } from './en.js';
import { fr } from './fr.js';
import { it, type Catalogue } from './it.js';

export type { Catalogue } from './it.js';
export { KIND_SPECIFIC_FIELDS } from './asset-fields.js';
export { ASSET_MERGE_FIELDS, FIRM_MERGE_FIELDS, PROFILE_MERGE_FIELDS } from './merge-fields.js';
export { PLACE_NAMES, placeName } from './place-names.js';
export type VocabularyLang = 'it' | 'fr' | 'en';
export type VocabularyName = keyof Catalogue;

/** One catalogue per language; the UI loads each as its `value.*` messages. */
export const VALUE_LABELS: Readonly<Record<VocabularyLang, Catalogue>> = { it, fr, en };

/** The word for a code in a language; undefined for a code the vocabulary does not have. */
export function valueLabel(
  vocabulary: VocabularyName,
  code: string,
  lang: VocabularyLang,
): string | undefined {
  const words = VALUE_LABELS[lang][vocabulary] as Readonly<Record<string, string>>;
  return Object.hasOwn(words, code) ? words[code] : undefined;
}

/** A vocabulary's codes, in the catalogue's order. */
export function codesOf(vocabulary: VocabularyName): string[] {
  return Object.keys(it[vocabulary]);
}
