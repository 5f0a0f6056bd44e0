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
 * People (pool indexes, ascending) per key of a dense vocabulary (skill or occupation ids), in typed
 * arrays: key `id` holds `people[start[id] .. start[id + 1])`, and for skills the credit each holds it
 * with. Counted in a first pass over the pool, filled in a second.
 */
class Postings {
  readonly start: Int32Array;
  people = new Int32Array(0);
  credits = new Float64Array(0);
  private next = new Int32Array(0);

  constructor(keys: number) {
    this.start = new Int32Array(keys + 1);
  }

  count(id: number): void {
    this.start[id + 1]!++;
  }

  /** After the counts: each key's first slot. */
  allocate(withCredits: boolean): void {
    for (let id = 1; id < this.start.length; id++) this.start[id]! += this.start[id - 1]!;
    const total = this.start[this.start.length - 1]!;
    this.people = new Int32Array(total);
    if (withCredits) this.credits = new Float64Array(total);
    this.next = this.start.slice(0, -1);
  }

  add(id: number, pi: number, credit = 0): void {
    const at = this.next[id]!++;
    this.people[at] = pi;
    if (this.credits.length > 0) this.credits[at] = credit;
  }
}

/** A growable list of (id, credit) pairs in typed arrays. */
class IdList {
  ids = new Int32Array(1024);
  credits = new Float64Array(1024);
  length = 0;

  /** Adds `id` unless it is already among the entries from `from` on; keeps the better credit. */
  addDistinct(from: number, id: number, credit = 0): boolean {
    for (let j = from; j < this.length; j++)
      if (this.ids[j] === id) {
        if (credit > this.credits[j]!) this.credits[j] = credit;
        return false;
      }
    if (this.length === this.ids.length) {
      const ids = new Int32Array(this.length * 2);
      ids.set(this.ids);
      this.ids = ids;
      const credits = new Float64Array(this.length * 2);
      credits.set(this.credits);
      this.credits = credits;
    }
    this.ids[this.length] = id;
    this.credits[this.length++] = credit;
    return true;
  }
}

/** Scratch for one person's held skills outside the vocabulary (indexing is synchronous). */
const otherUris: string[] = [];
const otherCredits: number[] = [];
const otherOccupationUris: string[] = [];

/**
 * The same test as `mayHaveEvidence`, for a whole pool at once: postings of the pool by held
 * skill, occupation and ISCO minor group, so each role looks up its candidates instead of
 * testing every person (a 5,000-worker crisis × 20 roles would be 100,000 tests).
 *
 * The skill postings carry each holder's credit (the best by source, as `personSkills` keeps it), so
 * fitting a role needs no skill view per person; views are built only for the people a team shows
 * (`view`). The postings of ESCO concepts are typed arrays: a 40,000-person pool has some 650,000
 * entries, and as JavaScript arrays they were garbage the collector copied and then had to trace in
 * the old generation after every run (a third of a team run's time at 200,000 profiles).
 */
export class PoolEvidence {
  private readonly skills: Postings;
  private readonly occupations: Postings;
  /** Keys outside the ESCO vocabulary (a skill or occupation URI the knowledge does not list). */
  private readonly otherSkills = new Map<string, { people: number[]; credits: number[] }>();
  private readonly otherOccupations = new Map<string, number[]>();
  private readonly byIsco3 = new Map<string, number[]>();
  /**
   * The first pass reads each person's distinct skill and occupation ids (and their credits) into
   * these lists, `from[i]` to `from[i + 1]`; the second enters them into the postings. Both can be
   * cut into steps. The lists are dropped once the postings are filled.
   */
  private heldSkills: IdList | null = new IdList();
  private heldOccupations: IdList | null = new IdList();
  private readonly skillsFrom: Int32Array;
  private readonly occupationsFrom: Int32Array;
  private read = 0;
  private allocated = false;
  private entered = 0;

  constructor(
    private readonly people: readonly ScoringProfile[],
    private readonly k: Knowledge,
    private readonly config: ScoringConfig,
    /** When false, `indexing()` fills the postings a slice at a time (the team builder's steps). */
    indexNow = true,
    /** Views kept from earlier runs (the server's match index holds one); built afresh without it. */
    private readonly viewCache?: SkillViewCache,
  ) {
    this.skills = new Postings(k.skillUri.length);
    this.occupations = new Postings(k.occupationUri.length);
    this.skillsFrom = new Int32Array(people.length + 1);
    this.occupationsFrom = new Int32Array(people.length + 1);
    if (indexNow) for (const _ of this.indexing(Number.MAX_SAFE_INTEGER));
  }

  /** Fills the postings, yielding after every `slice` people so a caller can let others run. */
  *indexing(slice = 500): Generator<void, void, void> {
    for (; this.read < this.people.length; this.read++) {
      this.readPerson(this.read);
      if ((this.read + 1) % slice === 0) yield;
    }
    const skills = this.heldSkills;
    const occupations = this.heldOccupations;
    if (!skills || !occupations) return;
    if (!this.allocated) {
      this.skills.allocate(true);
      this.occupations.allocate(false);
      this.allocated = true;
    }
    for (; this.entered < this.people.length; this.entered++) {
      const i = this.entered;
      for (let j = this.skillsFrom[i]!; j < this.skillsFrom[i + 1]!; j++)
        this.skills.add(skills.ids[j]!, i, skills.credits[j]!);
      for (let j = this.occupationsFrom[i]!; j < this.occupationsFrom[i + 1]!; j++)
        this.occupations.add(occupations.ids[j]!, i);
      if ((i + 1) % (slice * 4) === 0) yield;
    }
    this.heldSkills = this.heldOccupations = null;
  }

