import { randomInt } from 'node:crypto';

// No 0/O, 1/I/L: codes are read aloud at a desk and typed by companies.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const LENGTH = 8;

/**
 * A public pseudonymous code such as `P-7Q3K9A2F`: random, so it reveals nothing about the person; 31⁸
 * possible codes keep clashes rare even at a million profiles (callers still retry on the unique key).
 */
export function newPseudonym(prefix = 'P'): string {
  let out = '';
  for (let i = 0; i < LENGTH; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return `${prefix}-${out}`;
}

/** The code of a number in the same format (demo data: reproducible codes that look like real ones). */
export function pseudonymOf(value: number, prefix = 'P'): string {
  let out = '';
  let v = value;
  for (let i = 0; i < LENGTH; i++) {
    out = ALPHABET[v % ALPHABET.length]! + out;
    v = Math.floor(v / ALPHABET.length);
  }
  return `${prefix}-${out}`;
}
