/**
 * File-level failures: the whole upload is refused. Row-level problems are not errors but
 * `RowIssue`s (see issues.ts), because one bad row must not sink a 3,000-row import.
 *
 * `statusCode` is the HTTP status the API should answer with; the app's error handler maps a
 * FileError like any AppError (code + status + details). Messages are English and safe to show:
 * they never echo file contents beyond a short, sanitised excerpt.
 */
export const FILE_ERROR_STATUS = {
  /** Extension and content disagree, or the content is neither CSV nor XLSX (D3). */
  FILE_TYPE_UNSUPPORTED: 415,
  /** More bytes than the upload contract allows (D1, D2). */
  FILE_TOO_LARGE: 413,
  /** A ZIP whose declared or actual uncompressed size or entry count exceeds limits (D4). */
  FILE_ZIP_BOMB: 413,
  FILE_TOO_MANY_ROWS: 413,
  FILE_TOO_MANY_COLUMNS: 413,
  FILE_CELL_TOO_LONG: 413,
  /** Text that is neither valid UTF-8 nor decodable Windows-1252. */
  FILE_ENCODING_INVALID: 422,
  /** Structurally broken: unterminated quote, corrupt ZIP, missing worksheet, bad XML. */
  FILE_MALFORMED: 422,
  /** The requested sheet name does not exist. */
  FILE_SHEET_NOT_FOUND: 422,
  /** No header row (empty file). */
  FILE_EMPTY: 422,
  /** More rows failed than the import tolerates (D7). */
  FILE_TOO_MANY_BAD_ROWS: 422,
} as const;

export type FileErrorCode = keyof typeof FILE_ERROR_STATUS;

export class FileError extends Error {
  override readonly name = 'FileError';
  readonly statusCode: number;

  constructor(
    readonly code: FileErrorCode,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.statusCode = FILE_ERROR_STATUS[code];
  }
}

export function isFileError(e: unknown): e is FileError {
  return e instanceof FileError;
}
