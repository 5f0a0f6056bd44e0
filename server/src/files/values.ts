import { normalizeKey } from './normalize.js';
import { isIso6391 } from '../domain/iso639.js';

/**
 * Value parsers for IT/FR/EN spreadsheets. Each takes what a reader produced (CSV text, or an
 * XLSX number/boolean/string) and returns either a value or a stable reason code; none throws.
 * Empty input is the caller's concern (required or not), so parsers treat it as invalid.
 */
export type RawValue = string | number | boolean | null | undefined;

export type ValueReason =
  | 'NUMBER_INVALID'
  | 'NUMBER_AMBIGUOUS'
  | 'NUMBER_OUT_OF_RANGE'
  | 'INTEGER_EXPECTED'
  | 'DATE_INVALID'
  | 'BOOLEAN_INVALID'
  | 'ENUM_INVALID'
  | 'EMAIL_INVALID'
  | 'PHONE_INVALID'
  | 'TEXT_TOO_LONG'
  | 'LIST_TOO_LONG'
  | 'LANGUAGE_INVALID'
  | 'CEFR_INVALID';

export type Parsed<T> = { ok: true; value: T } | { ok: false; code: ValueReason };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(code: ValueReason): Parsed<T> => ({ ok: false, code });

export function isBlank(raw: RawValue): boolean {
  return raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '');
}

// ---------------------------------------------------------------------------------------------
// Numbers

export type DecimalSeparator = ',' | '.';

export interface NumberOptions {
  /**
   * The file's decimal separator if known (from `inferDecimalSeparator` or the delimiter: a `;`
   * file comes from IT/FR Excel and uses ','). Without it, "1,234" and "1.234" are ambiguous
   * and reported as such rather than guessed.
   */
  decimal?: DecimalSeparator;
  integer?: boolean;
  min?: number;
  max?: number;
}

const SCIENTIFIC = /^[+-]?\d+(?:\.\d+)?[eE][+-]?\d+$/;
/** Characters used as thousands separators by IT (.), FR (space, NBSP, narrow NBSP) and CH ('). */
const SPACES = /[\s\u00a0\u202f\u2009'’]/g;
const CURRENCY = /^(?:€|eur)\s*|\s*(?:€|eur)$/gi;

function groupsValid(intPart: string, sep: string): boolean {
  const groups = intPart.split(sep);
  const [first, ...rest] = groups;
  return (
    first !== undefined &&
    /^\d{1,3}$/.test(first) &&
    (first !== '0' || rest.length === 0) &&
    rest.every((g) => /^\d{3}$/.test(g))
  );
}

function interpret(s: string, hint: DecimalSeparator | undefined): number | 'ambiguous' | undefined {
  const hasDot = s.includes('.');
  const hasComma = s.includes(',');
  const build = (int: string, frac: string, thousands: string): number | undefined => {
    if (int === '' || !/^\d*$/.test(frac)) return undefined;
    if (int.includes(thousands) ? !groupsValid(int, thousands) : !/^\d+$/.test(int)) return undefined;
    return Number(`${int.split(thousands).join('')}.${frac || '0'}`);
  };
  if (hasDot && hasComma) {
    // The separator that comes last is the decimal one: "1.234,5" (IT/FR) or "1,234.5" (EN).
    const dec = s.lastIndexOf(',') > s.lastIndexOf('.') ? ',' : '.';
    const thousands = dec === ',' ? '.' : ',';
    const at = s.lastIndexOf(dec);
    return build(s.slice(0, at), s.slice(at + 1), thousands);
  }
  if (!hasDot && !hasComma) return /^\d+$/.test(s) ? Number(s) : undefined;
  const sep = hasDot ? '.' : ',';
  const other = sep === '.' ? ',' : '.';
  const parts = s.split(sep);
  if (parts.length > 2) return groupsValid(s, sep) ? Number(parts.join('')) : undefined; // 1.234.567
  const [int = '', frac = ''] = parts;
  const looksGrouped = /^\d{1,3}$/.test(int) && int !== '0' && /^\d{3}$/.test(frac);
  if (!looksGrouped) return build(int, frac, other); // "1,5", "12.25", "0,123": only a decimal reading
  if (hint === undefined) return 'ambiguous';
  return hint === sep ? build(int, frac, other) : Number(int + frac);
}

/** Parses "1.234,5", "1 234,5", "1,234.5", "-3", "1,5e3", "€ 1.200", or an XLSX number. */
export function parseNumber(raw: RawValue, options: NumberOptions = {}): Parsed<number> {
  let value: number;
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return fail('NUMBER_INVALID');
    value = raw;
  } else if (typeof raw === 'string') {
    let s = raw.trim().replace(CURRENCY, '').replace(SPACES, '');
    let sign = 1;
    if (s.startsWith('-') || s.startsWith('+')) {
      if (s.startsWith('-')) sign = -1;
      s = s.slice(1);
    }
    if (s === '' || !/^[\d.,eE+-]+$/.test(s)) return fail('NUMBER_INVALID');
    if (/[eE]/.test(s)) {
      const sci = s.replace(',', '.');
      if (!SCIENTIFIC.test(sci)) return fail('NUMBER_INVALID');
      value = sign * Number(sci);
    } else {
      const n = interpret(s, options.decimal);
      if (n === 'ambiguous') return fail('NUMBER_AMBIGUOUS');
      if (n === undefined || !Number.isFinite(n)) return fail('NUMBER_INVALID');
      value = sign * n;
    }
  } else {
    return fail('NUMBER_INVALID');
  }
  if (Object.is(value, -0)) value = 0;
  if (options.integer && !Number.isInteger(value)) return fail('INTEGER_EXPECTED');
  if (
    (options.min !== undefined && value < options.min) ||
    (options.max !== undefined && value > options.max)
  ) {
    return fail('NUMBER_OUT_OF_RANGE');
  }
  return ok(value);
}

