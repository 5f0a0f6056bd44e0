import type { Principal } from '../../auth/principal.js';
import { fieldSpec, INDEX_SETTINGS, type IndexDocument } from '../../search/documents.js';
import { EmbeddedSearchAdapter } from '../../search/embedded.adapter.js';
import { MAX_LIMIT, type Filter, type SearchQuery } from '../../search/search.port.js';
import { travelModel } from '../../reference/travel.loader.js';
import { DEFAULT_ASSET_FRESHNESS, type AssetFreshness } from '../assets/index.js';
import { engineQueryFor, searchByTravelTime } from '../search/index.js';
import { compileSearch, foldKey, PreparedRecord } from './alert-filters.js';

/**
 * Words the scratch index may hold before it is replaced. A typo-tolerant text match costs more as the
 * dictionary grows (one change alone: 6 ms with a few thousand words, 53 ms with 50,000); a new scratch
 * index costs about 3 ms, and a batch of 500 assets brings about 1,200 words.
 */
export const SCRATCH_MAX_TERMS = 5_000;

export type AlertIndex = 'assets' | 'profiles' | 'needs' | 'opportunities';

/** A saved search as the evaluator holds it: the owner's principal goes with it, for the access rules. */
export interface SavedSearchEntry {
  id: string;
  userId: string;
  index: AlertIndex;
  query: Record<string, string | number>;
  principal: Principal;
}

interface Compiled {
  entry: SavedSearchEntry;
  query: SearchQuery;
  travel: ReturnType<typeof engineQueryFor>['travel'];
  /** The filters as a test on a record (alert-filters.ts); `exact`: it decides without the engine. */
  test: (record: PreparedRecord) => boolean;
  exact: boolean;
  /** Set when only the text is left to the engine: searches with the same words share one engine run. */
  words: string | undefined;
}

/** One keyword filter a record must satisfy: its values (folded as the engine folds) key the search. */
interface Anchor {
  field: string;
  values: string[];
}

/**
 * Where filters are more selective first: a search is anchored on its most selective keyword filter, so
 * a record meets few searches that it does not enter.
 */
const FIELD_RANK = ['id', 'firmId', 'municipality', 'province', 'category', 'assetCategory', 'region'];
const rank = (field: string) => {
  const i = FIELD_RANK.indexOf(field);
  return i < 0 ? FIELD_RANK.length : i;
};

/** The most selective keyword filter of a query (fewest values), or none (the search stays "open"). */
function anchorOf(index: AlertIndex, filters: Filter[]): Anchor | undefined {
  let best: Anchor | undefined;
  for (const f of filters) {
    if (!('field' in f) || !f.field || (f.op !== 'eq' && f.op !== 'in')) continue;
    if (fieldSpec(index, f.field)?.type !== 'keyword') continue;
    const values = f.op === 'eq' ? [foldKey(f.value)] : f.values.map(foldKey);
    const better =
      !best ||
      rank(f.field) < rank(best.field) ||
      (rank(f.field) === rank(best.field) && values.length < best.values.length);
    if (better) best = { field: f.field, values };
  }
  return best;
}

/**
 * Which saved searches a changed record enters, without running every saved search (issue 16): the
 * searches are indexed by one keyword filter each (the record must hold one of its values: kind,
 * municipality, supply chain, the firm a company is confined to…), so a record only meets the searches
 * anchored on its own values plus the few with no keyword filter. Each candidate is then confirmed by
 * the search engine's own code — the embedded engine over a scratch index holding just the changed
 * records — with the query built as the owner's search would build it (engineQueryFor: the roles that
 * may search, forced filters, no single people for those who see them only as counts). A search its
 * owner may no longer run is never a candidate.
 */
export interface AlertMatcherOptions {
  /** The deployment's listing freshness (ASSET_*_AFTER_DAYS): an asset search hides what the search hides. */
  freshness?: AssetFreshness;
  /** The time a search is compiled at (the freshness cut-off is relative to it). */
  clock?: () => Date;
}

