/**
 * Company identifiers and public pseudonyms for the demo set. The identifiers pass the checks in
 * lib/identifiers.ts (the API's), and the codes have the production format (lib/pseudonym.ts).
 */
import { luhnCheckDigit } from '../lib/identifiers.js';
import { pseudonymOf } from '../lib/pseudonym.js';

export function makePartitaIva(firmNumber: number, officeCode: number): string {
  const body = `${String(firmNumber % 10_000_000).padStart(7, '0')}${String(officeCode).padStart(3, '0')}`;
  return `${body}${luhnCheckDigit(body)}`;
}

/** SIRET of the head office: a Luhn-valid SIREN, then NIC `0001x` with x making all 14 digits valid. */
export function makeSiret(firmNumber: number): string {
  const sirenBody = String(firmNumber % 100_000_000).padStart(8, '0');
  const siren = `${sirenBody}${luhnCheckDigit(sirenBody)}`;
  const body = `${siren}0001`;
  return `${body}${luhnCheckDigit(body)}`;
}

const CODE_SPACE = 2 ** 25;

/**
 * The pseudonymous code of the n-th demo profile, in the production format (`P-` and eight characters):
 * an affine map with an odd multiplier is a bijection modulo 2^25, so codes are unique for the first
 * 33 million profiles yet look random, and reproducible from the seed.
 */
export function profileCode(index: number, salt: number): string {
  if (index < 0 || index >= CODE_SPACE) throw new RangeError('profile index out of the code space');
  let v = (Math.imul(index, 0x2f5a3b1) + salt) % CODE_SPACE;
  if (v < 0) v += CODE_SPACE;
  return pseudonymOf(v);
}
