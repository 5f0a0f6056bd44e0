import type { FieldDef } from './field-def.js';
import type { Lang, Localized, RowIssue } from './issues.js';

const LANG_INDEX: Readonly<Record<Lang, number>> = { it: 0, fr: 1, en: 2 };
// French sets a space before the colon.
const ALLOWED: Localized = { it: 'Valori ammessi:', fr: 'Valeurs admises :', en: 'Allowed values:' };

/**
 * The values a closed-list field takes, in words of one language (each code's IT, FR or EN label,
 * the first three spellings of its definition): what a desk can type, never the codes.
 */
export function allowedLabels(field: FieldDef, lang: Lang): string[] {
  const def = field.enumValues;
  if (!def) return [];
  const labels = Object.values(def).map((spellings) => spellings[LANG_INDEX[lang]] ?? spellings[0] ?? '');
  return [...new Set(labels.filter((l) => l !== ''))];
}

/** An enum error that says which values the field takes, in each language. */
export function withAllowedValues(issue: RowIssue, field: FieldDef): RowIssue {
  if (issue.code !== 'ENUM_INVALID' || !field.enumValues) return issue;
  const say = (lang: Lang) =>
    `${issue.message[lang]} ${ALLOWED[lang]} ${allowedLabels(field, lang).join(', ')}.`;
  return { ...issue, message: { it: say('it'), fr: say('fr'), en: say('en') } };
}
