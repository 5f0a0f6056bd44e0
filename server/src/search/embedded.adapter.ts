/**
 * The default search adapter: in the server process, no external service. Indexes live in memory and are
 * rebuilt from PostgreSQL at start-up (see docs/decisions/0001-embedded-search-engine.md).
 */
import type { IndexDocument, IndexName } from './documents.js';
import { INDEX_NAMES, INDEX_SETTINGS } from './documents.js';
import { StringTable } from './embedded/doc-store.js';
import { InvertedIndex } from './embedded/inverted-index.js';
import { SynonymMatcher } from './embedded/synonyms.js';
import { glossaryFor } from './glossary.js';
import { Vocabulary } from './embedded/vocabulary.js';
import type {
  RebuildHandle,
  SearchHealth,
  SearchPort,
  SearchQuery,
  SearchResult,
  Suggestion,
  VersionPage,
} from './search.port.js';
import { SearchQueryError } from './search.port.js';
import { highlightText, interleave, parseQuery } from './text.js';

export interface EmbeddedSearchOptions {
  /** Compact an index (rebuild from its live documents) when this share of doc numbers is dead. */
  compactAtDeadRatio?: number;
}

export class EmbeddedSearchAdapter implements SearchPort {
  private readonly vocab = new Vocabulary();
  /** One synonym matcher per index: the glossary is scoped (glossary.ts, GLOSSARY_INDEXES). */
  private readonly synonyms = new Map(INDEX_NAMES.map((n) => [n, new SynonymMatcher(glossaryFor(n))]));
  private readonly strings = new StringTable();
  private readonly indexes = new Map<IndexName, InvertedIndex>();
  private readonly compactAt: number;

  constructor(options: EmbeddedSearchOptions = {}) {
    this.compactAt = options.compactAtDeadRatio ?? 0.5;
    for (const name of INDEX_NAMES) this.indexes.set(name, this.fresh(name));
  }

  private fresh(name: IndexName): InvertedIndex {
    return new InvertedIndex(name, this.vocab, this.synonyms.get(name)!, this.strings);
  }

  private get(index: IndexName): InvertedIndex {
    const idx = this.indexes.get(index);
    if (!idx) throw new SearchQueryError(`unknown index ${String(index)}`);
    return idx;
  }

  async upsert(index: IndexName, docs: IndexDocument[]): Promise<void> {
    const idx = this.get(index);
    for (const doc of docs) idx.upsert(doc);
    this.maybeCompact(index);
  }

  async delete(index: IndexName, ids: string[]): Promise<void> {
    const idx = this.get(index);
    for (const id of ids) idx.delete(id);
    this.maybeCompact(index);
  }

  private maybeCompact(index: IndexName): void {
    const idx = this.get(index);
    if (idx.deadRatio() < this.compactAt || idx.count() < 1000) return;
    const next = this.fresh(index);
    for (const doc of idx.liveDocuments()) next.upsert(doc);
    next.trim();
    this.indexes.set(index, next);
  }

  async search(index: IndexName, query: SearchQuery): Promise<SearchResult> {
    return this.get(index).search(query);
  }

  async suggest(q: string, indexes: IndexName[], limit: number): Promise<Suggestion[]> {
    const parsed = parseQuery(q);
    if (parsed.words.length === 0 || limit <= 0) return [];
    const perIndex = indexes.map((index) => {
      const labelField = INDEX_SETTINGS[index].labelField;
      const hits = this.get(index).search({ q, limit, highlight: false }).hits;
      return hits.map((h): Suggestion => {
        const label = String((h.doc as unknown as Record<string, unknown>)[labelField] ?? h.id);
        const highlight = highlightText(label, parsed);
        return highlight ? { index, id: h.id, label, highlight } : { index, id: h.id, label };
      });
    });
    return interleave(perIndex, limit);
  }

  async count(index: IndexName): Promise<number> {
    return this.get(index).count();
  }

  async listVersions(index: IndexName, opts: { after?: string; limit?: number } = {}): Promise<VersionPage> {
    return this.get(index).listVersions(opts.after, Math.min(Math.max(opts.limit ?? 1000, 1), 10_000));
  }

  async clear(index: IndexName): Promise<void> {
    this.get(index);
    this.indexes.set(index, this.fresh(index));
  }

  async beginRebuild(index: IndexName): Promise<RebuildHandle> {
    this.get(index);
    let shadow: InvertedIndex | undefined = this.fresh(index);
    const live = () => {
      if (!shadow) throw new Error(`rebuild of ${index} already finished`);
      return shadow;
    };
    return {
      index,
      upsert: async (docs) => {
        const s = live();
        for (const d of docs) s.upsert(d);
      },
      commit: async () => {
        const s = live();
        s.trim();
        this.indexes.set(index, s);
        shadow = undefined;
      },
      abort: async () => {
        shadow = undefined;
      },
    };
  }

  async health(): Promise<SearchHealth> {
    return { ok: true, engine: 'embedded' };
  }

  async close(): Promise<void> {}

  /** Figures for the decision record and the ready endpoint. */
  stats(): {
    vocabulary: { terms: number; deleteKeys: number };
    indexes: Record<string, ReturnType<InvertedIndex['stats']>>;
  } {
    const indexes: Record<string, ReturnType<InvertedIndex['stats']>> = {};
    for (const [name, idx] of this.indexes) if (idx.count() > 0) indexes[name] = idx.stats();
    return { vocabulary: this.vocab.stats(), indexes };
  }
}
