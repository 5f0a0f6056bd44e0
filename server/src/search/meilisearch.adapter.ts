/**
 * Meilisearch behind the search port, kept thin over the official client. Settings come from the same
 * per-index definitions as the embedded engine (documents.ts, glossary.ts); filters only from
 * meili-filter.ts; every write is awaited to a finished task.
 *
 * Versions: before a batch upsert the adapter reads the stored versions of those ids and drops documents
 * older than what is stored. Between that read and the write another writer could land a newer version;
 * the relay is the only writer and it pushes the *current* PostgreSQL state, so the newest state is
 * what the next delivery brings (at-least-once + state transfer). Reconciliation repairs the rest.
 */
import {
  Meilisearch,
  MeilisearchApiError,
  MeilisearchRequestError,
  MeilisearchRequestTimeOutError,
  MeilisearchTaskTimeOutError,
} from 'meilisearch';
import type { EnqueuedTaskPromise, Index, Settings } from 'meilisearch';
import type { FieldSpec, IndexDocument, IndexName } from './documents.js';
import { INDEX_NAMES, INDEX_SETTINGS } from './documents.js';
import { SynonymMatcher, planQuery } from './embedded/synonyms.js';
import { glossaryFor } from './glossary.js';
import { buildFilter, dateAttribute } from './meili-filter.js';
import type {
  RebuildHandle,
  SearchHealth,
  SearchHit,
  SearchPort,
  SearchQuery,
  SearchResult,
  Suggestion,
  VersionPage,
} from './search.port.js';
import {
  MAX_FACET_VALUES,
  MAX_LIMIT,
  MAX_TOTAL_HITS,
  MAX_WINDOW,
  SearchError,
  SearchQueryError,
  SearchRejectedError,
  SearchUnavailableError,
} from './search.port.js';
import {
  haversineKm,
  highlightDocument,
  highlighter,
  highlightText,
  interleave,
  parseQuery,
} from './text.js';

/** CVE-2026-57823/57824 are fixed from 1.48.2 (M1). */
export const MIN_MEILISEARCH_VERSION = '1.48.2';

export interface MeilisearchAdapterOptions {
  host: string;
  /** A scoped key (M3), never the master key. */
  apiKey?: string;
  /** Prefix of index uids, e.g. "rilancio_" (tests use a unique one per file). */
  indexPrefix?: string;
  /** Per HTTP request. Default 1500 ms, so a blackholed engine becomes a 503 within the API's 2 s. */
  requestTimeoutMs?: number;
  /** Waiting for one task. Default 30 s. */
  taskTimeoutMs?: number;
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/).map((x) => Number.parseInt(x, 10) || 0);
  const pb = b.split(/[.-]/).map((x) => Number.parseInt(x, 10) || 0);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Maps client errors to the port's errors. */
export function mapMeiliError(err: unknown, context: 'read' | 'write'): SearchError {
  if (err instanceof SearchError) return err;
  if (
    err instanceof MeilisearchRequestError ||
    err instanceof MeilisearchRequestTimeOutError ||
    err instanceof MeilisearchTaskTimeOutError
  ) {
    return new SearchUnavailableError('search engine unreachable or too slow', { cause: err });
  }
  if (err instanceof MeilisearchApiError) {
    const status = err.response.status;
    if (status >= 500 || status === 401 || status === 403 || status === 429) {
      return new SearchUnavailableError(`search engine answered ${status}`, { cause: err });
    }
    return context === 'write'
      ? new SearchRejectedError(`search engine rejected the write (${status})`, { cause: err })
      : new SearchQueryError(`search engine rejected the query (${status})`, { cause: err });
  }
  return new SearchUnavailableError('search engine failed', { cause: err });
}

/** The Meilisearch error code (e.g. `index_already_exists`) behind a failed task, if any. */
function meiliErrorCode(error: SearchRejectedError): string | undefined {
  const cause = error.cause as { code?: unknown } | undefined;
  return typeof cause?.code === 'string' ? cause.code : undefined;
}

function fieldsOf(index: IndexName): Array<[string, FieldSpec]> {
  return Object.entries(INDEX_SETTINGS[index].fields as Record<string, FieldSpec>);
}

