/**
 * Stored documents, compactly: each document is a JSON array of its values in field order (no keys),
 * keyword strings replaced by codes into a shared string table (labels repeat across thousands of
 * records), UTF-8 encoded into one growing byte arena. About a quarter of the heap of live objects;
 * only the returned page is decoded. Replaced documents leave dead bytes until the index is compacted.
 */
import type { FieldSpec, IndexDocument } from '../documents.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Keyword values that repeat across records; identifiers are stored as they are. */
const NOT_DICTIONARY = new Set(['id', 'code']);

export class StringTable {
  private readonly codes = new Map<string, number>();
  readonly strings: string[] = [];
  code(s: string): number {
    let c = this.codes.get(s);
    if (c === undefined) {
      c = this.strings.length;
      this.strings.push(s);
      this.codes.set(s, c);
    }
    return c;
  }
}

/** A dictionary value: a code into the string table, or `{ n }` for a value that was not a string. */
function decode(strings: readonly string[], x: unknown): unknown {
  return typeof x === 'number' ? strings[x] : (x as { n: unknown }).n;
}

export class DocStore {
  private bytes = new Uint8Array(1 << 20);
  private used = 0;
  private starts = new Float64Array(1024);
  private ends = new Float64Array(1024);
  private readonly dict: boolean[];

  constructor(
    private readonly fields: ReadonlyArray<readonly [string, FieldSpec]>,
    private readonly table: StringTable,
  ) {
    this.dict = fields.map(([f, s]) => s.type === 'keyword' && !NOT_DICTIONARY.has(f));
  }

  put(slot: number, doc: IndexDocument): void {
    const rec = doc as unknown as Record<string, unknown>;
    const arr = this.fields.map(([f], i) => {
      const v = rec[f];
      if (v === undefined) return null;
      if (!this.dict[i]) return v;
      const enc = (x: unknown) => (typeof x === 'string' ? this.table.code(x) : { n: x });
      return Array.isArray(v) ? v.map(enc) : enc(v);
    });
    const json = JSON.stringify(arr);
    const need = json.length * 3;
    if (this.used + need > this.bytes.length) {
      let cap = this.bytes.length * 2;
      while (this.used + need > cap) cap *= 2;
      const next = new Uint8Array(cap);
      next.set(this.bytes.subarray(0, this.used));
      this.bytes = next;
    }
    const { written } = encoder.encodeInto(json, this.bytes.subarray(this.used));
    if (slot >= this.starts.length) {
      let cap = this.starts.length * 2;
      while (cap <= slot) cap *= 2;
      const s = new Float64Array(cap);
      s.set(this.starts);
      const e = new Float64Array(cap);
      e.set(this.ends);
      this.starts = s;
      this.ends = e;
    }
    this.starts[slot] = this.used;
    this.ends[slot] = this.used + written;
    this.used += written;
  }

  get(slot: number): IndexDocument {
    const arr = JSON.parse(
      decoder.decode(this.bytes.subarray(this.starts[slot], this.ends[slot])),
    ) as unknown[];
    // Plain loops: a page of hits decodes every field of every document, and a closure made per field
    // was a measurable part of a search request.
    const out: Record<string, unknown> = {};
    const strings = this.table.strings;
    for (let i = 0; i < this.fields.length; i++) {
      const v = arr[i];
      if (v === null || v === undefined) continue;
      if (!this.dict[i]) out[this.fields[i]![0]] = v;
      else if (!Array.isArray(v)) out[this.fields[i]![0]] = decode(strings, v);
      else {
        const list = new Array<unknown>(v.length);
        for (let k = 0; k < v.length; k++) list[k] = decode(strings, v[k]);
        out[this.fields[i]![0]] = list;
      }
    }
    return out as unknown as IndexDocument;
  }

  /** Drops the growth slack (after a bulk load). */
  trim(): void {
    if (this.bytes.length > this.used + (1 << 16)) this.bytes = this.bytes.slice(0, this.used + (1 << 16));
  }

  bytesUsed(): number {
    return this.used;
  }
}
