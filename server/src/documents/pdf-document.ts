/**
 * A small, reusable one-or-two-page PDF sheet: a title block with reference and date, then sections of
 * facts (label: value), prose, or two-column tables, and a footer on every page. Used by the asset offer
 * pack; meant for other desk documents (an opportunity readiness card) too, so it knows nothing of
 * assets. Built with pdfkit and its standard Helvetica fonts (WinAnsi: every Italian and French letter),
 * so nothing is read from the network or the file system beyond the library's own font metrics.
 */
import PDFDocument from 'pdfkit';

export type PdfSection =
  | { kind: 'facts'; heading: string; rows: [label: string, value: string][] }
  | { kind: 'text'; heading: string; text: string }
  | {
      kind: 'table';
      heading: string;
      columns: [string, string];
      rows: [string, string][];
      /** Shown under the table (e.g. how the counts were protected), or instead of it when it is empty. */
      note?: string;
      empty?: string;
    };

export interface PdfSheet {
  /** BCP 47 language of the text (it, fr, en): set on the document for screen readers. */
  lang: string;
  title: string;
  subtitle?: string;
  /** Short label/value pairs printed under the title: reference, date, issuing desk. */
  header: [label: string, value: string][];
  sections: PdfSection[];
  /** Printed at the bottom of every page with the page number. */
  footer: string;
  /** "Page {n} of {total}" in the document's language. */
  pageLabel: (n: number, total: number) => string;
  author?: string;
  subject?: string;
}

const ACCENT = '#1f4e79';
const MUTED = '#555555';
const LINE = '#c8c8c8';
const MARGIN = 50;
/** Sheets are short by design: more pages than this means the caller gave too much text. */
export const MAX_PAGES = 2;

/**
 * The standard fonts speak WinAnsi only. French number formatting uses narrow no-break spaces, which
 * WinAnsi lacks: they become the no-break space it has, so "12 400" does not turn into stray glyphs.
 */
export function winAnsiSafe(text: string): string {
  return text.replace(/[\u202f\u2007]/g, '\u00a0').replace(/[\u2009\u200a\u2002\u2003]/g, ' ');
}

function safeSheet(sheet: PdfSheet): PdfSheet {
  const s = winAnsiSafe;
  const pairs = (rows: [string, string][]) => rows.map(([a, b]) => [s(a), s(b)] as [string, string]);
  return {
    ...sheet,
    title: s(sheet.title),
    ...(sheet.subtitle ? { subtitle: s(sheet.subtitle) } : {}),
    header: pairs(sheet.header),
    footer: s(sheet.footer),
    pageLabel: (n, total) => s(sheet.pageLabel(n, total)),
    sections: sheet.sections.map((x) =>
      x.kind === 'text'
        ? { ...x, heading: s(x.heading), text: s(x.text) }
        : x.kind === 'facts'
          ? { ...x, heading: s(x.heading), rows: pairs(x.rows) }
          : {
              ...x,
              heading: s(x.heading),
              columns: [s(x.columns[0]), s(x.columns[1])],
              rows: pairs(x.rows),
              ...(x.note ? { note: s(x.note) } : {}),
              ...(x.empty ? { empty: s(x.empty) } : {}),
            },
    ),
  };
}

/** The sheet as PDF bytes. */
export function renderPdfSheet(input: PdfSheet): Promise<Buffer> {
  const sheet = safeSheet(input);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN + 20, left: MARGIN, right: MARGIN },
    bufferPages: true,
    lang: sheet.lang,
    displayTitle: true,
    info: {
      Title: sheet.title,
      ...(sheet.author ? { Author: sheet.author } : {}),
      ...(sheet.subject ? { Subject: sheet.subject } : {}),
      Creator: 'Rilancio',
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - MARGIN * 2;

  doc.font('Helvetica-Bold').fontSize(18).fillColor(ACCENT).text(sheet.title, { width });
  if (sheet.subtitle) doc.moveDown(0.2).font('Helvetica').fontSize(11).fillColor(MUTED).text(sheet.subtitle);
  doc.moveDown(0.5);
  doc.font('Helvetica').fontSize(9).fillColor('#000000');
  for (const [label, value] of sheet.header) {
    doc.font('Helvetica-Bold').text(`${label}: `, { continued: true }).font('Helvetica').text(value);
  }
  rule(doc, width);

  for (const section of sheet.sections) {
    heading(doc, section.heading);
    if (section.kind === 'text') {
      doc.font('Helvetica').fontSize(10).fillColor('#000000').text(section.text, { width, align: 'left' });
    } else if (section.kind === 'facts') {
      twoColumns(doc, section.rows, width, 0.42);
    } else {
      if (section.rows.length === 0) {
        doc
          .font('Helvetica-Oblique')
          .fontSize(10)
          .text(section.empty ?? '', { width });
      } else {
        twoColumns(doc, [section.columns, ...section.rows], width, 0.78, true);
      }
      if (section.note)
        doc
          .moveDown(0.3)
          .font('Helvetica-Oblique')
          .fontSize(8)
          .fillColor(MUTED)
          .text(section.note, { width });
    }
  }

  // Footers last, when the page count is known.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const y = doc.page.height - MARGIN;
    doc.page.margins.bottom = 0;
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor(MUTED)
      .text(sheet.footer, MARGIN, y, { width: width - 80, lineBreak: false, ellipsis: true })
      .text(sheet.pageLabel(i - range.start + 1, range.count), MARGIN + width - 80, y, {
        width: 80,
        align: 'right',
        lineBreak: false,
      });
  }
  doc.end();
  return done;
}

function heading(doc: PDFKit.PDFDocument, text: string) {
  doc.moveDown(0.8).font('Helvetica-Bold').fontSize(12).fillColor(ACCENT).text(text, MARGIN);
  doc.moveDown(0.25).fillColor('#000000');
}

function rule(doc: PDFKit.PDFDocument, width: number) {
  doc.moveDown(0.4);
  doc
    .moveTo(MARGIN, doc.y)
    .lineTo(MARGIN + width, doc.y)
    .strokeColor(LINE)
    .lineWidth(0.8)
    .stroke();
  doc.moveDown(0.2);
}

/** Rows of two cells; the first column takes `split` of the width. The header row, if any, is bold. */
function twoColumns(
  doc: PDFKit.PDFDocument,
  rows: [string, string][],
  width: number,
  split: number,
  headerRow = false,
) {
  const left = width * split;
  const right = width - left - 8;
  rows.forEach(([a, b], i) => {
    const bold = headerRow && i === 0;
    doc.fontSize(10);
    const h = Math.max(
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').heightOfString(a, { width: left }),
      doc.font(bold || !headerRow ? 'Helvetica-Bold' : 'Helvetica').heightOfString(b, { width: right }),
    );
    if (doc.y + h > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const y = doc.y;
    doc
      .font(bold ? 'Helvetica-Bold' : headerRow ? 'Helvetica' : 'Helvetica')
      .fillColor(headerRow ? '#000000' : MUTED)
      .text(a, MARGIN, y, { width: left });
    doc
      .font(bold || !headerRow ? 'Helvetica-Bold' : 'Helvetica')
      .fillColor('#000000')
      .text(b, MARGIN + left + 8, y, { width: right, align: headerRow ? 'right' : 'left' });
    doc.y = y + h + 3;
    doc.x = MARGIN;
  });
}
