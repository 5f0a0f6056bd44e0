import {
  CandidateIndex,
  NeedIndex,
  PoolEvidenceCache,
  SkillViewCache,
  teamPoolSteps,
  type AssetInput,
  type AssetKind,
  type AssetNeedInput,
  type JobNeedInput,
  type Knowledge,
  type OpportunityInput,
  type ScoringConfig,
  type ScoringProfile,
  type TopKResult,
} from '@rilancio/matcher';
import type { PoolFilters, ProfileRecord } from '../matching.repository.js';

export type MatchAggregate = 'profile' | 'need' | 'asset' | 'opportunity';

/**
 * What the server matches against, in memory: matchable profiles (live, not erased), open job and asset
 * needs, offered assets and open opportunities, each with the version it was read at. Records hold only
 * what the matcher scores (ScoringProfile has no field for a name or a contact) plus the profile's region
 * for the pool filter. Fed by the outbox (match-index.feed.ts); queries are the matcher's exact top-k.
 */
export class MatchIndex {
  private readonly people: CandidateIndex;
  private readonly jobNeeds: NeedIndex;
  private readonly assetNeeds = new Map<string, AssetNeedInput>();
  private readonly assets = new Map<string, AssetInput>();
  private readonly opportunities = new Map<string, OpportunityInput>();
  private readonly regionOf = new Map<string, string | null>();
  private readonly versions: Record<MatchAggregate, Map<string, number>> = {
    profile: new Map(),
    need: new Map(),
    asset: new Map(),
    opportunity: new Map(),
  };

  /** The team builder's skill views and pool postings, kept between runs (an operator reruns a team often). */
  readonly skillViews: SkillViewCache;
  readonly teamPools = new PoolEvidenceCache();

  constructor(readonly knowledge: Knowledge) {
    this.people = new CandidateIndex(knowledge);
    this.skillViews = new SkillViewCache(knowledge);
    this.jobNeeds = new NeedIndex(knowledge);
  }

  /** Ids and versions held, per type: what reconciliation compares with the database. */
  held(type: MatchAggregate): ReadonlyMap<string, number> {
    return this.versions[type];
  }

  get counts() {
    return {
      profiles: this.people.size,
      jobNeeds: this.jobNeeds.size,
      assetNeeds: this.assetNeeds.size,
      assets: this.assets.size,
      opportunities: this.opportunities.size,
    };
  }

  putProfile(r: ProfileRecord): void {
    this.people.update(r.profile);
    this.regionOf.set(r.profile.id, r.region);
    this.versions.profile.set(r.profile.id, r.version);
  }

  putJobNeed(n: JobNeedInput, version: number): void {
    this.assetNeeds.delete(n.id);
    this.jobNeeds.update(n);
    this.versions.need.set(n.id, version);
  }

  putAssetNeed(n: AssetNeedInput, version: number): void {
    this.jobNeeds.remove(n.id);
    this.assetNeeds.set(n.id, n);
    this.versions.need.set(n.id, version);
  }

  putAsset(a: AssetInput, version: number): void {
    this.assets.set(a.id, a);
    this.versions.asset.set(a.id, version);
  }

  putOpportunity(o: OpportunityInput, version: number): void {
    this.opportunities.set(o.id, o);
    this.versions.opportunity.set(o.id, version);
  }

  remove(type: MatchAggregate, id: string): void {
    this.versions[type].delete(id);
    if (type === 'profile') {
      this.people.remove(id);
      this.regionOf.delete(id);
    } else if (type === 'need') {
      this.jobNeeds.remove(id);
      this.assetNeeds.delete(id);
    } else if (type === 'asset') this.assets.delete(id);
    else this.opportunities.delete(id);
  }

  /** The pool filters of the match endpoints, as a predicate over indexed people. */
  private accepts(filters: PoolFilters): ((p: ScoringProfile) => boolean) | undefined {
    const { deskId, employmentStatus, region } = filters;
    if (!deskId && !employmentStatus && !region) return undefined;
    return (p) =>
      (!deskId || p.deskId === deskId) &&
      (!employmentStatus || p.employmentStatus === employmentStatus) &&
      (!region || this.regionOf.get(p.id) === region);
  }

  /** One indexed person, if they pass the pool filters (a re-ranked candidate scored outside the top k). */
  person(id: string, filters: PoolFilters): ScoringProfile | undefined {
    const p = this.people.get(id);
    const keep = this.accepts(filters);
    return p && (!keep || keep(p)) ? p : undefined;
  }

  peopleForJob(need: JobNeedInput, k: number, config: ScoringConfig, filters: PoolFilters): TopKResult {
    return this.people.topKForJob(need, k, { config, filter: this.accepts(filters) });
  }

  operatorsForAsset(asset: AssetInput, k: number, config: ScoringConfig, filters: PoolFilters): TopKResult {
    return this.people.topKForAsset(asset, k, { config, filter: this.accepts(filters) });
  }

  jobNeedsForPerson(p: ScoringProfile, k: number, config: ScoringConfig): TopKResult {
    return this.jobNeeds.topKForPerson(p, k, { config });
  }

  /**
   * Workers of the opportunity's crisis case, then those living within the team radius, in steps (run
   * with `runInSteps`): at regional scale the radius holds tens of thousands of people.
   */
  *teamPool(
    opp: OpportunityInput,
    config: ScoringConfig,
    filters: PoolFilters,
  ): Generator<void, ScoringProfile[]> {
    const pool = yield* teamPoolSteps(this.people, opp, config);
    const keep = this.accepts(filters);
    return keep ? pool.filter(keep) : pool;
  }

  /** People living within `minutes` of a point by road and all-year ferries (the offer pack's counts). */
  peopleWithinMinutes(point: { lat: number; lon: number }, minutes: number): ScoringProfile[] {
    return this.people.withinMinutes(point, minutes);
  }

  /** Offered assets of one kind (the matcher applies distance, size, budget and dates). */
  assetsOfKind(kind: AssetKind): AssetInput[] {
    return [...this.assets.values()].filter((a) => a.kind === kind);
  }

  openAssetNeeds(): AssetNeedInput[] {
    return [...this.assetNeeds.values()];
  }

  openOpportunities(): OpportunityInput[] {
    return [...this.opportunities.values()];
  }
}
