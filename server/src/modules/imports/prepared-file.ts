import { AppError, ValidationError } from '../../errors.js';
import {
  fieldsOf,
  ISSUE_MESSAGES,
  parseField,
  type ConvertOptions,
  type EntityName,
  type HeaderMatch,
  type HeaderOverride,
  type ImportRecord,
} from '../../files/index.js';
import type { LoadedFile } from '../../files/worker/file-parser.js';
import type { ImportCorrection } from './corrections.js';

/** What the server thread keeps of a file being imported; its rows come from the parsing thread. */
export interface ImportOptions {
  mapping?: HeaderOverride;
  sheet?: string;
  /** Values for fields a file leaves blank or lacks (e.g. every asset in a file is for sale), as a desk would type them. */
  defaults?: Record<string, string>;
  /** Suggestions the desk accepted in an earlier report (corrections.ts). */
  corrections?: ImportCorrection[];
}

/** What the server thread keeps of a file being imported; its rows come from the parsing thread. */
export interface PreparedFile {
  match: HeaderMatch;
  defaults: ImportRecord;
  convertOptions: ConvertOptions;
}

/**
 * Reads the file's header in the parsing thread (FileError for a file that cannot be read), then applies
 * the rules of an import to it: every required column present, the desk's defaults valid for the file.
 */
export async function prepare(
  file: LoadedFile,
  fileName: string,
  entity: EntityName,
  options: ImportOptions,
): Promise<PreparedFile> {
  const { match, convertOptions } = await file.prepare({
    fileName,
    entity,
    sheet: options.sheet,
    mapping: options.mapping,
  });
  if (match.missingRequired.length > 0)
    throw new AppError(
      'IMPORT_COLUMNS_MISSING',
      `The file lacks required columns: ${match.missingRequired.join(', ')}`,
      422,
      [
        ...match.missingRequired.map((f) => ({ path: f, reason: ISSUE_MESSAGES.HEADER_MISSING_REQUIRED.en })),
        // The file's columns that matched nothing: what a column mapping can point at the missing fields.
        ...match.unknown.map((c) => ({ path: 'unmatchedColumn', reason: c.header.slice(0, 100) })),
      ],
    );
  const defaults = parseDefaults(entity, options.defaults ?? {}, convertOptions);
  return { match, defaults, convertOptions };
}

function parseDefaults(
  entity: EntityName,
  raw: Record<string, string>,
  options: ConvertOptions,
): ImportRecord {
  const out: ImportRecord = Object.create(null) as ImportRecord;
  const fields = new Map(fieldsOf(entity).map((f) => [f.name, f]));
  for (const [name, value] of Object.entries(raw)) {
    const field = fields.get(name);
    if (!field) throw new ValidationError([{ path: `defaults.${name}`, reason: `not a field of ${entity}` }]);
    const parsed = parseField(field, value, options);
    if (!parsed.ok) throw new ValidationError([{ path: `defaults.${name}`, reason: parsed.code }]);
    out[name] = parsed.value;
  }
  return out;
}
