/**
 * One embedded index: an inverted index over dense internal document numbers, with compact per-field
 * structures for filters, facets, ranges and geo. Everything is synchronous and in memory; the adapter
 * wraps it in the async port.
 *
 * Layout
 * - Documents get a dense number on insert; an update appends a new number and tombstones the old one
 *   (postings are append-only typed arrays, so a tombstone is cheaper than editing them). `deadRatio()`
 *   tells the adapter when to compact by rebuilding.
 * - Text: postings per term id (doc number + a field-weighted weight). Query words are corrected against
 *   the shared vocabulary (exact, then typo candidates within the budget, then prefix for the last word),
 *   then ANDed with a counting pass over the postings, rarest word first.
 * - Keywords (filters/facets): a folded-value dictionary per field, the value code(s) per document, and
 *   a posting list per value for selective filters.
 * - Numbers and dates: Float64 columns (NaN when missing). Geo: lat/lon columns plus a 0.1° grid.
 */
import { boundingBox, TopK } from '@rilancio/matcher';
import type { FieldSpec, IndexDocument, IndexName } from '../documents.js';
import { INDEX_SETTINGS } from '../documents.js';
import type { Filter, SearchHit, SearchQuery, SearchResult, Sort } from '../search.port.js';
import { MAX_LIMIT, MAX_WINDOW, SearchQueryError } from '../search.port.js';
import { fold, haversineKm, highlightDocument, highlighter, parseQuery, typoBudget, words } from '../text.js';
import type { ParsedQuery } from '../text.js';
import { DocStore } from './doc-store.js';
import type { StringTable } from './doc-store.js';
import { DenseMap, IntList, NumberColumn, Postings } from './grow.js';
import { conceptToken, planQuery } from './synonyms.js';
import type { SynonymMatcher } from './synonyms.js';
import type { Vocabulary } from './vocabulary.js';

/** Most prefix expansions kept for the last word (the most frequent terms win); see the decision record. */
const MAX_PREFIX_TERMS = 400;
const GRID = 0.1;
/** Relevance: every typo costs more than any difference in weights. */
const TYPO_COST = 1000;
const PREFIX_FACTOR = 0.7;
const SYNONYM_FACTOR = 0.9;
const TYPO_FACTOR = [1, 0.6, 0.4];
/** Pages up to this deep are ranked by `mostRelevant` (insertion into a small sorted array). */
const SMALL_PAGE = 100;

/** Folded value → code, and each document's codes in CSR form (offsets[d]..offsets[d+1] in codes). */
interface KeywordColumn {
  codes: Map<string, number>;
  labels: string[];
  offsets: IntList;
  values: IntList;
  /** Documents per value, kept only for facet fields (few values); unique-ish fields are scanned. */
  indexed: boolean;
  postings: IntList[];
  /** Raw value → code for indexed (low-cardinality) fields: skips folding on every insert. */
  rawCodes: Map<string, number>;
  /**
   * Each document's one code (-1 for none) while no document has had two: most facets are single-valued
   * (a category, a region), and counting them then reads one array instead of the CSR's three. Null
   * from the first document with two values on.
   */
  single: IntList | null;
}

interface Alternative {
  termId: number;
  typos: number;
  factor: number;
}

interface QueryTerm {
  alternatives: Alternative[];
  cost: number;
  /** Folded words to highlight besides the query words (synonym terms). */
  extra: string[];
}

type Predicate = (d: number) => boolean;

/** A filter ready for the candidate loop; `passRate` orders the filters, most often failed first. */
type CompiledFilter =
  | { kind: 'mask'; codes: Int32Array; wanted: Uint8Array; passRate: number }
  | { kind: 'test'; test: Predicate; passRate: number };

interface CompiledFilters {
  /** Per mask: each document's code in the field, and which codes pass. */
  codes: Int32Array[];
  wanted: Uint8Array[];
  tests: Predicate[];
}

function dateValue(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return Date.parse(v);
  return Number.NaN;
}

function gridKey(latCell: number, lonCell: number): number {
  return (latCell + 1000) * 4000 + (lonCell + 2000);
}

/** Tokenised values kept (labels repeat across records); about 40 MB at the limit. */
const TERM_CACHE_LIMIT = 250_000;

