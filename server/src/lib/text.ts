/** Anything but printable ASCII (" " to "~"). */
const BEYOND_ASCII = /[^\x20-\x7E]/;

/**
 * The one case and accent fold, for search, labels and file keys alike: NFKD (so "²" → "2", "ﬁ" → "fi"),
 * combining marks removed, lower case, and the ligatures a French or German text carries spelled out.
 * The result may be longer or shorter than the input.
 */
export function fold(text: string): string {
  // Most words are plain ASCII, which NFKD leaves as they are: only the case changes. Normalising every
  // word of every highlighted text was a tenth of a search request's CPU.
  if (!BEYOND_ASCII.test(text)) return text.toLowerCase();
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
