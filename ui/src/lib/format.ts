type Translate = (id: string, options?: { default?: string }) => string;

/** A coded value (kind, category, availability…) in the user's language, or the value itself. */
export function valueLabel(t: Translate, field: string, value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  if (field === 'region' || field === 'province') return placeLabel(t, value);
  const key = field === 'supplyChains' ? 'supplyChain' : field;
  return t(`value.${key}.${value}`, { default: value });
}

/** A closed vocabulary's values as a list's options, each in the user's words. */
export function choices<V extends string>(
  t: Translate,
  field: string,
  values: readonly (V | null)[],
): { value: V; label: string }[] {
  // A nullable field's schema lists null among its values; "no value" is the form's empty option.
  return values
    .filter((v): v is V => v !== null)
    .map((value) => ({ value, label: valueLabel(t, field, value) }));
}

/** A region's or province's official name as the user's language says it (Toscana → Toscane in French). */
export function placeLabel(t: Translate, name: string | null | undefined): string {
  return name ? t(`place.${name}`, { default: name }) : '';
}

export function formatNumber(n: number, locale: string | null | undefined, digits = 0): string {
  return new Intl.NumberFormat(locale ?? 'it', { maximumFractionDigits: digits }).format(n);
}

export function formatDate(iso: string | null | undefined, locale: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : new Intl.DateTimeFormat(locale ?? 'it').format(d);
}

/** Under an ESCO occupation in a picker: the label that matched, when it is another one, and the ISCO group. */
export function occupationHint(o: {
  label: string;
  matchedLabel?: string;
  iscoGroup?: string | null;
}): string {
  return [
    o.matchedLabel && o.matchedLabel !== o.label ? `“${o.matchedLabel}”` : '',
    o.iscoGroup ? `ISCO ${o.iscoGroup}` : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

/** A language's name in the user's language ("it" → "italiano", "fra" → "francese"), or the code. */
export function languageName(code: string, locale: string | null | undefined): string {
  try {
    const name = new Intl.DisplayNames([locale ?? 'it'], { type: 'language' }).of(code);
    return name && name !== code ? name : code;
  } catch {
    return code;
  }
}
