import type { ScoringConfig, SkillCredits } from '../config.js';
import { sortedHas, type Knowledge } from '../knowledge.js';
import type { ScoringProfile, SkillBreakdown, SkillMatch, SkillMatchKind } from '../types.js';
import { related, type Related } from './related.js';
import type { ComponentValue } from './value.js';

/**
 * What a person brings, resolved against the knowledge. Rebuilt per call (a few µs): a cache
 * keyed by profile would grow with the pool, to a gigabyte at a million profiles.
 */
export interface PersonSkills {
  /** Held skill URI → best credit by source. */
  readonly byUri: ReadonlyMap<string, { credit: number; source: 'exact' | 'inferred' }>;
  /** Held skill id → credit and URI, for hierarchy look-ups. */
  readonly byId: ReadonlyMap<number, { credit: number; uri: string }>;
  /** Held skill ids, ascending. */
  readonly heldIds: readonly number[];
  readonly occupationIds: readonly { id: number; uri: string }[];
}

export function personSkills(p: ScoringProfile, k: Knowledge, c: SkillCredits): PersonSkills {
  const byUri = new Map<string, { credit: number; source: 'exact' | 'inferred' }>();
  for (const s of p.skills) {
    const credit = c[s.source];
    const prev = byUri.get(s.uri);
    if (!prev || credit > prev.credit)
      byUri.set(s.uri, { credit, source: s.source === 'inferred' ? 'inferred' : 'exact' });
  }
  const byId = new Map<number, { credit: number; uri: string }>();
  for (const [uri, v] of byUri) {
    const id = k.skillId.get(uri);
    if (id !== undefined) byId.set(id, { credit: v.credit, uri });
  }
  const occupationIds: { id: number; uri: string }[] = [];
  for (const o of p.occupations) {
    const id = k.occupationId.get(o.uri);
    if (id !== undefined) occupationIds.push({ id, uri: o.uri });
  }
  const heldIds = [...byId.keys()].sort((a, b) => a - b);
  return { byUri, byId, heldIds, occupationIds };
}

/** Essential skills win over optional ones when a need lists a skill twice. */
export function requirementList(
  essential: readonly string[],
  optional: readonly string[],
): { uri: string; essential: boolean }[] {
  const seen = new Set<string>();
  const out: { uri: string; essential: boolean }[] = [];
  for (const [list, essentialHere] of [
    [essential, true],
    [optional, false],
  ] as const)
    for (const uri of list) {
      if (seen.has(uri)) continue;
      seen.add(uri);
      out.push({ uri, essential: essentialHere });
    }
  return out;
}

/** A required skill resolved against the knowledge: its id and the skills related to it. */
export interface SkillRequirement {
  readonly uri: string;
  readonly essential: boolean;
  readonly id: number | undefined;
  readonly related: Related | undefined;
}

interface Resolved {
  readonly optional: readonly string[];
  readonly k: Knowledge;
  readonly c: SkillCredits;
  readonly list: readonly SkillRequirement[];
}

/**
 * Keyed by the essential-skills array: one need or role is scored against thousands of people
 * (top k, team builder), and its requirements only need resolving once. Weak, so a need that
 * leaves the index leaves the cache.
 */
const resolvedCache = new WeakMap<readonly string[], Resolved>();

/** Callers often pass a fresh `[]` for no optional skills: compare contents, not identity. */
function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function resolveRequirements(
  essential: readonly string[],
  optional: readonly string[],
  k: Knowledge,
  c: SkillCredits,
): readonly SkillRequirement[] {
  const hit = resolvedCache.get(essential);
  if (hit && hit.k === k && hit.c === c && sameStrings(hit.optional, optional)) return hit.list;
  const list = requirementList(essential, optional).map((r) => {
    const id = k.skillId.get(r.uri);
    return { ...r, id, related: id === undefined ? undefined : related(k, c, id) };
  });
  resolvedCache.set(essential, { optional, k, c, list });
  return list;
}

interface Best {
  credit: number;
  via: SkillMatchKind | null;
  from: string | null;
}

/** Keeps the better route; ties keep the first one found. A plain function: no closure per call. */
function offer(best: Best, credit: number, via: SkillMatchKind, from: string): void {
  if (credit > best.credit + 1e-12) {
    best.credit = credit;
    best.via = via;
    best.from = from;
  }
}

/**
 * Best route to one required skill, written into `best` (the caller's; the lean path reuses one):
 * held, implied by an occupation held, or related through the hierarchy. Ties keep the first found.
 */
