/**
 * Formula-injection neutraliser for exports (ASVS 1.2.10, D9). A cell that starts with `=`, `+`,
 * `-`, `@`, tab, CR or NUL can be run by Excel or LibreOffice as a formula (or DDE) when the file
 * is opened; prefixing `'` makes it text. A cell that already starts with `'` is prefixed too,
 * so `unneutralizeFormula` can always strip exactly one `'` and get the original back.
 *
 * Applies to text only: real numbers are written as numbers (a number cannot be a formula).
 */
const TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r', '\0']);

export function needsNeutralizing(value: string): boolean {
  const first = value[0];
  return first !== undefined && (TRIGGERS.has(first) || first === "'");
}

export function neutralizeFormula(value: string): string {
  return needsNeutralizing(value) ? `'${value}` : value;
}

/**
 * Exact inverse of `neutralizeFormula`: strips the `'` only when what follows would have been
 * prefixed (a trigger or another `'`), so a genuine "'hello" typed by a desk is left alone.
 * The import applies it to text cells, so an exported file re-imports to the same values.
 */
export function unneutralizeFormula(value: string): string {
  return value.startsWith("'") && needsNeutralizing(value.slice(1)) ? value.slice(1) : value;
}
