import { FileError } from './errors.js';

export type TextEncodingName = 'utf-8' | 'windows-1252';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  /** The file started with a UTF-8 byte-order mark (Excel's "CSV UTF-8" does this). */
  bom: boolean;
}

/** Bytes that Windows-1252 leaves undefined; WHATWG decoders map them to C1 controls, we refuse them. */
const CP1252_UNDEFINED = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

export function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/**
 * C0 control bytes that never appear in a spreadsheet export (tab, LF, FF and CR are allowed).
 * They are the cheapest tell of a binary file that happens to decode as Windows-1252, which
 * accepts almost any byte sequence.
 */
export function isForbiddenControlByte(b: number): boolean {
  return b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d;
}

/** Returns the offset of the first NUL or forbidden control byte, or -1. */
export function findControlByte(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) {
    if (isForbiddenControlByte(bytes[i] as number)) return i;
  }
  return -1;
}

/** True when `bytes` (without BOM) is well-formed UTF-8 (no overlongs, surrogates or truncation). */
export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Decodes a text upload. UTF-8 (with or without BOM) wins whenever the bytes are valid UTF-8:
 * a Windows-1252 file with accented letters is almost never valid UTF-8 by accident, because
 * a lone byte >= 0x80 must be followed by continuation bytes. Otherwise we fall back to
 * Windows-1252, which is what Italian and French Excel write for "CSV (separatore: punto e
 * virgola)". Undefined 1252 bytes and C0 controls are refused rather than guessed at.
 *
 * The whole file is decoded at once, in the parsing thread, which reads the upload from disk (the
 * request streamed it there): one string is the only copy besides the bytes (one byte a character for
 * Windows-1252); the CSV reader then walks it lazily.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  const bom = hasUtf8Bom(bytes);
  const body = bom ? bytes.subarray(3) : bytes;
  const control = findControlByte(body);
  if (control >= 0) {
    throw new FileError('FILE_ENCODING_INVALID', 'The file contains binary control characters.', {
      offset: control + (bom ? 3 : 0),
    });
  }
  try {
    // ignoreBOM: we already stripped ours; a second BOM would be data.
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
    return { text, encoding: 'utf-8', bom };
  } catch {
    if (bom) {
      // A BOM promises UTF-8; broken UTF-8 after it is corruption, not a different encoding.
      throw new FileError('FILE_ENCODING_INVALID', 'The file declares UTF-8 but is not valid UTF-8.');
    }
  }
  for (let i = 0; i < body.length; i++) {
    if (CP1252_UNDEFINED.has(body[i] as number)) {
      throw new FileError('FILE_ENCODING_INVALID', 'The file is neither UTF-8 nor Windows-1252.', {
        offset: i,
      });
    }
  }
  return { text: decodeWindows1252(body), encoding: 'windows-1252', bom: false };
}

const CP1252_HIGH: Readonly<Record<number, number>> = {
  0x20ac: 0x80,
  0x201a: 0x82,
  0x0192: 0x83,
  0x201e: 0x84,
  0x2026: 0x85,
  0x2020: 0x86,
  0x2021: 0x87,
  0x02c6: 0x88,
  0x2030: 0x89,
  0x0160: 0x8a,
  0x2039: 0x8b,
  0x0152: 0x8c,
  0x017d: 0x8e,
  0x2018: 0x91,
  0x2019: 0x92,
  0x201c: 0x93,
  0x201d: 0x94,
  0x2022: 0x95,
  0x2013: 0x96,
  0x2014: 0x97,
  0x02dc: 0x98,
  0x2122: 0x99,
  0x0161: 0x9a,
  0x203a: 0x9b,
  0x0153: 0x9c,
  0x017e: 0x9e,
  0x0178: 0x9f,
};

const CP1252_TO_UNICODE: Uint16Array = (() => {
  const table = new Uint16Array(256);
  for (let b = 0; b < 256; b++) table[b] = b;
  for (const [cp, b] of Object.entries(CP1252_HIGH)) table[b] = Number(cp);
  return table;
})();

/** The bytes where Windows-1252 and ISO-8859-1 differ, decoded as ISO-8859-1. */
const C1_RANGE = /[\x80-\x9f]/g;

/**
 * Windows-1252 decoding: ISO-8859-1 (one byte, one character, which Node decodes natively into a
 * compact one-byte string), then the 32 bytes where the two differ put right by table. Not `new
 * TextDecoder('windows-1252')`: Node 20's decoder treats that label as ISO-8859-1 and turns € or ’ into
 * invisible C1 controls. Not a table over every byte into UTF-16 units either: for a 28 MB upload that
 * was a 56 MB array and a 56 MB two-byte string, where a file without € or curly quotes needs 28 MB.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return latin1.replace(C1_RANGE, (c) => String.fromCharCode(CP1252_TO_UNICODE[c.charCodeAt(0)]!));
}

/**
 * Encodes text as Windows-1252 (for fixtures and for desks whose old Excel cannot read UTF-8).
 * Characters outside the code page become '?', as Excel does.
 */
export function encodeWindows1252(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  let n = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    if (cp < 0x80 || (cp >= 0xa0 && cp <= 0xff)) out[n++] = cp;
    else out[n++] = CP1252_HIGH[cp] ?? 0x3f;
  }
  return out.subarray(0, n);
}
