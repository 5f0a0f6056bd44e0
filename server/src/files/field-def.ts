import type { Lang, Localized } from './issues.js';
import type { EnumDefinition } from './values.js';

/**
 * What a column of an import/export file is: its type, headers, limits and template example.
 * Reference fields (municipality, ESCO occupations and skills, firm VAT, crisis case) are
 * kept as the text the desk wrote: the import service resolves them against reference data
 * and turns free text into suggestions, never silent guesses.
 */
export type FieldType =
  | 'text'
  | 'integer'
  | 'number'
  | 'date'
  | 'boolean'
  | 'enum'
  | 'enumList'
  | 'list'
  | 'email'
  | 'phone'
  | 'languages'
  | 'latitude'
  | 'longitude';

type PlainExample = string | number | boolean | readonly string[];
/**
 * A template's example: one value, or one per language where the value is words a desk writes in its own
 * language (ESCO labels: the Italian template says "saldatore", the French one "soudeur").
 */
export type ExampleValue =
  PlainExample | { readonly it: PlainExample; readonly fr: PlainExample; readonly en: PlainExample };

/** The example of a field as the template of that language shows it. */
export function exampleIn(field: FieldDef, lang: Lang): PlainExample {
  const ex = field.example;
  return typeof ex === 'object' && !Array.isArray(ex)
    ? (ex as Record<Lang, PlainExample>)[lang]
    : (ex as PlainExample);
}

export interface FieldDef {
  name: string;
  type: FieldType;
  required?: boolean;
  /** Header used in templates and exports, per language. */
  label: Localized;
  /** Other header spellings accepted on import, any language. */
  aliases?: readonly string[];
  enumValues?: EnumDefinition;
  min?: number;
  max?: number;
  maxLength?: number;
  /** Canonical example for the template row (formatted per language when written). */
  example: ExampleValue;
}

export type EntityName = 'profiles' | 'assets' | 'firms' | 'needs' | 'opportunities';
export const ENTITIES: readonly EntityName[] = ['profiles', 'assets', 'firms', 'needs', 'opportunities'];