export function createAlertMatcher(options: AlertMatcherOptions = {}) {
  const freshness = options.freshness ?? DEFAULT_ASSET_FRESHNESS;
  const clock = options.clock ?? (() => new Date());
  const compiled = new Map<string, Compiled>();
  /** index → anchored field → folded value → search ids. */
  const anchored = new Map<AlertIndex, Map<string, Map<string, Set<string>>>>();
  /** index → search ids with no keyword filter: candidates for every record. */
  const open = new Map<AlertIndex, Set<string>>();
  const anchors = new Map<string, Anchor | undefined>();
  // The engine's term dictionary only grows (a record removed leaves its words), so a scratch index kept
  // for the life of the process would hold every word of every record ever changed, and each text match
  // would wade through them: after 100,000 changes one change took 97 ms instead of 6 (the alerts
  // benchmark). It is replaced once it holds SCRATCH_MAX_TERMS words; it is empty between batches, so
  // nothing is lost.
  let scratch = new EmbeddedSearchAdapter();

  function remove(id: string) {
    const c = compiled.get(id);
    if (!c) return;
    compiled.delete(id);
    const anchor = anchors.get(id);
    anchors.delete(id);
    if (!anchor) {
      open.get(c.entry.index)?.delete(id);
      return;
    }
    const byValue = anchored.get(c.entry.index)?.get(anchor.field);
    for (const v of anchor.values) byValue?.get(v)?.delete(id);
  }

  /** Adds or replaces a search. Returns false when its owner may not run it (then it is never evaluated). */
  function put(entry: SavedSearchEntry): boolean {
    remove(entry.id);
    let built: ReturnType<typeof engineQueryFor>;
    try {
      built = engineQueryFor(entry.index, entry.query, entry.principal, freshness, clock());
    } catch {
      return false; // the owner's role no longer allows this search, or the query no longer parses
    }
    if (built.aggregatesOnly) return false;
    compiled.set(entry.id, {
      entry,
      query: built.query,
      travel: built.travel,
      ...compileSearch(entry.index, built.query, built.travel !== undefined),
    });
    const anchor = anchorOf(entry.index, built.query.filters ?? []);
    anchors.set(entry.id, anchor);
    if (!anchor) {
      const set = open.get(entry.index) ?? new Set<string>();
      set.add(entry.id);
      open.set(entry.index, set);
      return true;
    }
    const byField = anchored.get(entry.index) ?? new Map<string, Map<string, Set<string>>>();
    anchored.set(entry.index, byField);
    const byValue = byField.get(anchor.field) ?? new Map<string, Set<string>>();
    byField.set(anchor.field, byValue);
    for (const v of anchor.values) {
      const set = byValue.get(v) ?? new Set<string>();
      set.add(entry.id);
      byValue.set(v, set);
    }
    return true;
  }

  /**
   * The searches a record could enter: anchored on one of its values, or open, and whose filters it
   * passes (for an exact search, the searches it does enter).
   */
  function candidates(index: AlertIndex, doc: IndexDocument): Set<string> {
    const record = new PreparedRecord(doc as unknown as Record<string, unknown>);
    const found = new Set<string>();
    const consider = (id: string) => {
      if (!found.has(id) && compiled.get(id)!.test(record)) found.add(id);
    };
    for (const id of open.get(index) ?? []) consider(id);
    const byField = anchored.get(index);
    if (!byField) return found;
    for (const [field, byValue] of byField)
      for (const key of record.keys(field)) for (const id of byValue.get(key) ?? []) consider(id);
    return found;
  }

  /**
   * Which (search, record) pairs hold. A search whose filters decide alone (no words, no travel time:
   * most saved searches) is decided by its compiled test, without the engine; the others are each run
   * once over a scratch index holding the batch, their hits kept for their candidates. The scratch index
   * is emptied again before returning.
   */
  async function matches(
    index: AlertIndex,
    docs: IndexDocument[],
  ): Promise<Array<{ entry: SavedSearchEntry; doc: IndexDocument }>> {
    if (docs.length > MAX_LIMIT) {
      const out = [];
      for (let i = 0; i < docs.length; i += MAX_LIMIT)
        out.push(...(await matches(index, docs.slice(i, i + MAX_LIMIT))));
      return out;
    }
    const out: Array<{ entry: SavedSearchEntry; doc: IndexDocument }> = [];
    const perSearch = new Map<string, string[]>();
    /** Candidates whose filters hold and whose words remain to match: words → (search, record) pairs. */
    const byWords = new Map<string, Array<[Compiled, IndexDocument]>>();
    for (const doc of docs)
      for (const id of candidates(index, doc)) {
        const c = compiled.get(id)!;
        if (c.exact) {
          out.push({ entry: c.entry, doc });
          continue;
        }
        if (c.words !== undefined) {
          const pairs = byWords.get(c.words);
          if (pairs) pairs.push([c, doc]);
          else byWords.set(c.words, [[c, doc]]);
          continue;
        }
        const list = perSearch.get(id);
        if (list) list.push(doc.id);
        else perSearch.set(id, [doc.id]);
      }
    if (perSearch.size === 0 && byWords.size === 0) return out;
    const byId = new Map(docs.map((d) => [d.id, d]));
    if (scratch.stats().vocabulary.terms > SCRATCH_MAX_TERMS) scratch = new EmbeddedSearchAdapter();
    await scratch.upsert(index, docs);
    try {
      // The text match once per distinct words in the batch (the profile's top cost was planning the
      // same words again for every search that had them), kept for the pairs that passed the filters.
      for (const [words, pairs] of byWords) {
        const result = await scratch.search(index, {
          q: words,
          filters: [],
          facets: [],
          limit: docs.length,
          offset: 0,
          highlight: false,
        });
        const hit = new Set(result.hits.map((h) => h.id));
        for (const [c, doc] of pairs) if (hit.has(doc.id)) out.push({ entry: c.entry, doc });
      }
      for (const [searchId, ids] of perSearch) {
        const c = compiled.get(searchId)!;
        // The scratch index holds only this batch, so the search runs over it whole and its hits are kept
        // for the candidates only (an `id in […]` filter cost more than it saved, measured in the bench).
        const wanted = new Set(ids);
        const query: SearchQuery = {
          ...c.query,
          facets: [],
          limit: Math.min(docs.length, MAX_LIMIT),
          offset: 0,
          highlight: false,
        };
        const result = c.travel
          ? await searchByTravelTime(scratch, index, query, travelModel(), c.travel)
          : await scratch.search(index, query);
        for (const hit of result.hits)
          if (wanted.has(hit.id)) out.push({ entry: c.entry, doc: byId.get(hit.id)! });
      }
    } finally {
      await scratch.delete(
        index,
        docs.map((d) => d.id),
      );
    }
    return out;
  }

  return {
    put,
    remove,
    has: (id: string) => compiled.has(id),
    size: () => compiled.size,
    clear() {
      for (const id of [...compiled.keys()]) remove(id);
    },
    candidates,
    matches,
    /** The scratch index's term dictionary (bounded by SCRATCH_MAX_TERMS plus one batch). */
    scratchTerms: () => scratch.stats().vocabulary.terms,
    /** The field shown for a record (a title; a profile's pseudonymous code). */
    labelOf: (index: AlertIndex, doc: IndexDocument) =>
      String((doc as unknown as Record<string, unknown>)[INDEX_SETTINGS[index].labelField] ?? ''),
  };
}
export type AlertMatcher = ReturnType<typeof createAlertMatcher>;