  /** Posting entries held (the pool cache's measure of size). */
  get entries(): number {
    let n = this.skills.people.length + this.occupations.people.length;
    for (const l of this.otherSkills.values()) n += l.people.length;
    for (const l of this.otherOccupations.values()) n += l.length;
    for (const l of this.byIsco3.values()) n += l.length;
    return n;
  }

  /** One person's skill view, for explaining their fit (`personSkills`, or the kept one). */
  view(pi: number): PersonSkills {
    const p = this.people[pi]!;
    return this.viewCache
      ? this.viewCache.view(p, this.config.skills)
      : personSkills(p, this.k, this.config.skills);
  }

  /**
   * First pass, one person: their distinct held skills with the best credit by source (as
   * `personSkills` reads them) and their distinct occupations, counted for the postings; concepts
   * outside the vocabulary and ISCO groups go straight to their maps (people come in pool order).
   */
  private readPerson(i: number): void {
    const p = this.people[i]!;
    const c = this.config.skills;
    const skills = this.heldSkills!;
    const occupations = this.heldOccupations!;
    const firstSkill = skills.length;
    let others = 0;
    for (const s of p.skills) {
      const credit = c[s.source];
      const id = this.k.skillId.get(s.uri);
      if (id !== undefined) {
        if (skills.addDistinct(firstSkill, id, credit)) this.skills.count(id);
        continue;
      }
      let j = 0;
      while (j < others && otherUris[j] !== s.uri) j++;
      if (j === others) {
        otherUris[others] = s.uri;
        otherCredits[others++] = credit;
      } else if (credit > otherCredits[j]!) otherCredits[j] = credit;
    }
    for (let j = 0; j < others; j++) {
      const l = this.otherSkills.get(otherUris[j]!);
      if (l) {
        l.people.push(i);
        l.credits.push(otherCredits[j]!);
      } else this.otherSkills.set(otherUris[j]!, { people: [i], credits: [otherCredits[j]!] });
    }
    this.skillsFrom[i + 1] = skills.length;
    // Occupations once each (a person may list one twice; offering or marking twice changes nothing).
    const firstOccupation = occupations.length;
    let otherOccupations = 0;
    for (const o of p.occupations) {
      const id = this.k.occupationId.get(o.uri);
      if (id !== undefined) {
        if (!occupations.addDistinct(firstOccupation, id)) continue;
        this.occupations.count(id);
      } else {
        let j = 0;
        while (j < otherOccupations && otherOccupationUris[j] !== o.uri) j++;
        if (j < otherOccupations) continue;
        otherOccupationUris[otherOccupations++] = o.uri;
        push(this.otherOccupations, o.uri, i);
      }
      if (o.iscoGroup.length >= 3) push(this.byIsco3, o.iscoGroup.slice(0, 3), i);
    }
    this.occupationsFrom[i + 1] = occupations.length;
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
    const { start, people, credits } = this.skills;
    const id = req.id;
    if (id === undefined) {
      const own = this.otherSkills.get(req.uri);
      if (own) for (let j = 0; j < own.people.length; j++) offer(own.people[j]!, own.credits[j]!);
      return touched;
    }
    for (let j = start[id]!; j < start[id + 1]!; j++) offer(people[j]!, credits[j]!);
    // An occupation that lists the skill implies it. The credit is the best offer whatever the order,
    // so the people of each such occupation are offered its credit directly from the postings.
    const occ = this.occupations;
    for (const o of this.k.occupationsWithEssential[id]!)
      for (let j = occ.start[o]!; j < occ.start[o + 1]!; j++) offer(occ.people[j]!, c.impliedEssential);
    for (const o of this.k.occupationsWithOptional[id]!) {
      // Listed both ways, an occupation implies the skill as essential only (as `bestRoute` reads it).
      if (sortedHas(this.k.essentialSkills[o]!, id)) continue;
      for (let j = occ.start[o]!; j < occ.start[o + 1]!; j++) offer(occ.people[j]!, c.impliedOptional);
    }
    // Ascending related id, as `bestRoute` walks them: each person meets their held relatives in that order.
    for (const r of req.related!.list)
      for (let j = start[r.id]!; j < start[r.id + 1]!; j++) offer(people[j]!, r.credit * credits[j]!);
    return touched;
  }

  /** Indexes (ascending) of the people for whom `mayHaveEvidence` holds. */
  candidates(ev: RoleEvidence): number[] {
    const mark = new Uint8Array(this.people.length);
    const take = (l: ArrayLike<number> | undefined, from = 0, to = l?.length ?? 0): void => {
      if (l) for (let j = from; j < to; j++) mark[l[j]!] = 1;
    };
    const skill = (id: number) => take(this.skills.people, this.skills.start[id], this.skills.start[id + 1]);
    const occupation = (id: number) =>
      take(this.occupations.people, this.occupations.start[id], this.occupations.start[id + 1]);
    const occupationId = this.k.occupationId.get(ev.occupationUri);
    if (occupationId === undefined) take(this.otherOccupations.get(ev.occupationUri));
    else occupation(occupationId);
    if (ev.isco3 !== '') take(this.byIsco3.get(ev.isco3));
    if (ev.skillUris.size > 0) {
      for (const uri of ev.skillUris) {
        const id = this.k.skillId.get(uri);
        if (id === undefined) take(this.otherSkills.get(uri)?.people);
        else skill(id);
      }
      for (const id of ev.skillIds) skill(id);
      for (const o of ev.occupationIds) occupation(o);
    }
    const out: number[] = [];
    for (let i = 0; i < mark.length; i++) if (mark[i] === 1) out.push(i);
    return out;
  }
}
