import { FileError } from './errors.js';
import type { FieldDef } from './field-def.js';
import { fieldsOf } from './fields.js';
import { unneutralizeFormula } from './formula.js';
import type { HeaderMatch } from './headers.js';
import { columnLetter, makeIssue, type IssueColumn, type RowIssue } from './issues.js';
import { withAllowedValues } from './enum-allowed.js';
import type { TableRow } from './table.js';
import {
  isBlank,
  parseBoolean,
  parseDate,
  parseEmail,
  parseEnum,
  parseLanguageLevels,
  parseList,
  parseNumber,
  parsePhone,
  parseText,
  type DecimalSeparator,
  type Parsed,
  type RawValue,
} from './values.js';

/**
 * A converted row: field name → typed value. Null-prototype, so a hostile column or value can
 * never reach Object.prototype, and only mapped fields are ever keys. Blank cells are absent
 * (the import service decides whether absent means "keep" or "clear").
 */
export type ImportRecord = Record<string, unknown>;

export interface ConvertedRow {
  rowNumber: number;
  line?: number;
  record: ImportRecord;
  issues: RowIssue[];
}

export interface ConvertOptions {
  /** The file's decimal separator; for a `;` CSV pass ',' (see `inferDecimalSeparator`). */
  decimal?: DecimalSeparator;
  date1904?: boolean;
}

export function parseField(field: FieldDef, raw: RawValue, options: ConvertOptions = {}): Parsed<unknown> {
  switch (field.type) {
    case 'text':
      return parseText(raw, field.maxLength);
    case 'integer':
    case 'number':
      return parseNumber(raw, {
        decimal: options.decimal,
        integer: field.type === 'integer',
        min: field.min,
        max: field.max,
      });
    case 'latitude':
      return parseNumber(raw, { decimal: options.decimal, min: -90, max: 90 });
    case 'longitude':
      return parseNumber(raw, { decimal: options.decimal, min: -180, max: 180 });
    case 'date':
      return parseDate(raw, { date1904: options.date1904 });
    case 'boolean':
      return parseBoolean(raw);
    case 'email':
      return parseEmail(raw);
    case 'phone':
      return parsePhone(raw);
    case 'languages':
      return parseLanguageLevels(raw);
    case 'list':
      return parseList(raw);
    case 'enum':
      return parseEnum(raw, field.enumValues ?? {});
    case 'enumList': {
      const list = parseList(raw);
      if (!list.ok) return list;
      const codes: string[] = [];
      for (const item of list.value) {
        const code = parseEnum(item, field.enumValues ?? {});
        if (!code.ok) return code;
        if (!codes.includes(code.value)) codes.push(code.value);
      }
      return { ok: true, value: codes };
    }
  }
}

/**
 * Builds the per-row converter for one file: every mapped cell is parsed by its field type,
 * each failure becomes a localized RowIssue (row, column letter and header, value, reason),
 * and required fields left blank are reported. A row with any issue should not be written.
 */
export function createRowConverter(
  match: HeaderMatch,
  options: ConvertOptions = {},
): (row: TableRow) => ConvertedRow {
  const defs = new Map(fieldsOf(match.entity).map((f) => [f.name, f]));
  const mapped = match.columns
    .filter((c) => c.field !== null)
    .map((c) => ({ col: c, field: defs.get(c.field as string) as FieldDef }));
  const required = fieldsOf(match.entity).filter((f) => f.required);
  const width = match.columns.length;

  return (row) => {
    const record: ImportRecord = Object.create(null) as ImportRecord;
    const issues: RowIssue[] = [];
    const at = {
      row: row.rowNumber,
      ...(row.line !== undefined && row.line !== row.rowNumber ? { line: row.line } : {}),
    };
    for (const problem of row.problems) {
      const col = match.columns[problem.column];
      const column: IssueColumn = {
        index: problem.column,
        letter: columnLetter(problem.column),
        header: col?.header ?? '',
      };
      issues.push(makeIssue({ ...at, column, value: row.cells[problem.column], code: problem.code }));
    }
    for (let i = width; i < row.cells.length; i++) {
      const extra = row.cells[i];
      if (!isBlank(extra)) {
        const column: IssueColumn = { index: i, letter: columnLetter(i), header: '' };
        issues.push(makeIssue({ ...at, column, value: extra, code: 'ROW_TOO_MANY_FIELDS' }));
        break;
      }
    }
    for (const { col, field } of mapped) {
      const cell = row.cells[col.index];
      if (isBlank(cell)) continue;
      // Our own exports prefix formula-like text with ' (formula.ts); undo it so they re-import.
      const raw = typeof cell === 'string' ? unneutralizeFormula(cell) : cell;
      const parsed = parseField(field, raw, options);
      const column: IssueColumn = { index: col.index, letter: col.letter, header: col.header };
      if (parsed.ok) record[field.name] = parsed.value;
      else
        issues.push(
          withAllowedValues(
            makeIssue({ ...at, column, field: field.name, value: raw, code: parsed.code }),
            field,
          ),
        );
    }
    for (const field of required) {
      const index = match.fieldColumns.get(field.name);
      if (index === undefined) continue; // reported once, at header level
      if (isBlank(row.cells[index])) {
        const col = match.columns[index] as IssueColumn;
        issues.push(
          makeIssue({
            ...at,
            column: { index, letter: col.letter, header: col.header },
            field: field.name,
            code: 'REQUIRED',
          }),
        );
      }
    }
    return {
      rowNumber: row.rowNumber,
      ...(row.line !== undefined ? { line: row.line } : {}),
      record,
      issues,
    };
  };
}

/**
 * Refuses the whole file when too many rows fail (D7) (a wrong template or a wrong entity
 * is likelier than hundreds of typos). `maxRatio` 0.5 means more than half failing.
 */
export function assertErrorRate(badRows: number, totalRows: number, maxRatio: number): void {
  if (totalRows > 0 && badRows / totalRows > maxRatio) {
    throw new FileError(
      'FILE_TOO_MANY_BAD_ROWS',
      'Too many rows have errors; check the file and the column mapping.',
      {
        badRows,
        totalRows,
        maxRatio,
      },
    );
  }
}
