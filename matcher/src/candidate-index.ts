import { travelFit, widestMinutes } from './components/distance.js';
import { relatedSkills } from './components/related.js';
import type { TravelModel } from './travel/model.js';
import { requirementList } from './components/skills.js';
import { DEFAULT_CONFIG, type ScoringConfig } from './config.js';
import type { Knowledge } from './knowledge.js';
import { PostingIndex } from './posting-index.js';
import type { SearchPlan, SearchStats, StoreEntry } from './posting-store.js';
import { jobPartialScore, scoreNeedForPerson, scorePersonForJob } from './score-job.js';
import { canOperate, operatorWeights, scoreOperatorForAsset } from './assets.js';
import { operatorBasis } from './operator-basis.js';
import { runToEnd } from './steps.js';
import type { AssetInput, GeoPoint, JobNeedInput, MatchResult, ScoringProfile } from './types.js';

export interface TopKOptions<T> {
  /** Hard filter applied before scoring (desk, region, status…). */
  readonly filter?: (item: T) => boolean;
  /**
   * The configuration of this one query (a server reads the admin's weights once per run). Component
   * weights may differ from the index's; the essential-skill weight must not, because NeedIndex stored
   * each need's skill total with it.
   */
  readonly config?: ScoringConfig;
}

/** The query's configuration, refusing one that would make the index's bounds wrong. */
function queryConfig(indexConfig: ScoringConfig, asked: ScoringConfig | undefined): ScoringConfig {
  if (!asked || asked === indexConfig) return indexConfig;
  // NeedIndex stores each need's skill total with this weight; every other bound is per query.
  if (asked.skills.essentialWeight !== indexConfig.skills.essentialWeight)
    throw new Error('query config changes the skill credits the index was built with');
  return asked;
}

export interface TopKResult {
  readonly results: MatchResult[];
  readonly stats: SearchStats;
}

/**
 * One string per posting key, made once: a key built anew for each profile is a fresh string the
 * postings map must hash again, and a million profiles hold some twenty keys each. Bounded by the
 * vocabulary (skills, occupations, ISCO groups, crisis cases, desks), like the related-skill cache.
 */
const keyStrings = new Map<string, Map<string, string>>();
function key(kind: string, value: string): string {
  let byValue = keyStrings.get(kind);
  if (!byValue) keyStrings.set(kind, (byValue = new Map()));
  let k = byValue.get(value);
  if (k === undefined) byValue.set(value, (k = `${kind}:${value}`));
  return k;
}

function profileKeys(p: ScoringProfile): string[] {
  const keys: string[] = [];
  for (const s of p.skills) keys.push(key('s', s.uri));
  for (const o of p.occupations)
    keys.push(key('o', o.uri), key('i4', o.iscoGroup), key('i3', o.iscoGroup.slice(0, 3)));
  if (p.crisisCaseId !== null) keys.push(key('c', p.crisisCaseId));
  keys.push(key('d', p.deskId));
  return keys;
}

/**
 * The geographic half of a search plan. With travel times: a straight-line prefilter wide enough for
 * the time budget, and the exact door-to-door test per record; without, the km radius alone.
 */
function geoPlan<T>(
  travel: TravelModel | null | undefined,
  origin: GeoPoint,
  radiusKm: number,
  fit: ((from: (to: GeoPoint) => ReturnType<ReturnType<TravelModel['from']>>, item: T) => number) | null,
): { radiusKm: number; proximity?: (item: T) => number } {
  if (!travel || !fit) return { radiusKm };
  const from = travel.from(origin);
  return {
    radiusKm: radiusKm > 0 ? travel.kmWithin(travel.minutesForKm(radiusKm)) : 0,
    proximity: (item) => fit(from, item),
  };
}

/** Distance value of a person for a place and radius, −1 when distance excludes them. */
function personProximity(travel: TravelModel, needRadiusKm: number) {
  return (from: (to: GeoPoint) => ReturnType<ReturnType<TravelModel['from']>>, p: ScoringProfile): number => {
    const route = from(p.home);
    if (route.mode === 'none') return -1;
    const f = travelFit(route, needRadiusKm, p, travel);
    return f.inNeed || f.inMobility ? f.value : -1;
  };
}

