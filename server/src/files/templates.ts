import { toCsv, type CsvWriteOptions } from './csv-writer.js';
import type { ExportCell } from './export-cell.js';
import { booleanLabel } from './export-cell.js';
import { enumLabel } from './enum-values.js';
import { exampleIn, type EntityName, type FieldDef } from './field-def.js';
import { fieldsOf } from './fields.js';
import type { Lang } from './issues.js';
import { writeXlsx } from './xlsx-writer.js';

/** Localized column headers for an export or template, in field order. */
export function exportHeaders(entity: EntityName, lang: Lang, fieldNames?: readonly string[]): string[] {
  const fields = fieldsOf(entity);
  const chosen = fieldNames ? fieldNames.map((n) => fields.find((f) => f.name === n)) : fields;
  return chosen.map((f, i) => {
    if (!f) throw new Error(`Unknown ${entity} field: ${String(fieldNames?.[i])}`);
    return f.label[lang];
  });
}

/**
 * Renders a typed value the way a desk in that language would type it, so an exported file
 * re-imports as is: dates as DD/MM/YYYY (IT, FR) or ISO (EN), yes/no words, enum labels,
 * lists joined by "; ". Numbers stay numbers (the writers localise the decimal mark).
 */
export function localizeValue(field: FieldDef, value: unknown, lang: Lang): ExportCell {
  if (value === null || value === undefined || value === '') return null;
  if (field.type === 'date' && typeof value === 'string') {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    return m && lang !== 'en' ? `${m[3]}/${m[2]}/${m[1]}` : value;
  }
  if (typeof value === 'boolean') return booleanLabel(value, lang);
  const one = (v: unknown): string => {
    if (v && typeof v === 'object' && 'language' in v && 'level' in v) {
      return `${String((v as { language: string }).language)} ${String((v as { level: string }).level)}`;
    }
    const s = String(v);
    return field.enumValues && (field.type === 'enum' || field.type === 'enumList')
      ? enumLabel(field.enumValues, s, lang)
      : s;
  };
  if (Array.isArray(value)) return value.map(one).join('; ');
  if (typeof value === 'number') return value;
  return one(value);
}

/** The header row and one example row of an entity's import template. */
export function templateRows(entity: EntityName, lang: Lang): [string[], ExportCell[]] {
  const fields = fieldsOf(entity);
  return [fields.map((f) => f.label[lang]), fields.map((f) => localizeValue(f, exampleIn(f, lang), lang))];
}

/** CSV template: `;` and decimal comma for IT/FR, `,` for EN; UTF-8 with BOM for Excel. */
export function csvTemplate(entity: EntityName, lang: Lang, options: CsvWriteOptions = {}): Uint8Array {
  const delimiter = options.delimiter ?? (lang === 'en' ? ',' : ';');
  return new TextEncoder().encode(toCsv(templateRows(entity, lang), { lang, ...options, delimiter }));
}

export function xlsxTemplate(entity: EntityName, lang: Lang): Promise<Uint8Array> {
  return writeXlsx([{ name: entity, rows: templateRows(entity, lang) }], { lang });
}
