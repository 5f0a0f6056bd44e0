import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  detectDelimiter,
  FileError,
  formatCsvRow,
  openTable,
  parseCsv,
  readCsv,
  unneutralizeFormula,
  type CsvDelimiter,
} from '../../src/files/index.js';
import { expectCode, fixture, utf8 } from './helpers.js';

const all = (text: string, delimiter: CsvDelimiter = ';') => [...parseCsv(text, { delimiter })];

describe('parseCsv (RFC 4180 state machine)', () => {
  it('splits plain fields and numbers records from 1', () => {
    expect(all('a;b\r\n1;2\r\n')).toEqual([
      { rowNumber: 1, line: 1, fields: ['a', 'b'], problems: [] },
      { rowNumber: 2, line: 2, fields: ['1', '2'], problems: [] },
    ]);
  });

  it('handles quoted fields, escaped quotes, delimiters and newlines inside quotes', () => {
    const rows = all('a;"b ""x""; c"\n"multi\r\nline\nfield";z\nlast;"";\n');
    expect(rows.map((r) => r.fields)).toEqual([
      ['a', 'b "x"; c'],
      ['multi\r\nline\nfield', 'z'],
      ['last', '', ''],
    ]);
    expect(rows.map((r) => [r.rowNumber, r.line])).toEqual([
      [1, 1],
      [2, 2],
      [3, 5],
    ]);
  });

  it('accepts LF, CRLF and lone CR record ends, with or without a final newline', () => {
    for (const text of ['a;b\n1;2', 'a;b\r\n1;2\r\n', 'a;b\r1;2\r']) {
      expect(all(text).map((r) => r.fields)).toEqual([
        ['a', 'b'],
        ['1', '2'],
      ]);
    }
  });

  it('skips blank lines but keeps counting them, as Excel numbers rows', () => {
    const rows = all('a;b\n\n\n1;2\n');
    expect(rows.map((r) => r.rowNumber)).toEqual([1, 4]);
  });

  it('keeps a trailing empty field ("a;b;")', () => {
    expect(all('a;b;').map((r) => r.fields)).toEqual([['a', 'b', '']]);
  });

  it('reports, and keeps literally, a quote inside an unquoted field or text after a closing quote', () => {
    const rows = all('a;b"c\n"x"y;z\n');
    expect(rows[0]).toMatchObject({
      fields: ['a', 'b"c'],
      problems: [{ code: 'CSV_STRAY_QUOTE', column: 1 }],
    });
    expect(rows[1]).toMatchObject({
      fields: ['xy', 'z'],
      problems: [{ code: 'CSV_TEXT_AFTER_QUOTE', column: 0 }],
    });
  });

  it('refuses an unterminated quoted field, naming its line', () => {
    const e = expectCode(() => all('a;b\n1;"open\n2;3\n'), 'FILE_MALFORMED');
    expect(e.details).toMatchObject({ line: 2 });
  });

  it('enforces row, column and cell caps with 413 errors', () => {
    expectCode(() => [...parseCsv('a\nb\nc\n', { delimiter: ';', maxRecords: 2 })], 'FILE_TOO_MANY_ROWS');
    expectCode(
      () => [...parseCsv(';'.repeat(10), { delimiter: ';', maxColumns: 5 })],
      'FILE_TOO_MANY_COLUMNS',
    );
    expectCode(
      () => [...parseCsv('x'.repeat(50), { delimiter: ';', maxCellChars: 10 })],
      'FILE_CELL_TOO_LONG',
    );
    expectCode(
      () => [...parseCsv(`"${'""'.repeat(50)}"`, { delimiter: ';', maxCellChars: 10 })],
      'FILE_CELL_TOO_LONG',
    );
  });

  it('is lazy: reading the first record does not parse the rest', () => {
    const it = parseCsv('a;b\n1;2\n"broken', { delimiter: ';' });
    expect(it.next().value?.fields).toEqual(['a', 'b']);
    expect(it.next().value?.fields).toEqual(['1', '2']);
    expect(() => it.next()).toThrow(FileError);
  });
});

