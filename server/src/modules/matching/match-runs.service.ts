import {
  assetsForNeed,
  teamSteps,
  exclusionSentence,
  needsForAsset,
  rankResults,
  rolesForPerson,
  scorePersonForJob,
  type Lang,
  type MatchResult,
} from '@rilancio/matcher';
import { eq } from 'drizzle-orm';
import type { Principal } from '../../auth/principal.js';
import { readableNeedOr404 } from './readable-need.js';
import type { Database } from '../../db/client.js';
import { assets, opportunities } from '../../db/schema.js';
import { NotFoundError } from '../../errors.js';
import { runInSteps } from '../../lib/event-loop.js';
import { preferredLabelsIn } from '../reference/index.js';
import type { MatchFeed } from './index/match-index.feed.js';
import type { MatchIndex } from './index/match-index.js';
import {
  liveAssetLabels,
  liveNeedLabels,
  liveOpportunityTitles,
  liveProfileLabels,
} from './index/match-index.repository.js';
import {
  latestDecisions,
  loadJobNeedInputs,
  loadOpportunityInputs,
  loadProfileRecords,
  toAssetInput,
  toAssetNeedInput,
  type DecisionRow,
  type PoolFilters,
} from './matching.repository.js';
import { byLang, respondWith, type Candidate } from './run-response.js';
import { readRunSettings } from './run-settings.js';

/** With the ranking switched off, the page is the first candidates by id: filter-only, no score. */
const UNRANKED = Number.MAX_SAFE_INTEGER;

/**
 * The four match directions (need → people or assets, person → needs and roles, opportunity → team,
 * asset → operators and needs) over the in-memory match index, with a fixed number of queries per run
 * whatever the number of records: the subject, the settings snapshot, the decisions, the labels of the
 * result page, the log. The result page is checked against the database as it is labelled, so a profile
 * ended or erased a moment ago never shows even before the outbox reached the index.
 */
