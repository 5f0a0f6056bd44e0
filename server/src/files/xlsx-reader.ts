import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { FileError } from './errors.js';
import { columnIndex } from './issues.js';
import { DEFAULT_FILE_LIMITS, type FileLimits } from './limits.js';
import { excelSerialToIso } from './values.js';
import type { ZipArchive } from './zip.js';

/** What a cell can hold after reading: dates arrive as ISO text, formulas as their cached value. */
export type CellValue = string | number | boolean | null;

export interface SheetRow {
  /** The row number Excel shows (1-based). */
  rowNumber: number;
  /** Dense, 0-based by column; gaps are null. */
  cells: CellValue[];
}

/** A merged range, 0-based and inclusive. */
export interface CellRange {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

export interface XlsxSheet {
  name: string;
  /** Names of every worksheet, in workbook order. */
  sheetNames: string[];
  date1904: boolean;
  merges: CellRange[];
  rows: Generator<SheetRow>;
}

export interface XlsxReadOptions extends Partial<FileLimits> {
  /** Sheet name (exact, then case-insensitive) or 0-based index; the first sheet by default. */
  sheet?: string | number;
}

/** XML parts that are read whole (workbook, relationships, styles) are kept under this size. */
const SMALL_PART_BYTES = 8 * 1024 * 1024;
const MAX_MERGES = 10_000;

function xmlError(part: string, e: unknown): FileError {
  return new FileError('FILE_MALFORMED', `Corrupt XLSX file: invalid XML in ${part}.`, {
    part,
    reason: e instanceof Error ? e.message.slice(0, 200) : String(e),
  });
}

const local = (name: string): string => {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
};

/**
 * OOXML writes characters XML cannot carry as `_xHHHH_` (ST_Xstring); `_x005F_` escapes a
 * literal underscore sequence. We undo it so control characters survive a round trip.
 */
export function decodeOoxmlEscapes(s: string): string {
  if (!s.includes('_x')) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * Runs a SAX parser over a part, chunk by chunk. DOCTYPEs are refused outright: spreadsheet
 * parts never have one, and refusing it closes the door on entity-expansion tricks.
 */
function* saxOver(
  zip: ZipArchive,
  part: string,
  maxBytes: number,
  wire: (parser: SaxesParser) => void,
  drain?: () => Generator<SheetRow>,
): Generator<SheetRow> {
  const parser = new SaxesParser({ position: false });
  parser.on('doctype', () => {
    throw new FileError('FILE_MALFORMED', 'Corrupt XLSX file: DOCTYPE is not allowed.', { part });
  });
  wire(parser);
  const decoder = new TextDecoder('utf-8');
  try {
    for (const chunk of zip.readChunks(part, maxBytes)) {
      parser.write(decoder.decode(chunk, { stream: true }));
      if (drain) yield* drain();
    }
    parser.write(decoder.decode());
    parser.close();
  } catch (e) {
    if (e instanceof FileError) throw e;
    throw xmlError(part, e);
  }
  if (drain) yield* drain();
}

function runSax(zip: ZipArchive, part: string, maxBytes: number, wire: (parser: SaxesParser) => void): void {
  for (const _ of saxOver(zip, part, maxBytes, wire)) {
    // no rows: this overload is for parts read for their side effects
  }
}

interface WorkbookInfo {
  sheets: { name: string; part: string }[];
  date1904: boolean;
  sharedStringsPart?: string;
  stylesPart?: string;
}

/** Resolves a relationship target against xl/ as plain string keys (never as file paths). */
function resolveTarget(target: string): string {
  const parts: string[] = [];
  for (const seg of (target.startsWith('/') ? target.slice(1) : `xl/${target}`).split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

function readWorkbook(zip: ZipArchive): WorkbookInfo {
  const rels = new Map<string, { target: string; type: string }>();
  if (zip.has('xl/_rels/workbook.xml.rels')) {
    runSax(zip, 'xl/_rels/workbook.xml.rels', SMALL_PART_BYTES, (p) => {
      p.on('opentag', (tag: SaxesTagPlain) => {
        if (local(tag.name) !== 'Relationship') return;
        const { Id, Target, Type, TargetMode } = tag.attributes;
        if (Id && Target && TargetMode !== 'External')
          rels.set(Id, { target: resolveTarget(Target), type: Type ?? '' });
      });
    });
  }
  const sheets: { name: string; part: string }[] = [];
  let date1904 = false;
  runSax(zip, 'xl/workbook.xml', SMALL_PART_BYTES, (p) => {
    p.on('opentag', (tag: SaxesTagPlain) => {
      const name = local(tag.name);
      if (name === 'workbookPr') {
        const v = tag.attributes.date1904;
        date1904 = v === '1' || v === 'true';
      } else if (name === 'sheet') {
        const rid = Object.entries(tag.attributes).find(([k]) => local(k) === 'id')?.[1];
        const rel = rid ? rels.get(rid) : undefined;
        // Chart sheets and dialog sheets have other relationship types: not tables.
        if (rel && rel.type.endsWith('/worksheet') && zip.has(rel.target)) {
          sheets.push({ name: tag.attributes.name ?? `Sheet${sheets.length + 1}`, part: rel.target });
        }
      }
    });
  });
  const byType = (suffix: string, fallback: string): string | undefined => {
    const rel = [...rels.values()].find((r) => r.type.endsWith(suffix));
    const part = rel?.target ?? fallback;
    return zip.has(part) ? part : undefined;
  };
  return {
    sheets,
    date1904,
    sharedStringsPart: byType('/sharedStrings', 'xl/sharedStrings.xml'),
    stylesPart: byType('/styles', 'xl/styles.xml'),
  };
}

/**
 * Shared strings: the text of each `<si>`, concatenating rich-text runs and skipping phonetic
 * (`rPh`) runs. Capped by count; total size is capped by the ZIP budget.
 */
function readSharedStrings(zip: ZipArchive, part: string, limits: FileLimits): string[] {
  const strings: string[] = [];
  let current: string | undefined;
  let inT = false;
  let inPhonetic = false;
  runSax(zip, part, limits.maxUncompressedBytes, (p) => {
    p.on('opentag', (tag: SaxesTagPlain) => {
      const name = local(tag.name);
      if (name === 'si') {
        current = '';
        if (strings.length >= limits.maxSharedStrings) {
          throw new FileError('FILE_ZIP_BOMB', 'The workbook has too many distinct texts.', {
            limit: limits.maxSharedStrings,
          });
        }
      } else if (name === 't') inT = !tag.isSelfClosing;
      else if (name === 'rPh') inPhonetic = true;
    });
    p.on('text', (text) => {
      if (inT && !inPhonetic && current !== undefined) {
        current += text;
        if (current.length > limits.maxCellChars) {
          throw new FileError('FILE_CELL_TOO_LONG', 'A text in the workbook is longer than allowed.', {
            limit: limits.maxCellChars,
          });
        }
      }
    });
    p.on('closetag', (tag: SaxesTagPlain) => {
      const name = local(tag.name);
      if (name === 't') inT = false;
      else if (name === 'rPh') inPhonetic = false;
      else if (name === 'si' && current !== undefined) {
        strings.push(decodeOoxmlEscapes(current));
        current = undefined;
      }
    });
  });
  return strings;
}

/** Built-in number formats that are dates or times (ECMA-376 §18.8.30, plus common locale ids). */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 30, 36, 45, 46, 47, 50, 57]);

export function isDateFormatCode(code: string): boolean {
  const stripped = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[(?![hms]+\])[^\]]*\]/gi, '')
    .split(';')[0] as string;
  return !/^general$/i.test(stripped.trim()) && /[dmyhs]/i.test(stripped);
}

