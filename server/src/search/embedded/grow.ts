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
}

export class Postings {
  docs: Int32Array;
  weights: Float32Array;
  length = 0;
  constructor(capacity = 2) {
    this.docs = new Int32Array(capacity);
    this.weights = new Float32Array(capacity);
  }
  push(doc: number, weight: number): void {
    if (this.length === this.docs.length) {
      const cap = this.docs.length * 2;
      const d = new Int32Array(cap);
      d.set(this.docs);
      const w = new Float32Array(cap);
      w.set(this.weights);
      this.docs = d;
      this.weights = w;
    }
    this.docs[this.length] = doc;
    this.weights[this.length] = weight;
    this.length++;
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