/**
 * Looks at a column's sample values for an unambiguous decimal separator: "1,5" or "1.234,5"
 * vote ',', "1.5" or "1,234.5" vote '.'. Returns undefined when nothing decides.
 */
export function inferDecimalSeparator(values: Iterable<RawValue>): DecimalSeparator | undefined {
  let comma = 0;
  let dot = 0;
  for (const raw of values) {
    if (typeof raw !== 'string') continue;
    const s = raw.trim().replace(SPACES, '');
    const both = /\d[.,]\d.*[.,]\d/.test(s) && s.includes('.') && s.includes(',');
    if (both) {
      if (s.lastIndexOf(',') > s.lastIndexOf('.')) comma++;
      else dot++;
    } else if (/^[+-]?\d+,\d+$/.test(s) && !/^[+-]?[1-9]\d{0,2},\d{3}$/.test(s)) comma++;
    else if (/^[+-]?\d+\.\d+$/.test(s) && !/^[+-]?[1-9]\d{0,2}\.\d{3}$/.test(s)) dot++;
  }
  if (comma === dot) return undefined;
  return comma > dot ? ',' : '.';
}

// ---------------------------------------------------------------------------------------------
// Dates

const EXCEL_EPOCH_1900 = 25569; // serial of 1970-01-01 in the 1900 system (counting the fake 29 Feb 1900)
const EXCEL_EPOCH_1904 = 24107;
const MS_PER_DAY = 86_400_000;

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/**
 * Converts an Excel serial to an ISO date ("2026-12-31") or date-time ("2026-12-31T10:30:00").
 * Excel's 1900 system believes 1900 was a leap year; serials before 61 are shifted by one day
 * to undo that, and serial 60 (the phantom 29 Feb 1900) is reported as 1 Mar 1900.
 */