/** Index settings derived from the shared definitions. */
export function meiliSettings(index: IndexName): Settings {
  const fields = fieldsOf(index);
  const attr = (f: string, s: FieldSpec) => (s.type === 'date' ? dateAttribute(f) : f);
  const synonyms: Record<string, string[]> = {};
  for (const group of glossaryFor(index)) {
    for (const term of group) {
      const others = group.filter((t) => t !== term);
      synonyms[term] = [...new Set([...(synonyms[term] ?? []), ...others])];
    }
  }
  return {
    searchableAttributes: fields
      .filter(([, s]) => s.weight !== undefined)
      .sort((a, b) => b[1].weight! - a[1].weight!)
      .map(([f]) => f),
    filterableAttributes: [
      'id',
      ...fields.filter(([f, s]) => s.filter && s.type !== 'geo' && f !== 'id').map(([f, s]) => attr(f, s)),
      '_geo',
    ],
    sortableAttributes: [
      'id',
      ...fields.filter(([, s]) => s.sort && s.type !== 'geo').map(([f, s]) => attr(f, s)),
      '_geo',
    ],
    displayedAttributes: fields.map(([f]) => f),
    synonyms,
    typoTolerance: {
      enabled: true,
      minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
      disableOnNumbers: true,
      disableOnAttributes: fields.filter(([, s]) => s.typos === false).map(([f]) => f),
    },
    pagination: { maxTotalHits: MAX_TOTAL_HITS },
    // The most frequent values, not the first ones in alphabetical order (Meilisearch's default), when a
    // field has more than MAX_FACET_VALUES: the contract promises the top values with exact counts.
    faceting: { maxValuesPerFacet: MAX_FACET_VALUES, sortFacetValuesBy: { '*': 'count' } },
  };
}

/** Lists whose order means something to Meilisearch: the searchable attributes rank by their order. */
const ORDERED_SETTINGS = new Set(['searchableAttributes']);

/**
 * Do the index's current settings already say what `desired` says? Meilisearch answers every settings
 * update with a task that re-examines the whole index, even when nothing changes: 12 to 15 s each for
 * 100,000 profiles or assets, so a process that applied them at every start waited about half a minute
 * before serving (issue 10). Compared as Meilisearch reports them: `desired`'s keys only (it reports
 * every setting), lists as sets except where order ranks. Anything unsure compares unequal, and the
 * update is sent as before.
 */
export function settingsHold(current: unknown, desired: unknown, key = ''): boolean {
  if (Array.isArray(desired)) {
    if (!Array.isArray(current) || current.length !== desired.length) return false;
    if (ORDERED_SETTINGS.has(key)) return desired.every((d, i) => settingsHold(current[i], d));
    const rest = [...current];
    return desired.every((d) => {
      const at = rest.findIndex((c) => settingsHold(c, d));
      if (at < 0) return false;
      rest.splice(at, 1);
      return true;
    });
  }
  if (desired !== null && typeof desired === 'object') {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return false;
    const have = current as Record<string, unknown>;
    return Object.entries(desired).every(([k, v]) => v === undefined || settingsHold(have[k], v, k));
  }
  return current === desired;
}

/** The Meilisearch document: allowlisted fields, plus `_geo` and epoch-millisecond twins of dates. */
export function toMeiliDocument(index: IndexName, doc: IndexDocument): Record<string, unknown> {
  const rec = doc as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [f, s] of fieldsOf(index)) {
    const v = rec[f];
    if (v === undefined || v === null) continue;
    out[f] = v;
    if (s.type === 'date') {
      const ms = typeof v === 'number' ? v : Date.parse(String(v));
      if (Number.isFinite(ms)) out[dateAttribute(f)] = ms;
    }
    if (s.type === 'geo') {
      const loc = v as { lat: number; lon: number };
      out._geo = { lat: loc.lat, lng: loc.lon };
    }
  }
  return out;
}

function fromMeiliDocument(index: IndexName, hit: Record<string, unknown>): IndexDocument {
  const out: Record<string, unknown> = {};
  for (const [f] of fieldsOf(index)) if (hit[f] !== undefined && hit[f] !== null) out[f] = hit[f];
  return out as unknown as IndexDocument;
}

export class MeilisearchAdapter implements SearchPort {
  private readonly client: Meilisearch;
  private readonly prefix: string;
  private readonly taskTimeoutMs: number;
  /** One synonym matcher per index: the glossary is scoped (glossary.ts, GLOSSARY_INDEXES). */
  private readonly synonyms = new Map(INDEX_NAMES.map((n) => [n, new SynonymMatcher(glossaryFor(n))]));

