import type { CandidateIndex } from './candidate-index.js';
import { PoolEvidence, roleEvidence } from './components/evidence.js';
import type { PoolEvidenceCache } from './components/pool-evidence-cache.js';
import type { SkillViewCache } from './components/skill-view-cache.js';
import { configHash, DEFAULT_CONFIG, type ScoringConfig } from './config.js';
import type { Knowledge } from './knowledge.js';
import { compareResults } from './rank.js';
import { scorePersonForRole, type RoleFit } from './score-role.js';
import { runToEnd, sortInSteps } from './steps.js';
import { TeamFits } from './team-fit.js';
import type { MatchResult, OpportunityInput, ScoringProfile } from './types.js';

export interface RoleCoverage {
  readonly roleId: string;
  readonly required: number;
  readonly filled: number;
  readonly missing: number;
  /** Chosen people, best first; each carries its own components and explanation data. */
  readonly members: readonly MatchResult[];
  /** Next best fitting people not chosen (for the operator to swap in). */
  readonly alternates: readonly MatchResult[];
}

export interface TeamResult {
  readonly opportunityId: string;
  readonly roles: readonly RoleCoverage[];
  /** Roles with open slots, in the opportunity's order. */
  readonly missingRoles: readonly { readonly roleId: string; readonly missing: number }[];
  /** Filled slots / required slots. */
  readonly coverage: number;
  /** Sum of member scores / required slots: an empty slot counts 0, so coverage shows in it. */
  readonly teamScore: number;
  readonly poolSize: number;
  /** (person, role) pairs fully scored after the evidence pre-filter. */
  readonly pairsScored: number;
  readonly engineVersion: string;
  readonly weightsHash: string;
}

export interface TeamOptions {
  /** Alternates listed per role. */
  readonly alternates?: number;
  /**
   * Kept between runs by the caller (the server's match index), for one knowledge: people's skill
   * views, and the postings of recent pools. Same results, less work when a team is run again.
   */
  readonly skillViews?: SkillViewCache;
  readonly pools?: PoolEvidenceCache;
}

/**
 * People scored per step when a role's candidates are fitted: about a millisecond of work, so the
 * server answers other requests between steps even when a large pool gives a role tens of thousands.
 */
const FIT_SLICE = 500;
/** Pairs taken or listed per step: a regional pool has close to a million. */
const PAIR_SLICE = 50_000;
/** People taken into the pool per step (each one a look-up in a set of ids). */
const POOL_SLICE = 10_000;

/**
 * The pool for a team: first the workers displaced by the opportunity's crisis case, then those
 * living within the radius (in travel time when the index knows it). The role score also favours the crisis case (component crisisCase).
 */
export function teamPool(
  index: CandidateIndex,
  opp: OpportunityInput,
  config: ScoringConfig = DEFAULT_CONFIG,
): ScoringProfile[] {
  return runToEnd(teamPoolSteps(index, opp, config));
}

/** `teamPool` in steps: a radius around a city holds tens of thousands of people at regional scale. */
export function* teamPoolSteps(
  index: CandidateIndex,
  opp: OpportunityInput,
  config: ScoringConfig = DEFAULT_CONFIG,
): Generator<void, ScoringProfile[], void> {
  const seen = new Set<string>();
  const out: ScoringProfile[] = [];
  function* take(ps: readonly ScoringProfile[]): Generator<void, void, void> {
    for (let i = 0; i < ps.length; i++) {
      const p = ps[i]!;
      if (!seen.has(p.id)) {
        seen.add(p.id);
        out.push(p);
      }
      if ((i + 1) % POOL_SLICE === 0) yield;
    }
  }
  if (opp.crisisCaseId !== null) yield* take(index.byCrisisCase(opp.crisisCaseId));
  yield;
  yield* take(yield* index.withinRadiusSteps(opp.place, opp.radiusKm ?? config.team.radiusKm));
  return out;
}

interface Pair {
  readonly person: number;
  readonly role: number;
  readonly score: number;
}

