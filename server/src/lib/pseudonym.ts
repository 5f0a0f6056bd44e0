import { randomInt } from 'node:crypto';

// No 0/O, 1/I/L: codes are read aloud at a desk and typed by companies.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/**
 * A public pseudonymous code such as `P-7Q3K9A2F`: random, so it reveals nothing about the person; 31⁸
 * possible codes keep clashes rare even at a million profiles (callers still retry on the unique key).
 */
export function newPseudonym(prefix = 'P'): string {
  let out = '';
  for (let i = 0; i < 8; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return `${prefix}-${out}`;
}