export class InvertedIndex {
  private readonly fields: Array<[string, FieldSpec]>;
  private readonly searchable: Array<[string, number, boolean, boolean]>;
  /** Term ids of label-like values (they repeat across thousands of records): tokenised once. */
  private readonly termCache = new Map<string, { ids: number[]; len: number }>();
  private tfScratch = new Int32Array(0);
  private weightScratch = new Float64Array(0);
  private readonly store: DocStore;
  /** Document numbers handed out so far (live or dead). */
  private size = 0;
  private alive = new Uint8Array(1024);
  private readonly versions = new NumberColumn();
  private ids: string[] = [];
  private readonly byId = new Map<string, number>();
  private readonly postings = new DenseMap<Postings>();
  private readonly keywords = new Map<string, KeywordColumn>();
  private readonly numbers = new Map<string, NumberColumn>();
  private readonly lat = new NumberColumn();
  private readonly lon = new NumberColumn();
  private readonly grid = new Map<number, IntList>();
  private dead = 0;
  private sortedIds: string[] | null = null;
  // Scratch arrays for queries, indexed by document number.
  private hits = new Uint8Array(0);
  private typos = new Uint8Array(0);
  private score = new Float64Array(0);
  private stamp = new Uint32Array(0);
  private epoch = 0;

  constructor(
    readonly name: IndexName,
    private readonly vocab: Vocabulary,
    private readonly synonyms: SynonymMatcher,
    strings: StringTable,
  ) {
    this.fields = Object.entries(INDEX_SETTINGS[name].fields as Record<string, FieldSpec>);
    this.store = new DocStore(this.fields, strings);
    this.searchable = this.fields
      .filter(([, s]) => s.weight !== undefined)
      .map(([f, s]) => [f, s.weight!, s.typos !== false, s.type === 'keyword']);
    for (const [f, s] of this.fields) {
      if (f === 'id') continue; // filtered through byId
      if (s.type === 'keyword' || s.type === 'boolean') {
        if (s.filter || s.facet) {
          const offsets = new IntList(1024);
          offsets.push(0);
          this.keywords.set(f, {
            codes: new Map(),
            labels: [],
            offsets,
            values: new IntList(1024),
            single: new IntList(1024),
            indexed: s.facet === true,
            postings: [],
            rawCodes: new Map(),
          });
        }
      } else if (s.type === 'number' || s.type === 'date') this.numbers.set(f, new NumberColumn());
    }
  }

  count(): number {
    return this.byId.size;
  }

  deadRatio(): number {
    return this.size === 0 ? 0 : this.dead / this.size;
  }

  liveDocuments(): IndexDocument[] {
    const out: IndexDocument[] = [];
    for (let d = 0; d < this.size; d++) if (this.alive[d]) out.push(this.store.get(d));
    return out;
  }

  /** Sizes for the decision record and the ready endpoint. */
  stats(): { docs: number; storedBytes: number; terms: number; postings: number; postingCapacity: number } {
    let postings = 0;
    let postingCapacity = 0;
    for (const p of this.postings.values()) {
      postings += p.length;
      postingCapacity += p.data.length / 2;
    }
    return {
      docs: this.count(),
      storedBytes: this.store.bytesUsed(),
      terms: this.postings.size,
      postings,
      postingCapacity,
    };
  }

  /** Drops growth slack after a bulk load. */
  trim(): void {
    for (const p of this.postings.values()) p.trim();
    for (const col of this.keywords.values()) {
      col.offsets.trim();
      col.values.trim();
      col.single?.trim();
      for (const l of col.postings) l.trim();
    }
    for (const cell of this.grid.values()) cell.trim();
    this.store.trim();
  }

  version(id: string): number | undefined {
    const d = this.byId.get(id);
    return d === undefined ? undefined : this.versions.get(d);
  }

  private doc(d: number): IndexDocument {
    return this.store.get(d);
  }

  /** Inserts or replaces; a document older than the stored one is ignored. Returns whether it applied. */
  upsert(doc: IndexDocument): boolean {
    const existing = this.byId.get(doc.id);
    if (existing !== undefined) {
      if (this.versions.get(existing) > doc.version) return false;
      this.remove(existing);
    }
    this.add(doc);
    return true;
  }

  delete(id: string): void {
    const d = this.byId.get(id);
    if (d !== undefined) this.remove(d);
  }

  private remove(d: number): void {
    this.byId.delete(this.ids[d]!);
    this.alive[d] = 0;
    this.dead++;
    this.sortedIds = null;
  }

