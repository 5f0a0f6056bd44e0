// Sentences written by the server (match explanations) may still carry codes: ESCO URIs or bare ids,
// vocabulary codes (nautical_shipbuilding, wbo), ISO dates and decimal points. They are split here so
// that the screen shows labels, the catalogue's words and the locale's dates and numbers instead.
import { formatDate, formatNumber } from './format';

type Translate = (id: string, options?: { default?: string }) => string;

export type Segment = { text: string } | { uris: string[] };

const ESCO_URI = /https?:\/\/data\.europa\.eu\/esco\/[a-z-]+\/[0-9a-f-]{36}/gi;
const TOKEN =
  /(https?:\/\/data\.europa\.eu\/esco\/[a-z-]+\/[0-9a-f-]{36})|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/gi;

/** The vocabularies a code in a sentence may come from, in the order they are tried. */
const VOCABULARIES = [
  'supplyChain',
  'desiredPaths',
  'opportunityKind',
  'employmentStatus',
  'kind',
  'category',
  'status',
  'needType',
  'contractType',
  'procedure',
];

/** A vocabulary code in the user's words, or undefined when no catalogue knows it. */
export function codeLabel(t: Translate, code: string): string | undefined {
  for (const v of VOCABULARIES) {
    const key = `value.${v}.${code}`;
    const s = t(key, { default: '\u0000' });
    if (s !== '\u0000' && s !== key) return s;
  }
  return undefined;
}

/** Codes, ISO dates and decimals of a plain sentence, in the user's words and formats. */
export function humanizeText(t: Translate, text: string, lang: string): string {
  return (
    text
      // A code in brackets, or any snake_case word: from the catalogues.
      .replace(/\(([a-z][a-z0-9]*(?:_[a-z0-9]+)*)\)/g, (m, code: string) => {
        const l = codeLabel(t, code);
        return l ? `(${l})` : m;
      })
      .replace(/\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g, (code) => codeLabel(t, code) ?? code.replace(/_/g, ' '))
      .replace(/\b\d{4}-\d{2}-\d{2}(?:T[\d:.]+Z?)?\b/g, (iso) => formatDate(iso, lang))
      .replace(/(?<![\d.])\d+\.\d+(?![\d.])/g, (n) => formatNumber(Number(n), lang, 1))
  );
}

/** A sentence split into text and the ESCO concepts it names (full URIs, or bare ids). */
export function segments(t: Translate, text: string, lang: string): Segment[] {
  const out: Segment[] = [];
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    if (m.index > last) out.push({ text: humanizeText(t, text.slice(last, m.index), lang) });
    out.push({
      uris: m[1]
        ? [m[1]]
        : [`http://data.europa.eu/esco/occupation/${m[2]}`, `http://data.europa.eu/esco/skill/${m[2]}`],
    });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ text: humanizeText(t, text.slice(last), lang) });
  return out;
}

export const isEscoUri = (s: string) => new RegExp(`^${ESCO_URI.source}$`, 'i').test(s);
