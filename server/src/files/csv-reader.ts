import { FileError } from './errors.js';
import { DEFAULT_FILE_LIMITS, type FileLimits } from './limits.js';

export type CsvDelimiter = ',' | ';' | '\t';
export const CSV_DELIMITERS: readonly CsvDelimiter[] = [';', ',', '\t'];

/** A recoverable RFC 4180 violation inside one record (0-based field index); the record is still returned. */
export interface CsvRowProblem {
  code: 'CSV_STRAY_QUOTE' | 'CSV_TEXT_AFTER_QUOTE';
  column: number;
}

export interface CsvRecord {
  /** 1-based record number as Excel would number the row (blank lines count, header is 1). */
  rowNumber: number;
  /** 1-based physical line where the record starts (differs once a field holds a newline). */
  line: number;
  fields: string[];
  problems: CsvRowProblem[];
}

export interface CsvParseOptions {
  delimiter: CsvDelimiter;
  /** Records to yield at most (header included); one more is a FILE_TOO_MANY_ROWS. */
  maxRecords?: number;
  maxColumns?: number;
  maxCellChars?: number;
}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

function countLineBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) n++;
  }
  return n;
}

/**
 * RFC 4180 reader as an explicit state machine, yielding records lazily so a 100,000-row file
 * exists once as text and once per batch the caller holds, never as a full array of rows.
 *
 * Strict where it matters for correctness: an unterminated quoted field is a file error (it
 * would silently swallow every following row). Lenient where Excel users produce harmless
 * deviations: a quote inside an unquoted field, or text after a closing quote, is kept literally
 * and reported on the record (`problems`) so the import can flag that row. Record terminators
 * are CRLF, LF or a lone CR (old Mac Excel). Empty lines are skipped but still numbered.
 */
export function* parseCsv(text: string, options: CsvParseOptions): Generator<CsvRecord> {
  const delim = options.delimiter.charCodeAt(0);
  const maxRecords = options.maxRecords ?? DEFAULT_FILE_LIMITS.maxRows + 1;
  const maxColumns = options.maxColumns ?? DEFAULT_FILE_LIMITS.maxColumns;
  const maxCellChars = options.maxCellChars ?? DEFAULT_FILE_LIMITS.maxCellChars;
  const n = text.length;
  let i = 0;
  let line = 1;
  let rowNumber = 0;
  let yielded = 0;

  while (i < n) {
    rowNumber++;
    const recordLine = line;
    const c0 = text.charCodeAt(i);
    if (c0 === LF || c0 === CR) {
      // Blank line: numbered, not yielded.
      i += c0 === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
      continue;
    }
    const fields: string[] = [];
    const problems: CsvRowProblem[] = [];
    for (;;) {
      let value: string;
      if (text.charCodeAt(i) === QUOTE) {
        const fieldLine = line;
        i++;
        value = '';
        let segStart = i;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q === -1) {
            throw new FileError(
              'FILE_MALFORMED',
              `Unterminated quoted field starting on line ${fieldLine}.`,
              {
                line: fieldLine,
                row: rowNumber,
              },
            );
          }
          line += countLineBreaks(text, i, q);
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += text.slice(segStart, q + 1);
            i = q + 2;
            segStart = i;
            if (value.length > maxCellChars) break;
            continue;
          }
          value += text.slice(segStart, q);
          i = q + 1;
          break;
        }
        const after = text.charCodeAt(i);
        if (i < n && after !== delim && after !== CR && after !== LF) {
          problems.push({ code: 'CSV_TEXT_AFTER_QUOTE', column: fields.length });
          let j = i;
          for (; j < n; j++) {
            const c = text.charCodeAt(j);
            if (c === delim || c === CR || c === LF) break;
          }
          value += text.slice(i, j);
          i = j;
        }
      } else {
        let j = i;
        let stray = false;
        for (; j < n; j++) {
          const c = text.charCodeAt(j);
          if (c === delim || c === CR || c === LF) break;
          if (c === QUOTE) stray = true;
        }
        if (stray) problems.push({ code: 'CSV_STRAY_QUOTE', column: fields.length });
        value = text.slice(i, j);
        i = j;
      }
      if (value.length > maxCellChars) {
        throw new FileError('FILE_CELL_TOO_LONG', `A cell on row ${rowNumber} is longer than allowed.`, {
          row: rowNumber,
          limit: maxCellChars,
        });
      }
      fields.push(value);
      if (fields.length > maxColumns) {
        throw new FileError('FILE_TOO_MANY_COLUMNS', `Row ${rowNumber} has more columns than allowed.`, {
          row: rowNumber,
          limit: maxColumns,
        });
      }
      const c = text.charCodeAt(i);
      if (c === delim) {
        i++;
        if (i === n)
          fields.push(''); // "a;b;" ends with an empty last field
        else continue;
      } else if (c === CR) {
        i += text.charCodeAt(i + 1) === LF ? 2 : 1;
        line++;
      } else if (c === LF) {
        i++;
        line++;
      }
      break;
    }
    if (++yielded > maxRecords) {
      throw new FileError('FILE_TOO_MANY_ROWS', 'The file has more rows than allowed.', {
        limit: maxRecords - 1,
      });
    }
    yield { rowNumber, line: recordLine, fields, problems };
  }
}

/**
 * Picks the delimiter among `;` `,` and tab by parsing a sample with each one and keeping the
 * one whose rows most consistently have the header's field count (more than one field).
 * Ties go to `;` first: it is what Italian and French Excel write, and a `;` file with decimal
 * commas would otherwise look like a ragged `,` file. A single-column file reports `,`.
 */
export function detectDelimiter(text: string, sampleChars = 64 * 1024): CsvDelimiter {
  const sample = text.length > sampleChars ? text.slice(0, sampleChars) : text;
  let best: CsvDelimiter = ',';
  let bestScore = 0;
  for (const delimiter of CSV_DELIMITERS) {
    const counts: number[] = [];
    try {
      for (const rec of parseCsv(sample, { delimiter, maxColumns: 100_000, maxCellChars: Infinity })) {
        counts.push(rec.fields.length);
        if (counts.length >= 50) break;
      }
    } catch {
      // The sample may cut a quoted field in half; the records seen so far still count.
    }
    if (sample.length < text.length && counts.length > 1) counts.pop(); // possibly truncated
    const header = counts[0] ?? 0;
    if (header < 2) continue;
    const rest = counts.slice(1);
    const consistency = rest.length === 0 ? 1 : rest.filter((c) => c === header).length / rest.length;
    const score = consistency * 1_000_000 + header;
    if (score > bestScore) {
      best = delimiter;
      bestScore = score;
    }
  }
  return best;
}

export interface CsvReadOptions extends Partial<Pick<FileLimits, 'maxRows' | 'maxColumns' | 'maxCellChars'>> {
  /** Force a delimiter instead of detecting it. */
  delimiter?: CsvDelimiter;
}

export interface CsvTable {
  delimiter: CsvDelimiter;
  records: Generator<CsvRecord>;
}

/** Detects the delimiter and returns the lazy record stream, with the file's row caps applied. */
export function readCsv(text: string, options: CsvReadOptions = {}): CsvTable {
  const delimiter = options.delimiter ?? detectDelimiter(text);
  const records = parseCsv(text, {
    delimiter,
    maxRecords: (options.maxRows ?? DEFAULT_FILE_LIMITS.maxRows) + 1,
    maxColumns: options.maxColumns ?? DEFAULT_FILE_LIMITS.maxColumns,
    maxCellChars: options.maxCellChars ?? DEFAULT_FILE_LIMITS.maxCellChars,
  });
  return { delimiter, records };
}
