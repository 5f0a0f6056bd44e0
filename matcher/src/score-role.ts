import { scoreAvailability } from './components/availability.js';
import { scoreDistance } from './components/distance.js';
import { scoreOccupation } from './components/occupation.js';
import { personSkills, scoreSkills, skillsValue, type PersonSkills } from './components/skills.js';
import type { ComponentValue } from './components/value.js';
import { combine, result, weightedScore } from './combine.js';
import { DEFAULT_CONFIG, ROLE_COMPONENTS, type ScoringConfig } from './config.js';
import type { Knowledge } from './knowledge.js';
import { compareResults } from './rank.js';
import type {
  DesiredPath,
  MatchResult,
  OpportunityInput,
  OpportunityKind,
  OpportunityRole,
  ScoringProfile,
} from './types.js';

/**
 * A displaced worker's own crisis case comes first: a buy-out or spin-off is their way back,
 * and the programme targets them. Expressed as a component so the preference shows in the
 * explanation instead of hiding in an ordering rule.
 */
function scoreCrisisCase(p: ScoringProfile, opp: OpportunityInput): ComponentValue {
  if (opp.crisisCaseId !== null && p.crisisCaseId === opp.crisisCaseId)
    return { value: 1, reason: { code: 'same_case', params: {} } };
  return { value: 0, reason: { code: 'other_case', params: {} } };
}

/**
 * The desired path each kind of venture serves. A management buy-out is the managers' own venture: no
 * worker's path leads to it, so it never counts as wanted.
 */
const PATH_OF_KIND: Readonly<Record<OpportunityKind, DesiredPath | null>> = {
  wbo: 'workers_buy_out',
  mbo: null,
  spin_off: 'spin_off',
  start_up: 'start_up',
  community_coop: 'community_coop',
};

/** Whether the person said they want this kind of path (buy-out, start-up, …). */
export function scorePath(p: ScoringProfile, opp: OpportunityInput): ComponentValue {
  const path = PATH_OF_KIND[opp.kind];
  if (path !== null && p.desiredPaths.includes(path))
    return { value: 1, reason: { code: 'wanted', params: { kind: opp.kind } } };
  return { value: 0, reason: { code: 'not_stated', params: { kind: opp.kind } } };
}

/**
 * Every role component but skills, worked out alike for the explanation (`scorePersonForRole`) and the
 * team builder's quick fit (`roleFit`), so the two can never disagree on them. Skills differ: the
 * explanation wants their breakdown, the quick fit only their value.
 */
function componentsBesideSkills(
  p: ScoringProfile,
  opp: OpportunityInput,
  role: OpportunityRole,
  k: Knowledge,
  config: ScoringConfig,
) {
  const radius = opp.radiusKm ?? config.team.radiusKm;
  const distance = scoreDistance(p.home, opp.place, radius, p, k.travel);
  const sameCase = opp.crisisCaseId !== null && p.crisisCaseId === opp.crisisCaseId;
  return {
    components: {
      occupation: scoreOccupation(p, role.occupationUri, role.iscoGroup, config),
      distance,
      availability: scoreAvailability(p.availableFrom, opp.startDate ?? null, config),
      crisisCase: scoreCrisisCase(p, opp),
      path: scorePath(p, opp),
    },
    // Workers of the opportunity's own crisis case are never excluded by distance: the plant is theirs.
    exclusion: sameCase ? null : distance.exclusion,
  };
}

/**
 * What both role scorers take: the person, the opportunity and one of its roles, the knowledge, and
 * optionally the configuration and the person's skills prepared once for many roles.
 */
type RoleScorer<Result> = (
  p: ScoringProfile,
  opp: OpportunityInput,
  role: OpportunityRole,
  k: Knowledge,
  config?: ScoringConfig,
  view?: PersonSkills,
) => Result;

/** Person against one role of an opportunity. `id` = profile id, `subjectId` = `${opp.id}#${role.id}`. */
export const scorePersonForRole: RoleScorer<MatchResult> = (
  p,
  opp,
  role,
  k,
  config = DEFAULT_CONFIG,
  view,
) => {
  const skills = scoreSkills(p, role.keySkills, [], k, config, view);
  const { components, exclusion } = componentsBesideSkills(p, opp, role, k, config);
  const combined = combine(config.role, ROLE_COMPONENTS, { skills, ...components });
  const exclusions = exclusion ? [exclusion] : [];
  return result(p.id, `${opp.id}#${role.id}`, combined, exclusions, config, skills.breakdown);
};

/** What the team builder needs to rank a pair, without the explanation (`scorePersonForRole` builds it). */
export interface RoleFit {
  /** Equal to `scorePersonForRole(...).score`: the same component values summed the same way. */
  readonly score: number;
  readonly excluded: boolean;
  /** The occupation component's value (evidence: a close past occupation). */
  readonly occupation: number;
  /** At least one key skill held, implied or related (evidence). */
  readonly anySkill: boolean;
}

export const roleFit: RoleScorer<RoleFit> = (p, opp, role, k, config = DEFAULT_CONFIG, view) => {
  const skills = skillsValue(p, role.keySkills, [], k, config, view);
  const { components, exclusion } = componentsBesideSkills(p, opp, role, k, config);
  const score = weightedScore(config.role, ROLE_COMPONENTS, {
    skills: skills.value,
    occupation: components.occupation.value,
    distance: components.distance.value,
    availability: components.availability.value,
    crisisCase: components.crisisCase.value,
    path: components.path.value,
  });
  return {
    score,
    excluded: !!exclusion,
    occupation: components.occupation.value,
    anySkill: skills.anyCredit,
  };
};

/**
 * Person → opportunity roles that fit them. Open opportunities are few (hundreds), so every role gets its
 * quick fit (`roleFit`, the same score), with the person's skills prepared once; only the roles scoring at
 * least the `limit`-th best get the full result with its explanation. `id` of each result is
 * `${opportunity id}#${role id}`, `subjectId` the person.
 */
export function rolesForPerson(
  p: ScoringProfile,
  opportunities: readonly OpportunityInput[],
  k: Knowledge,
  limit: number,
  config: ScoringConfig = DEFAULT_CONFIG,
): MatchResult[] {
  if (limit <= 0) return [];
  const view = personSkills(p, k, config.skills);
  const fits: { opp: OpportunityInput; role: OpportunityRole; score: number }[] = [];
  for (const opp of opportunities)
    for (const role of opp.roles) {
      const fit = roleFit(p, opp, role, k, config, view);
      if (!fit.excluded) fits.push({ opp, role, score: fit.score });
    }
  if (fits.length === 0) return [];
  // Every role below the limit-th best score ranks after at least `limit` others, whatever the ties.
  const cut = fits.map((f) => f.score).sort((a, b) => b - a)[Math.min(limit, fits.length) - 1]!;
  const out: MatchResult[] = [];
  for (const { opp, role, score } of fits)
    if (score >= cut) {
      const r = scorePersonForRole(p, opp, role, k, config, view);
      out.push({ ...r, id: r.subjectId, subjectId: p.id });
    }
  return out.sort(compareResults).slice(0, limit);
}