function maxSourceCredit(config: ScoringConfig): number {
  const c = config.skills;
  return Math.max(c.declared, c.certified, c.inferred);
}

/**
 * In-memory index of profiles for "best people for this need". Postings by skill, occupation,
 * ISCO prefix, crisis case and desk, plus a lat/lon grid; `topKForJob` scores only the
 * candidates whose upper bound can still reach the top k (see PostingStore.search).
 */
export class CandidateIndex extends PostingIndex<ScoringProfile> {
  constructor(
    knowledge: Knowledge,
    config: ScoringConfig = DEFAULT_CONFIG,
    profiles: Iterable<ScoringProfile> = [],
  ) {
    super(profileKeys, knowledge, config, profiles);
  }

  protected entry(p: ScoringProfile): StoreEntry<ScoringProfile> {
    return {
      item: p,
      id: p.id,
      point: p.home,
      radiusKm: this.knowledge.travel
        ? this.knowledge.travel.kmWithin(widestMinutes(p, this.knowledge.travel))
        : p.mobilityKm,
      skillTotal: 0,
    };
  }

  /** Workers displaced by one crisis case. */
  byCrisisCase(crisisCaseId: string): ScoringProfile[] {
    return this.store.withKey(`c:${crisisCaseId}`);
  }

  /** Workers whose home is within `radiusKm` of a point. */
  near(point: GeoPoint, radiusKm: number): ScoringProfile[] {
    return this.store.near(point, radiusKm);
  }

  /**
   * Workers within a radius: by door-to-door time when travel is known (the radius read as the time to
   * drive it on the plain), so an island across the water is not "within 30 km"; else the km circle.
   */
  withinRadius(point: GeoPoint, radiusKm: number): ScoringProfile[] {
    return runToEnd(this.withinRadiusSteps(point, radiusKm));
  }

  /** `withinRadius` in steps of `slice` people tested, for callers that serve others meanwhile. */
  *withinRadiusSteps(
    point: GeoPoint,
    radiusKm: number,
    slice = 2_000,
  ): Generator<void, ScoringProfile[], void> {
    const travel = this.knowledge.travel;
    if (!travel) return yield* this.store.nearSteps(point, radiusKm);
    return yield* this.withinMinutesSteps(point, travel.minutesForKm(radiusKm), slice);
  }

  /** Workers whose home is within `minutes` of a point by road and all-year ferries (needs travel). */
  withinMinutes(point: GeoPoint, minutes: number): ScoringProfile[] {
    return runToEnd(this.withinMinutesSteps(point, minutes));
  }

  private *withinMinutesSteps(
    point: GeoPoint,
    minutes: number,
    slice = 2_000,
  ): Generator<void, ScoringProfile[], void> {
    const travel = this.knowledge.travel;
    if (!travel) throw new Error('withinMinutes needs a travel model in the knowledge');
    const from = travel.from(point);
    const near = yield* this.store.nearSteps(point, travel.kmWithin(minutes));
    yield;
    // Homes are municipal centroids that many people share (the server hands them the same object):
    // one route per home, not per person.
    const within = new Map<GeoPoint, boolean>();
    const out: ScoringProfile[] = [];
    // A step ends after `slice` people or after `slice / 20` routes, whichever comes first: a route
    // costs about as much as twenty look-ups, and homes not at a centroid each need their own.
    let work = 0;
    for (let i = 0; i < near.length; i++) {
      const p = near[i]!;
      let ok = within.get(p.home);
      if (ok === undefined) {
        within.set(p.home, (ok = from(p.home).minutes <= minutes));
        work += 20;
      } else work++;
      if (ok) out.push(p);
      if (work >= slice) {
        work = 0;
        yield;
      }
    }
    return out;
  }