export function excelSerialToIso(serial: number, date1904 = false): string | undefined {
  if (!Number.isFinite(serial) || serial < 0 || serial >= 2_958_466) return undefined;
  let days = serial - (date1904 ? EXCEL_EPOCH_1904 : EXCEL_EPOCH_1900);
  if (!date1904 && serial < 61) days += 1;
  const ms = Math.round((days * MS_PER_DAY) / 1000) * 1000;
  const d = new Date(ms);
  const date = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  if (ms % MS_PER_DAY === 0) return date;
  return `${date}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

function isoDate(y: number, m: number, d: number): string | undefined {
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return undefined; // 31/02
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const YMD = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/;
const DMY = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?:\s+\d{1,2}[:.]\d{2}(?:[:.]\d{2})?)?$/;

/**
 * Parses a calendar date to ISO "YYYY-MM-DD": ISO 8601, day-first Italian/French forms
 * ("31/12/2026", "31-12-2026", "31.12.2026", optional time), "2026/12/31", or an Excel serial
 * (a number from 10,000 up, or five digits in a CSV cell). Month-first US dates are deliberately not read:
 * "12/31/2026" is invalid, and "01/02/2026" means 1 February as every IT/FR desk means it.
 * Two-digit years pivot at 70 (00–69 → 20xx).
 */
export function parseDate(raw: RawValue, options: { date1904?: boolean } = {}): Parsed<string> {
  if (typeof raw === 'number') {
    // Below 10,000 (May 1927) a bare number is likelier a year or a quantity than a date.
    const iso = raw >= 10_000 ? excelSerialToIso(Math.floor(raw), options.date1904) : undefined;
    return iso ? ok(iso) : fail('DATE_INVALID');
  }
  if (typeof raw !== 'string') return fail('DATE_INVALID');
  const s = raw.trim();
  let m = ISO.exec(s);
  if (m) return orFail(isoDate(Number(m[1]), Number(m[2]), Number(m[3])));
  m = YMD.exec(s);
  if (m) return orFail(isoDate(Number(m[1]), Number(m[2]), Number(m[3])));
  m = DMY.exec(s);
  if (m) {
    const yy = m[4] as string;
    let y = Number(yy);
    if (yy.length === 2) y += y < 70 ? 2000 : 1900;
    return orFail(isoDate(y, Number(m[3]), Number(m[1])));
  }
  if (/^\d{5}(?:\.\d+)?$/.test(s)) return parseDate(Number(s), options);
  return fail('DATE_INVALID');
}

const orFail = (iso: string | undefined): Parsed<string> => (iso ? ok(iso) : fail('DATE_INVALID'));

// ---------------------------------------------------------------------------------------------
// Booleans, enums, lists, text

const TRUE_WORDS = new Set(['si', 's', 'vero', 'yes', 'y', 'true', 'oui', 'o', 'vrai', 'x', '1']);
const FALSE_WORDS = new Set(['no', 'n', 'falso', 'false', 'non', 'faux', '0']);

/** sì/si/no, oui/non, yes/no, vero/falso and VRAI/FAUX (Excel's own), x, 1/0, ✓. */
export function parseBoolean(raw: RawValue): Parsed<boolean> {
  if (typeof raw === 'boolean') return ok(raw);
  if (raw === 1 || raw === 0) return ok(raw === 1);
  if (typeof raw !== 'string') return fail('BOOLEAN_INVALID');
  const trimmed = raw.trim();
  if (trimmed === '✓' || trimmed === '✔') return ok(true);
  const key = normalizeKey(trimmed);
  if (TRUE_WORDS.has(key)) return ok(true);
  if (FALSE_WORDS.has(key)) return ok(false);
  return fail('BOOLEAN_INVALID');
}

/** Canonical codes with their accepted spellings in any language. */
export type EnumDefinition<T extends string = string> = Readonly<Record<T, readonly string[]>>;

/** Normalised spelling → code, built once per definition (normalising on every cell was the hot spot). */
const enumIndexes = new WeakMap<EnumDefinition, Map<string, string>>();

function enumIndex(def: EnumDefinition): Map<string, string> {
  let index = enumIndexes.get(def);
  if (!index) {
    index = new Map();
    for (const code of Object.keys(def)) {
      for (const spelling of [code, ...(def[code] ?? [])]) {
        const key = normalizeKey(spelling);
        if (!index.has(key)) index.set(key, code);
      }
    }
    enumIndexes.set(def, index);
  }
  return index;
}

/** Matches the code itself or any alias, case/accent/punctuation-insensitively. */
export function parseEnum<T extends string>(raw: RawValue, def: EnumDefinition<T>): Parsed<T> {
  if (typeof raw !== 'string' && typeof raw !== 'number') return fail('ENUM_INVALID');
  const key = normalizeKey(String(raw));
  const code = key === '' ? undefined : enumIndex(def).get(key);
  return code === undefined ? fail('ENUM_INVALID') : ok(code as T);
}

export interface ListOptions {
  maxItems?: number;
  /** Item separators; `;` and `|` by default (a `,` would split "Saldatura, TIG" labels). */
  separators?: RegExp;
}

/** Splits "a; b | c" into trimmed, non-empty, de-duplicated items in their original order. */
export function parseList(raw: RawValue, options: ListOptions = {}): Parsed<string[]> {
  if (typeof raw === 'number') return ok([String(raw)]);
  if (typeof raw !== 'string') return fail('ENUM_INVALID');
  const items = [
    ...new Set(
      raw
        .split(options.separators ?? /[;|\n]/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
  if (items.length > (options.maxItems ?? 100)) return fail('LIST_TOO_LONG');
  return ok(items);
}

export function parseText(raw: RawValue, maxLength = 10_000): Parsed<string> {
  if (raw === null || raw === undefined) return ok('');
  const s = String(raw).trim();
  return s.length > maxLength ? fail('TEXT_TOO_LONG') : ok(s);
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]{2,}$/;

export function parseEmail(raw: RawValue): Parsed<string> {
  if (typeof raw !== 'string') return fail('EMAIL_INVALID');
  const s = raw.trim();
  return s.length <= 254 && EMAIL.test(s) ? ok(s.toLowerCase()) : fail('EMAIL_INVALID');
}

/** Keeps a leading + and the digits: "+39 010 123.45.67" → "+390101234567". */
export function parsePhone(raw: RawValue): Parsed<string> {
  const s = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
  if (!/^\+?[\d\s.\-/()]+$/.test(s)) return fail('PHONE_INVALID');
  const digits = s.replace(/\D/g, '');
  if (digits.length < 6 || digits.length > 15) return fail('PHONE_INVALID');
  return ok((s.startsWith('+') ? '+' : '') + digits);
}

// ---------------------------------------------------------------------------------------------
// Languages with CEFR level: "it C2; Francese B1 | anglais (B2) | EN-native"

export type CefrLevel = 'A1' | 'A2' | 'B1' | 'B2' | 'C1' | 'C2';
export interface LanguageLevel {
  language: string;
  level: CefrLevel;
}

/** ISO 639-1 code → names in IT/FR/EN (normalised on use). */
const LANGUAGES: EnumDefinition = {
  it: ['italiano', 'italien', 'italian', 'ita'],
  fr: ['francese', 'francais', 'french', 'fra', 'fre'],
  en: ['inglese', 'anglais', 'english', 'eng'],
  es: ['spagnolo', 'espagnol', 'spanish', 'spa'],
  de: ['tedesco', 'allemand', 'german', 'deu', 'ger'],
  pt: ['portoghese', 'portugais', 'portuguese', 'por'],
  ro: ['rumeno', 'romeno', 'roumain', 'romanian', 'ron'],
  ar: ['arabo', 'arabe', 'arabic', 'ara'],
  sq: ['albanese', 'albanais', 'albanian', 'sqi'],
  uk: ['ucraino', 'ukrainien', 'ukrainian', 'ukr'],
  ru: ['russo', 'russe', 'russian', 'rus'],
  zh: ['cinese', 'chinois', 'chinese', 'zho'],
  co: ['corso', 'corse', 'corsican', 'cos'],
  sc: ['sardo', 'sarde', 'sardinian', 'srd'],
  wo: ['wolof', 'wol'],
  pl: ['polacco', 'polonais', 'polish', 'pol'],
};
const NATIVE =
  /\b(madrelingua|madre lingua|nativo|nativa|langue maternelle|maternelle|natif|native|mother tongue)\b/;

export function parseLanguageLevels(raw: RawValue): Parsed<LanguageLevel[]> {
  const list = parseList(raw, { maxItems: 30 });
  if (!list.ok) return fail('LANGUAGE_INVALID');
  const out: LanguageLevel[] = [];
  for (const item of list.value) {
    const key = normalizeKey(item);
    const levelMatch = /\b([abc][12])\b/.exec(key);
    const level = levelMatch ? (levelMatch[1] as string).toUpperCase() : NATIVE.test(key) ? 'C2' : undefined;
    if (!level) return fail('CEFR_INVALID');
    const name = key
      .replace(/\b[abc][12]\b/, '')
      .replace(NATIVE, '')
      .trim();
    // A name or three-letter code the table knows, else any ISO 639-1 code as it is ("nl B2").
    const language = parseEnum(name, LANGUAGES);
    const code = language.ok ? language.value : isIso6391(name) ? name : undefined;
    if (!code) return fail('LANGUAGE_INVALID');
    out.push({ language: code, level: level as CefrLevel });
  }
  return ok(out);
}
