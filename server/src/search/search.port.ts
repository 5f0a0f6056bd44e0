import type { IndexDocument, IndexName } from './documents.js';

export type { IndexDocument, IndexName } from './documents.js';
export { INDEX_NAMES } from './documents.js';

/** A point on the earth in decimal degrees (WGS 84). */
export interface GeoPoint {
  lat: number;
  lon: number;
}

/** A scalar a filter can compare with. Dates are ISO-8601 strings and compare as instants. */
export type FilterScalar = string | number | boolean;

export type Filter =
  /** The field (or any element of an array field) equals the value. */
  | { field: string; op: 'eq'; value: FilterScalar }
  /** The field (or any element of an array field) equals one of the values. An empty list matches nothing. */
  | { field: string; op: 'in'; values: FilterScalar[] }
  /** min ≤ field ≤ max, both bounds inclusive and optional. Documents without the field never match. */
  | { field: string; op: 'range'; min?: number | string; max?: number | string }
  /** Great-circle distance from the point to the index's geo field ≤ km (haversine, earth radius 6371 km). */
  | { field?: 'location'; op: 'geoRadius'; lat: number; lon: number; km: number }
  /** The geo field lies in the box (inclusive); boxes crossing the antimeridian are not supported. */
  | { field?: 'location'; op: 'geoBox'; topLeft: GeoPoint; bottomRight: GeoPoint };

export type Sort =
  | { by: 'relevance' }
  /** Nearest first; hits carry `distanceKm`. Documents without a location come last. */
  | { by: 'distance'; from: GeoPoint }
  /** Documents without the attribute come last, whatever the direction. */
  | { by: 'attribute'; field: string; direction: 'asc' | 'desc' };

export interface SearchQuery {
  /** Free text in any language. Empty or absent: every document that passes the filters. */
  q?: string;
  /** All filters must hold (AND). */
  filters?: Filter[];
  /** Facet fields to count; each must be declared facetable for the index. */
  facets?: string[];
  /** Primary sort; ties fall back to relevance, then an adapter-specific stable order. Default relevance. */
  sort?: Sort;
  /** Default 20, at most 1000. */
  limit?: number;
  /** Default 0. offset + limit ≤ MAX_WINDOW. */
  offset?: number;
  /** Return highlights for the index's highlight fields. Default true when q is non-empty. */
  highlight?: boolean;
}

/** Where the query matched one field: the field's text and the matched ranges (UTF-16 offsets, end exclusive). */
export interface Highlight {
  text: string;
  ranges: Array<{ start: number; end: number }>;
}

export interface SearchHit<D = IndexDocument> {
  id: string;
  /** Adapter-specific relevance score; only the order it implies within one response means anything. */
  score?: number;
  /** Present when the query has a geo filter or a distance sort and the document has a location. */
  distanceKm?: number;
  highlights: Record<string, Highlight>;
  doc: D;
}

export interface SearchResult<D = IndexDocument> {
  hits: Array<SearchHit<D>>;
  /** Exact number of matching documents (up to MAX_TOTAL_HITS; an adapter never returns an estimate). */
  total: number;
  /** field → value → count, over the whole filtered set (not only the returned page). */
  facets: Record<string, Record<string, number>>;
  tookMs: number;
}

export interface Suggestion {
  index: IndexName;
  id: string;
  /** The title-like text to show (title, occupation label, firm name, profile code). */
  label: string;
  highlight?: Highlight;
}

export interface VersionPage {
  items: Array<{ id: string; version: number }>;
  /** Opaque cursor: pass back as `after` to read the next page; null when done. */
  next: string | null;
}

export interface SearchHealth {
  ok: boolean;
  engine: 'embedded' | 'meilisearch';
  version?: string;
  detail?: string;
}

/**
 * Handle returned by beginRebuild; documents go to a shadow index until commit. Writes to the live
 * index made during a rebuild are not copied into the shadow: run the outbox relay after commit (or
 * reconcile) to replay them.
 */
export interface RebuildHandle {
  readonly index: IndexName;
  upsert(docs: IndexDocument[]): Promise<void>;
  /** Atomically replaces the live index with the shadow one. */
  commit(): Promise<void>;
  /** Drops the shadow index; the live index is untouched. */
  abort(): Promise<void>;
}

export const MAX_LIMIT = 1000;
/** Facet values guaranteed per field (Meilisearch `faceting.maxValuesPerFacet`, most frequent first). */
export const MAX_FACET_VALUES = 1000;
export const MAX_WINDOW = 10_000;
/** Totals are exact up to this many matches (Meilisearch `pagination.maxTotalHits` is set to it too). */
export const MAX_TOTAL_HITS = 1_000_000;

