/**
 * Company identifiers and public pseudonyms. The demo firms carry identifiers that pass the same checks
 * the API applies, so the demo set exercises the real validation paths.
 */

/** Luhn sum over a digit string (rightmost digit undoubled). */
function luhnSum(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum;
}

/** The digit that makes `body + digit` pass the Luhn check. */
export function luhnCheckDigit(body: string): number {
  return (10 - (luhnSum(`${body}0`) % 10)) % 10;
}

export function isLuhnValid(digits: string): boolean {
  return /^\d+$/.test(digits) && luhnSum(digits) % 10 === 0;
}

/**
 * Italian partita IVA: 7-digit firm number, 3-digit provincial office code (001–100, 120, 121, 888, 999),
 * and a check digit computed Luhn-style over the first ten (odd positions as they are, even positions
 * doubled and reduced by 9).
 */
export function isValidPartitaIva(value: string): boolean {
  if (!/^\d{11}$/.test(value)) return false;
  const office = Number(value.slice(7, 10));
  if (!(
    (office >= 1 && office <= 100) ||
    office === 120 ||
    office === 121 ||
    office === 888 ||
    office === 999
  ))
    return false;
  return isLuhnValid(value);
}

export function makePartitaIva(firmNumber: number, officeCode: number): string {
  const body = `${String(firmNumber % 10_000_000).padStart(7, '0')}${String(officeCode).padStart(3, '0')}`;
  return `${body}${luhnCheckDigit(body)}`;
}

/** French SIREN (9 digits) and SIRET (SIREN + 5-digit NIC): both Luhn-valid. */
export function isValidSiren(value: string): boolean {
  return /^\d{9}$/.test(value) && isLuhnValid(value);
}

export function isValidSiret(value: string): boolean {
  return /^\d{14}$/.test(value) && isLuhnValid(value) && isValidSiren(value.slice(0, 9));
}

/** SIRET of the head office: a Luhn-valid SIREN, then NIC `0001x` with x making all 14 digits valid. */
export function makeSiret(firmNumber: number): string {
  const sirenBody = String(firmNumber % 100_000_000).padStart(8, '0');
  const siren = `${sirenBody}${luhnCheckDigit(sirenBody)}`;
  const body = `${siren}0001`;
  return `${body}${luhnCheckDigit(body)}`;
}

/** Crockford base-32: no I, L, O, U, so codes read aloud over the phone without confusion. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_SPACE = 2 ** 25; // five base-32 characters

/**
 * `P-7Q3K9`-style pseudonymous code for the n-th profile. An affine map with an odd multiplier is a
 * bijection modulo 2^25, so codes are unique for the first 33 million profiles yet look random.
 */
export function profileCode(index: number, salt: number): string {
  if (index < 0 || index >= CODE_SPACE) throw new RangeError('profile index out of the code space');
  let v = (Math.imul(index, 0x2f5a3b1) + salt) % CODE_SPACE;
  if (v < 0) v += CODE_SPACE;
  let out = '';
  for (let i = 0; i < 5; i++) {
    out = CROCKFORD[v & 31]! + out;
    v >>>= 5;
  }
  return `P-${out}`;
}
