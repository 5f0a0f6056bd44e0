/**
 * The term dictionary shared by every embedded index: term ↔ dense id, a symmetric-delete neighbourhood
 * (SymSpell) for typo candidates, and a lazily sorted term list for prefix ranges. Sharing it across
 * indexes keeps one copy of the vocabulary (labels in three languages repeat across indexes); each index
 * only keeps postings for the terms it holds, so correction is still "against the index's own words".
 */
import { osaDistance } from '../text.js';

/** SymSpell prefix length: deletes are generated on the first 7 letters only, then verified in full. */
const PREFIX = 7;
/** Terms shorter than this never need typo candidates (a 5-letter query word is 1 typo from 4 letters). */
const MIN_TYPO_TERM = 4;

export class Vocabulary {
  private readonly ids = new Map<string, number>();
  readonly terms: string[] = [];
  private readonly deletes = new Map<string, number | number[]>();
  private readonly typoReady = new Set<number>();
  private sorted: number[] = [];
  private unsorted: number[] = [];

  size(): number {
    return this.terms.length;
  }

  get(term: string): number | undefined {
    return this.ids.get(term);
  }

  /**
   * Id of a term, adding it. `special` terms (synonym concepts) get no typo or prefix entries; `typos`
   * false (identifier-like fields such as profile codes) gets prefix entries only, which keeps 100k
   * unique codes out of the delete neighbourhood.
   */
  intern(term: string, special = false, typos = true): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.terms.push(term);
      this.ids.set(term, id);
      if (!special) this.unsorted.push(id);
    }
    if (!special && typos && term.length >= MIN_TYPO_TERM && !this.typoReady.has(id) && !/^\d+$/.test(term)) {
      this.typoReady.add(id);
      this.addDeletes(term, id);
    }
    return id;
  }

  private addDeletes(term: string, id: number): void {
    const maxDeletes = term.length >= 7 ? 2 : 1;
    for (const key of deleteVariants(term.slice(0, PREFIX), maxDeletes)) {
      const cur = this.deletes.get(key);
      if (cur === undefined) this.deletes.set(key, id);
      else if (typeof cur === 'number') {
        if (cur !== id) this.deletes.set(key, [cur, id]);
      } else if (cur[cur.length - 1] !== id) cur.push(id);
    }
  }

  /** Term ids within `max` typos (OSA) of `word`, excluding the word itself, with their distance. */
  typoCandidates(word: string, max: number): Array<{ id: number; typos: number }> {
    if (max <= 0) return [];
    const seen = new Set<number>();
    const out: Array<{ id: number; typos: number }> = [];
    for (const key of deleteVariants(word.slice(0, PREFIX), max)) {
      const hit = this.deletes.get(key);
      if (hit === undefined) continue;
      const list = typeof hit === 'number' ? [hit] : hit;
      for (const id of list) {
        if (seen.has(id)) continue;
        seen.add(id);
        const term = this.terms[id]!;
        if (term === word) continue;
        const d = osaDistance(word, term, max);
        if (d <= max) out.push({ id, typos: d });
      }
    }
    return out;
  }

  /** Term ids starting with `prefix` (excluding synonym concepts). */
  prefixRange(prefix: string): number[] {
    this.ensureSorted();
    const terms = this.terms;
    const s = this.sorted;
    let lo = 0;
    let hi = s.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (terms[s[mid]!]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: number[] = [];
    for (let i = lo; i < s.length; i++) {
      const id = s[i]!;
      if (!terms[id]!.startsWith(prefix)) break;
      out.push(id);
    }
    return out;
  }

  private ensureSorted(): void {
    if (this.unsorted.length === 0) return;
    const terms = this.terms;
    const cmp = (a: number, b: number) => (terms[a]! < terms[b]! ? -1 : terms[a]! > terms[b]! ? 1 : 0);
    this.unsorted.sort(cmp);
    // Merge two sorted runs: cheaper than re-sorting the whole vocabulary after small updates.
    const merged = new Array<number>(this.sorted.length + this.unsorted.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < this.sorted.length && j < this.unsorted.length) {
      merged[k++] = cmp(this.sorted[i]!, this.unsorted[j]!) <= 0 ? this.sorted[i++]! : this.unsorted[j++]!;
    }
    while (i < this.sorted.length) merged[k++] = this.sorted[i++]!;
    while (j < this.unsorted.length) merged[k++] = this.unsorted[j++]!;
    this.sorted = merged;
    this.unsorted = [];
  }

  stats(): { terms: number; deleteKeys: number } {
    return { terms: this.terms.length, deleteKeys: this.deletes.size };
  }
}

/** Every string obtained by deleting up to `max` characters (including the string itself). */
export function deleteVariants(s: string, max: number): Set<string> {
  const out = new Set<string>([s]);
  let frontier = [s];
  for (let d = 0; d < max; d++) {
    const next: string[] = [];
    for (const w of frontier) {
      for (let i = 0; i < w.length; i++) {
        const v = w.slice(0, i) + w.slice(i + 1);
        if (!out.has(v)) {
          out.add(v);
          next.push(v);
        }
      }
    }
    frontier = next;
  }
  return out;
}
