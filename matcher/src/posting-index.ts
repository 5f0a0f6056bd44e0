import type { ScoringConfig } from './config.js';
import type { Knowledge } from './knowledge.js';
import { PostingStore, type StoreEntry } from './posting-store.js';

/**
 * An index of items kept in a PostingStore, with the knowledge and configuration its searches score by.
 * The two directions (people for a need, needs for a person) differ only in how an item is posted and
 * searched; keeping, replacing and removing items is this one piece.
 */
export abstract class PostingIndex<T> {
  protected readonly store: PostingStore<T>;

  protected constructor(
    keysOf: (item: T) => readonly string[],
    protected readonly knowledge: Knowledge,
    protected readonly config: ScoringConfig,
    items: Iterable<T>,
  ) {
    this.store = new PostingStore<T>(keysOf);
    for (const item of items) this.add(item);
  }

  /** Where an item stands and how far it reaches: what the store's searches prune by. */
  protected abstract entry(item: T): StoreEntry<T>;

  get size(): number {
    return this.store.size;
  }

  get(id: string): T | undefined {
    return this.store.get(id);
  }

  add(item: T): void {
    this.store.add(this.entry(item));
  }

  /** Replaces the item with the same id (or adds it). */
  update(item: T): void {
    this.add(item);
  }

  remove(id: string): boolean {
    return this.store.remove(id);
  }
}
