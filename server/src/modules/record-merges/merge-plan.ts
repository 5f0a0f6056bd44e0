/**
 * What merging two records of one thing gives, decided without I/O so the preview and the merge cannot
 * differ (the rule of a person's merge, modules/profile-merges, for any record made of columns). The kept
 * record's values win; a value it lacks comes from the other record; the operator may take the other
 * record's value for any field (`take`). Lists of codes are joined.
 */

/** How one kind of record is merged: its fields (each one or more columns) and its lists of codes. */
export interface MergeShape<Row, Field extends string> {
  fields: readonly Field[];
  columns: Readonly<Record<Field, readonly (keyof Row & string)[]>>;
  joined: readonly (keyof Row & string)[];
}

export interface MergePlan<Row, Field extends string> {
  /** The kept record's columns after the merge (only those that change). */
  columns: Partial<Row>;
  /** Fields where both records hold a value and the values differ: what the operator should look at. */
  differences: Field[];
  /** Fields whose value comes from the other record (chosen, or missing on the kept one). */
  fromOther: Field[];
}

const isBlank = (v: unknown) => v === null || v === undefined || v === '';
const text = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v));

export function planMerge<Row extends object, Field extends string>(
  shape: MergeShape<Row, Field>,
  kept: Row,
  other: Row,
  take: ReadonlySet<Field> = new Set(),
): MergePlan<Row, Field> {
  const columns: Partial<Row> = {};
  const differences: Field[] = [];
  const fromOther: Field[] = [];
  for (const field of shape.fields) {
    const cols = shape.columns[field];
    if (cols.every((c) => text(kept[c]) === text(other[c]))) continue;
    const keptBlank = cols.every((c) => isBlank(kept[c]));
    const otherBlank = cols.every((c) => isBlank(other[c]));
    if (!keptBlank && !otherBlank) differences.push(field);
    if (otherBlank) continue; // nothing to take: a blank never overwrites a value
    if (take.has(field) || keptBlank) {
      fromOther.push(field);
      for (const c of cols) columns[c] = other[c];
    }
  }
  for (const list of shape.joined) {
    const a = kept[list] as unknown as readonly string[];
    const joined = [...new Set([...a, ...(other[list] as unknown as readonly string[])])];
    if (joined.length !== a.length) columns[list] = joined as Row[typeof list];
  }
  return { columns, differences, fromOther };
}