  /** Skill postings bounding the skill credit of any person for these requirements. */
  private skillKeys(essential: readonly string[], optional: readonly string[], config: ScoringConfig) {
    const kn = this.knowledge;
    const c = config.skills;
    const src = maxSourceCredit(config);
    const skillKeys: { key: string; amount: number; group: string }[] = [];
    let total = 0;
    // One group per requirement: the score credits a requirement by its best route only.
    for (const r of requirementList(essential, optional)) {
      const w = r.essential ? c.essentialWeight : 1;
      const group = r.uri;
      total += w;
      skillKeys.push({ key: `s:${r.uri}`, amount: w * src, group });
      const id = kn.skillId.get(r.uri);
      if (id === undefined) continue;
      for (const rel of relatedSkills(kn, c, id))
        skillKeys.push({ key: `s:${kn.skillUri[rel.id]!}`, amount: w * rel.credit * src, group });
      for (const o of kn.occupationsWithEssential[id]!)
        skillKeys.push({ key: `o:${kn.occupationUri[o]!}`, amount: w * c.impliedEssential, group });
      for (const o of kn.occupationsWithOptional[id]!)
        skillKeys.push({ key: `o:${kn.occupationUri[o]!}`, amount: w * c.impliedOptional, group });
    }
    return { skillKeys, total };
  }

  topKForJob(need: JobNeedInput, k: number, options: TopKOptions<ScoringProfile> = {}): TopKResult {
    const kn = this.knowledge;
    const config = queryConfig(this.config, options.config);
    const { skillKeys, total } = this.skillKeys(need.essentialSkills, need.optionalSkills, config);
    const cl = config.iscoCloseness;
    const jw = config.job;
    const travel = kn.travel;
    const plan: SearchPlan<ScoringProfile> = {
      point: need.place,
      ...geoPlan(travel, need.place, need.radiusKm, travel ? personProximity(travel, need.radiusKm) : null),
      skillKeys,
      occupationKeys: [
        { key: `o:${need.occupationUri}`, value: 1 },
        { key: `i4:${need.iscoGroup}`, value: cl[0] },
        { key: `i3:${need.iscoGroup.slice(0, 3)}`, value: cl[1] },
      ],
      occupationFloor: cl[2],
      querySkillTotal: total,
      weights: { skills: jw.skills, occupation: jw.occupation, distance: jw.distance },
      otherWeights: jw.languages + jw.qualification + jw.availability + jw.supplyChain,
      score: (p) => scorePersonForJob(p, need, kn, config),
      partial: (p) => jobPartialScore(p, need, config),
      filter: options.filter,
    };
    return this.store.search(plan, k);
  }

  /** People who can operate an asset (same result as `operatorsForAsset` over every profile). */
  topKForAsset(asset: AssetInput, k: number, options: TopKOptions<ScoringProfile> = {}): TopKResult {
    const config = queryConfig(this.config, options.config);
    const basis = operatorBasis(asset, this.knowledge);
    const { skillKeys, total } = this.skillKeys(basis.skills, [], config);
    // The same weights the score uses (skills not applicable when there is no skill to compare).
    const ow = operatorWeights(basis, config);
    const cl = config.iscoCloseness;
    const occupationKeys = [
      ...basis.occupations.map((o) => ({ key: `o:${o.uri}`, value: 1 })),
      ...basis.iscoGroups.flatMap((g) => [
        { key: `i4:${g}`, value: cl[0] },
        { key: `i3:${g.slice(0, 3)}`, value: cl[1] },
      ]),
    ];
    const travel = this.knowledge.travel;
    const plan: SearchPlan<ScoringProfile> = {
      point: asset.location,
      // The asset has no radius: only the person's mobility can include them.
      ...geoPlan(travel, asset.location, 0, travel ? personProximity(travel, 0) : null),
      skillKeys,
      occupationKeys,
      // Without a posting, a person can still share the 2-digit ISCO group (at most cl[2]).
      occupationFloor: basis.iscoGroups.length > 0 ? cl[2] : 0,
      querySkillTotal: total,
      weights: { skills: ow.skills, occupation: ow.occupation, distance: ow.distance },
      otherWeights: 0,
      score: (p) => scoreOperatorForAsset(p, asset, this.knowledge, config),
      filter: options.filter,
      accept: (r) => canOperate(r, asset),
    };
    return this.store.search(plan, k);
  }
}

function needKeys(n: JobNeedInput): string[] {
  const keys: string[] = [];
  for (const r of requirementList(n.essentialSkills, n.optionalSkills))
    keys.push(`${r.essential ? 'se' : 'so'}:${r.uri}`);
  keys.push(`o:${n.occupationUri}`, `i4:${n.iscoGroup}`, `i3:${n.iscoGroup.slice(0, 3)}`);
  return keys;
}

