import type { CsvDelimiter, CsvRowProblem } from './csv-reader.js';
import { readCsv } from './csv-reader.js';
import type { TextEncodingName } from './decode.js';
import { detectFileType, type DetectedFile, type FileType } from './detect.js';
import { FileError } from './errors.js';
import { resolveLimits, type FileLimits } from './limits.js';
import { readXlsx, type CellRange, type CellValue } from './xlsx-reader.js';

export interface TableRow {
  /** Row number as the user sees it in Excel (1-based, header included). */
  rowNumber: number;
  /** CSV only: physical line where the record starts. */
  line?: number;
  cells: CellValue[];
  /** CSV only: recoverable quoting problems on this row. */
  problems: CsvRowProblem[];
}

export interface TableHeader {
  /** One label per column (0-based), '' for a column without a header. */
  labels: string[];
  /** Spreadsheet row numbers the header was built from (one, or two for a two-level header). */
  rowNumbers: number[];
}

/** A CSV or an XLSX sheet seen the same way by the import: a header and lazily read rows. */
export interface Table {
  format: FileType;
  encoding?: TextEncodingName;
  bom?: boolean;
  delimiter?: CsvDelimiter;
  sheetName?: string;
  sheetNames?: string[];
  header: TableHeader;
  /** Data rows after the header; rows whose cells are all empty are skipped. */
  rows: Generator<TableRow>;
}

export interface OpenTableOptions extends Partial<FileLimits> {
  /** XLSX: sheet name or 0-based index (first sheet by default). */
  sheet?: string | number;
  /** CSV: force the delimiter instead of detecting it. */
  delimiter?: CsvDelimiter;
  /**
   * How many rows form the header. 'auto' (default): two when the first header row of an XLSX
   * has a merged cell (a group label over several columns, or a label merged down), else one.
   */
  headerRows?: 1 | 2 | 'auto';
}

const isEmptyCell = (v: CellValue | undefined): boolean =>
  v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

const label = (v: CellValue | undefined): string =>
  isEmptyCell(v) ? '' : String(v).replace(/\s+/g, ' ').trim();

/**
 * Builds header labels, applying the merged-cell rule:
 * - one header row: a label merged across columns names only the first column of its span
 *   (that is where Excel stores it; the other columns are unnamed and reported as such);
 * - two header rows: each column's label is "parent child", where parent is the row-1 label,
 *   spread across its merged span, and child is the row-2 label. A column with no child (its
 *   row-1 cell merged down, or nothing written under it) keeps the parent alone. Header
 *   matching is word-order-insensitive, so "Superficie (m²) coperta" finds "Superficie coperta (m²)".
 */
export function buildHeader(
  first: { rowNumber: number; cells: CellValue[] },
  second: { rowNumber: number; cells: CellValue[] } | undefined,
  merges: readonly CellRange[],
): TableHeader {
  const r0 = first.rowNumber - 1;
  if (!second) return { labels: first.cells.map(label), rowNumbers: [first.rowNumber] };
  const parents = first.cells.map(label);
  for (const m of merges) {
    if (m.r1 !== r0) continue;
    const anchor = parents[m.c1] ?? '';
    for (let c = m.c1 + 1; c <= m.c2; c++) parents[c] = anchor;
  }
  const width = Math.max(parents.length, second.cells.length);
  const labels: string[] = [];
  for (let c = 0; c < width; c++) {
    const parent = parents[c] ?? '';
    const child = label(second.cells[c]);
    labels.push(parent && child && parent !== child ? `${parent} ${child}` : parent || child);
  }
  return { labels, rowNumbers: [first.rowNumber, second.rowNumber] };
}

function* nonEmpty(rows: Iterable<TableRow>): Generator<TableRow> {
  for (const row of rows) if (row.cells.some((c) => !isEmptyCell(c))) yield row;
}

/**
 * Sniffs, decodes and opens an upload as a Table (the one entry point routes and the CLI
 * need). Throws FileError for anything file-level; the header is the first non-empty row.
 */
export function openTable(bytes: Uint8Array, filename: string, options: OpenTableOptions = {}): Table {
  return openDetected(detectFileType(bytes, filename, resolveLimits(options)), options);
}

/**
 * Opens a file already sniffed and decoded (`detectFileType`): a reader that reads a file more than once
 * keeps this, not the bytes, and opens it again for every pass.
 */
export function openDetected(detected: DetectedFile, options: OpenTableOptions = {}): Table {
  const limits = resolveLimits(options);
  if (detected.type === 'csv') {
    const csv = readCsv(detected.text, { ...limits, delimiter: options.delimiter });
    const rows = nonEmpty(
      (function* () {
        for (const r of csv.records)
          yield { rowNumber: r.rowNumber, line: r.line, cells: r.fields, problems: r.problems };
      })(),
    );
    const first = rows.next();
    if (first.done) throw new FileError('FILE_EMPTY', 'The file has no header row.');
    return {
      format: 'csv',
      encoding: detected.encoding,
      bom: detected.bom,
      delimiter: csv.delimiter,
      header: buildHeader(first.value, undefined, []),
      rows,
    };
  }
  const sheet = readXlsx(detected.zip, { ...limits, sheet: options.sheet });
  const rows = nonEmpty(
    (function* () {
      for (const r of sheet.rows) yield { rowNumber: r.rowNumber, cells: r.cells, problems: [] };
    })(),
  );
  const first = rows.next();
  if (first.done) throw new FileError('FILE_EMPTY', 'The sheet has no header row.', { sheet: sheet.name });
  const r0 = first.value.rowNumber - 1;
  const mergedInHeader = sheet.merges.some((m) => m.r1 === r0 && (m.c2 > m.c1 || m.r2 > m.r1));
  const headerRows = options.headerRows ?? 'auto';
  const two = headerRows === 2 || (headerRows === 'auto' && mergedInHeader);
  let second: TableRow | undefined;
  if (two) {
    const next = rows.next();
    if (!next.done) second = next.value;
  }
  return {
    format: 'xlsx',
    sheetName: sheet.name,
    sheetNames: sheet.sheetNames,
    header: buildHeader(first.value, second, sheet.merges),
    rows,
  };
}
