import type { ScoringConfig } from '../config.js';
import type { ScoringProfile } from '../types.js';
import type { PoolEvidence } from './evidence.js';

interface Entry {
  readonly people: readonly ScoringProfile[];
  readonly credits: string;
  readonly evidence: PoolEvidence;
  /** Posting entries plus a reference per member, counted once when the pool is kept. */
  readonly weight: number;
}

/**
 * The postings of the last few team pools, reused when a run meets the very same pool again: an
 * operator assembling a buy-out team reruns the builder after each decision, and the pool (the crisis's
 * workers and those nearby) has not changed. "The same" is the same profile objects in the same order:
 * the match index replaces a profile's object when it changes, so any change to anyone in the pool
 * builds the postings again (the skill views of the others still come from the view cache).
 */
export class PoolEvidenceCache {
  private entries: Entry[] = [];

  /**
   * `budget`: posting entries kept in all (about 12 bytes each, plus a reference per pool member).
   * Bounded by size, not by count: a 5,000-worker crisis is a few tens of thousands of entries, a city's
   * surroundings at a million profiles a few million. The most recent pool is kept whatever its size.
   */
  constructor(readonly budget = 8_000_000) {}

  find(people: readonly ScoringProfile[], config: ScoringConfig): PoolEvidence | undefined {
    const credits = JSON.stringify(config.skills);
    const hit = this.entries.find((e) => e.credits === credits && samePeople(e.people, people));
    if (hit) this.entries = [hit, ...this.entries.filter((e) => e !== hit)];
    return hit?.evidence;
  }

  /** Only a fully indexed pool is kept (a run cut short leaves nothing behind). */
  keep(people: readonly ScoringProfile[], config: ScoringConfig, evidence: PoolEvidence): void {
    const entry = {
      people,
      credits: JSON.stringify(config.skills),
      evidence,
      weight: evidence.entries + people.length,
    };
    const kept: Entry[] = [entry];
    let used = entry.weight;
    for (const e of this.entries) {
      used += e.weight;
      if (used > this.budget) break;
      kept.push(e);
    }
    this.entries = kept;
  }

  /** How many pools are kept (for tests and the admin's view of memory). */
  get size(): number {
    return this.entries.length;
  }
}

function samePeople(a: readonly ScoringProfile[], b: readonly ScoringProfile[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
