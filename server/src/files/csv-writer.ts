import type { CsvDelimiter } from './csv-reader.js';
import { booleanLabel, dateText, type ExportCell } from './export-cell.js';
import { neutralizeFormula } from './formula.js';
import type { Lang } from './issues.js';

export interface CsvWriteOptions {
  /** `;` for IT/FR Excel (the default), `,` for EN. */
  delimiter?: CsvDelimiter;
  /** Decimal separator for numbers; ',' by default when the delimiter is ';'. */
  decimal?: ',' | '.';
  /** Start with a UTF-8 BOM so Excel reads accents correctly (default true). */
  bom?: boolean;
  /** Language of yes/no labels. */
  lang?: Lang;
}

const BOM = '\uFEFF';

function resolve(options: CsvWriteOptions): Required<CsvWriteOptions> {
  const delimiter = options.delimiter ?? ';';
  return {
    delimiter,
    decimal: options.decimal ?? (delimiter === ';' ? ',' : '.'),
    bom: options.bom ?? true,
    lang: options.lang ?? 'it',
  };
}

/** One field: text is neutralised against formulas, then quoted per RFC 4180 when needed. */
export function formatCsvCell(cell: ExportCell, options: CsvWriteOptions = {}): string {
  const opts = resolve(options);
  let text: string;
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) return '';
    text = String(cell);
    if (opts.decimal === ',') text = text.replace('.', ',');
  } else if (typeof cell === 'boolean') text = booleanLabel(cell, opts.lang);
  else if (cell instanceof Date) text = dateText(cell);
  else text = neutralizeFormula(cell);
  if (text.includes(opts.delimiter) || text.includes('"') || text.includes('\n') || text.includes('\r')) {
    return `"${text.replace(/"/g, '""')}"`;
  }
  return text;
}

export function formatCsvRow(cells: readonly ExportCell[], options: CsvWriteOptions = {}): string {
  const opts = resolve(options);
  return cells.map((c) => formatCsvCell(c, opts)).join(opts.delimiter) + '\r\n';
}

/**
 * Streams CSV text in ~64 KiB pieces (CRLF line ends, as RFC 4180 and Excel want), from sync
 * or async rows, so an export of the whole databank never sits in memory as one string.
 * For Fastify: `reply.send(Readable.from(csvChunks(rows, opts)))`.
 */
export async function* csvChunks(
  rows: Iterable<readonly ExportCell[]> | AsyncIterable<readonly ExportCell[]>,
  options: CsvWriteOptions = {},
): AsyncGenerator<string> {
  const opts = resolve(options);
  let buffer = opts.bom ? BOM : '';
  for await (const row of rows) {
    buffer += formatCsvRow(row, opts);
    if (buffer.length >= 65_536) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer) yield buffer;
}

/** Whole-file form for small outputs (templates, tests). */
export function toCsv(rows: Iterable<readonly ExportCell[]>, options: CsvWriteOptions = {}): string {
  const opts = resolve(options);
  let out = opts.bom ? BOM : '';
  for (const row of rows) out += formatCsvRow(row, opts);
  return out;
}