  private constructor(options: MeilisearchAdapterOptions) {
    this.client = new Meilisearch({
      host: options.host,
      ...(options.apiKey ? { apiKey: options.apiKey } : {}),
      timeout: options.requestTimeoutMs ?? 1500,
    });
    this.prefix = options.indexPrefix ?? 'rilancio_';
    this.taskTimeoutMs = options.taskTimeoutMs ?? 30_000;
  }

  /**
   * Connects, refuses a Meilisearch older than MIN_MEILISEARCH_VERSION, creates missing indexes and
   * applies settings. Throws SearchUnavailableError when the engine cannot be reached.
   */
  static async connect(options: MeilisearchAdapterOptions): Promise<MeilisearchAdapter> {
    const adapter = MeilisearchAdapter.create(options);
    await adapter.init();
    return adapter;
  }

  /**
   * An adapter that has not talked to the engine yet (no I/O): for a server that must start while the
   * engine is down (call `init()` when it is back) and for fault tests against a closed port.
   */
  static create(options: MeilisearchAdapterOptions): MeilisearchAdapter {
    return new MeilisearchAdapter(options);
  }

  /** Version check, then missing indexes created and settings applied (idempotent). */
  async init(): Promise<void> {
    await this.checkVersion();
    for (const index of INDEX_NAMES) await this.ensureIndex(this.uid(index), index);
  }

  private uid(index: IndexName): string {
    if (!(INDEX_NAMES as readonly string[]).includes(index))
      throw new SearchQueryError(`unknown index ${index}`);
    return `${this.prefix}${index}`;
  }

  private async checkVersion(): Promise<string> {
    let version: string;
    try {
      version = (await this.client.getVersion()).pkgVersion;
    } catch (err) {
      throw mapMeiliError(err, 'read');
    }
    if (compareVersions(version, MIN_MEILISEARCH_VERSION) < 0) {
      throw new SearchUnavailableError(
        `Meilisearch ${version} is older than ${MIN_MEILISEARCH_VERSION} (security fixes required)`,
        { retryAfterSeconds: 3600 },
      );
    }
    return version;
  }

  /** Awaits a task to its end; a failed or cancelled task is a rejection. */
  private async run(task: EnqueuedTaskPromise): Promise<void> {
    let done;
    try {
      done = await task.waitTask({ timeout: this.taskTimeoutMs });
    } catch (err) {
      throw mapMeiliError(err, 'write');
    }
    if (done.status !== 'succeeded') {
      throw new SearchRejectedError(
        `task ${done.uid} ${done.status}: ${done.error?.message ?? 'no detail'}`,
        {
          cause: done.error,
        },
      );
    }
  }

  private async ensureIndex(uid: string, index: IndexName): Promise<void> {
    let existed = true;
    try {
      await this.client.getRawIndex(uid);
    } catch (err) {
      existed = false;
      if (!(err instanceof MeilisearchApiError && err.response.status === 404))
        throw mapMeiliError(err, 'read');
      // Several processes starting together all find it missing; one creates it, the others lose
      // the race (issue 15: found by three processes starting on one Meilisearch).
      await this.run(this.client.createIndex(uid, { primaryKey: 'id' })).catch((error: unknown) => {
        if (!(error instanceof SearchRejectedError && meiliErrorCode(error) === 'index_already_exists'))
          throw error;
      });
    }
    const desired = meiliSettings(index);
    if (existed) {
      let current: unknown;
      try {
        current = await this.client.index(uid).getSettings();
      } catch (err) {
        throw mapMeiliError(err, 'read');
      }
      if (settingsHold(current, desired)) return;
    }
    await this.run(this.client.index(uid).updateSettings(desired));
  }

  private idx(index: IndexName): Index<Record<string, unknown>> {
    return this.client.index<Record<string, unknown>>(this.uid(index));
  }

  private async storedVersions(index: IndexName, ids: string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (let i = 0; i < ids.length; i += 1000) {
      const chunk = ids.slice(i, i + 1000);
      try {
        const res = await this.idx(index).getDocuments({
          ids: chunk,
          fields: ['id', 'version'],
          limit: chunk.length,
        });
        for (const d of res.results) out.set(String(d.id), Number(d.version));
      } catch (err) {
        throw mapMeiliError(err, 'read');
      }
    }
    return out;
  }

  async upsert(index: IndexName, docs: IndexDocument[]): Promise<void> {
    await this.write(this.uid(index), index, docs, true);
  }

