/**
 * The upload contract (D1): one place that says how big, how wide and how long an import may be.
 * Routes pass the same object to @fastify/multipart (`maxFileBytes`) and to the readers, so the
 * documented contract and the enforced one cannot drift apart.
 */
export interface FileLimits {
  /** Compressed size of the upload (the multipart `fileSize` limit). */
  maxFileBytes: number;
  /** Sum of the uncompressed sizes of the XLSX parts we read, declared and actual (D4). */
  maxUncompressedBytes: number;
  /** Central-directory entries in an XLSX; real workbooks have a few dozen. */
  maxZipEntries: number;
  /** Data rows after the header. */
  maxRows: number;
  /** Columns in any row; also caps a single CSV line full of delimiters. */
  maxColumns: number;
  /** Characters in one cell; Excel itself stops at 32,767. */
  maxCellChars: number;
  /** Entries in an XLSX shared-strings table. */
  maxSharedStrings: number;
}

export const DEFAULT_FILE_LIMITS: Readonly<FileLimits> = Object.freeze({
  maxFileBytes: 50 * 1024 * 1024,
  maxUncompressedBytes: 256 * 1024 * 1024,
  maxZipEntries: 2_000,
  maxRows: 200_000,
  maxColumns: 256,
  maxCellChars: 32_767,
  maxSharedStrings: 1_000_000,
});

export function resolveLimits(overrides: Partial<FileLimits> = {}): FileLimits {
  return { ...DEFAULT_FILE_LIMITS, ...overrides };
}
