import { createRowConverter, type ConvertedRow, type ConvertOptions } from './convert.js';
import type { EntityName } from './field-def.js';
import { matchHeaders, type HeaderMatch, type HeaderOverride } from './headers.js';
import type { RowIssue } from './issues.js';
import type { DetectedFile } from './detect.js';
import { openDetected, type Table, type TableRow } from './table.js';

/** How to read an upload for one entity: which sheet, and the user's corrections to the header matching. */
export interface FileReading {
  fileName: string;
  entity: EntityName;
  sheet?: string;
  mapping?: HeaderOverride;
}

/** An upload opened for one entity: its rows, its header matched to the entity's fields, and the row converter. */
export interface PreparedTable {
  table: Table;
  match: HeaderMatch;
  convertOptions: ConvertOptions;
  convert: (row: TableRow) => ConvertedRow;
}

/**
 * Opens an upload the way every import reads it (FileError for anything file-level), from the file as
 * `detectFileType` sniffed and decoded it under `reading.fileName`. A `;` CSV is the Italian and French
 * Excel export, so its numbers have decimal commas.
 */
export function prepareTable(file: DetectedFile, reading: FileReading): PreparedTable {
  const table = openDetected(file, { sheet: reading.sheet, headerRows: 'auto' });
  const match = matchHeaders(reading.entity, table.header.labels, reading.mapping ?? {});
  const convertOptions: ConvertOptions = { decimal: table.delimiter === ';' ? ',' : undefined };
  return { table, match, convertOptions, convert: createRowConverter(match, convertOptions) };
}

/** The first pass of an import: how many rows, how many of them fail to convert, and the first problems. */
export interface RowScan {
  total: number;
  bad: number;
  problems: RowIssue[];
}

export function scanRows(prepared: PreparedTable, maxProblems: number): RowScan {
  let total = 0;
  let bad = 0;
  const problems: RowIssue[] = [];
  for (const row of prepared.table.rows) {
    total++;
    const { issues } = prepared.convert(row);
    if (issues.length === 0) continue;
    bad++;
    for (const issue of issues) if (problems.length < maxProblems) problems.push(issue);
  }
  return { total, bad, problems };
}