describe('detectDelimiter', () => {
  it.each([
    ['Nome;Superficie\nCapannone;1.234,5\nHangar;2 400,75\n', ';'],
    ['name,area\nshed,"1,234.5"\nhangar,2400\n', ','],
    ['name\tarea\nshed\t1234,5\n', '\t'],
    ['"a;b",c,d\n1,2,3\n', ','],
    ['solo\nuna\ncolonna\n', ','],
  ] as const)('detects the delimiter of %j', (text, expected) => {
    expect(detectDelimiter(text)).toBe(expected);
  });

  it('detects ";" in the Windows-1252 Excel export', () => {
    const t = openTable(fixture('assets-it-win1252.csv'), 'a.csv');
    expect(t.delimiter).toBe(';');
    expect(t.encoding).toBe('windows-1252');
  });
});

describe('CSV reader properties', () => {
  const field = fc.string({
    unit: fc.constantFrom('a', 'Z', ' ', '"', ';', ',', '\t', '\n', '\r', 'é', '€', '=', '-', "'", '😀'),
    maxLength: 12,
  });

  it('round-trips arbitrary fields written by an always-quoting writer, for every delimiter', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<CsvDelimiter>(';', ',', '\t'),
        fc
          .integer({ min: 1, max: 5 })
          .chain((w) =>
            fc.array(fc.array(field, { minLength: w, maxLength: w }), { minLength: 1, maxLength: 8 }),
          ),
        (delimiter, rows) => {
          const text = rows
            .map((r) => r.map((f) => `"${f.replace(/"/g, '""')}"`).join(delimiter))
            .join('\r\n');
          expect(all(text, delimiter).map((r) => r.fields)).toEqual(rows);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('round-trips through our own CSV writer (minimal quoting, neutralised formulas) with detection', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 2, max: 5 })
          .chain((w) =>
            fc.array(fc.array(field, { minLength: w, maxLength: w }), { minLength: 1, maxLength: 8 }),
          ),
        fc.constantFrom<CsvDelimiter>(';', ',', '\t'),
        (rows, delimiter) => {
          // A distinctive header row so detection has something to go on, as real files do.
          const header = rows[0]!.map((_, i) => `col${i}`);
          const text = [header, ...rows].map((r) => formatCsvRow(r, { delimiter })).join('');
          const table = readCsv(text, { delimiter: detectDelimiter(text) });
          expect(table.delimiter).toBe(delimiter);
          const read = [...table.records].map((r) => r.fields.map(unneutralizeFormula));
          expect(read).toEqual([header, ...rows]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never throws anything but a FileError on arbitrary bytes, as CSV or as XLSX', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 400 }),
        fc.constantFrom('x.csv', 'x.xlsx'),
        fc.boolean(),
        (bytes, name, zipMagic) => {
          const input = zipMagic ? new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...bytes]) : bytes;
          try {
            const t = openTable(input, name);
            for (const _ of t.rows) {
              // drain: errors may surface lazily
            }
          } catch (e) {
            expect(e).toBeInstanceOf(FileError);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never throws anything but a FileError on a workbook with random corruption', () => {
    const book = fixture('assets-two-sheets-merged.xlsx');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: book.length - 1 }), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 8,
        }),
        (flips) => {
          const bytes = book.slice();
          for (const [at, value] of flips) bytes[at] = value;
          try {
            const t = openTable(bytes, 'x.xlsx');
            for (const _ of t.rows) {
              // drain
            }
          } catch (e) {
            expect(e).toBeInstanceOf(FileError);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never throws anything but a FileError on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
        try {
          const t = openTable(utf8(s), 'x.csv');
          for (const _ of t.rows) {
            // drain
          }
        } catch (e) {
          expect(e).toBeInstanceOf(FileError);
        }
      }),
      { numRuns: 300 },
    );
  });
});
