import { valueLabel, type VocabularyName } from '@rilancio/vocabulary';

/**
 * A code's words in Italian, French and English, distinct, from the one catalogue the screens use
 * (@rilancio/vocabulary): indexed as search terms, so a search for what the screen shows finds it.
 */
export function wordsOf(vocabulary: VocabularyName, code: string | null | undefined): string[] {
  if (!code) return [];
  const words = (['it', 'fr', 'en'] as const).map((lang) => valueLabel(vocabulary, code, lang));
  return [...new Set(words.filter((w): w is string => w !== undefined))];
}

/**
 * Category words asset files used before the catalogue was shared: still read on import, so an old
 * file or an old export imports as it did.
 */
export const FORMER_CATEGORY_WORDS: Readonly<Record<string, readonly string[]>> = {
  marine_equipment: ['équipements marins'],
  cold_storage: ['entreposage frigorifique'],
};
