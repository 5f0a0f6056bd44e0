// Numbers as people type them, read in the UI's language, and written back in the one canonical form the
// API accepts (digits, optional dot and decimals). The rule, so that nothing is guessed silently:
// - spaces (also no-break and narrow no-break, the French thousands separator) are ignored;
// - Italian and French: the comma is the decimal mark; a dot is a thousands separator when every group
//   after it has exactly three digits ("1.500" = 1500, "1.500.000", "1.500,5"), otherwise the decimal
//   mark ("2.5" = 2.5, as typed on an English keyboard);
// - English: the same with the roles of comma and dot swapped.
// Anything else ("2,5,3", "1.50.0", "abc", "-3") is not a number, and the box says so.

export type ParsedNumber = { ok: true; value: number; canonical: string } | { ok: false };

const DIGITS = /^\d+$/;

function groupsOfThree(s: string, sep: string): boolean {
  const parts = s.split(sep);
  return /^\d{1,3}$/.test(parts[0]!) && parts.slice(1).every((p) => /^\d{3}$/.test(p));
}

function readInteger(s: string, thousands: string): string | null {
  if (DIGITS.test(s)) return s;
  return s.includes(thousands) && groupsOfThree(s, thousands) ? s.split(thousands).join('') : null;
}

export function parseLocaleNumber(text: string, locale: string | null | undefined): ParsedNumber {
  const s = text.replace(/[\s\u00a0\u202f\u2009']/g, '');
  if (s === '') return { ok: false };
  const lang = (locale ?? 'it').slice(0, 2);
  const [decimal, thousands] = lang === 'en' ? ['.', ','] : [',', '.'];
  let intPart: string | null;
  let frac = '';
  if (s.includes(decimal)) {
    const [i, f, ...rest] = s.split(decimal);
    if (rest.length > 0 || !f || !DIGITS.test(f)) return { ok: false };
    intPart = i === '' ? '0' : readInteger(i!, thousands);
    frac = f;
  } else if (s.includes(thousands)) {
    intPart = readInteger(s, thousands);
    if (intPart === null) {
      // Not thousands groups: one separator followed by decimals is read as the decimal mark.
      const [i, f, ...rest] = s.split(thousands);
      if (rest.length > 0 || !DIGITS.test(i!) || !f || !DIGITS.test(f)) return { ok: false };
      intPart = i!;
      frac = f;
    }
  } else intPart = DIGITS.test(s) ? s : null;
  if (intPart === null) return { ok: false };
  const canonical = `${intPart.replace(/^0+(?=\d)/, '')}${frac ? `.${frac}` : ''}`;
  const value = Number(canonical);
  return Number.isFinite(value) ? { ok: true, value, canonical } : { ok: false };
}

/** A canonical number from the URL, shown in the UI's language without thousands separators. */
export function displayNumber(canonical: string, locale: string | null | undefined): string {
  if (!/^\d+(\.\d+)?$/.test(canonical)) return canonical;
  return (locale ?? 'it').startsWith('en') ? canonical : canonical.replace('.', ',');
}
