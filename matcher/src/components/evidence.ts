import type { ScoringConfig } from '../config.js';
import type { Knowledge } from '../knowledge.js';
import type { OpportunityRole, ScoringProfile } from '../types.js';
import { related } from './related.js';
import { personSkills, type PersonSkills, type SkillRequirement } from './skills.js';
import { sortedHas } from '../knowledge.js';
import type { SkillViewCache } from './skill-view-cache.js';

/** What counts as possible evidence for one role, computed once per role. */
export interface RoleEvidence {
  readonly occupationUri: string;
  readonly isco3: string;
  /** Key skills and every skill related to them (by id), and key skills by URI. */
  readonly skillIds: ReadonlySet<number>;
  readonly skillUris: ReadonlySet<string>;
  /** Occupations that list a key skill (so imply it). */
  readonly occupationIds: ReadonlySet<number>;
}

export function roleEvidence(role: OpportunityRole, k: Knowledge, config: ScoringConfig): RoleEvidence {
  const skillIds = new Set<number>();
  const occupationIds = new Set<number>();
  for (const uri of role.keySkills) {
    const id = k.skillId.get(uri);
    if (id === undefined) continue;
    skillIds.add(id);
    for (const r of related(k, config.skills, id).list) skillIds.add(r.id);
    for (const o of k.occupationsWithEssential[id]!) occupationIds.add(o);
    for (const o of k.occupationsWithOptional[id]!) occupationIds.add(o);
  }
  return {
    occupationUri: role.occupationUri,
    isco3: role.iscoGroup.length >= 3 ? role.iscoGroup.slice(0, 3) : '',
    skillIds,
    skillUris: new Set(role.keySkills),
    occupationIds,
  };
}

/**
 * Cheap test, before scoring, of whether a person can have evidence for a role: a past
 * occupation in the same ISCO minor group, or any route (held, hierarchy, implied) to a key
 * skill. It accepts a superset of what the team builder's evidence rule accepts after scoring,
 * so skipping the rest loses nothing and saves scoring most pairs.
 */
export function mayHaveEvidence(
  p: ScoringProfile,
  ev: RoleEvidence,
  k: Knowledge,
  config: ScoringConfig,
): boolean {
  for (const o of p.occupations)
    if (o.uri === ev.occupationUri || (ev.isco3 !== '' && o.iscoGroup.startsWith(ev.isco3))) return true;
  if (ev.skillUris.size === 0) return false;
  const v = personSkills(p, k, config.skills);
  for (const uri of v.byUri.keys()) if (ev.skillUris.has(uri)) return true;
  for (const h of v.heldIds) if (ev.skillIds.has(h)) return true;
  for (const o of v.occupationIds) if (ev.occupationIds.has(o.id)) return true;
  return false;
}

function push<K>(m: Map<K, number[]>, key: K, i: number): void {
  const l = m.get(key);
  if (l) l.push(i);
  else m.set(key, [i]);
}

/**
 * The same test as `mayHaveEvidence`, for a whole pool at once: postings of the pool by held
 * skill, occupation and ISCO minor group, so each role looks up its candidates instead of
 * testing every person (a 5,000-worker crisis × 20 roles would be 100,000 tests).
 */
export class PoolEvidence {
  private readonly bySkillId = new Map<number, number[]>();
  private readonly bySkillUri = new Map<string, number[]>();
  private readonly byOccupationId = new Map<number, number[]>();
  private readonly byOccupationUri = new Map<string, number[]>();
  private readonly byIsco3 = new Map<string, number[]>();
  /** Each person's skill view, built once here and reused for every role they are scored against. */
  readonly views: PersonSkills[] = [];

  constructor(
    private readonly size: number,
    private readonly people: readonly ScoringProfile[],
    private readonly k: Knowledge,
    private readonly config: ScoringConfig,
    /** When false, `indexing()` fills the postings a slice at a time (the team builder's steps). */
    indexNow = true,
    /** Views kept from earlier runs (the server's match index holds one); built afresh without it. */
    private readonly viewCache?: SkillViewCache,
  ) {
    if (indexNow) for (let i = 0; i < people.length; i++) this.indexPerson(i);
  }

