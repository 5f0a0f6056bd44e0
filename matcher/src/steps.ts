/**
 * Runs a computation written as steps (a generator that yields between slices of work) to its end at
 * once: the synchronous callers' way. A server runs the same steps with its event loop served between.
 */
export function runToEnd<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * A stable sort in steps of about `slice` element moves: runs of `slice` sorted by `Array.prototype.sort`
 * (stable), then merged pairwise, left first on ties. Same order as one stable sort of the whole list.
 * A team's pool holds up to 200,000 people and its pairs close to a million at regional scale: sorted
 * at once, either would hold a server's event loop for a few hundred milliseconds.
 */
export function* sortInSteps<T>(
  items: readonly T[],
  compare: (a: T, b: T) => number,
  slice = 8192,
): Generator<void, T[], void> {
  const n = items.length;
  let from: T[] = [];
  for (let lo = 0; lo < n; lo += slice) {
    const run = items.slice(lo, lo + slice).sort(compare);
    for (const x of run) from.push(x);
    yield;
  }
  let to: T[] = new Array<T>(n);
  let moved = 0;
  for (let width = slice; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      for (let out = lo; out < hi; out++) {
        to[out] = j >= hi || (i < mid && compare(from[i]!, from[j]!) <= 0) ? from[i++]! : from[j++]!;
        if (++moved % slice === 0) yield;
      }
    }
    [from, to] = [to, from];
  }
  return from;
}