function bestRoute(req: SkillRequirement, v: PersonSkills, k: Knowledge, c: SkillCredits, best: Best): void {
  best.credit = 0;
  best.via = null;
  best.from = null;
  const own = v.byUri.get(req.uri);
  if (own) offer(best, own.credit, own.source, req.uri);
  const id = req.id;
  if (id === undefined) return;
  for (const o of v.occupationIds) {
    if (sortedHas(k.essentialSkills[o.id]!, id)) offer(best, c.impliedEssential, 'implied', o.uri);
    else if (sortedHas(k.optionalSkills[o.id]!, id)) offer(best, c.impliedOptional, 'implied', o.uri);
  }
  // Walk whichever side is shorter: the person's few skills, or the skill's relatives.
  // Both walks go in ascending id order, so ties resolve the same way either way.
  const rel = req.related!;
  if (rel.list.length <= v.byId.size) {
    for (const r of rel.list) {
      const held = v.byId.get(r.id);
      if (held) offer(best, r.credit * held.credit, r.via, held.uri);
    }
  } else {
    for (const hid of v.heldIds) {
      const r = rel.byId.get(hid);
      if (r) {
        const held = v.byId.get(hid)!;
        offer(best, r.credit * held.credit, r.via, held.uri);
      }
    }
  }
}

function creditFor(req: SkillRequirement, v: PersonSkills, k: Knowledge, c: SkillCredits): SkillMatch {
  const best: Best = { credit: 0, via: null, from: null };
  bestRoute(req, v, k, c, best);
  return { required: req.uri, essential: req.essential, credit: best.credit, via: best.via, from: best.from };
}

export interface SkillsOutcome extends ComponentValue {
  readonly breakdown: SkillBreakdown;
}

/**
 * Coverage of the required skills: essential ones weigh `essentialWeight`, optional ones 1.
 * A skill gets full credit when held (declared or certified), less when only inferred, implied
 * by an ESCO occupation the person held, or related through the ESCO hierarchy.
 */
export function scoreSkills(
  p: ScoringProfile,
  essential: readonly string[],
  optional: readonly string[],
  k: Knowledge,
  config: ScoringConfig,
  /** The person's skill view when the caller already built it (the team builder scores one person many times). */
  view?: PersonSkills,
): SkillsOutcome {
  const c = config.skills;
  const reqs = resolveRequirements(essential, optional, k, c);
  const v = view ?? personSkills(p, k, c);
  const matched: SkillMatch[] = [];
  const partial: SkillMatch[] = [];
  const missing: SkillMatch[] = [];
  let got = 0;
  let total = 0;
  for (const r of reqs) {
    const m = creditFor(r, v, k, c);
    const w = r.essential ? c.essentialWeight : 1;
    total += w;
    got += w * m.credit;
    if (m.credit >= 1 - 1e-12) matched.push(m);
    else if (m.credit > 0) partial.push(m);
    else missing.push(m);
  }
  const breakdown = { matched, partial, missing };
  if (total === 0) return { value: 1, reason: { code: 'no_requirements', params: {} }, breakdown };
  const essentialMissing = missing.filter((m) => m.essential).length;
  return {
    value: got / total,
    reason: {
      code: missing.length === 0 && partial.length === 0 ? 'all_matched' : 'coverage',
      params: {
        required: reqs.length,
        matched: matched.length,
        partial: partial.length,
        missing: missing.length,
        essentialMissing,
      },
    },
    breakdown,
  };
}

/** Scratch route for the lean path: scoring is synchronous, so one object serves every call. */
const scratch: Best = { credit: 0, via: null, from: null };

/**
 * The skills value alone, with the same additions in the same order as `scoreSkills` (so the same
 * number), without building the breakdown: the team builder scores tens of thousands of pairs and
 * explains only the few it shows. `anyCredit`: at least one requirement met at least in part.
 */
export function skillsValue(
  p: ScoringProfile,
  essential: readonly string[],
  optional: readonly string[],
  k: Knowledge,
  config: ScoringConfig,
  view?: PersonSkills,
): { value: number; anyCredit: boolean } {
  const c = config.skills;
  const reqs = resolveRequirements(essential, optional, k, c);
  if (reqs.length === 0) return { value: 1, anyCredit: false };
  const v = view ?? personSkills(p, k, c);
  let got = 0;
  let total = 0;
  let anyCredit = false;
  for (const r of reqs) {
    bestRoute(r, v, k, c, scratch);
    const w = r.essential ? c.essentialWeight : 1;
    total += w;
    got += w * scratch.credit;
    if (scratch.credit > 0) anyCredit = true;
  }
  return { value: got / total, anyCredit };
}
