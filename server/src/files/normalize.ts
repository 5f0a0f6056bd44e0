import { fold } from '../lib/text.js';

/**
 * The one comparison key for header names, enum values and language names: case-, accent-,
 * punctuation- and spacing-insensitive. NFKD also folds compatibility forms, so "m²" and "m2",
 * "ﬁ" and "fi", full-width digits and plain ones compare equal.
 */
export function normalizeKey(input: string): string {
  return fold(input)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Order-insensitive variant: "Superficie (m²) coperta" matches "Superficie coperta m2". */
export function tokenSetKey(input: string): string {
  const key = normalizeKey(input);
  return key === '' ? '' : [...new Set(key.split(' '))].sort().join(' ');
}
