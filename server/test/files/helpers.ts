import { readFileSync } from 'node:fs';
import { FileError, type FileErrorCode } from '../../src/files/index.js';

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../fixtures/files/${name}`, import.meta.url)));
}

/** Runs `fn` and returns the FileError it throws; fails the test on anything else. */
export function fileErrorOf(fn: () => unknown): FileError {
  try {
    fn();
  } catch (e) {
    if (e instanceof FileError) return e;
    throw new Error(`expected a FileError, got ${String(e)}`, { cause: e });
  }
  throw new Error('expected a FileError, nothing was thrown');
}

export function expectCode(fn: () => unknown, code: FileErrorCode): FileError {
  const e = fileErrorOf(fn);
  if (e.code !== code) throw new Error(`expected ${code}, got ${e.code}: ${e.message}`);
  return e;
}

export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