  /** Fills the postings, yielding after every `slice` people so a caller can let others run. */
  *indexing(slice = 500): Generator<void, void, void> {
    for (let i = this.views.length; i < this.people.length; i++) {
      this.indexPerson(i);
      if ((i + 1) % slice === 0) yield;
    }
  }

  private indexPerson(i: number): void {
    const p = this.people[i]!;
    const v = this.viewCache
      ? this.viewCache.view(p, this.config.skills)
      : personSkills(p, this.k, this.config.skills);
    this.views.push(v);
    for (const id of v.heldIds) push(this.bySkillId, id, i);
    for (const uri of v.byUri.keys()) push(this.bySkillUri, uri, i);
    for (const o of v.occupationIds) push(this.byOccupationId, o.id, i);
    for (const o of p.occupations) {
      push(this.byOccupationUri, o.uri, i);
      if (o.iscoGroup.length >= 3) push(this.byIsco3, o.iscoGroup.slice(0, 3), i);
    }
  }

  /**
   * Requirement-major credits: each person's best credit for one required skill, the same number
   * `bestRoute` gives for that person, reached through the pool's postings instead of per person.
   * Per person the routes are offered in `bestRoute`'s order (held, occupations in the person's
   * order, related skills by ascending id) with the same tie rule, so the credit is bit-identical.
   * Writes into `credit` (length = pool size, zero on entry) and returns the people it touched; the
   * caller zeroes those entries before the next requirement.
   */
  requirementCredits(req: SkillRequirement, credit: Float64Array): number[] {
    const c = this.config.skills;
    const touched: number[] = [];
    const offer = (pi: number, value: number): void => {
      if (value > credit[pi]! + 1e-12) {
        if (credit[pi] === 0) touched.push(pi);
        credit[pi] = value;
      }
    };
    for (const pi of this.bySkillUri.get(req.uri) ?? [])
      offer(pi, this.views[pi]!.byUri.get(req.uri)!.credit);
    const id = req.id;
    if (id === undefined) return touched;
    // An occupation that lists the skill implies it. The credit is the best offer whatever the order,
    // so the people of each such occupation are offered its credit directly from the postings.
    for (const o of this.k.occupationsWithEssential[id]!)
      for (const pi of this.byOccupationId.get(o) ?? []) offer(pi, c.impliedEssential);
    for (const o of this.k.occupationsWithOptional[id]!) {
      // Listed both ways, an occupation implies the skill as essential only (as `bestRoute` reads it).
      if (sortedHas(this.k.essentialSkills[o]!, id)) continue;
      for (const pi of this.byOccupationId.get(o) ?? []) offer(pi, c.impliedOptional);
    }
    // Ascending related id, as `bestRoute` walks them: each person meets their held relatives in that order.
    for (const r of req.related!.list)
      for (const pi of this.bySkillId.get(r.id) ?? [])
        offer(pi, r.credit * this.views[pi]!.byId.get(r.id)!.credit);
    return touched;
  }

  /** Indexes (ascending) of the people for whom `mayHaveEvidence` holds. */
  candidates(ev: RoleEvidence): number[] {
    const mark = new Uint8Array(this.size);
    const take = (l: readonly number[] | undefined): void => {
      if (l) for (const i of l) mark[i] = 1;
    };
    take(this.byOccupationUri.get(ev.occupationUri));
    if (ev.isco3 !== '') take(this.byIsco3.get(ev.isco3));
    if (ev.skillUris.size > 0) {
      for (const uri of ev.skillUris) take(this.bySkillUri.get(uri));
      for (const id of ev.skillIds) take(this.bySkillId.get(id));
      for (const o of ev.occupationIds) take(this.byOccupationId.get(o));
    }
    const out: number[] = [];
    for (let i = 0; i < this.size; i++) if (mark[i] === 1) out.push(i);
    return out;
  }
}
