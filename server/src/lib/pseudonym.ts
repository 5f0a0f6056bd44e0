import { randomInt } from 'node:crypto';

// No 0/O, 1/I/L: codes are read aloud at a desk and typed by companies.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** A public pseudonymous code such as `P-7Q3K9A`: random, so it reveals nothing about the person. */
export function newPseudonym(prefix = 'P'): string {
  let out = '';
  for (let i = 0; i < 6; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return `${prefix}-${out}`;
}