  private async write(uid: string, index: IndexName, docs: IndexDocument[], guard: boolean): Promise<void> {
    if (docs.length === 0) return;
    // Keep the newest of duplicates within the batch, then drop what is older than the stored version.
    const newest = new Map<string, IndexDocument>();
    for (const d of docs) {
      const cur = newest.get(d.id);
      if (!cur || cur.version <= d.version) newest.set(d.id, d);
    }
    let batch = [...newest.values()];
    if (guard) {
      const stored = await this.storedVersions(
        index,
        batch.map((d) => d.id),
      );
      batch = batch.filter((d) => (stored.get(d.id) ?? -Infinity) <= d.version);
    }
    if (batch.length === 0) return;
    await this.run(
      this.client.index(uid).addDocuments(
        batch.map((d) => toMeiliDocument(index, d)),
        { primaryKey: 'id' },
      ),
    );
  }

  async delete(index: IndexName, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.run(this.idx(index).deleteDocuments(ids));
  }

  async search(index: IndexName, query: SearchQuery): Promise<SearchResult> {
    const started = performance.now();
    const limit = query.limit ?? 20;
    const offset = query.offset ?? 0;
    if (!Number.isInteger(limit) || limit < 0 || limit > MAX_LIMIT)
      throw new SearchQueryError(`limit must be 0..${MAX_LIMIT}`);
    if (!Number.isInteger(offset) || offset < 0 || offset + limit > MAX_WINDOW) {
      throw new SearchQueryError(`offset + limit must be at most ${MAX_WINDOW}`);
    }
    const settings = INDEX_SETTINGS[index].fields as Record<string, FieldSpec>;
    const facets = query.facets ?? [];
    for (const f of facets) {
      if (!Object.hasOwn(settings, f) || !settings[f]!.facet)
        throw new SearchQueryError(`${index}: ${f} is not facetable`);
    }
    const filter = buildFilter(index, query.filters ?? []);
    const sort = query.sort ?? { by: 'relevance' };
    const sortParam: string[] = [];
    if (sort.by === 'distance')
      sortParam.push(`_geoPoint(${Number(sort.from.lat)}, ${Number(sort.from.lon)}):asc`);
    if (sort.by === 'attribute') {
      const spec = Object.hasOwn(settings, sort.field) ? settings[sort.field] : undefined;
      if (!spec?.sort || spec.type === 'geo')
        throw new SearchQueryError(`${index}: ${sort.field} is not sortable`);
      sortParam.push(
        `${spec.type === 'date' ? dateAttribute(sort.field) : sort.field}:${sort.direction === 'asc' ? 'asc' : 'desc'}`,
      );
    }
    if (filter.empty) {
      return {
        hits: [],
        total: 0,
        facets: Object.fromEntries(facets.map((f) => [f, {}])),
        tookMs: performance.now() - started,
      };
    }
    // Page mode gives an exact totalHits; fetch from the start when offset is not a multiple of limit.
    const pageMode = limit > 0 && offset % limit === 0;
    const hitsPerPage = pageMode ? limit : offset + limit;
    const page = pageMode ? offset / limit + 1 : 1;
    // Same plan as the embedded engine: glossary phrases kept whole, stop words dropped.
    const parsed = parseQuery(query.q);
    const ws = parsed.words;
    const q =
      planQuery(this.synonyms.get(index)!, parsed)
        .map((p) => (p.kind === 'word' ? ws[p.index]! : ws.slice(p.start, p.start + p.length).join(' ')))
        .join(' ') + (ws.length > 0 && !parsed.lastIsPrefix ? ' ' : '');
    let res;
    try {
      res = await this.idx(index).search(q, {
        filter: filter.expressions,
        facets,
        sort: sortParam,
        hitsPerPage,
        page,
        matchingStrategy: 'all',
        showRankingScore: true,
      });
    } catch (err) {
      throw mapMeiliError(err, 'read');
    }
    const extra = this.synonymWords(index, parsed.words);
    const wantHighlights = query.highlight ?? parsed.words.length > 0;
    const highlight = wantHighlights ? highlighter(parsed, extra) : undefined;
    const from =
      sort.by === 'distance'
        ? sort.from
        : (query.filters ?? []).flatMap((f) => (f.op === 'geoRadius' ? [{ lat: f.lat, lon: f.lon }] : []))[0];
    const raw = pageMode ? res.hits : res.hits.slice(offset);
    const hits: SearchHit[] = raw.map((h) => {
      const doc = fromMeiliDocument(index, h as Record<string, unknown>);
      const hit: SearchHit = {
        id: doc.id,
        highlights: highlight ? highlightDocument(fieldsOf(index), doc, highlight) : {},
        doc,
      };
      if (typeof h._rankingScore === 'number' && parsed.words.length > 0) hit.score = h._rankingScore;
      const loc = (doc as { location?: { lat: number; lon: number } }).location;
      if (from && loc) hit.distanceKm = haversineKm(from.lat, from.lon, loc.lat, loc.lon);
      return hit;
    });
    const facetCounts: Record<string, Record<string, number>> = {};
    for (const f of facets) facetCounts[f] = { ...(res.facetDistribution?.[f] ?? {}) };
    return { hits, total: res.totalHits, facets: facetCounts, tookMs: performance.now() - started };
  }

