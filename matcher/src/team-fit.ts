import { scoreAvailability } from './components/availability.js';
import { scoreDistance } from './components/distance.js';
import type { PoolEvidence } from './components/evidence.js';
import { occupationValue } from './components/occupation.js';
import { resolveRequirements } from './components/skills.js';
import { weightedScore } from './combine.js';
import { ROLE_COMPONENTS, type ScoringConfig } from './config.js';
import { scorePath } from './score-role.js';
import type { Knowledge } from './knowledge.js';
import type { TravelRoute } from './travel/model.js';
import type { GeoPoint, OpportunityInput, OpportunityRole, ScoringProfile } from './types.js';
import type { RoleFit } from './score-role.js';

const NO_OPTIONAL: readonly string[] = [];

/**
 * `roleFit` for every (person, role) pair of a team, computed requirement-major: the same numbers,
 * summed in the same order, so each fit equals `roleFit(...)` exactly (property-tested).
 *
 * Why it is faster: of a pair's six components only skills and occupation depend on the role. Distance,
 * availability, crisis case and path depend on the person and the opportunity (its place and radius are
 * shared by every role), so they are computed once per person; the travel route once per home (homes are
 * municipality centroids, shared by many people), toward the one workplace (`TravelModel.toward`). Skill credits come from the pool's postings, one
 * required skill at a time, instead of walking each candidate's skills for each requirement.
 */
export class TeamFits {
  private readonly radius: number;
  /** Per person, NaN until computed: the role-independent component values. */
  private readonly distance: Float64Array;
  private readonly availability: Float64Array;
  private readonly crisisCase: Float64Array;
  private readonly path: Float64Array;
  private readonly excludedByDistance: Uint8Array;
  private readonly routes = new Map<string, TravelRoute>();
  private readonly toPlace: ((origin: GeoPoint) => TravelRoute) | null;
  /** Scratch per requirement (zero between uses) and per role. */
  private readonly credit: Float64Array;

  constructor(
    private readonly opp: OpportunityInput,
    private readonly people: readonly ScoringProfile[],
    private readonly evidence: PoolEvidence,
    private readonly k: Knowledge,
    private readonly config: ScoringConfig,
  ) {
    const n = people.length;
    this.radius = opp.radiusKm ?? config.team.radiusKm;
    this.distance = new Float64Array(n).fill(NaN);
    this.availability = new Float64Array(n);
    this.crisisCase = new Float64Array(n);
    this.path = new Float64Array(n);
    this.excludedByDistance = new Uint8Array(n);
    this.credit = new Float64Array(n);
    this.toPlace = k.travel ? k.travel.toward(opp.place) : null;
  }

  /** The fit of each given person (pool indexes) for one role, in the same order. */
  forRole(role: OpportunityRole, candidates: readonly number[]): RoleFit[] {
    const fit = this.role(role);
    return candidates.map((pi) => fit(pi));
  }

  /**
   * One role's fit function over pool indexes. The skill credits of the whole pool are summed here,
   * requirement by requirement; each call then costs a person's few component values, so a caller may
   * score a role's candidates in slices and let other work run between them.
   */
  role(role: OpportunityRole): (pi: number) => RoleFit {
    const c = this.config.skills;
    const reqs = resolveRequirements(role.keySkills, NO_OPTIONAL, this.k, c);
    // got[pi] accumulates w × credit in requirement order, as `skillsValue` does; a zero credit adds
    // nothing to a sum, so only the people a requirement touched are visited.
    const got = new Float64Array(this.people.length);
    const any = new Uint8Array(this.people.length);
    let total = 0;
    for (const r of reqs) {
      const w = r.essential ? c.essentialWeight : 1;
      total += w;
      const touched = this.evidence.requirementCredits(r, this.credit);
      for (const pi of touched) {
        got[pi] = got[pi]! + w * this.credit[pi]!;
        any[pi] = 1;
        this.credit[pi] = 0;
      }
    }
    return (pi) => {
      this.personConstants(pi);
      const p = this.people[pi]!;
      const occupation = occupationValue(p, role.occupationUri, role.iscoGroup, this.config);
      const score = weightedScore(this.config.role, ROLE_COMPONENTS, {
        skills: reqs.length === 0 ? 1 : got[pi]! / total,
        occupation,
        distance: this.distance[pi]!,
        availability: this.availability[pi]!,
        crisisCase: this.crisisCase[pi]!,
        path: this.path[pi]!,
      });
      return { score, excluded: this.excludedByDistance[pi] === 1, occupation, anySkill: any[pi] === 1 };
    };
  }

  private personConstants(pi: number): void {
    if (!Number.isNaN(this.distance[pi]!)) return;
    const p = this.people[pi]!;
    const opp = this.opp;
    const travel = this.k.travel;
    let route: TravelRoute | undefined;
    if (this.toPlace) {
      const key = `${p.home.lat},${p.home.lon}`;
      route = this.routes.get(key);
      if (!route) this.routes.set(key, (route = this.toPlace(p.home)));
    }
    const d = scoreDistance(p.home, opp.place, this.radius, p, travel, route);
    const sameCase = opp.crisisCaseId !== null && p.crisisCaseId === opp.crisisCaseId;
    this.distance[pi] = d.value;
    this.excludedByDistance[pi] = d.exclusion && !sameCase ? 1 : 0;
    this.availability[pi] = scoreAvailability(p.availableFrom, opp.startDate ?? null, this.config).value;
    this.crisisCase[pi] = sameCase ? 1 : 0;
    this.path[pi] = scorePath(p, opp).value;
  }
}