/** In-memory index of job needs for "needs that fit this person" (the other direction). */
export class NeedIndex extends PostingIndex<JobNeedInput> {
  constructor(
    knowledge: Knowledge,
    config: ScoringConfig = DEFAULT_CONFIG,
    needs: Iterable<JobNeedInput> = [],
  ) {
    super(needKeys, knowledge, config, needs);
  }

  protected entry(n: JobNeedInput): StoreEntry<JobNeedInput> {
    const ew = this.config.skills.essentialWeight;
    let total = 0;
    for (const r of requirementList(n.essentialSkills, n.optionalSkills)) total += r.essential ? ew : 1;
    const travel = this.knowledge.travel;
    return {
      item: n,
      id: n.id,
      point: n.place,
      radiusKm: travel ? travel.kmWithin(travel.minutesForKm(n.radiusKm)) : n.radiusKm,
      skillTotal: total,
    };
  }

  topKForPerson(p: ScoringProfile, k: number, options: TopKOptions<JobNeedInput> = {}): TopKResult {
    const kn = this.knowledge;
    const config = queryConfig(this.config, options.config);
    const c = config.skills;
    const ew = c.essentialWeight;
    // A need's requirement is one key (`se:` or `so:`), credited by the best of the person's routes to it.
    const skillKeys: { key: string; amount: number; group: string }[] = [];
    const offer = (uri: string, credit: number): void => {
      skillKeys.push(
        { key: `se:${uri}`, amount: ew * credit, group: uri },
        { key: `so:${uri}`, amount: credit, group: uri },
      );
    };
    for (const s of p.skills) {
      const credit = c[s.source];
      offer(s.uri, credit);
      const id = kn.skillId.get(s.uri);
      if (id === undefined) continue;
      // Seen from the held skill, the roles swap: a need asking for a broader skill gives "narrower" credit.
      for (const rel of relatedSkills(kn, c, id)) {
        const asRequired =
          rel.via === 'narrower' ? c.broader : rel.via === 'broader' ? c.narrower : c.sibling;
        offer(kn.skillUri[rel.id]!, credit * asRequired);
      }
    }
    const cl = config.iscoCloseness;
    const occupationKeys: { key: string; value: number }[] = [];
    for (const o of p.occupations) {
      occupationKeys.push(
        { key: `o:${o.uri}`, value: 1 },
        { key: `i4:${o.iscoGroup}`, value: cl[0] },
        { key: `i3:${o.iscoGroup.slice(0, 3)}`, value: cl[1] },
      );
      const id = kn.occupationId.get(o.uri);
      if (id === undefined) continue;
      for (const s of kn.essentialSkills[id]!) offer(kn.skillUri[s]!, c.impliedEssential);
      for (const s of kn.optionalSkills[id]!) offer(kn.skillUri[s]!, c.impliedOptional);
    }
    const jw = config.job;
    const travel = kn.travel;
    const plan: SearchPlan<JobNeedInput> = {
      point: p.home,
      ...(travel
        ? {
            radiusKm: travel.kmWithin(widestMinutes(p, travel)),
            proximity: needProximity(travel, travel.from(p.home), p),
          }
        : { radiusKm: p.mobilityKm }),
      skillKeys,
      occupationKeys,
      occupationFloor: cl[2],
      querySkillTotal: 0,
      weights: { skills: jw.skills, occupation: jw.occupation, distance: jw.distance },
      otherWeights: jw.languages + jw.qualification + jw.availability + jw.supplyChain,
      score: (n) => scoreNeedForPerson(p, n, kn, config),
      partial: (n) => jobPartialScore(p, n, config),
      filter: options.filter,
    };
    return this.store.search(plan, k);
  }
}

/** Distance value of a need for one person, −1 when distance excludes the pair. */
function needProximity(
  travel: TravelModel,
  from: (to: GeoPoint) => ReturnType<ReturnType<TravelModel['from']>>,
  p: ScoringProfile,
): (n: JobNeedInput) => number {
  return (n) => {
    const route = from(n.place);
    if (route.mode === 'none') return -1;
    const f = travelFit(route, n.radiusKm, p, travel);
    return f.inNeed || f.inMobility ? f.value : -1;
  };
}
