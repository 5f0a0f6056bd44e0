import type { FileType } from './detect.js';

/**
 * RFC 6266 `Content-Disposition` with an RFC 5987 `filename*` (D10). The name is reduced to a
 * base name without control characters, so a hostile name cannot inject a header (CR/LF), break
 * out of the quoted string, or suggest a path. The quoted `filename` is a plain-ASCII fallback
 * made by the server (accents folded, everything else replaced by `_`); `filename*` carries the
 * UTF-8 original, percent-encoded, for browsers that support it (all current ones).
 */
export function contentDisposition(filename: string, type: 'attachment' | 'inline' = 'attachment'): string {
  const clean = cleanName(filename);
  const ascii = asciiFallback(clean);
  let header = `${type}; filename="${ascii}"`;
  if (ascii !== clean) header += `; filename*=UTF-8''${encodeRfc5987(clean)}`;
  return header;
}

function cleanName(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? '';
  const noControls = base.replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, '').trim();
  const withoutDots = noControls.replace(/^\.+/, '');
  return [...withoutDots].slice(0, 150).join('') || 'download';
}

function asciiFallback(name: string): string {
  const folded = name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^A-Za-z0-9._ -]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^[._ ]+/, '');
  return folded || 'download';
}

/** encodeURIComponent leaves !'()* unescaped; RFC 5987 attr-char does not allow '()*. */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

export const CONTENT_TYPES: Readonly<Record<FileType, string>> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Everything a download response needs (D10): type, disposition, and no MIME sniffing. */
export function downloadHeaders(filename: string, format: FileType): Record<string, string> {
  return {
    'content-type': CONTENT_TYPES[format],
    'content-disposition': contentDisposition(filename),
    'x-content-type-options': 'nosniff',
  };
}

/** A server-chosen export name, e.g. "rilancio-assets-2026-11-21.xlsx": never the user's input. */
export function exportFilename(kind: string, format: FileType, date = new Date()): string {
  const safeKind = kind.replace(/[^a-z0-9-]+/gi, '-').toLowerCase() || 'export';
  return `rilancio-${safeKind}-${date.toISOString().slice(0, 10)}.${format}`;
}