  private add(doc: IndexDocument): void {
    const d = this.size++;
    if (d >= this.alive.length) {
      const next = new Uint8Array(this.alive.length * 2);
      next.set(this.alive);
      this.alive = next;
    }
    this.alive[d] = 1;
    this.store.put(d, doc);
    this.versions.set(d, doc.version);
    this.ids.push(doc.id);
    this.byId.set(doc.id, d);
    this.sortedIds = null;
    const rec = doc as unknown as Record<string, unknown>;

    // Term counts in scratch arrays indexed by term id, reset after use: a person's document holds
    // hundreds of labels, and two Maps per document dominated bulk loads. Same sums in the same order.
    const docTerms: number[] = [];
    for (const [field, weight, typos, cacheable] of this.searchable) {
      const value = rec[field];
      if (value === undefined || value === null) continue;
      const values = Array.isArray(value) ? value : [value];
      const fieldTerms: number[] = [];
      let len = 0;
      for (const v of values) {
        if (typeof v !== 'string') continue;
        const terms = cacheable ? this.cachedTerms(v, typos) : this.terms(v, typos);
        len += terms.len;
        this.growScratch(this.vocab.size());
        const counts = this.tfScratch;
        for (const id of terms.ids) if (counts[id]!++ === 0) fieldTerms.push(id);
      }
      // Shorter fields weigh more per word (a title of 4 words vs a 60-word description).
      const norm = 1 / (1 + Math.log1p(len / 8));
      const counts = this.tfScratch;
      const weights = this.weightScratch;
      for (const id of fieldTerms) {
        const n = counts[id]!;
        counts[id] = 0;
        if (weights[id] === 0) docTerms.push(id);
        weights[id] = weights[id]! + weight * (1 + Math.log(n)) * norm;
      }
    }
    const weights = this.weightScratch;
    for (const id of docTerms) {
      let p = this.postings.get(id);
      if (!p) this.postings.set(id, (p = new Postings()));
      p.push(d, weights[id]!);
      weights[id] = 0;
    }

    for (const [field, col] of this.keywords) {
      const value = rec[field];
      const values = value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
      const codes: number[] = [];
      for (const v of values) {
        if (typeof v !== 'string' && typeof v !== 'boolean' && typeof v !== 'number') continue;
        const code = this.keywordCode(col, String(v), true)!;
        if (!codes.includes(code)) {
          codes.push(code);
          if (col.indexed) col.postings[code]!.push(d);
          col.values.push(code);
        }
      }
      col.offsets.push(col.values.length);
      if (col.single) {
        if (codes.length > 1) col.single = null;
        else col.single.push(codes.length === 1 ? codes[0]! : -1);
      }
    }
    for (const [field, col] of this.numbers) {
      const v = rec[field];
      if (v !== undefined && v !== null) col.set(d, dateValue(v));
    }
    const loc = rec.location as { lat?: unknown; lon?: unknown } | undefined;
    if (loc && typeof loc.lat === 'number' && typeof loc.lon === 'number') {
      this.lat.set(d, loc.lat);
      this.lon.set(d, loc.lon);
      const key = gridKey(Math.floor(loc.lat / GRID), Math.floor(loc.lon / GRID));
      let cell = this.grid.get(key);
      if (!cell) this.grid.set(key, (cell = new IntList()));
      cell.push(d);
    }
  }

  /** Scratch arrays cover every term id the vocabulary has handed out. */
  private growScratch(size: number): void {
    if (size <= this.tfScratch.length) return;
    const cap = Math.max(size, this.tfScratch.length * 2, 1024);
    const tf = new Int32Array(cap);
    tf.set(this.tfScratch);
    const w = new Float64Array(cap);
    w.set(this.weightScratch);
    this.tfScratch = tf;
    this.weightScratch = w;
  }

  private terms(value: string, typos: boolean): { ids: number[]; len: number } {
    const tokens = words(value);
    const ids = tokens.map((t) => this.vocab.intern(t, false, typos));
    for (const g of this.synonyms.documentConcepts(tokens))
      ids.push(this.vocab.intern(conceptToken(g), true));
    return { ids, len: tokens.length };
  }

  private cachedTerms(value: string, typos: boolean): { ids: number[]; len: number } {
    const key = typos ? value : `\u0000${value}`;
    let hit = this.termCache.get(key);
    if (!hit) {
      // ESCO has about 170,000 labels in three languages: below that a rebuild re-tokenises in circles.
      if (this.termCache.size >= TERM_CACHE_LIMIT) this.termCache.clear();
      hit = this.terms(value, typos);
      this.termCache.set(key, hit);
    }
    return hit;
  }

