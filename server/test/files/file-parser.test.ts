import { afterAll, describe, expect, it } from 'vitest';
import { createFileParser, type LoadedFile } from '../../src/files/worker/file-parser.js';
import { fixture } from './helpers.js';

/** The parsing thread as the import uses it: load, prepare, a scan pass, then a rows pass. */
describe('the file-parsing thread', () => {
  const parser = createFileParser();
  afterAll(() => parser.close());

  async function titles(file: LoadedFile, batch: number): Promise<string[]> {
    const out: string[] = [];
    for await (const rows of file.rows(batch)) for (const r of rows) out.push(String(r.record.title));
    return out;
  }

  it('reads a Windows-1252 CSV in both passes, from the text it decoded once', async () => {
    const file = await parser.load(fixture('assets-it-win1252.csv'));
    try {
      const { format, match } = await file.prepare({ fileName: 'inventario.csv', entity: 'assets' });
      expect(format).toBe('csv');
      expect(match.missingRequired).toEqual([]);
      const scan = await file.scan(10);
      expect(scan.total).toBe(4);
      // The second pass opens the table again: the en dash and the œ are Windows-1252's own bytes.
      const read = await titles(file, 3);
      expect(read).toHaveLength(4);
      expect(read[0]).toBe('Capannone Forlì – area portuale');
      expect(read[1]).toBe('Entrepôt à Marseille');
      // Prepared again under the same name (a corrected mapping), and read again.
      await file.prepare({ fileName: 'inventario.csv', entity: 'assets', mapping: { Descrizione: null } });
      expect(await titles(file, 10)).toEqual(read);
    } finally {
      await file.close();
    }
  });

  it('reads an XLSX sheet in both passes from the archive it opened once', async () => {
    const file = await parser.load(fixture('assets-two-sheets-merged.xlsx'));
    try {
      await file.prepare({ fileName: 'risorse.xlsx', entity: 'assets', sheet: 'Macchinari' });
      expect((await file.scan(10)).total).toBe(2);
      expect(await titles(file, 1)).toEqual(['Tornio CNC', 'Saldatrice TIG']);
      await file.prepare({ fileName: 'risorse.xlsx', entity: 'assets', sheet: 'Macchinari' });
      expect(await titles(file, 5)).toEqual(['Tornio CNC', 'Saldatrice TIG']);
    } finally {
      await file.close();
    }
  });

  it('refuses to read a file under another name than the one it was decoded under', async () => {
    const file = await parser.load(fixture('assets-it-win1252.csv'));
    try {
      await file.prepare({ fileName: 'inventario.csv', entity: 'assets' });
      await expect(file.prepare({ fileName: 'inventario.xlsx', entity: 'assets' })).rejects.toThrow(
        /another name/,
      );
    } finally {
      await file.close();
    }
  });
});
