/**
 * Shares one frozen instance of each repeated value. The match index holds every matchable profile in
 * memory; read from the database, each of a million profiles brings its own copy of the same skill URIs,
 * desk ids, dates and code lists (about twenty strings and small objects each). Sharing them is what lets
 * a million profiles fit in a few gigabytes. Only values with few distinct forms belong here (never ids
 * or names), and past `limit` distinct values it stops remembering and hands values back unshared.
 */
export class Interner {
  private readonly strings = new Map<string, string>();
  private readonly composites = new Map<string, unknown>();

  constructor(private readonly limit = 500_000) {}

  /** Distinct values remembered. */
  get size(): number {
    return this.strings.size + this.composites.size;
  }

  string<S extends string | null>(value: S): S {
    if (value === null) return value;
    const known = this.strings.get(value);
    if (known !== undefined) return known as S;
    if (this.size < this.limit) this.strings.set(value, value);
    return value;
  }

  /** A list of strings, frozen: every holder of the same list shares it. */
  list<S extends string>(values: readonly S[]): readonly S[] {
    return this.composite(`l${values.length}:${values.join('\u0000')}`, () =>
      Object.freeze(values.map((v) => this.string(v))),
    );
  }

  /** A small record told apart by `parts` (strings or numbers), frozen and shared by every holder. */
  record<T extends object>(parts: readonly (string | number | null)[], make: () => T): Readonly<T> {
    return this.composite(
      `r${parts.length}:${parts.map((p) => (p === null ? '\u0001' : p)).join('\u0000')}`,
      () => Object.freeze(make()),
    );
  }

  private composite<T>(key: string, make: () => T): T {
    const known = this.composites.get(key);
    if (known !== undefined) return known as T;
    const value = make();
    if (this.size < this.limit) this.composites.set(key, value);
    return value;
  }
}