/** For each cell style index (`s` attribute), whether its number format shows a date. */
function readDateStyles(zip: ZipArchive, part: string): boolean[] {
  const custom = new Map<number, string>();
  const styles: boolean[] = [];
  let inCellXfs = false;
  runSax(zip, part, SMALL_PART_BYTES, (p) => {
    p.on('opentag', (tag: SaxesTagPlain) => {
      const name = local(tag.name);
      if (name === 'numFmt') {
        custom.set(Number(tag.attributes.numFmtId), tag.attributes.formatCode ?? '');
      } else if (name === 'cellXfs') inCellXfs = !tag.isSelfClosing;
      else if (name === 'xf' && inCellXfs) {
        const id = Number(tag.attributes.numFmtId ?? 0);
        const code = custom.get(id);
        styles.push(code !== undefined ? isDateFormatCode(code) : BUILTIN_DATE_FORMATS.has(id));
      }
    });
    p.on('closetag', (tag: SaxesTagPlain) => {
      if (local(tag.name) === 'cellXfs') inCellXfs = false;
    });
  });
  return styles;
}

function parseRef(ref: string): { row: number; col: number } | undefined {
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/.exec(ref);
  if (!m) return undefined;
  const col = columnIndex(m[1] as string);
  return col === undefined ? undefined : { row: Number(m[2]) - 1, col };
}