export function createMatchRuns(db: Database, feed: MatchFeed) {
  /** How many to fetch so that human decisions (rejected go last, re-ranked keep their place) fill the page. */
  const depth = (limit: number, decisions: Map<string, DecisionRow>) => limit + decisions.size;

  /**
   * Runs `query` and labels its profiles from the database. Profiles gone or changed since the index read
   * them are dropped or re-read and the query runs again (twice at most; then the gone are left out).
   */
  async function verifiedPeople(ix: MatchIndex, query: () => MatchResult[]): Promise<Candidate[]> {
    for (let round = 0; ; round++) {
      const results = query();
      const rows = await liveProfileLabels(
        db,
        results.map((r) => r.id),
      );
      const live = new Map(rows.map((r) => [r.id, r]));
      const gone = results.filter((r) => !live.has(r.id)).map((r) => r.id);
      const newer = rows.filter((r) => r.version > (ix.held('profile').get(r.id) ?? 0)).map((r) => r.id);
      if ((gone.length === 0 && newer.length === 0) || round === 2)
        return results
          .filter((r) => live.has(r.id))
          .map((r) => ({
            type: 'profile' as const,
            id: r.id,
            label: live.get(r.id)!.code,
            result: r,
            updatedAt: live.get(r.id)!.updatedAt.toISOString(),
          }));
      for (const id of gone) ix.remove('profile', id);
      await feed.apply('profile', newer);
    }
  }

  /** Needs on a result page, labelled by title; closed or ended ones are dropped from the page and index. */
  async function verifiedNeeds(ix: MatchIndex, results: MatchResult[]): Promise<Candidate[]> {
    const rows = await liveNeedLabels(
      db,
      results.map((r) => r.id),
    );
    const live = new Map(rows.map((r) => [r.id, r]));
    for (const r of results) if (!live.has(r.id)) ix.remove('need', r.id);
    return results
      .filter((r) => live.has(r.id))
      .map((r) => ({
        type: 'need' as const,
        id: r.id,
        label: live.get(r.id)!.title,
        result: r,
        updatedAt: live.get(r.id)!.updatedAt.toISOString(),
      }));
  }

  const needOr404 = (id: string, principal: Principal) => readableNeedOr404(db, id, principal);

  const today = () => new Date().toISOString().slice(0, 10);

  return {
    /** People for a job need, or assets for an asset need. */
    async forNeed(id: string, filters: PoolFilters, limit: number, principal: Principal, lang: Lang = 'it') {
      const need = await needOr404(id, principal);
      const settings = await readRunSettings(db);
      const { config } = settings.weights;
      const decisions = await latestDecisions(db, 'need', id);
      const ix = await feed.index();
      if (need.type === 'asset') {
        const input = toAssetNeedInput(need);
        const pool = ix.assetsOfKind(input.kind);
        const found = assetsForNeed(input, pool, today(), depth(limit, decisions), config);
        const rows = await liveAssetLabels(db, [
          ...found.results.map((r) => r.id),
          ...found.nearMisses.map((m) => m.result.id),
          ...found.excluded.map((m) => m.result.id),
        ]);
        const live = new Map(rows.map((a) => [a.id, a]));
        const whyNot = (misses: typeof found.excluded) =>
          misses
            .filter((m) => live.has(m.result.id))
            .slice(0, limit)
            .map((m) => ({
              candidateId: m.result.id,
              label: live.get(m.result.id)!.title,
              // Infinity (a yes/no criterion) has no JSON form.
              gap: Number.isFinite(m.gap) ? m.gap : null,
              whyNot: m.result.exclusions.map((e) => ({
                code: e.code,
                params: e.params,
                text: byLang((l) => exclusionSentence(e, l)),
              })),
            }));
        const candidates = found.results
          .filter((r) => live.has(r.id))
          .map((r) => ({
            type: 'asset' as const,
            id: r.id,
            label: live.get(r.id)!.title,
            result: r,
            updatedAt: live.get(r.id)!.updatedAt.toISOString(),
          }));
        return respondWith(db, {
          principal,
          settings,
          subject: { type: 'need', id },
          direction: 'asset_need_to_assets',
          poolQuery: { kind: input.kind, radiusKm: input.radiusKm },
          poolSize: pool.length,
          decisions,
          candidates,
          limit,
          lang,
          extra: {
            nearMisses: whyNot(found.nearMisses),
            // Every asset a hard criterion keeps out, with each criterion it fails in words: a desk sees
            // why the shed it expected is not on the list (issue 17).
            excluded: whyNot(found.excluded),
          },
        });
      }
      const [input] = await loadJobNeedInputs(db, [need]);
      if (!input) throw new NotFoundError('need', id);
      const k = settings.ranked ? depth(limit, decisions) : UNRANKED;
      let poolSize = 0;
      const people = await verifiedPeople(ix, () => {
        const found = ix.peopleForJob(input, k, config, filters);
        poolSize = found.stats.candidates;
        // A re-ranked person keeps the operator's place even when the machine now ranks them lower.
        const seen = new Set(found.results.map((r) => r.id));
        const pinned = [...decisions.values()]
          .filter((d) => d.action === 'rerank' && d.candidateType === 'profile' && !seen.has(d.candidateId))
          .map((d) => ix.person(d.candidateId, filters))
          .filter((p) => p !== undefined)
          .map((p) => scorePersonForJob(p, input, ix.knowledge, config))
          .filter((r) => r.exclusions.length === 0);
        return rankResults([...found.results, ...pinned]);
      });
      return respondWith(db, {
        principal,
        settings,
        subject: { type: 'need', id },
        direction: 'job_need_to_people',
        poolQuery: { ...filters, occupationUri: input.occupationUri, radiusKm: input.radiusKm },
        poolSize,
        decisions,
        candidates: people,
        limit,
        lang,
      });
    },

    /** Job needs and opportunity roles that fit a person. */
    async forProfile(id: string, limit: number, principal: Principal, lang: Lang = 'it') {
      const [record] = await loadProfileRecords(db, [id]);
      if (!record) throw new NotFoundError('profile', id);
      const person = record.profile;
      const settings = await readRunSettings(db);
      const { config } = settings.weights;
      const decisions = await latestDecisions(db, 'profile', id);
      const ix = await feed.index();
      const k = settings.ranked ? depth(limit, decisions) : UNRANKED;
      const jobs = ix.jobNeedsForPerson(person, k, config);
      const openOpportunities = ix.openOpportunities();
      const roles = rolesForPerson(person, openOpportunities, ix.knowledge, k, config);
      const needCandidates = await verifiedNeeds(ix, jobs.results);
      const titles = new Map(
        (await liveOpportunityTitles(db, [...new Set(roles.map((r) => r.id.split('#')[0]!))])).map((o) => [
          o.id,
          o.title,
        ]),
      );
      const candidates: Candidate[] = [
        ...needCandidates,
        ...roles
          .filter((r) => titles.has(r.id.split('#')[0]!))
          .map((r) => ({
            type: 'opportunity_role' as const,
            id: r.id,
            label: titles.get(r.id.split('#')[0]!)!,
            result: r,
            updatedAt: null,
          })),
      ].sort((a, b) => b.result.score - a.result.score || (a.id < b.id ? -1 : 1));
      return respondWith(db, {
        principal,
        settings,
        subject: { type: 'profile', id },
        direction: 'person_to_needs_and_roles',
        poolQuery: { openNeeds: ix.counts.jobNeeds, openOpportunities: openOpportunities.length },
        poolSize: ix.counts.jobNeeds + openOpportunities.length,
        decisions,
        candidates,
        limit,
        lang,
      });
    },

    /** Team builder for a buy-out, spin-off, start-up or community cooperative. */
    async team(id: string, filters: PoolFilters, principal: Principal, lang: Lang = 'it') {
      const [row] = await db.select().from(opportunities).where(eq(opportunities.id, id));
      if (!row) throw new NotFoundError('opportunity', id);
      const [opp] = await loadOpportunityInputs(db, [row]);
      const settings = await readRunSettings(db);
      const { config } = settings.weights;
      const decisions = await latestDecisions(db, 'opportunity', id);
      const ix = await feed.index();
      const pool = await runInSteps(ix.teamPool(opp!, config, filters));
      const team = await runInSteps(
        teamSteps(opp!, pool, ix.knowledge, config, {
          skillViews: ix.skillViews,
          pools: ix.teamPools,
        }),
      );
      const shown = [
        ...team.roles.flatMap((role) => role.members),
        ...team.roles.flatMap((role) => role.alternates),
      ];
      // Members and alternates are labelled (and checked live) in one query.
      const people = await verifiedPeople(ix, () => shown);
      const codes = new Map(people.map((c) => [c.id, c.label]));
      const memberIds = new Set(team.roles.flatMap((role) => role.members.map((m) => m.id)));
      const occupationOf = new Map(opp!.roles.map((r) => [r.id, r.occupationUri]));
      const occupationLabel = await preferredLabelsIn(
        db,
        opp!.roles.map((r) => r.occupationUri),
        [lang],
      );
      const occupation = (roleId: string) => {
        const uri = occupationOf.get(roleId) ?? '';
        return { occupationUri: uri, occupationLabel: uri ? occupationLabel(uri, lang) : null };
      };
      const member = (m: MatchResult) => ({ profileId: m.id, code: codes.get(m.id) ?? '', score: m.score });
      const run = await respondWith(db, {
        principal,
        settings,
        subject: { type: 'opportunity', id },
        direction: 'opportunity_to_team',
        poolQuery: { ...filters, crisisCaseId: opp!.crisisCaseId },
        poolSize: pool.length,
        decisions,
        candidates: people.filter((c) => memberIds.has(c.id)),
        limit: 1000,
        lang,
      });
      return {
        ...run,
        teamScore: team.teamScore,
        coverage: team.coverage,
        roles: team.roles.map((role) => ({
          roleId: role.roleId,
          ...occupation(role.roleId),
          required: role.required,
          filled: role.filled,
          missing: role.missing,
          members: role.members.filter((m) => codes.has(m.id)).map(member),
          alternates: role.alternates.filter((m) => codes.has(m.id)).map(member),
        })),
        missingRoles: team.missingRoles.map((m) => ({
          roleId: m.roleId,
          ...occupation(m.roleId),
          missing: m.missing,
        })),
      };
    },

    /** People who can operate an asset, and asset needs it could satisfy. */
    async forAsset(id: string, filters: PoolFilters, limit: number, principal: Principal, lang: Lang = 'it') {
      const [row] = await db.select().from(assets).where(eq(assets.id, id));
      if (!row) throw new NotFoundError('asset', id);
      const asset = toAssetInput(row);
      const settings = await readRunSettings(db);
      const { config } = settings.weights;
      const decisions = await latestDecisions(db, 'asset', id);
      const ix = await feed.index();
      const k = settings.ranked ? depth(limit, decisions) : UNRANKED;
      let poolSize = 0;
      const operators = await verifiedPeople(ix, () => {
        const found = ix.operatorsForAsset(asset, k, config, filters);
        poolSize = found.stats.candidates;
        return found.results;
      });
      const openAssetNeeds = ix.openAssetNeeds();
      const fits = needsForAsset(asset, openAssetNeeds, today(), k, config).filter(
        (r) => r.exclusions.length === 0,
      );
      const candidates: Candidate[] = [...operators, ...(await verifiedNeeds(ix, fits))];
      return respondWith(db, {
        principal,
        settings,
        subject: { type: 'asset', id },
        direction: 'asset_to_operators_and_needs',
        poolQuery: { ...filters, radiusKm: 150 },
        poolSize: poolSize + openAssetNeeds.length,
        decisions,
        candidates,
        limit: limit * 2,
        lang,
      });
    },
  };
}
export type MatchRuns = ReturnType<typeof createMatchRuns>;