/**
 * The search engine behind Rilancio. PostgreSQL is the source of truth; an index is a rebuildable copy
 * holding only the allowlisted fields of `documents.ts` (B3).
 *
 * CONTRACT — every adapter guarantees:
 *
 * Text
 * - Case and accents are folded on both sides (NFKD, combining marks removed, lower case):
 *   "Entrepôt", "ENTREPOT" and "entrepot" are the same word. Words are runs of letters and digits;
 *   apostrophes and punctuation split words ("l'entrepôt" → "l", "entrepot").
 * - Stop words (`STOP_WORDS` in text.ts: IT/FR/EN articles, prepositions, elided l'/d'/dell') are ignored
 *   when other words remain, except the last word while it is being typed and words inside a glossary
 *   phrase ("cale de halage").
 * - Every other query word must match (AND). A word matches a document word that is equal, or within its typo
 *   budget: 0 typos below 5 letters, 1 typo from 5 letters, 2 typos from 9 letters (the query word's
 *   length). A typo is an insertion, deletion, substitution, or a swap of two adjacent letters
 *   (Damerau–OSA distance). Digits-only words never get typos.
 * - The last query word also matches as a prefix ("capann" finds "capannone") unless the query ends with
 *   a space. Only the first 10 query words are used. The embedded engine expands a prefix to at most the
 *   400 most frequent terms it starts (only 1–2 letter prefixes reach that).
 * - Glossary synonyms (`glossary.ts`) are mutual: any term of a group matches documents holding any
 *   other term of that group, across IT/FR/EN ("capannone banchina" ≡ "hangar quai"), when the query
 *   spells the term as the glossary does (after folding).
 * - Records are ranked with exact matches before typo matches; the precise order among equally good
 *   matches is adapter-specific and tests must not depend on it.
 *
 * Text: where the engines legitimately differ (checked against Meilisearch 1.50 and stated by the
 * contract suite as what both guarantee). Each is a widening by one engine, never a narrowing of the
 * rules above, except the first:
 * - A typo on a word's FIRST letter costs Meilisearch two typos, the embedded engine one. Both match
 *   it from 9 letters ("kapannone" finds "capannone"); from 5 to 8 letters only the embedded engine does.
 * - A misspelt glossary term ("kapannone") is widened to its synonyms by the embedded engine only;
 *   both find the documents holding the term itself.
 * - Meilisearch also tolerates typos in the prefix word ("capanon" finds "capannone"), joins up to three
 *   adjacent query words ("carro ponte" finds "carroponte") and splits one ("tornioCNC"); the embedded
 *   engine does not.
 *
 * Filters, facets, geo
 * - Filters only accept fields declared filterable for the index; anything else is a
 *   SearchQueryError (a programming error or a 400, never sent to the engine).
 * - String equality compares values as stored (pass the stored spelling); the embedded engine also
 *   folds case and accents there, Meilisearch folds case.
 * - Facet counts are computed over the whole set matching q and filters, not over the page. Each
 *   facet lists at least the MAX_FACET_VALUES most frequent values with exact counts (Meilisearch
 *   stops there; the embedded engine lists every value). Values are returned as stored; values that
 *   differ only in case are counted as one, under one of their spellings.
 * - Radius is monotonic: for the same query, hits within r1 ⊆ hits within r2 when r1 ≤ r2.
 * - Distance sort orders by haversine distance to the point, ascending.
 *
 * Writes
 * - Every document carries `version` (monotonic per record, from PostgreSQL). An upsert whose version is
 *   lower than the stored one for that id is ignored; an equal version is re-applied (idempotent), so
 *   at-least-once delivery and reordering are harmless.
 * - When upsert/delete/clear resolve, every later search sees the change (read-your-writes). Nothing is
 *   left queued in the engine.
 * - upsert/delete of a batch either resolves (all applied) or throws; an adapter never silently drops.
 * - delete forgets the id and its version: the relay deletes only when the record is gone from
 *   PostgreSQL (erasure), so a later stale upsert cannot come from the relay's state transfer.
 * - Documents in results are copies of what was indexed (allowlisted fields only); do not rely on
 *   identity or mutate them.
 *
 * Errors
 * - Engine unreachable, slow (timeout) or not ready → SearchUnavailableError (API: 503 + Retry-After;
 *   the relay retries with backoff).
 * - The engine refused the data (bad document, failed task) → SearchRejectedError (relay: dead letter).
 * - An invalid query (unknown field, bad range) → SearchQueryError (API: 400).
 */
export interface SearchPort {
  upsert(index: IndexName, docs: IndexDocument[]): Promise<void>;
  delete(index: IndexName, ids: string[]): Promise<void>;
  search<I extends IndexName>(index: I, query: SearchQuery): Promise<SearchResult>;
  /** As-you-type across indexes: prefix on the last word, best hits interleaved by index order. */
  suggest(q: string, indexes: IndexName[], limit: number): Promise<Suggestion[]>;
  count(index: IndexName): Promise<number>;
  /** Ids and versions in id order, paged by an opaque cursor, for reconciliation against PostgreSQL. */
  listVersions(index: IndexName, opts?: { after?: string; limit?: number }): Promise<VersionPage>;
  clear(index: IndexName): Promise<void>;
  /** Starts an atomic rebuild; the live index keeps answering until commit. */
  beginRebuild(index: IndexName): Promise<RebuildHandle>;
  health(): Promise<SearchHealth>;
  close(): Promise<void>;
}

export type SearchErrorCode = 'SEARCH_UNAVAILABLE' | 'SEARCH_REJECTED' | 'SEARCH_QUERY_INVALID';

export abstract class SearchError extends Error {
  abstract readonly code: SearchErrorCode;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The engine cannot answer now; retry later. */
export class SearchUnavailableError extends SearchError {
  readonly code = 'SEARCH_UNAVAILABLE' as const;
  /** Seconds the caller should wait before retrying. */
  readonly retryAfterSeconds: number;
  constructor(message: string, options?: { cause?: unknown; retryAfterSeconds?: number }) {
    super(message, options);
    this.retryAfterSeconds = options?.retryAfterSeconds ?? 5;
  }
}

/** The engine refused the write; retrying the same payload will not help. */
export class SearchRejectedError extends SearchError {
  readonly code = 'SEARCH_REJECTED' as const;
}

/** The query is invalid (unknown field, bad range, too deep a page). */
export class SearchQueryError extends SearchError {
  readonly code = 'SEARCH_QUERY_INVALID' as const;
}
