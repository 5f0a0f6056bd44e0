/** Append-only typed arrays that double when full: compact posting lists and columns. */
export class IntList {
  data: Int32Array;
  length = 0;
  constructor(capacity = 4) {
    this.data = new Int32Array(capacity);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  trim(): void {
    if (this.data.length > this.length + 4) this.data = this.data.slice(0, Math.max(this.length, 1));
  }
}

/**
 * A term's postings: document numbers and weights interleaved in one Int32Array (weights fixed-point,
 * 1/1024), so a rare term costs one typed array, not two.
 */
export class Postings {
  data: Int32Array;
  length = 0;
  constructor(capacity = 1) {
    this.data = new Int32Array(capacity * 2);
  }
  push(doc: number, weight: number): void {
    if (this.length * 2 === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length * 2] = doc;
    this.data[this.length * 2 + 1] = Math.max(1, Math.round(weight * 1024));
    this.length++;
  }
  trim(): void {
    if (this.data.length > this.length * 2) this.data = this.data.slice(0, this.length * 2);
  }
}

export class NumberColumn {
  data: Float64Array;
  constructor(capacity = 1024) {
    this.data = new Float64Array(capacity).fill(Number.NaN);
  }
  set(i: number, v: number): void {
    if (i >= this.data.length) {
      let cap = this.data.length * 2;
      while (cap <= i) cap *= 2;
      const next = new Float64Array(cap).fill(Number.NaN);
      next.set(this.data);
      this.data = next;
    }
    this.data[i] = v;
  }
  get(i: number): number {
    return i < this.data.length ? this.data[i]! : Number.NaN;
  }
}

/**
 * A map from small dense integer keys (term ids) to values, in an array: the index looks up a
 * posting list for every word of every document it adds, and an array index costs a fraction of a
 * hash look-up. The subset of Map's interface the index uses.
 */
export class DenseMap<V> {
  private readonly slots: (V | undefined)[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  get(key: number): V | undefined {
    return this.slots[key];
  }

  has(key: number): boolean {
    return this.slots[key] !== undefined;
  }

  set(key: number, value: V): this {
    while (this.slots.length <= key) this.slots.push(undefined);
    if (this.slots[key] === undefined) this.count++;
    this.slots[key] = value;
    return this;
  }

  *values(): IterableIterator<V> {
    for (const v of this.slots) if (v !== undefined) yield v;
  }
}
