import { Zip, ZipDeflate } from 'fflate';
import { booleanLabel, dateText, type ExportCell } from './export-cell.js';
import { neutralizeFormula } from './formula.js';
import type { Lang } from './issues.js';
import { columnLetter } from './issues.js';

export interface XlsxSheetInput {
  name: string;
  /** The first row is written bold and frozen as the header. */
  rows: Iterable<readonly ExportCell[]> | AsyncIterable<readonly ExportCell[]>;
}

export interface XlsxWriteOptions {
  lang?: Lang;
}

/**
 * Escapes text for an OOXML string: XML's five specials, and `_xHHHH_` (ST_Xstring) for the
 * characters XML 1.0 cannot carry (C0 controls, lone surrogates, U+FFFE/FFFF) and for CR, which
 * XML parsers would normalise to LF (Excel does the same). A literal
 * `_xHHHH_` in the text gets its underscore escaped so readers do not decode it.
 */
export function escapeXmlText(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i] as string;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out += ch + (s[i + 1] as string);
        i++;
        continue;
      }
    }
    if (ch === '&') out += '&amp;';
    else if (ch === '<') out += '&lt;';
    else if (ch === '>') out += '&gt;';
    else if (ch === '"') out += '&quot;';
    else if (ch === '_' && /^_x[0-9A-Fa-f]{4}_/.test(s.slice(i, i + 7))) out += '_x005F_';
    else if (
      (c < 0x20 && c !== 0x09 && c !== 0x0a) ||
      (c >= 0xd800 && c <= 0xdfff) ||
      c === 0xfffe ||
      c === 0xffff
    ) {
      out += `_x${c.toString(16).toUpperCase().padStart(4, '0')}_`;
    } else out += ch;
  }
  return out;
}

function cellXml(ref: string, cell: ExportCell, style: string, lang: Lang): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') {
    return Number.isFinite(cell) ? `<c r="${ref}"${style} t="n"><v>${cell}</v></c>` : '';
  }
  const text =
    typeof cell === 'boolean'
      ? booleanLabel(cell, lang)
      : cell instanceof Date
        ? dateText(cell)
        : neutralizeFormula(cell);
  if (text === '') return '';
  // Inline strings: explicitly text, streamable (no shared-strings table to hold in memory).
  return `<c r="${ref}"${style} t="inlineStr"><is><t xml:space="preserve">${escapeXmlText(text)}</t></is></c>`;
}

/** Excel's rules: 1–31 characters, none of []:*?/\ , unique in the workbook. */
function sheetNames(inputs: readonly XlsxSheetInput[]): string[] {
  const used = new Set<string>();
  return inputs.map((s, i) => {
    let base =
      s.name
        .replace(/[[\]:*?/\\\p{Cc}]/gu, ' ')
        .trim()
        .slice(0, 31) || `Sheet${i + 1}`;
    base = base.replace(/^'+|'+$/g, '') || `Sheet${i + 1}`;
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base.slice(0, 28)} (${n})`;
    used.add(name.toLowerCase());
    return name;
  });
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

function staticParts(names: readonly string[]): Array<[string, string]> {
  const sheetsOverrides = names
    .map(
      (_, i) =>
        `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
    )
    .join('');
  return [
    [
      '[Content_Types].xml',
      `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${sheetsOverrides}</Types>`,
    ],
    [
      '_rels/.rels',
      `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}"><Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ],
    [
      'xl/workbook.xml',
      `${XML_HEAD}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><sheets>${names
        .map((n, i) => `<sheet name="${escapeXmlText(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
        .join('')}</sheets></workbook>`,
    ],
    [
      'xl/_rels/workbook.xml.rels',
      `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">${names
        .map(
          (_, i) =>
            `<Relationship Id="rId${i + 1}" Type="${NS_REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
        )
        .join(
          '',
        )}<Relationship Id="rId${names.length + 1}" Type="${NS_REL}/styles" Target="styles.xml"/></Relationships>`,
    ],
    [
      'xl/styles.xml',
      // Style 0 is plain, style 1 is the bold header; both with the General number format.
      `${XML_HEAD}<styleSheet xmlns="${NS_MAIN}"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs></styleSheet>`,
    ],
  ];
}

/**
 * Streams an XLSX workbook as ZIP chunks while rows are produced: each sheet's XML is deflated
 * as it is written, so memory stays flat however many rows are exported. Every cell is an
 * explicit number (`t="n"`) or inline string (`t="inlineStr"`); text is formula-neutralised.
 * For Fastify: `reply.send(Readable.from(xlsxChunks(sheets)))`.
 */
export async function* xlsxChunks(
  sheets: readonly XlsxSheetInput[],
  options: XlsxWriteOptions = {},
): AsyncGenerator<Uint8Array> {
  const lang = options.lang ?? 'it';
  const names = sheetNames(sheets);
  const out: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((err, data) => {
    if (err) failure = err;
    else out.push(data);
  });
  const encoder = new TextEncoder();
  const flush = function* (): Generator<Uint8Array> {
    if (failure) throw failure;
    yield* out.splice(0, out.length);
  };
  const addWhole = (name: string, text: string): void => {
    const file = new ZipDeflate(name, { level: 6 });
    zip.add(file);
    file.push(encoder.encode(text), true);
  };
  for (const [name, text] of staticParts(names)) addWhole(name, text);
  yield* flush();

  for (let s = 0; s < sheets.length; s++) {
    const file = new ZipDeflate(`xl/worksheets/sheet${s + 1}.xml`, { level: 6 });
    zip.add(file);
    file.push(
      encoder.encode(
        `${XML_HEAD}<worksheet xmlns="${NS_MAIN}"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>`,
      ),
    );
    let buffer = '';
    let r = 0;
    for await (const row of (sheets[s] as XlsxSheetInput).rows) {
      r++;
      const style = r === 1 ? ' s="1"' : '';
      let xml = `<row r="${r}">`;
      row.forEach((cell, c) => {
        xml += cellXml(`${columnLetter(c)}${r}`, cell, style, lang);
      });
      buffer += `${xml}</row>`;
      if (buffer.length >= 65_536) {
        file.push(encoder.encode(buffer));
        buffer = '';
        yield* flush();
      }
    }
    file.push(encoder.encode(`${buffer}</sheetData></worksheet>`), true);
    yield* flush();
  }
  zip.end();
  yield* flush();
}

/** Whole-file form for small outputs (templates, tests). */
export async function writeXlsx(
  sheets: readonly XlsxSheetInput[],
  options: XlsxWriteOptions = {},
): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const chunk of xlsxChunks(sheets, options)) parts.push(chunk);
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}