  private keywordCode(col: KeywordColumn, raw: string, create: boolean): number | undefined {
    if (col.indexed) {
      const known = col.rawCodes.get(raw);
      if (known !== undefined) return known;
    }
    const key = fold(raw);
    let code = col.codes.get(key);
    if (code === undefined && create) {
      code = col.labels.length;
      col.codes.set(key, code);
      col.labels.push(raw);
      if (col.indexed) col.postings.push(new IntList());
    }
    if (code !== undefined && col.indexed) col.rawCodes.set(raw, code);
    return code;
  }

  /** Ids and versions in id order. */
  listVersions(
    after: string | undefined,
    limit: number,
  ): { items: Array<{ id: string; version: number }>; next: string | null } {
    if (!this.sortedIds) this.sortedIds = [...this.byId.keys()].sort();
    const ids = this.sortedIds;
    let lo = 0;
    if (after !== undefined) {
      let hi = ids.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (ids[mid]! <= after) lo = mid + 1;
        else hi = mid;
      }
    }
    const page = ids.slice(lo, lo + limit);
    const items = page.map((id) => ({ id, version: this.versions.get(this.byId.get(id)!) }));
    const last = page[page.length - 1];
    return { items, next: lo + limit < ids.length && last !== undefined ? last : null };
  }

  search(query: SearchQuery): SearchResult {
    const started = performance.now();
    const limit = query.limit ?? 20;
    const offset = query.offset ?? 0;
    if (!Number.isInteger(limit) || limit < 0 || limit > MAX_LIMIT)
      throw new SearchQueryError(`limit must be 0..${MAX_LIMIT}`);
    if (!Number.isInteger(offset) || offset < 0 || offset + limit > MAX_WINDOW) {
      throw new SearchQueryError(`offset + limit must be at most ${MAX_WINDOW}`);
    }
    const facets = query.facets ?? [];
    for (const f of facets) {
      const spec = this.spec(f);
      if (!spec?.facet) throw new SearchQueryError(`${this.name}: ${f} is not facetable`);
    }
    const sort: Sort = query.sort ?? { by: 'relevance' };
    if (sort.by === 'attribute' && !this.spec(sort.field)?.sort) {
      throw new SearchQueryError(`${this.name}: ${sort.field} is not sortable`);
    }
    const filters = this.compileFilters(query.filters ?? []);
    const parsed = parseQuery(query.q);
    this.ensureScratch();

    let candidates: ArrayLike<number> = [];
    let textual = false;
    // The text scratch arrays must be clean for the next query, whatever happens here.
    try {
      const extraHighlight = new Set<string>();
      if (parsed.words.length > 0) {
        const terms = this.queryTerms(parsed);
        for (const t of terms) for (const e of t.extra) extraHighlight.add(e);
        candidates = this.matchText(terms);
        textual = true;
      } else {
        candidates = this.generate(query.filters ?? []);
      }

      const passing = this.passing(candidates, filters);

      const facetCounts: Record<string, Record<string, number>> = {};
      for (const f of facets) facetCounts[f] = this.countFacet(f, passing);

      let distanceFrom: { lat: number; lon: number } | undefined;
      if (sort.by === 'distance') distanceFrom = sort.from;
      else {
        const geo = (query.filters ?? []).find((f) => f.op === 'geoRadius');
        if (geo && geo.op === 'geoRadius') distanceFrom = { lat: geo.lat, lon: geo.lon };
      }

      const k = offset + limit;
      const page = (
        textual && sort.by === 'relevance' && k <= SMALL_PAGE
          ? this.mostRelevant(passing, k)
          : topK(passing, k, this.sortKey(sort, textual), (d) => (textual ? this.relevance(d) : 0))
      ).slice(offset);

      const wantHighlights = query.highlight ?? parsed.words.length > 0;
      const highlight = wantHighlights ? highlighter(parsed, extraHighlight) : undefined;
      const hits: SearchHit[] = page.map((d) => {
        const doc = this.doc(d);
        const hit: SearchHit = {
          id: doc.id,
          highlights: highlight ? highlightDocument(this.fields, doc, highlight) : {},
          doc,
        };
        if (textual) hit.score = this.relevance(d);
        if (distanceFrom) {
          const la = this.lat.get(d);
          if (!Number.isNaN(la))
            hit.distanceKm = haversineKm(distanceFrom.lat, distanceFrom.lon, la, this.lon.get(d));
        }
        return hit;
      });
      return { hits, total: passing.length, facets: facetCounts, tookMs: performance.now() - started };
    } finally {
      if (textual) this.resetText(candidates);
    }
  }

  private spec(field: string): FieldSpec | undefined {
    const fields = INDEX_SETTINGS[this.name].fields as Record<string, FieldSpec>;
    return Object.hasOwn(fields, field) ? fields[field] : undefined;
  }

  private ensureScratch(): void {
    const n = this.size;
    if (this.hits.length >= n) return;
    const cap = Math.max(1024, n * 2);
    this.hits = new Uint8Array(cap);
    this.typos = new Uint8Array(cap);
    this.score = new Float64Array(cap);
    this.stamp = new Uint32Array(cap);
    this.epoch = 0;
  }

  private relevance(d: number): number {
    return this.score[d]! - this.typos[d]! * TYPO_COST;
  }

  /**
   * A query's filters, ready for the candidate loop: value filters on single-valued keyword fields as
   * masks over the field's code column (a typed-array read each, no call), the others as predicates.
   * Each group runs the filter most documents fail first, so a candidate stops early.
   */
  private compileFilters(filters: Filter[]): CompiledFilters {
    const compiled = filters.map((f) => this.compile(f)).sort((a, b) => a.passRate - b.passRate);
    const masks = compiled.filter((c) => c.kind === 'mask');
    return {
      codes: masks.map((m) => m.codes),
      wanted: masks.map((m) => m.wanted),
      tests: compiled.filter((c) => c.kind === 'test').map((t) => t.test),
    };
  }

  /** The live candidates that pass every filter, in candidate order. */
  private passing(candidates: ArrayLike<number>, filters: CompiledFilters): Int32Array {
    const out = new Int32Array(candidates.length);
    let n = 0;
    const alive = this.alive;
    const { codes, wanted, tests } = filters;
    const masks = codes.length;
    outer: for (let i = 0; i < candidates.length; i++) {
      const d = candidates[i]!;
      if (!alive[d]) continue;
      // A document without a value has code -1, which no mask holds.
      for (let j = 0; j < masks; j++) if (wanted[j]![codes[j]![d]!] !== 1) continue outer;
      for (let j = 0; j < tests.length; j++) if (!tests[j]!(d)) continue outer;
      out[n++] = d;
    }
    return out.subarray(0, n);
  }

  /**
   * The k most relevant documents (ties by document number), for the first pages of a text search:
   * the same order `topK` gives with the relevance key, kept in a small sorted array that a document
   * enters only when it beats the last, instead of two key closures and a heap per document. A text
   * search matches thousands; this is most of its ranking time.
   */
  private mostRelevant(docs: Int32Array, k: number): number[] {
    if (k <= 0) return [];
    const top = new Int32Array(k);
    const rel = new Float64Array(k);
    let n = 0;
    const score = this.score;
    const typos = this.typos;
    for (let i = 0; i < docs.length; i++) {
      const d = docs[i]!;
      const r = score[d]! - typos[d]! * TYPO_COST;
      if (n === k && (r < rel[k - 1]! || (r === rel[k - 1] && d > top[k - 1]!))) continue;
      let j = n < k ? n++ : k - 1;
      while (j > 0 && (rel[j - 1]! < r || (rel[j - 1] === r && top[j - 1]! > d))) {
        rel[j] = rel[j - 1]!;
        top[j] = top[j - 1]!;
        j--;
      }
      rel[j] = r;
      top[j] = d;
    }
    return Array.from(top.subarray(0, n));
  }

  // ---- text ---------------------------------------------------------------------------------------

  private queryTerms(parsed: ParsedQuery): QueryTerm[] {
    const ws = parsed.words;
    const isLast = (k: number) => parsed.lastIsPrefix && k === ws.length - 1;
    return planQuery(this.synonyms, parsed).map((part) => {
      if (part.kind === 'word') return this.term(this.expand(ws[part.index]!, isLast(part.index)), []);
      const alternatives: Alternative[] = [];
      const conceptId = this.vocab.get(conceptToken(part.group));
      if (conceptId !== undefined) {
        alternatives.push({
          termId: conceptId,
          typos: part.typos,
          // Below the literal word at the same typo count: the word typed ranks above its synonyms.
          factor: (TYPO_FACTOR[part.typos] ?? 0.3) * SYNONYM_FACTOR,
        });
      }
      // A one-word concept keeps the word's own expansions too ("porto" is also a typo of "porta").
      if (part.length === 1) alternatives.push(...this.expand(ws[part.start]!, isLast(part.start)));
      return this.term(alternatives, this.synonyms.groupWords(part.group));
    });
  }

  private term(alternatives: Alternative[], extra: string[]): QueryTerm {
    const seen = new Set<number>();
    const alts = alternatives
      .sort((a, b) => a.typos - b.typos || b.factor - a.factor)
      .filter((a) => (seen.has(a.termId) ? false : (seen.add(a.termId), true)));
    let cost = 0;
    for (const a of alts) cost += this.postings.get(a.termId)?.length ?? 0;
    return { alternatives: alts, cost, extra };
  }

  private expand(word: string, prefix: boolean): Alternative[] {
    const out: Alternative[] = [];
    const exact = this.vocab.get(word);
    if (exact !== undefined && this.postings.has(exact)) out.push({ termId: exact, typos: 0, factor: 1 });
    if (prefix) {
      let ids = this.vocab.prefixRange(word).filter((id) => id !== exact && this.postings.has(id));
      if (ids.length > MAX_PREFIX_TERMS) {
        ids = ids
          .sort((a, b) => this.postings.get(b)!.length - this.postings.get(a)!.length)
          .slice(0, MAX_PREFIX_TERMS);
      }
      for (const id of ids) out.push({ termId: id, typos: 0, factor: PREFIX_FACTOR });
    }
    const budget = typoBudget(word);
    if (budget > 0) {
      for (const c of this.vocab.typoCandidates(word, budget)) {
        if (this.postings.has(c.id))
          out.push({ termId: c.id, typos: c.typos, factor: TYPO_FACTOR[c.typos] ?? 0.3 });
      }
    }
    return out;
  }

  /** Documents holding every query term; fills score/typos scratch for them. */
  private matchText(terms: QueryTerm[]): ArrayLike<number> {
    if (terms.some((t) => t.alternatives.length === 0)) return [];
    const ordered = [...terms].sort((a, b) => a.cost - b.cost);
    const n = this.size;
    const hits = this.hits;
    const typos = this.typos;
    const score = this.score;
    // The first (rarest) term's documents are the candidates: at most its postings, all alternatives.
    let most = 0;
    for (const alt of ordered[0]!.alternatives) most += this.postings.get(alt.termId)?.length ?? 0;
    const cand = new Int32Array(most);
    let nCand = 0;
    // Plain loops with locals: this is the hottest loop of a search (every posting of every word).
    for (let i = 0; i < ordered.length; i++) {
      for (const alt of ordered[i]!.alternatives) {
        const p = this.postings.get(alt.termId);
        if (!p) continue;
        const df = p.length;
        // Weights are stored fixed-point (1/1024).
        const idf = (Math.log(1 + n / df) * alt.factor) / 1024;
        const pd = p.data;
        const altTypos = alt.typos;
        for (let k = 0; k < df; k++) {
          const d = pd[2 * k]!;
          if (hits[d] !== i) continue;
          hits[d] = i + 1;
          typos[d] = typos[d]! + altTypos;
          score[d] = score[d]! + pd[2 * k + 1]! * idf;
          if (i === 0) cand[nCand++] = d;
        }
      }
    }
    const all = ordered.length;
    // One term: every candidate holds it.
    if (all === 1) return cand.subarray(0, nCand);
    const out: number[] = [];
    for (let c = 0; c < nCand; c++) {
      const d = cand[c]!;
      if (hits[d] === all) out.push(d);
      else {
        hits[d] = 0;
        typos[d] = 0;
        score[d] = 0;
      }
    }
    return out;
  }

  private resetText(docs: ArrayLike<number>): void {
    for (let i = 0; i < docs.length; i++) {
      const d = docs[i]!;
      this.hits[d] = 0;
      this.typos[d] = 0;
      this.score[d] = 0;
    }
  }

  // ---- filters --------------------------------------------------------------------------------------

  /**
   * One filter, checked (a field that is not filterable, a range on a keyword… is an error) and made
   * ready for the candidate loop, with the share of documents it lets through: known exactly for facet
   * fields (their value postings), taken as 1 otherwise; only the order filters are tried in uses it.
   */
  private compile(f: Filter): CompiledFilter {
    const test = (t: Predicate): CompiledFilter => ({ kind: 'test', test: t, passRate: 1 });
    if (f.op === 'geoRadius') {
      if (![f.lat, f.lon, f.km].every(Number.isFinite) || f.km < 0)
        throw new SearchQueryError('bad geo radius');
      const { lat, lon, km } = f;
      return test((d) => {
        const la = this.lat.get(d);
        return !Number.isNaN(la) && haversineKm(lat, lon, la, this.lon.get(d)) <= km;
      });
    }
    if (f.op === 'geoBox') {
      const { topLeft, bottomRight } = f;
      return test((d) => {
        const la = this.lat.get(d);
        const lo = this.lon.get(d);
        return la <= topLeft.lat && la >= bottomRight.lat && lo >= topLeft.lon && lo <= bottomRight.lon;
      });
    }
    const spec = this.spec(f.field);
    if (!spec?.filter) throw new SearchQueryError(`${this.name}: ${f.field} is not filterable`);
    if (f.field === 'id') {
      if (f.op === 'range') throw new SearchQueryError('id has no ranges');
      const wanted = new Set(
        (f.op === 'eq' ? [f.value] : f.values)
          .map((v) => this.byId.get(String(v)))
          .filter((d) => d !== undefined),
      );
      return test((d) => wanted.has(d));
    }
    const num = this.numbers.get(f.field);
    if (num) {
      if (f.op === 'range') {
        const min = f.min === undefined ? -Infinity : dateValue(f.min);
        const max = f.max === undefined ? Infinity : dateValue(f.max);
        if (Number.isNaN(min) || Number.isNaN(max)) throw new SearchQueryError(`bad range for ${f.field}`);
        return test((d) => {
          const v = num.get(d);
          return v >= min && v <= max;
        });
      }
      const values = (f.op === 'eq' ? [f.value] : f.values).map((v) =>
        dateValue(typeof v === 'boolean' ? Number(v) : v),
      );
      return test((d) => values.includes(num.get(d)));
    }
    const col = this.keywords.get(f.field);
    if (!col || f.op === 'range') throw new SearchQueryError(`${this.name}: ${f.field} has no ranges`);
    // Wanted codes as a mask: one array read per value instead of a search of the list.
    const wanted = new Uint8Array(col.labels.length);
    let passing = 0;
    for (const v of f.op === 'eq' ? [f.value] : f.values) {
      const code = this.keywordCode(col, String(v), false);
      if (code === undefined || wanted[code] === 1) continue;
      wanted[code] = 1;
      if (col.indexed) passing += col.postings[code]!.length;
    }
    const passRate = col.indexed && this.size > 0 ? passing / this.size : 1;
    // Single-valued: the candidate loop reads the code column itself (a document without a value has
    // code -1, which no mask holds).
    if (col.single) return { kind: 'mask', codes: col.single.data, wanted, passRate };
    const offsets = col.offsets.data;
    const vs = col.values.data;
    return {
      kind: 'test',
      passRate,
      test: (d) => {
        const end = offsets[d + 1]!;
        for (let k = offsets[d]!; k < end; k++) if (wanted[vs[k]!] === 1) return true;
        return false;
      },
    };
  }

  /** Candidate documents when there is no text: the most selective keyword or geo filter, else all. */
  private generate(filters: Filter[]): ArrayLike<number> {
    let best: { size: number; lists: Array<{ data: Int32Array; length: number }> } | undefined;
    for (const f of filters) {
      let lists: Array<{ data: Int32Array; length: number }> | undefined;
      if (f.op === 'eq' || f.op === 'in') {
        const col = this.keywords.get(f.field);
        if (!col?.indexed) continue;
        lists = (f.op === 'eq' ? [f.value] : f.values)
          .map((v) => this.keywordCode(col, String(v), false))
          .filter((c): c is number => c !== undefined)
          .map((c) => col.postings[c]!);
      } else if (f.op === 'geoRadius' || f.op === 'geoBox') {
        lists = this.cells(f);
      }
      if (!lists) continue;
      const size = lists.reduce((s, l) => s + l.length, 0);
      if (!best || size < best.size) best = { size, lists };
    }
    if (!best) {
      const all = new Int32Array(this.size);
      for (let i = 0; i < all.length; i++) all[i] = i;
      return all;
    }
    if (best.lists.length === 1) return best.lists[0]!.data.subarray(0, best.lists[0]!.length);
    // Several lists (an `in` filter on a multi-valued field) may repeat a document: dedupe by stamp.
    const epoch = this.nextEpoch();
    const out: number[] = [];
    for (const l of best.lists) {
      for (let i = 0; i < l.length; i++) {
        const d = l.data[i]!;
        if (this.stamp[d] !== epoch) {
          this.stamp[d] = epoch;
          out.push(d);
        }
      }
    }
    return out;
  }

  private nextEpoch(): number {
    this.epoch++;
    if (this.epoch === 0xffffffff) {
      this.stamp.fill(0);
      this.epoch = 1;
    }
    return this.epoch;
  }

  private cells(f: Filter & { op: 'geoRadius' | 'geoBox' }): IntList[] {
    let latMin: number, latMax: number, lonMin: number, lonMax: number;
    if (f.op === 'geoRadius') {
      // The shared box, widened by one grid cell: cells are a superset, the exact distance decides.
      const box = boundingBox(f.lat, f.lon, f.km);
      [latMin, latMax, lonMin, lonMax] = [
        box.minLat - GRID,
        box.maxLat + GRID,
        box.minLon - GRID,
        box.maxLon + GRID,
      ];
    } else {
      [latMin, latMax, lonMin, lonMax] = [f.bottomRight.lat, f.topLeft.lat, f.topLeft.lon, f.bottomRight.lon];
    }
    const out: IntList[] = [];
    const la0 = Math.floor(latMin / GRID);
    const la1 = Math.floor(latMax / GRID);
    const lo0 = Math.floor(lonMin / GRID);
    const lo1 = Math.floor(lonMax / GRID);
    if ((la1 - la0 + 1) * (lo1 - lo0 + 1) > this.grid.size) {
      for (const cell of this.grid.values()) out.push(cell);
      return out;
    }
    for (let a = la0; a <= la1; a++) {
      for (let b = lo0; b <= lo1; b++) {
        const cell = this.grid.get(gridKey(a, b));
        if (cell) out.push(cell);
      }
    }
    return out;
  }

  private countFacet(field: string, docs: ArrayLike<number>): Record<string, number> {
    const out: Record<string, number> = {};
    const col = this.keywords.get(field);
    if (col) {
      const counts = new Int32Array(col.labels.length);
      const offsets = col.offsets.data;
      const vs = col.values.data;
      const single = col.single?.data;
      if (single)
        for (let i = 0; i < docs.length; i++) {
          const c = single[docs[i]!]!;
          if (c >= 0) counts[c] = counts[c]! + 1;
        }
      else
        for (let i = 0; i < docs.length; i++) {
          const d = docs[i]!;
          const end = offsets[d + 1]!;
          for (let k = offsets[d]!; k < end; k++) counts[vs[k]!] = counts[vs[k]!]! + 1;
        }
      counts.forEach((n, c) => {
        if (n > 0) out[col.labels[c]!] = n;
      });
      return out;
    }
    const num = this.numbers.get(field);
    if (num) {
      for (let i = 0; i < docs.length; i++) {
        const v = num.get(docs[i]!);
        if (!Number.isNaN(v)) out[String(v)] = (out[String(v)] ?? 0) + 1;
      }
    }
    return out;
  }

  private sortKey(sort: Sort, textual: boolean): (d: number) => number {
    if (sort.by === 'distance') {
      const { lat, lon } = sort.from;
      return (d) => {
        const la = this.lat.get(d);
        return Number.isNaN(la) ? Infinity : haversineKm(lat, lon, la, this.lon.get(d));
      };
    }
    if (sort.by === 'attribute') {
      const col = this.numbers.get(sort.field)!;
      const sign = sort.direction === 'asc' ? 1 : -1;
      return (d) => {
        const v = col.get(d);
        return Number.isNaN(v) ? Infinity : sign * v;
      };
    }
    return textual ? (d) => -this.relevance(d) : (d) => d;
  }
}

