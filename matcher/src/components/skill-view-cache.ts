import type { SkillCredits } from '../config.js';
import type { Knowledge } from '../knowledge.js';
import type { ScoringProfile } from '../types.js';
import { personSkills, type PersonSkills } from './skills.js';

/**
 * Skill views of the people team runs explain (members and alternates), kept between runs: an operator
 * runs the same opportunity again and again while assembling the team. Fitting a pool needs no views
 * (`PoolEvidence` holds each holder's credit). The cache is keyed by the profile object: the match index
 * replaces the object when a profile changes, so a changed person is never served an old view. It is
 * bounded (the least recently used leave first): a view is a few kilobytes.
 */
export class SkillViewCache {
  private readonly views = new Map<ScoringProfile, PersonSkills>();
  /** The credits the held views were built with; other credits (an admin's new weights) start over. */
  private credits = '';

  constructor(
    private readonly k: Knowledge,
    readonly capacity = 30_000,
  ) {}

  get size(): number {
    return this.views.size;
  }

  /** The same view `personSkills(p, k, c)` builds. */
  view(p: ScoringProfile, c: SkillCredits): PersonSkills {
    // personSkills reads only the credits by source.
    const credits = `${c.declared},${c.certified},${c.inferred}`;
    if (credits !== this.credits) {
      this.views.clear();
      this.credits = credits;
    }
    let v = this.views.get(p);
    if (v) {
      // Most recently used last: Map keeps insertion order, so the first key is the one to drop.
      this.views.delete(p);
      this.views.set(p, v);
      return v;
    }
    v = personSkills(p, this.k, c);
    this.views.set(p, v);
    if (this.views.size > this.capacity) this.views.delete(this.views.keys().next().value!);
    return v;
  }
}
