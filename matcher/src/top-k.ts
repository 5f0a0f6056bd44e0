/**
 * Keeps the k best items seen, in O(log k) per offer, using a binary heap whose root is the
 * worst kept item. `better(a, b)` must be a strict total order for determinism.
 */
export class TopK<T> {
  private readonly heap: T[] = [];

  constructor(
    readonly k: number,
    private readonly better: (a: T, b: T) => boolean,
  ) {}

  get size(): number {
    return this.heap.length;
  }

  get full(): boolean {
    return this.heap.length >= this.k;
  }

  /** The worst item kept, i.e. the bar a new item must beat once full. */
  peekWorst(): T | undefined {
    return this.heap[0];
  }

  offer(item: T): void {
    if (this.k <= 0) return;
    const h = this.heap;
    if (h.length < this.k) {
      h.push(item);
      this.up(h.length - 1);
    } else if (this.better(item, h[0]!)) {
      h[0] = item;
      this.down(0);
    }
  }

  /** Best first. */
  sorted(): T[] {
    return [...this.heap].sort((a, b) => (this.better(a, b) ? -1 : this.better(b, a) ? 1 : 0));
  }

  private up(i: number): void {
    const h = this.heap;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.better(h[p]!, h[i]!)) break;
      [h[p], h[i]] = [h[i]!, h[p]!];
      i = p;
    }
  }

  private down(i: number): void {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let w = i;
      if (l < h.length && this.better(h[w]!, h[l]!)) w = l;
      if (r < h.length && this.better(h[w]!, h[r]!)) w = r;
      if (w === i) return;
      [h[w], h[i]] = [h[i]!, h[w]!];
      i = w;
    }
  }
}

/**
 * A max-heap of slot numbers keyed by an upper bound, built in O(n) and popped lazily, so a
 * threshold search touches only the few best bounds instead of sorting every candidate.
 */
export class BoundHeap {
  private n: number;

  constructor(
    private readonly slots: Int32Array,
    private readonly bounds: Float64Array,
    count: number,
  ) {
    this.n = count;
    for (let i = (count >> 1) - 1; i >= 0; i--) this.down(i);
  }

  get size(): number {
    return this.n;
  }

  peekBound(): number {
    return this.n > 0 ? this.bounds[0]! : -Infinity;
  }

  /** Pops the slot with the largest bound; equal bounds come out by smaller slot first. */
  pop(): number {
    const top = this.slots[0]!;
    this.n--;
    if (this.n > 0) {
      this.slots[0] = this.slots[this.n]!;
      this.bounds[0] = this.bounds[this.n]!;
      this.down(0);
    }
    return top;
  }

  /**
   * Puts a slot back with a tighter bound. Only after a pop: the arrays never grow, so the heap holds at
   * most the slots it was built with.
   */
  push(slot: number, bound: number): void {
    if (this.n >= this.slots.length) throw new Error('BoundHeap.push beyond its capacity');
    let i = this.n++;
    this.slots[i] = slot;
    this.bounds[i] = bound;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.above(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private swap(i: number, j: number): void {
    const s = this.slots;
    const b = this.bounds;
    const ts = s[i]!;
    s[i] = s[j]!;
    s[j] = ts;
    const tb = b[i]!;
    b[i] = b[j]!;
    b[j] = tb;
  }

  private above(i: number, j: number): boolean {
    const bi = this.bounds[i]!;
    const bj = this.bounds[j]!;
    return bi > bj || (bi === bj && this.slots[i]! < this.slots[j]!);
  }

  private down(i: number): void {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let w = i;
      if (l < this.n && this.above(l, w)) w = l;
      if (r < this.n && this.above(r, w)) w = r;
      if (w === i) return;
      this.swap(i, w);
      i = w;
    }
  }
}
