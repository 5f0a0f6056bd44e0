/**
 * Reads a PDF back for tests: the text of its text-showing operators (Tj, TJ) in order, one line per
 * operator, and its page count. Enough for the documents pdfkit writes with the standard fonts (hex
 * strings in WinAnsi, Flate-compressed content streams); not a general PDF parser.
 */
import { inflateSync } from 'node:zlib';

// WinAnsi differs from Latin-1 in 0x80–0x9F (€, ’, “, …); Node's TextDecoder may lack windows-1252.
const WIN_ANSI_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const winAnsi = (bytes: Buffer) =>
  [...bytes].map((b) => (b >= 0x80 && b <= 0x9f ? WIN_ANSI_HIGH[b - 0x80] : String.fromCharCode(b))).join('');

function streams(pdf: Buffer): Buffer[] {
  const out: Buffer[] = [];
  const latin = pdf.toString('latin1');
  const re = /<<([^]*?)>>\s*stream\r?\n/g;
  for (let m = re.exec(latin); m; m = re.exec(latin)) {
    const start = m.index + m[0].length;
    const end = latin.indexOf('endstream', start);
    const raw = pdf.subarray(start, end);
    if (/\/FlateDecode/.test(m[1]!)) {
      try {
        out.push(inflateSync(raw));
      } catch {
        /* a stream this reader does not need (fonts, images) */
      }
    } else out.push(raw);
  }
  return out;
}

function decodeString(s: string): string {
  if (s.startsWith('<')) {
    const hex = s.slice(1, -1).replace(/\s+/g, '');
    return winAnsi(Buffer.from(hex, 'hex'));
  }
  return s.slice(1, -1).replace(/\\([()\\])/g, '$1');
}

/** The shown text, one entry per text operator. */
export function pdfTextLines(pdf: Buffer): string[] {
  const lines: string[] = [];
  for (const s of streams(pdf)) {
    const content = s.toString('latin1');
    const ops =
      /\[((?:<[0-9a-fA-F\s]*>|\((?:\\.|[^\\)])*\)|[-\d.\s])*)\]\s*TJ|(<[0-9a-fA-F\s]*>|\((?:\\.|[^\\)])*\))\s*Tj/g;
    for (let m = ops.exec(content); m; m = ops.exec(content)) {
      if (m[2]) lines.push(decodeString(m[2]));
      else {
        const parts = m[1]!.match(/<[0-9a-fA-F\s]*>|\((?:\\.|[^\\)])*\)/g) ?? [];
        lines.push(parts.map(decodeString).join(''));
      }
    }
  }
  return lines;
}

export function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page\b(?!s)/g) ?? []).length;
}