  private synonymWords(index: IndexName, queryWords: string[]): Set<string> {
    const matcher = this.synonyms.get(index)!;
    const out = new Set<string>();
    for (const c of matcher.queryConcepts(queryWords))
      for (const w of matcher.groupWords(c.group)) out.add(w);
    return out;
  }

  async suggest(q: string, indexes: IndexName[], limit: number): Promise<Suggestion[]> {
    const parsed = parseQuery(q);
    if (parsed.words.length === 0 || limit <= 0) return [];
    const lists = await Promise.all(
      indexes.map(async (index) => {
        const labelField = INDEX_SETTINGS[index].labelField;
        const res = await this.search(index, { q, limit, highlight: false });
        return res.hits.map((h): Suggestion => {
          const label = String((h.doc as unknown as Record<string, unknown>)[labelField] ?? h.id);
          const highlight = highlightText(label, parsed);
          return highlight ? { index, id: h.id, label, highlight } : { index, id: h.id, label };
        });
      }),
    );
    return interleave(lists, limit);
  }

  async count(index: IndexName): Promise<number> {
    try {
      return (await this.idx(index).getStats()).numberOfDocuments;
    } catch (err) {
      throw mapMeiliError(err, 'read');
    }
  }

  /** `after` is an opaque cursor (an offset over id order). */
  async listVersions(index: IndexName, opts: { after?: string; limit?: number } = {}): Promise<VersionPage> {
    const limit = Math.min(Math.max(opts.limit ?? 1000, 1), 10_000);
    const offset = opts.after === undefined ? 0 : Number.parseInt(opts.after, 10) || 0;
    try {
      const res = await this.idx(index).getDocuments({
        fields: ['id', 'version'],
        limit,
        offset,
        sort: ['id:asc'],
      });
      const items = res.results.map((d) => ({ id: String(d.id), version: Number(d.version) }));
      return { items, next: offset + items.length < res.total ? String(offset + items.length) : null };
    } catch (err) {
      throw mapMeiliError(err, 'read');
    }
  }

  async clear(index: IndexName): Promise<void> {
    await this.run(this.idx(index).deleteAllDocuments());
  }

  /** Builds into `<uid>_rebuild`, then swaps it with the live index in one task and drops the old one. */
  async beginRebuild(index: IndexName): Promise<RebuildHandle> {
    const live = this.uid(index);
    const shadow = `${live}_rebuild`;
    try {
      await this.client.deleteIndexIfExists(shadow);
    } catch (err) {
      throw mapMeiliError(err, 'write');
    }
    await this.ensureIndex(shadow, index);
    let finished = false;
    const check = () => {
      if (finished) throw new Error(`rebuild of ${index} already finished`);
    };
    return {
      index,
      upsert: async (docs) => {
        check();
        await this.write(shadow, index, docs, false);
      },
      commit: async () => {
        check();
        await this.run(this.client.swapIndexes([{ indexes: [live, shadow], rename: false }]));
        finished = true;
        await this.run(this.client.deleteIndex(shadow));
      },
      abort: async () => {
        finished = true;
        await this.run(this.client.deleteIndex(shadow));
      },
    };
  }

  async health(): Promise<SearchHealth> {
    try {
      await this.client.health();
      const version = await this.checkVersion();
      return { ok: true, engine: 'meilisearch', version };
    } catch (err) {
      return { ok: false, engine: 'meilisearch', detail: mapMeiliError(err, 'read').message };
    }
  }

  /** Deletes this adapter's indexes (tests with a unique prefix; never used by the server). */
  async dropIndexes(): Promise<void> {
    for (const index of INDEX_NAMES) {
      try {
        await this.client.deleteIndexIfExists(this.uid(index));
      } catch (err) {
        throw mapMeiliError(err, 'write');
      }
    }
  }

  async close(): Promise<void> {}
}
