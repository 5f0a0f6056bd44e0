import { existsSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createRowConverter,
  detectFileType,
  isDateFormatCode,
  matchHeaders,
  openTable,
  readXlsx,
  unneutralizeFormula,
  writeXlsx,
  type Table,
} from '../../src/files/index.js';
import { expectCode, fixture } from './helpers.js';

const rowsOf = (t: Table) => [...t.rows];

describe('readXlsx on a two-sheet workbook with merged header cells', () => {
  const book = fixture('assets-two-sheets-merged.xlsx');

  it('opens the first sheet and lists both', () => {
    const t = openTable(book, 'risorse.xlsx');
    expect(t.format).toBe('xlsx');
    expect(t.sheetName).toBe('Capannoni');
    expect(t.sheetNames).toEqual(['Capannoni', 'Macchinari']);
  });

  it('combines a merged group label with the labels under it (two-row header)', () => {
    const t = openTable(book, 'risorse.xlsx');
    expect(t.header.rowNumbers).toEqual([1, 2]);
    expect(t.header.labels).toEqual([
      'Numero di inventario',
      'Titolo',
      'Superficie (m²) coperta',
      'Superficie (m²) terreno',
      'Tipo',
      'Comune',
      'Disponibile dal',
      'Accesso banchina',
    ]);
    const m = matchHeaders('assets', t.header.labels);
    expect(m.columns.map((c) => c.field)).toEqual([
      'inventoryNumber',
      'title',
      'coveredAreaM2',
      'landAreaM2',
      'kind',
      'municipality',
      'availableFrom',
      'quayAccess',
    ]);
    expect(m.unknown).toEqual([]);
  });

  it('reads shared strings (rich text joined, phonetic runs dropped), numbers, date-styled serials and booleans', () => {
    const t = openTable(book, 'risorse.xlsx');
    const rows = rowsOf(t);
    expect(rows.map((r) => r.rowNumber)).toEqual([3, 4, 5]);
    expect(rows[0]!.cells).toEqual([
      'CAP-01',
      'Capannone con banchina',
      1850.5,
      5000,
      'capannone',
      'Genova',
      '2026-12-31',
      true,
    ]);
    expect(rows[1]!.cells[6]).toBe('2026-02-01');
    expect(rows[2]!.cells[3]).toBeNull();
    const convert = createRowConverter(matchHeaders('assets', t.header.labels));
    expect({ ...convert(rows[2]!).record }).toEqual({
      inventoryNumber: 'CAP-03',
      title: 'Capannone ex cantiere',
      coveredAreaM2: 980.25,
      kind: 'building',
      municipality: 'Livorno',
      availableFrom: '2026-12-31',
      quayAccess: true,
    });
  });

  it('opens a sheet by name (case-insensitive) or by index, and refuses an unknown one', () => {
    for (const sheet of ['Macchinari', 'macchinari', 1] as const) {
      const t = openTable(book, 'r.xlsx', { sheet });
      expect(t.sheetName).toBe('Macchinari');
      expect(t.header.labels).toEqual([
        'Numero di inventario',
        'Titolo',
        'Tipo',
        'Comune',
        'Potenza (kW)',
        'Anno',
      ]);
      expect(rowsOf(t).map((r) => r.cells[4])).toEqual([15.5, 7]);
    }
    expectCode(() => openTable(book, 'r.xlsx', { sheet: 'Nope' }), 'FILE_SHEET_NOT_FOUND');
  });

  it('uses a single header row when asked, leaving merged-over columns unnamed', () => {
    const t = openTable(book, 'r.xlsx', { headerRows: 1 });
    expect(t.header.labels.slice(0, 4)).toEqual(['Numero di inventario', 'Titolo', 'Superficie (m²)', '']);
  });
});

describe('XLSX limits and hostile workbooks', () => {
  it('skips 200,000 styled-but-empty rows without counting them as data', () => {
    const t = openTable(fixture('empty-rows.xlsx'), 'e.xlsx', { maxRows: 10 });
    const rows = rowsOf(t);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.rowNumber).toBe(200_002);
  });

  it('caps rows and columns', async () => {
    const wide = await writeXlsx([{ name: 'S', rows: [Array.from({ length: 20 }, (_, i) => `c${i}`)] }]);
    expectCode(() => openTable(wide, 'w.xlsx', { maxColumns: 10 }), 'FILE_TOO_MANY_COLUMNS');
    const long = await writeXlsx([{ name: 'S', rows: Array.from({ length: 30 }, (_, i) => [`r${i}`]) }]);
    expectCode(() => rowsOf(openTable(long, 'l.xlsx', { maxRows: 10 })), 'FILE_TOO_MANY_ROWS');
  });

  it('never uses entry names as paths (zip-slip)', () => {
    const t = openTable(fixture('zip-slip.xlsx'), 'z.xlsx');
    expect(rowsOf(t)).toHaveLength(1);
    expect(existsSync('/tmp/rilancio-zip-slip-evil.txt')).toBe(false);
    expect(existsSync(new URL('../../../evil.txt', import.meta.url))).toBe(false);
  });

  it('recognises date number formats', () => {
    expect(isDateFormatCode('dd/mm/yyyy;@')).toBe(true);
    expect(isDateFormatCode('[$-410]d mmmm yyyy')).toBe(true);
    expect(isDateFormatCode('#,##0.00 "m²"')).toBe(false);
    expect(isDateFormatCode('General')).toBe(false);
    expect(isDateFormatCode('[Red]0.00')).toBe(false);
  });
});

describe('XLSX writer → reader round trip', () => {
  it('keeps arbitrary text (control characters, surrogates, _xHHHH_ look-alikes, formulas) and numbers', async () => {
    const text = fc.string({
      unit: fc.oneof(
        fc.constantFrom('_x0041_', '_x', '&', '<', '"', '=', '\u0001', '\u0000', '\r', '\t', ' ', '\uD800'),
        fc.string({ unit: 'binary', maxLength: 1 }),
      ),
      maxLength: 10,
    });
    const num = fc.double({ noNaN: true, noDefaultInfinity: true });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.oneof(text, num), { minLength: 1, maxLength: 4 }), {
          minLength: 1,
          maxLength: 5,
        }),
        async (rows) => {
          const book = await writeXlsx([{ name: 'S', rows: [['header'], ...rows] }]);
          const detected = detectFileType(book, 'x.xlsx');
          if (detected.type !== 'xlsx') throw new Error('not xlsx');
          const read = [...readXlsx(detected.zip).rows].slice(1);
          // Blank text cells are not written (the reader gives null), and all-blank rows are skipped.
          const expected = rows
            .map((r) =>
              r.map((c) => (typeof c === 'number' ? (Object.is(c, -0) ? 0 : c) : c === '' ? null : c)),
            )
            .filter((r) => r.some((c) => c !== null));
          expect(read).toHaveLength(expected.length);
          const got = read.map((r, i) =>
            (expected[i] ?? []).map((_, c) => {
              const v = r.cells[c] ?? null;
              return typeof v === 'string' ? unneutralizeFormula(v) : v;
            }),
          );
          expect(got).toEqual(expected);
        },
      ),
      { numRuns: 150 },
    );
  });
});
