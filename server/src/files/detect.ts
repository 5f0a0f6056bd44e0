import { decodeText, type DecodedText } from './decode.js';
import { FileError } from './errors.js';
import { resolveLimits, type FileLimits } from './limits.js';
import { isZipMagic, ZipArchive } from './zip.js';

export type FileType = 'csv' | 'xlsx';

/** The result of sniffing, carrying what was already decoded so readers do not redo it. */
export type DetectedFile = ({ type: 'csv' } & DecodedText) | { type: 'xlsx'; zip: ZipArchive };

const CSV_EXTENSIONS = new Set(['csv', 'tsv', 'txt']);
const XLSX_EXTENSIONS = new Set(['xlsx']);

/** Signatures of things people rename to .csv/.xlsx, so the 415 can say what the file really is. */
const BINARY_SIGNATURES: ReadonlyArray<{ kind: string; bytes: readonly number[] }> = [
  { kind: 'windows-executable', bytes: [0x4d, 0x5a] },
  { kind: 'elf-executable', bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { kind: 'mach-o-executable', bytes: [0xcf, 0xfa, 0xed, 0xfe] },
  { kind: 'legacy-office (xls/doc)', bytes: [0xd0, 0xcf, 0x11, 0xe0] },
  { kind: 'pdf', bytes: [0x25, 0x50, 0x44, 0x46] },
  { kind: 'gzip', bytes: [0x1f, 0x8b] },
  { kind: '7z', bytes: [0x37, 0x7a, 0xbc, 0xaf] },
  { kind: 'rar', bytes: [0x52, 0x61, 0x72, 0x21] },
  { kind: 'png', bytes: [0x89, 0x50, 0x4e, 0x47] },
  { kind: 'jpeg', bytes: [0xff, 0xd8, 0xff] },
  { kind: 'zip', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { kind: 'zip', bytes: [0x50, 0x4b, 0x05, 0x06] },
];

const SPREADSHEET_MAIN = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml';

function unsupported(message: string, details: Record<string, unknown>): FileError {
  return new FileError('FILE_TYPE_UNSUPPORTED', message, details);
}

export function fileExtension(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

export function sniffBinary(bytes: Uint8Array): string | undefined {
  return BINARY_SIGNATURES.find((s) => s.bytes.every((b, i) => bytes[i] === b))?.kind;
}

/**
 * Decides whether an upload is a CSV or an XLSX (D3). Both the extension and the content must
 * agree: an executable, a plain ZIP, an old .xls or a macro workbook renamed to .csv/.xlsx is
 * refused with FILE_TYPE_UNSUPPORTED (415). For XLSX this also opens the central directory,
 * so the zip-bomb limits (413) apply before anything is inflated.
 */
export function detectFileType(
  bytes: Uint8Array,
  filename: string,
  limits: Partial<FileLimits> = {},
): DetectedFile {
  const lim = resolveLimits(limits);
  if (bytes.length > lim.maxFileBytes) {
    throw new FileError('FILE_TOO_LARGE', 'The file is larger than allowed.', {
      bytes: bytes.length,
      limit: lim.maxFileBytes,
    });
  }
  const ext = fileExtension(filename);
  const sniffed = sniffBinary(bytes);

  if (XLSX_EXTENSIONS.has(ext)) {
    if (!isZipMagic(bytes)) {
      throw unsupported('The file has an .xlsx name but is not an Excel workbook.', { ext, sniffed });
    }
    let zip: ZipArchive;
    try {
      zip = ZipArchive.open(bytes, lim);
    } catch (e) {
      if (e instanceof FileError && e.code === 'FILE_MALFORMED') {
        throw unsupported('The file is not a readable Excel workbook.', { ext, reason: e.message });
      }
      throw e;
    }
    if (!zip.has('[Content_Types].xml') || !zip.has('xl/workbook.xml')) {
      throw unsupported('The file is a ZIP archive, not an Excel workbook.', { ext });
    }
    const types = zip.readText('[Content_Types].xml');
    if (!types.includes(SPREADSHEET_MAIN) || zip.has('xl/vbaProject.bin')) {
      // Macro-enabled (xlsm), template (xltx) and add-in main types are all refused.
      throw unsupported('Only plain .xlsx workbooks (no macros, no templates) are accepted.', { ext });
    }
    return { type: 'xlsx', zip };
  }

  if (CSV_EXTENSIONS.has(ext)) {
    if (sniffed) throw unsupported(`The file has a .${ext} name but is a ${sniffed} file.`, { ext, sniffed });
    try {
      return { type: 'csv', ...decodeText(bytes) };
    } catch (e) {
      if (e instanceof FileError) {
        throw unsupported('The file is not a text (CSV) file.', { ext, reason: e.message });
      }
      throw e;
    }
  }

  throw unsupported('Only .csv and .xlsx files are accepted.', { ext });
}
