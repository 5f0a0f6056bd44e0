import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { detectFileType, writeXlsx } from '../../src/files/index.js';
import { expectCode, fixture, utf8 } from './helpers.js';

describe('detectFileType', () => {
  it('recognises a Windows-1252 semicolon CSV and reports its encoding', () => {
    const d = detectFileType(fixture('assets-it-win1252.csv'), 'export.CSV');
    expect(d.type).toBe('csv');
    if (d.type === 'csv') expect(d.encoding).toBe('windows-1252');
  });

  it('recognises a real workbook', () => {
    expect(detectFileType(fixture('assets-two-sheets-merged.xlsx'), 'risorse.xlsx').type).toBe('xlsx');
  });

  it.each([
    ['renamed-elf.csv'],
    ['renamed-mz.csv'],
    ['renamed-mz.xlsx'],
    ['plain-zip.xlsx'],
    ['plain-zip.csv'],
  ])('rejects %s with 415', (name) => {
    const e = expectCode(() => detectFileType(fixture(name), name), 'FILE_TYPE_UNSUPPORTED');
    expect(e.statusCode).toBe(415);
  });

  it('rejects a workbook named .csv and a CSV named .xlsx', () => {
    expectCode(
      () => detectFileType(fixture('assets-two-sheets-merged.xlsx'), 'a.csv'),
      'FILE_TYPE_UNSUPPORTED',
    );
    expectCode(() => detectFileType(fixture('profiles-10pct-bad.csv'), 'a.xlsx'), 'FILE_TYPE_UNSUPPORTED');
  });

  it('rejects polyglots: CSV text followed by a workbook, and a workbook with bytes prepended', async () => {
    const book = await writeXlsx([{ name: 'S', rows: [['a']] }]);
    const csvThenZip = new Uint8Array([...utf8('a;b\r\n1;2\r\n'), ...book]);
    expectCode(() => detectFileType(csvThenZip, 'x.xlsx'), 'FILE_TYPE_UNSUPPORTED');
    expectCode(() => detectFileType(csvThenZip, 'x.csv'), 'FILE_TYPE_UNSUPPORTED');
    // ZIP magic up front but a self-extractor-style gap before the real first entry.
    const gap = new Uint8Array([...book.subarray(0, 4), ...utf8('junk'), ...book.subarray(4)]);
    expectCode(() => detectFileType(gap, 'x.xlsx'), 'FILE_TYPE_UNSUPPORTED');
  });

  it('rejects other extensions, legacy .xls and macro workbooks', () => {
    expectCode(() => detectFileType(utf8('a,b\n'), 'a.xls'), 'FILE_TYPE_UNSUPPORTED');
    expectCode(() => detectFileType(utf8('a,b\n'), 'a.exe'), 'FILE_TYPE_UNSUPPORTED');
    expectCode(() => detectFileType(utf8('a,b\n'), 'noextension'), 'FILE_TYPE_UNSUPPORTED');
    const xlsm = zipSync({
      '[Content_Types].xml': utf8(
        '<Types><Override PartName="/xl/workbook.xml" ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"/></Types>',
      ),
      'xl/workbook.xml': utf8('<workbook/>'),
      'xl/vbaProject.bin': new Uint8Array([1, 2, 3]),
    });
    expectCode(() => detectFileType(xlsm, 'macro.xlsx'), 'FILE_TYPE_UNSUPPORTED');
  });

  it('rejects text with NUL or undecodable bytes with 415', () => {
    expectCode(() => detectFileType(utf8('a;b\n1;\u0000\n'), 'a.csv'), 'FILE_TYPE_UNSUPPORTED');
    expectCode(
      () => detectFileType(new Uint8Array([0x61, 0x3b, 0x81, 0x0a]), 'a.csv'),
      'FILE_TYPE_UNSUPPORTED',
    );
  });

  it('rejects an upload over the size limit with 413', () => {
    const e = expectCode(
      () => detectFileType(utf8('a;b\n1;2\n'), 'a.csv', { maxFileBytes: 4 }),
      'FILE_TOO_LARGE',
    );
    expect(e.statusCode).toBe(413);
  });
});
