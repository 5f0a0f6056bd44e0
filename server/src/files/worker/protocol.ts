import type { ConvertedRow, ConvertOptions } from '../convert.js';
import { FileError, FILE_ERROR_STATUS, type FileErrorCode } from '../errors.js';
import type { EntityName } from '../field-def.js';
import type { HeaderMatch } from '../headers.js';
import type { RowScan } from '../prepared-table.js';
import type { FileType } from '../detect.js';

/**
 * Messages between the server and the file-parsing worker (file-parser.ts ↔ parse.worker.ts). Only
 * structured-clone data crosses: the user's header mapping travels as entries, never as an object whose
 * keys ("__proto__") the clone could treat specially.
 */
export type ParseRequest =
  | { op: 'load'; bytes: Uint8Array }
  /** The parsing thread reads the file itself: the server thread never holds its bytes. */
  | { op: 'load'; path: string }
  | {
      op: 'prepare';
      session: number;
      fileName: string;
      entity: EntityName;
      sheet?: string;
      mapping: [string, string | null][];
    }
  | { op: 'scan'; session: number; maxProblems: number }
  | { op: 'rows'; session: number; max: number }
  | { op: 'close'; session: number };

export interface LoadAnswer {
  session: number;
  sha256: string;
}
export interface PrepareAnswer {
  format: FileType;
  match: HeaderMatch;
  convertOptions: ConvertOptions;
}
export type ScanAnswer = RowScan;
export interface RowsAnswer {
  rows: ConvertedRow[];
  done: boolean;
}

export type ParseAnswer =
  { id: number; ok: true; value: unknown } | { id: number; ok: false; error: WireError };

/** An error as it crosses the thread boundary: a FileError keeps its code and details, anything else its message. */
export type WireError =
  | { kind: 'file'; code: FileErrorCode; message: string; details: Record<string, unknown> }
  | { kind: 'other'; name: string; message: string };

export function toWire(error: unknown): WireError {
  if (error instanceof FileError)
    return { kind: 'file', code: error.code, message: error.message, details: { ...error.details } };
  if (error instanceof Error) return { kind: 'other', name: error.name, message: error.message };
  return { kind: 'other', name: 'Error', message: String(error) };
}

/** The error the worker threw, rebuilt on this side: a FileError is the same FileError the reader threw. */
export function fromWire(wire: WireError): Error {
  if (wire.kind === 'file' && wire.code in FILE_ERROR_STATUS)
    return new FileError(wire.code, wire.message, wire.details);
  const error = new Error(wire.message);
  error.name = wire.kind === 'other' ? wire.name : 'Error';
  return error;
}
