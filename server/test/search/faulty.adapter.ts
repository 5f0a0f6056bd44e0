/**
 * A fault-injecting wrapper for reliability tests (R4): wraps any adapter and, on demand, throws or hangs
 * on every call (or only reads, or only writes) until healed. Hanging calls resolve or reject when
 * healed, so tests can show that nothing is lost once the engine recovers.
 */
import type { IndexDocument, IndexName } from '../../src/search/documents.js';
import type {
  RebuildHandle,
  SearchHealth,
  SearchPort,
  SearchQuery,
  SearchResult,
  Suggestion,
  VersionPage,
} from '../../src/search/search.port.js';
import { SearchRejectedError, SearchUnavailableError } from '../../src/search/search.port.js';

export type FaultMode = 'none' | 'unavailable' | 'reject' | 'hang';
export type FaultScope = 'all' | 'reads' | 'writes';

export class FaultySearchAdapter implements SearchPort {
  private mode: FaultMode = 'none';
  private scope: FaultScope = 'all';
  private waiting: Array<() => void> = [];
  /** Calls that reached the inner adapter, by method. */
  readonly calls: Record<string, number> = {};

  constructor(readonly inner: SearchPort) {}

  /** Starts failing: throw SearchUnavailableError, throw SearchRejectedError, or never answer. */
  fail(mode: Exclude<FaultMode, 'none'>, scope: FaultScope = 'all'): void {
    this.mode = mode;
    this.scope = scope;
  }

  /** Stops failing; calls left hanging go on to the inner adapter. */
  heal(): void {
    this.mode = 'none';
    const waiting = this.waiting;
    this.waiting = [];
    for (const resume of waiting) resume();
  }

  get hanging(): number {
    return this.waiting.length;
  }

  private async gate<T>(kind: 'read' | 'write', method: string, call: () => Promise<T>): Promise<T> {
    const hit = this.mode !== 'none' && (this.scope === 'all' || this.scope === `${kind}s`);
    if (hit) {
      if (this.mode === 'unavailable') throw new SearchUnavailableError(`injected fault in ${method}`);
      if (this.mode === 'reject') throw new SearchRejectedError(`injected rejection in ${method}`);
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    this.calls[method] = (this.calls[method] ?? 0) + 1;
    return call();
  }

  upsert(index: IndexName, docs: IndexDocument[]): Promise<void> {
    return this.gate('write', 'upsert', () => this.inner.upsert(index, docs));
  }
  delete(index: IndexName, ids: string[]): Promise<void> {
    return this.gate('write', 'delete', () => this.inner.delete(index, ids));
  }
  search(index: IndexName, query: SearchQuery): Promise<SearchResult> {
    return this.gate('read', 'search', () => this.inner.search(index, query));
  }
  suggest(q: string, indexes: IndexName[], limit: number): Promise<Suggestion[]> {
    return this.gate('read', 'suggest', () => this.inner.suggest(q, indexes, limit));
  }
  count(index: IndexName): Promise<number> {
    return this.gate('read', 'count', () => this.inner.count(index));
  }
  listVersions(index: IndexName, opts?: { after?: string; limit?: number }): Promise<VersionPage> {
    return this.gate('read', 'listVersions', () => this.inner.listVersions(index, opts));
  }
  clear(index: IndexName): Promise<void> {
    return this.gate('write', 'clear', () => this.inner.clear(index));
  }
  beginRebuild(index: IndexName): Promise<RebuildHandle> {
    return this.gate('write', 'beginRebuild', () => this.inner.beginRebuild(index));
  }
  health(): Promise<SearchHealth> {
    if (this.mode !== 'none') {
      return Promise.resolve({ ok: false, engine: 'embedded', detail: `injected fault: ${this.mode}` });
    }
    return this.inner.health();
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}