/**
 * Merged ranges are written after the cell data, but the header logic needs them before the
 * first row is handed out. So a cheap first pass scans the decompressed sheet for
 * `<mergeCell ref="…"/>` with a regex (no XML tree, bounded memory) before the real pass.
 */
function scanMerges(zip: ZipArchive, part: string, maxBytes: number): CellRange[] {
  const merges: CellRange[] = [];
  const re = /<(?:\w+:)?mergeCell\b[^>]*?\bref="([^"]+)"/g;
  const decoder = new TextDecoder('utf-8');
  let carry = '';
  const scan = (text: string): void => {
    for (const m of text.matchAll(re)) {
      const [a, b = a] = (m[1] as string).split(':');
      const from = parseRef(a ?? '');
      const to = parseRef(b ?? '');
      if (!from || !to) continue;
      if (merges.length >= MAX_MERGES) return;
      merges.push({
        r1: Math.min(from.row, to.row),
        c1: Math.min(from.col, to.col),
        r2: Math.max(from.row, to.row),
        c2: Math.max(from.col, to.col),
      });
    }
  };
  for (const chunk of zip.readChunks(part, maxBytes)) {
    const text = carry + decoder.decode(chunk, { stream: true });
    // Keep an unfinished tag for the next chunk; a tag longer than 4 KiB is not a mergeCell.
    const cut = text.lastIndexOf('<');
    const tail = text.slice(cut);
    const complete = cut >= 0 && !tail.includes('>') ? text.slice(0, cut) : text;
    carry = complete === text || tail.length > 4096 ? '' : tail;
    scan(complete);
  }
  scan(carry + decoder.decode());
  return merges;
}

export function listSheets(zip: ZipArchive): string[] {
  return readWorkbook(zip).sheets.map((s) => s.name);
}

/**
 * Opens one worksheet for streaming. Shared strings and styles are loaded first (they are
 * referenced by index), merges are scanned, then rows are parsed lazily as the caller iterates.
 * Numbers with a date format become ISO dates; formulas are never evaluated, their cached
 * value is used; booleans become booleans; error cells (#N/A) become their text.
 */
export function readXlsx(zip: ZipArchive, options: XlsxReadOptions = {}): XlsxSheet {
  const limits: FileLimits = { ...DEFAULT_FILE_LIMITS, ...options };
  const wb = readWorkbook(zip);
  if (wb.sheets.length === 0) throw new FileError('FILE_MALFORMED', 'The workbook has no worksheet.');
  let sheet: { name: string; part: string } | undefined;
  if (typeof options.sheet === 'number') sheet = wb.sheets[options.sheet];
  else if (typeof options.sheet === 'string') {
    const wanted = options.sheet;
    sheet =
      wb.sheets.find((s) => s.name === wanted) ??
      wb.sheets.find((s) => s.name.toLowerCase() === wanted.toLowerCase());
  } else sheet = wb.sheets[0];
  if (!sheet) {
    throw new FileError('FILE_SHEET_NOT_FOUND', 'The requested sheet does not exist.', {
      sheet: options.sheet,
      sheets: wb.sheets.map((s) => s.name),
    });
  }
  const shared = wb.sharedStringsPart ? readSharedStrings(zip, wb.sharedStringsPart, limits) : [];
  const dateStyles = wb.stylesPart ? readDateStyles(zip, wb.stylesPart) : [];
  const merges = scanMerges(zip, sheet.part, limits.maxUncompressedBytes);
  return {
    name: sheet.name,
    sheetNames: wb.sheets.map((s) => s.name),
    date1904: wb.date1904,
    merges,
    rows: sheetRows(zip, sheet.part, shared, dateStyles, wb.date1904, limits),
  };
}