/**
 * Team builder: assign people to role slots maximising the total fit, one role per person.
 *
 * 1. Score every (person, role) pair that may have evidence (numbers only, equal to `roleFit`;
 *    computed requirement-major by `TeamFits`, a slice of candidates per step); keep
 *    eligible pairs with score ≥ `team.minFit`. Members and alternates are explained at the end.
 * 2. Greedy: take pairs best-first (ties by person id then role order) while the person is free
 *    and the role has open slots.
 * 3. Local improvement until nothing improves (bounded rounds), each move strictly raising the
 *    total: (a) move an assigned person to an open slot of another role and refill their old
 *    slot with a free person — this fixes greedy's classic failure of spending the only
 *    candidate for a rare role on a common one; (b) replace an assigned person by a better free
 *    one; (c) swap two assigned people between roles.
 * Deterministic: every loop runs in a fixed order over sorted ids.
 */
export function buildTeam(
  opp: OpportunityInput,
  pool: readonly ScoringProfile[],
  k: Knowledge,
  config: ScoringConfig = DEFAULT_CONFIG,
  options: TeamOptions = {},
): TeamResult {
  return runToEnd(teamSteps(opp, pool, k, config, options));
}

/**
 * The same computation as `buildTeam`, cut into steps of a few milliseconds: the server runs a step,
 * lets other requests run, and goes on (a 5,000-worker crisis takes hundreds of milliseconds in all).
 * Pure and deterministic like `buildTeam`: where it pauses changes nothing in the result.
 */
