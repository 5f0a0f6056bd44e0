import type { EntityName, FieldDef } from './field-def.js';
import { fieldsOf } from './fields.js';
import { columnLetter, makeIssue, type IssueColumn, type RowIssue } from './issues.js';
import { normalizeKey, tokenSetKey } from './normalize.js';

export interface ColumnMapping extends IssueColumn {
  /** Canonical field, or null when the column is ignored. */
  field: string | null;
  /** How the field was found: the user's mapping, an exact (normalised) name, or the same words in another order. */
  via: 'override' | 'exact' | 'words' | null;
}

export interface HeaderMatch {
  entity: EntityName;
  columns: ColumnMapping[];
  /** field name → 0-based column index (first column wins on duplicates). */
  fieldColumns: ReadonlyMap<string, number>;
  /** Non-empty headers that match no field. */
  unknown: IssueColumn[];
  /** Required fields that no column provides. */
  missingRequired: string[];
  /** Header-level issues (row 0 = the header), localized like row issues. */
  issues: RowIssue[];
}

/**
 * The user's corrections, keyed by header text as it appears in the file (compared
 * normalised): a field name to force a match, or null to ignore the column.
 */
export type HeaderOverride = Readonly<Record<string, string | null>>;

interface FieldIndex {
  exact: Map<string, FieldDef>;
  words: Map<string, FieldDef>;
}

const indexes = new Map<EntityName, FieldIndex>();

/** Every spelling a field answers to: its name, its three labels and its aliases. */
export function fieldSpellings(field: FieldDef): string[] {
  return [field.name, field.label.it, field.label.fr, field.label.en, ...(field.aliases ?? [])];
}

function indexFor(entity: EntityName): FieldIndex {
  let index = indexes.get(entity);
  if (!index) {
    index = { exact: new Map(), words: new Map() };
    for (const field of fieldsOf(entity)) {
      for (const spelling of fieldSpellings(field)) {
        const key = normalizeKey(spelling);
        // camelCase field names are also accepted as "covered area m2"
        const split = normalizeKey(spelling.replace(/([a-z])([A-Z0-9])/g, '$1 $2'));
        for (const k of [key, split]) if (k && !index.exact.has(k)) index.exact.set(k, field);
        const words = tokenSetKey(spelling);
        if (words && !index.words.has(words)) index.words.set(words, field);
      }
    }
    indexes.set(entity, index);
  }
  return index;
}

/**
 * Maps the file's header labels to an entity's fields. Matching is exact on the normalised key
 * (case, accents, punctuation and spacing ignored), then on the same set of words in any order;
 * nothing fuzzier, so a wrong guess never silently fills the wrong field. The user override is
 * applied first and always wins.
 */
export function matchHeaders(
  entity: EntityName,
  labels: readonly string[],
  override: HeaderOverride = {},
): HeaderMatch {
  const index = indexFor(entity);
  const fields = new Map(fieldsOf(entity).map((f) => [f.name, f]));
  const overrides = new Map<string, string | null>();
  const issues: RowIssue[] = [];
  for (const [header, target] of Object.entries(override)) {
    overrides.set(normalizeKey(header), target);
  }

  const columns: ColumnMapping[] = [];
  const fieldColumns = new Map<string, number>();
  const unknown: IssueColumn[] = [];
  labels.forEach((header, i) => {
    const col: IssueColumn = { index: i, letter: columnLetter(i), header };
    const key = normalizeKey(header);
    let field: FieldDef | undefined;
    let via: ColumnMapping['via'] = null;
    if (key !== '' && overrides.has(key)) {
      const target = overrides.get(key);
      if (target === null || target === undefined) {
        columns.push({ ...col, field: null, via: 'override' });
        return;
      }
      field = fields.get(target);
      if (!field) {
        issues.push(makeIssue({ row: 0, column: col, value: target, code: 'HEADER_OVERRIDE_INVALID' }));
        columns.push({ ...col, field: null, via: null });
        return;
      }
      via = 'override';
    } else if (key !== '') {
      field = index.exact.get(key);
      via = field ? 'exact' : null;
      if (!field) {
        field = index.words.get(tokenSetKey(header));
        via = field ? 'words' : null;
      }
    }
    if (!field) {
      if (key !== '') {
        unknown.push(col);
        issues.push(makeIssue({ row: 0, column: col, value: header, code: 'HEADER_UNKNOWN' }));
      }
      columns.push({ ...col, field: null, via: null });
      return;
    }
    if (fieldColumns.has(field.name)) {
      issues.push(
        makeIssue({ row: 0, column: col, field: field.name, value: header, code: 'HEADER_DUPLICATE' }),
      );
      columns.push({ ...col, field: null, via: null });
      return;
    }
    fieldColumns.set(field.name, i);
    columns.push({ ...col, field: field.name, via });
  });

  const missingRequired = fieldsOf(entity)
    .filter((f) => f.required && !fieldColumns.has(f.name))
    .map((f) => f.name);
  for (const name of missingRequired) {
    issues.push(makeIssue({ row: 0, field: name, code: 'HEADER_MISSING_REQUIRED' }));
  }
  return { entity, columns, fieldColumns, unknown, missingRequired, issues };
}