function* sheetRows(
  zip: ZipArchive,
  part: string,
  shared: string[],
  dateStyles: boolean[],
  date1904: boolean,
  limits: FileLimits,
): Generator<SheetRow> {
  const ready: SheetRow[] = [];
  let emitted = 0;
  let inSheetData = false;
  let rowNumber = 0;
  let cells: CellValue[] = [];
  let hasValue = false;
  let col = -1;
  let type = 'n';
  let style = 0;
  let text = '';
  let capture: 'v' | 't' | undefined;
  let inInline = false;
  let inPhonetic = false;

  const finishCell = (): void => {
    let value: CellValue = null;
    if (type === 'inlineStr') value = decodeOoxmlEscapes(text);
    else if (text !== '') {
      if (type === 's') value = shared[Number(text)] ?? null;
      else if (type === 'str' || type === 'e' || type === 'd') value = decodeOoxmlEscapes(text);
      else if (type === 'b') value = text.trim() === '1' || text.trim() === 'true';
      else {
        const n = Number(text);
        if (!Number.isFinite(n)) value = text;
        else if (dateStyles[style]) value = excelSerialToIso(n, date1904) ?? n;
        else value = n;
      }
    }
    if (value === '' || value === null) return;
    if (typeof value === 'string' && value.length > limits.maxCellChars) {
      throw new FileError('FILE_CELL_TOO_LONG', `A cell on row ${rowNumber} is longer than allowed.`, {
        row: rowNumber,
        limit: limits.maxCellChars,
      });
    }
    while (cells.length < col) cells.push(null);
    cells[col] = value;
    hasValue = true;
  };

  const wire = (p: SaxesParser): void => {
    p.on('opentag', (tag: SaxesTagPlain) => {
      const name = local(tag.name);
      if (name === 'sheetData') inSheetData = !tag.isSelfClosing;
      if (!inSheetData) return;
      if (name === 'row') {
        const r = Number(tag.attributes.r);
        rowNumber = Number.isInteger(r) && r > rowNumber ? r : rowNumber + 1;
        cells = [];
        hasValue = false;
        col = -1;
        if (tag.isSelfClosing) rowDone();
      } else if (name === 'c') {
        const ref = tag.attributes.r ? parseRef(tag.attributes.r) : undefined;
        col = ref ? ref.col : col + 1;
        if (col >= limits.maxColumns) {
          throw new FileError('FILE_TOO_MANY_COLUMNS', `Row ${rowNumber} has more columns than allowed.`, {
            row: rowNumber,
            limit: limits.maxColumns,
          });
        }
        type = tag.attributes.t ?? 'n';
        style = Number(tag.attributes.s ?? 0);
        text = '';
        capture = undefined;
        if (tag.isSelfClosing) finishCell();
      } else if (name === 'v') capture = tag.isSelfClosing ? undefined : 'v';
      else if (name === 'is') inInline = true;
      else if (name === 'rPh') inPhonetic = true;
      else if (name === 't' && inInline && !inPhonetic) capture = tag.isSelfClosing ? undefined : 't';
    });
    const onText = (t: string): void => {
      if (capture) {
        text += t;
        if (text.length > limits.maxCellChars) {
          throw new FileError('FILE_CELL_TOO_LONG', `A cell on row ${rowNumber} is longer than allowed.`, {
            row: rowNumber,
            limit: limits.maxCellChars,
          });
        }
      }
    };
    p.on('text', onText);
    p.on('cdata', onText);
    p.on('closetag', (tag: SaxesTagPlain) => {
      const name = local(tag.name);
      if (name === 'sheetData') inSheetData = false;
      if (!inSheetData) return;
      if (name === 'v' || name === 't') capture = undefined;
      else if (name === 'is') inInline = false;
      else if (name === 'rPh') inPhonetic = false;
      else if (name === 'c' && !tag.isSelfClosing) finishCell();
      else if (name === 'row' && !tag.isSelfClosing) rowDone();
    });
  };

  function rowDone(): void {
    if (!hasValue) return; // styled-but-empty rows (a classic "1M empty rows" file) are skipped
    if (++emitted > limits.maxRows + 1) {
      throw new FileError('FILE_TOO_MANY_ROWS', 'The sheet has more rows than allowed.', {
        limit: limits.maxRows,
      });
    }
    ready.push({ rowNumber, cells });
  }

  function* drain(): Generator<SheetRow> {
    for (let i = 0; i < ready.length; i++) yield ready[i] as SheetRow;
    ready.length = 0;
  }

  yield* saxOver(zip, part, limits.maxUncompressedBytes, wire, drain);
}