export function* teamSteps(
  opp: OpportunityInput,
  pool: readonly ScoringProfile[],
  k: Knowledge,
  config: ScoringConfig = DEFAULT_CONFIG,
  options: TeamOptions = {},
): Generator<void, TeamResult, void> {
  const people = yield* dedupeSteps(pool);
  yield;
  const roles = opp.roles;
  // fit[ri][pi]: the pair's score when it may be offered, else -1. Only numbers here: the
  // explanation is built at the end for the few pairs shown (members and alternates).
  const fit: Float64Array[] = [];
  for (const _ of roles) {
    fit.push(new Float64Array(people.length).fill(-1));
    yield;
  }
  const found: Pair[] = [];
  let pairsScored = 0;
  let evidence = options.pools?.find(people, config);
  yield;
  if (!evidence) {
    evidence = new PoolEvidence(people, k, config, false, options.skillViews);
    yield* evidence.indexing();
    options.pools?.keep(people, config, evidence);
  }
  const closeEnough = config.iscoCloseness[1] * (1 - config.yearsShare) - 1e-12;
  const fits = new TeamFits(opp, people, evidence, k, config);
  yield;
  for (let ri = 0; ri < roles.length; ri++) {
    const role = roles[ri]!;
    const candidates = evidence.candidates(roleEvidence(role, k, config));
    yield;
    const fitOf = fits.role(role);
    yield;
    // A role of a large pool has tens of thousands of candidates: scored a slice per step.
    for (let i = 0; i < candidates.length; i++) {
      const pi = candidates[i]!;
      const f = fitOf(pi);
      if (!f.excluded && f.score >= config.team.minFit && hasEvidence(f, role, closeEnough)) {
        fit[ri]![pi] = f.score;
        found.push({ person: pi, role: ri, score: f.score });
      }
      if ((i + 1) % FIT_SLICE === 0) yield;
    }
    pairsScored += candidates.length;
    yield;
  }
  yield;
  const pairs = yield* sortInSteps(
    found,
    (a, b) => b.score - a.score || a.person - b.person || a.role - b.role,
  );

  const roleOf = new Int32Array(people.length).fill(-1);
  const members: Set<number>[] = roles.map(() => new Set<number>());
  const open = (ri: number): boolean => members[ri]!.size < Math.max(0, roles[ri]!.count);
  const s = (pi: number, ri: number): number => fit[ri]![pi]!;
  const assign = (pi: number, ri: number): void => {
    roleOf[pi] = ri;
    members[ri]!.add(pi);
  };
  const unassign = (pi: number): void => {
    members[roleOf[pi]!]!.delete(pi);
    roleOf[pi] = -1;
  };
  for (let i = 0; i < pairs.length; i++) {
    const pr = pairs[i]!;
    if (roleOf[pr.person] === -1 && open(pr.role)) assign(pr.person, pr.role);
    if ((i + 1) % PAIR_SLICE === 0) yield;
  }

  // Per role, fitting people best-first: the best free one is the first free in this list.
  const byRole: number[][] = roles.map(() => []);
  for (let i = 0; i < pairs.length; i++) {
    byRole[pairs[i]!.role]!.push(pairs[i]!.person);
    if ((i + 1) % PAIR_SLICE === 0) yield;
  }
  const bestFree = (ri: number, except: number): number => {
    for (const pi of byRole[ri]!) if (pi !== except && roleOf[pi] === -1) return pi;
    return -1;
  };
  const eps = 1e-12;
  for (let round = 0; round < config.team.maxImprovementRounds; round++) {
    let improved = false;
    for (let pi = 0; pi < people.length; pi++) {
      const r1 = roleOf[pi]!;
      if (r1 === -1) continue;
      // (a) move to an open slot elsewhere and refill.
      for (let r2 = 0; r2 < roles.length && roleOf[pi] === r1; r2++) {
        if (r2 === r1 || !open(r2) || s(pi, r2) < 0) continue;
        const q = bestFree(r1, pi);
        if (q === -1) continue;
        unassign(pi);
        assign(pi, r2);
        assign(q, r1);
        improved = true;
      }
      if (roleOf[pi] !== r1) continue;
      // (b) replace by a better free person.
      const q = bestFree(r1, pi);
      if (q !== -1 && s(q, r1) > s(pi, r1) + eps) {
        unassign(pi);
        assign(q, r1);
        improved = true;
        continue;
      }
      // (c) swap with someone in another role.
      for (const qi of members.flatMap((m) => [...m]).sort((a, b) => a - b)) {
        const r2 = roleOf[qi]!;
        if (qi <= pi || r2 === -1 || r2 === r1 || s(pi, r2) < 0 || s(qi, r1) < 0) continue;
        if (s(pi, r2) + s(qi, r1) > s(pi, r1) + s(qi, r2) + eps) {
          unassign(pi);
          unassign(qi);
          assign(pi, r2);
          assign(qi, r1);
          improved = true;
          break;
        }
      }
    }
    if (!improved) break;
    yield;
  }

  const nAlt = options.alternates ?? 3;
  const explain = (pi: number, ri: number): MatchResult =>
    scorePersonForRole(people[pi]!, opp, roles[ri]!, k, config, evidence.view(pi));
  let required = 0;
  let filled = 0;
  let total = 0;
  const coverage: RoleCoverage[] = roles.map((role, ri) => {
    const chosen = [...members[ri]!].map((pi) => explain(pi, ri)).sort(compareResults);
    // byRole is best-first with ties by person index, which is id order (people are sorted by id):
    // the order compareResults gives.
    const alternates: MatchResult[] = [];
    for (const pi of byRole[ri]!) {
      if (alternates.length >= nAlt) break;
      if (roleOf[pi] === -1) alternates.push(explain(pi, ri));
    }
    const req = Math.max(0, role.count);
    required += req;
    filled += chosen.length;
    for (const c of chosen) total += c.score;
    return {
      roleId: role.id,
      required: req,
      filled: chosen.length,
      missing: req - chosen.length,
      members: chosen,
      alternates,
    };
  });
  return {
    opportunityId: opp.id,
    roles: coverage,
    missingRoles: coverage
      .filter((c) => c.missing > 0)
      .map((c) => ({ roleId: c.roleId, missing: c.missing })),
    coverage: required === 0 ? 1 : filled / required,
    teamScore: required === 0 ? 0 : total / required,
    poolSize: people.length,
    pairsScored,
    engineVersion: config.engineVersion,
    weightsHash: configHash(config),
  };
}

/**
 * A role is only offered to someone with evidence for it: at least one key skill held or partly
 * held, or a past occupation in the same ISCO minor group (3 digits). Without this, crisis case,
 * path and distance alone could put a cook in the production manager's seat.
 */
function hasEvidence(f: RoleFit, role: OpportunityInput['roles'][number], closeEnough: number): boolean {
  return f.occupation >= closeEnough || (role.keySkills.length > 0 && f.anySkill);
}

/**
 * The pool in id order, each person once, so the result does not depend on the pool's order: the first
 * of each id as the pool lists them (the sort is stable). Sorting first needs no map of ids.
 */
function* dedupeSteps(pool: readonly ScoringProfile[]): Generator<void, ScoringProfile[], void> {
  const sorted = yield* sortInSteps(pool, (a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const out: ScoringProfile[] = [];
  for (const p of sorted) if (out.length === 0 || out[out.length - 1]!.id !== p.id) out.push(p);
  return out;
}
