/**
 * The one case and accent fold, for search, labels and file keys alike: NFKD (so "²" → "2", "ﬁ" → "fi"),
 * combining marks removed, lower case, and the ligatures a French or German text carries spelled out.
 * The result may be longer or shorter than the input.
 */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss');
}

/** `fold` with runs of white space made one space and the ends trimmed: how labels are stored and looked up. */
export function foldLabel(text: string): string {
  return fold(text).replace(/\s+/g, ' ').trim();
}

/** Escapes LIKE wildcards so user text is matched literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