/**
 * The k best documents by (key asc, tie-break desc, doc number asc). A bounded heap keeps it O(n log k)
 * for big match sets; small sets are simply sorted.
 */
function topK(
  docs: ArrayLike<number>,
  k: number,
  key: (d: number) => number,
  tie: (d: number) => number,
): number[] {
  if (k <= 0 || docs.length === 0) return [];
  const keys = new Float64Array(docs.length);
  const ties = new Float64Array(docs.length);
  for (let i = 0; i < docs.length; i++) {
    keys[i] = key(docs[i]!);
    ties[i] = tie(docs[i]!);
  }
  // a before b?
  const better = (a: number, b: number) =>
    keys[a]! < keys[b]! ||
    (keys[a] === keys[b] && (ties[a]! > ties[b]! || (ties[a] === ties[b] && docs[a]! < docs[b]!)));
  if (docs.length <= k * 2 + 64) {
    const idx = Array.from({ length: docs.length }, (_, i) => i).sort((a, b) =>
      better(a, b) ? -1 : better(b, a) ? 1 : 0,
    );
    return idx.slice(0, k).map((i) => docs[i]!);
  }
  // The matcher's bounded heap over positions: the k best seen so far.
  const best = new TopK<number>(k, better);
  for (let i = 0; i < docs.length; i++) best.offer(i);
  return best.sorted().map((i) => docs[i]!);
}
