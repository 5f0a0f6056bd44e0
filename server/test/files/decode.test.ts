import { describe, expect, it } from 'vitest';
import { decodeText, encodeWindows1252, FileError } from '../../src/files/index.js';
import { fixture, utf8 } from './helpers.js';

describe('decodeText', () => {
  it('reads UTF-8 without BOM', () => {
    expect(decodeText(utf8('Città;Forlì'))).toEqual({ text: 'Città;Forlì', encoding: 'utf-8', bom: false });
  });

  it('reads UTF-8 with BOM and strips it', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('Prénom')]);
    expect(decodeText(bytes)).toEqual({ text: 'Prénom', encoding: 'utf-8', bom: true });
  });

  it('falls back to Windows-1252 for invalid UTF-8 (the IT/FR Excel CSV)', () => {
    const d = decodeText(fixture('assets-it-win1252.csv'));
    expect(d.encoding).toBe('windows-1252');
    expect(d.text).toContain('Superficie coperta (m²)');
    expect(d.text).toContain('Prezzo (€)');
    expect(d.text).toContain('Capannone Forlì – area portuale');
    expect(d.text).toContain('Entrepôt à Marseille');
    expect(d.text).toContain('œuvre');
  });

  it('round-trips text through encodeWindows1252', () => {
    const s = 'àèéìòù ÀÉ ç œ € – — ’ “”';
    expect(decodeText(encodeWindows1252(s)).text).toBe(s);
  });

  it('decodes every Windows-1252 byte, and a file read from the middle of a larger buffer', () => {
    const defined = [0x09, 0x0a, 0x0d];
    for (let b = 0x20; b <= 0xff; b++) if (![0x81, 0x8d, 0x8f, 0x90, 0x9d].includes(b)) defined.push(b);
    // 0xe9 alone is not UTF-8, so the whole range goes through the Windows-1252 decoder.
    const bytes = new Uint8Array([0xe9, ...defined]);
    const text = decodeText(bytes).text;
    expect(text).toHaveLength(bytes.length);
    expect(encodeWindows1252(text)).toEqual(bytes);
    expect(text.slice(0, 1)).toBe('é');
    expect([...text].filter((c) => c >= '\x80' && c <= '\x9f')).toEqual([]);
    const padded = new Uint8Array([0x58, 0x58, ...encodeWindows1252('€ 12,50 – l’œuvre'), 0x58]);
    expect(decodeText(padded.subarray(2, padded.length - 1)).text).toBe('€ 12,50 – l’œuvre');
  });

  it('refuses bytes undefined in Windows-1252, broken UTF-8 after a BOM, and control bytes', () => {
    for (const bytes of [
      new Uint8Array([0x41, 0x81]),
      new Uint8Array([0xef, 0xbb, 0xbf, 0xc3, 0x28]),
      new Uint8Array([0x41, 0x01, 0x42]),
    ]) {
      expect(() => decodeText(bytes)).toThrow(FileError);
    }
  });
});
