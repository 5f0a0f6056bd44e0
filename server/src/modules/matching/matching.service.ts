import {
  assetsForNeed,
  buildTeam,
  componentTitle,
  ENGINE_VERSION,
  exclusionSentence,
  explainAll,
  needsForAsset,
  operatorsForAsset,
  rankResults,
  reasonSentence,
  rolesForPerson,
  scoreNeedForPerson,
  scorePersonForJob,
  type Lang,
  type MatchResult,
} from '@rilancio/matcher';
import { eq, inArray } from 'drizzle-orm';
import { DEFAULT_LIMITS, type Limits } from '../../auth/limits.js';
import { consumeDailyQuota } from '../../auth/quota.js';
import { withActiveConsent } from '../privacy/consents.service.js';
import type { Principal } from '../../auth/principal.js';
import type { Database } from '../../db/client.js';
import {
  assets,
  auditLog,
  matchDecisions,
  matchOutcomes,
  needs,
  opportunities,
  profiles,
} from '../../db/schema.js';
import { NotFoundError, ValidationError } from '../../errors.js';
import { preferredLabels } from '../reference/reference.repository.js';
import type { KnowledgeCache } from './knowledge.cache.js';
import { appendRun, type RunRecord } from './match-log.repository.js';
import {
  assetPool,
  crisisCaseProfileIds,
  jobNeedPoolIds,
  latestDecisions,
  loadJobNeedInputs,
  loadOpportunityInputs,
  loadScoringProfiles,
  nearbyProfileIds,
  openNeeds,
  openOpportunities,
  toAssetInput,
  toAssetNeedInput,
  type DecisionRow,
  type PoolFilters,
} from './matching.repository.js';
import type { DecisionInput, OutcomeInput } from './matching.schema.js';
import { createRankingSwitch } from './ranking-switch.js';
import { createWeightsStore } from './weights.js';

const LANGS: Lang[] = ['it', 'fr', 'en'];

/** The same text in the three languages of the programme. */
const byLang = (text: (lang: Lang) => string): Record<Lang, string> =>
  Object.fromEntries(LANGS.map((l) => [l, text(l)])) as Record<Lang, string>;

/** Said instead of a concept whose label is missing: never its URI. */
const UNLABELLED: Record<Lang, string> = {
  it: 'una competenza o professione ESCO',
  fr: 'une compétence ou un métier ESCO',
  en: 'an ESCO skill or occupation',
};

export type CandidateType = 'profile' | 'need' | 'asset' | 'opportunity_role';

interface Candidate {
  type: CandidateType;
  id: string;
  /** What the UI shows: a pseudonymous code, a need or asset title. Never a person's name. */
  label: string;
  result: MatchResult;
  updatedAt: string | null;
}

function contributions(r: MatchResult): Record<string, number> {
  return Object.fromEntries(r.components.map((c) => [c.name, c.contribution]));
}

/**
 * Runs the matcher for every direction, records each run in the append-only log, and lays human
 * decisions over the machine's ranking: a rejected candidate stays rejected and goes last, a re-ranked
 * one keeps the operator's place, whatever a later run computes (AMAS lesson: automated re-runs never
 * silently undo a human correction).
 */
export function createMatchingService(
  db: Database,
  knowledge: KnowledgeCache,
  limits: Limits = DEFAULT_LIMITS,
) {
  const ranking = createRankingSwitch(db);
  const weights = createWeightsStore(db);

  /**
   * Labels of every ESCO concept an explanation may name: the skills of the lists and the occupations in
   * reasons ("same ISCO group: saldatore di tubazioni"). English where the language has none; never a URI.
   */
  async function skillLabels(results: MatchResult[]) {
    const uris = new Set<string>();
    const addParams = (params: Readonly<Record<string, string | number>>) => {
      for (const v of Object.values(params)) if (typeof v === 'string' && v.startsWith('http')) uris.add(v);
    };
    for (const r of results) {
      for (const m of [
        ...(r.skills?.matched ?? []),
        ...(r.skills?.partial ?? []),
        ...(r.skills?.missing ?? []),
      ])
        uris.add(m.required);
      for (const c of r.components) addParams(c.reason.params);
      for (const e of r.exclusions) addParams(e.params);
    }
    const byLang = new Map<Lang, Map<string, string>>();
    for (const lang of LANGS) byLang.set(lang, await preferredLabels(db, [...uris], lang));
    return (uri: string, lang: Lang) => byLang.get(lang)?.get(uri) ?? UNLABELLED[lang];
  }

  async function respond(
    principal: Principal,
    subject: { type: string; id: string },
    direction: string,
    poolQuery: Record<string, unknown>,
    poolSize: number,
    candidates: Candidate[],
    limit: number,
    extra: Record<string, unknown> = {},
    lang: Lang = 'it',
  ) {
    const ranked = await ranking.isEnabled();
    const decisions = await latestDecisions(db, subject.type, subject.id);
    const ordered = ranked
      ? applyDecisions(candidates, decisions).slice(0, limit)
      : [...candidates].sort((a, b) => (a.id < b.id ? -1 : 1)).slice(0, limit);
    const record: RunRecord = {
      actorUserId: principal.userId,
      actorRole: principal.role,
      direction,
      subjectType: subject.type,
      subjectId: subject.id,
      poolQuery,
      poolSize,
      engineVersion: ENGINE_VERSION,
      weightsHash: (await weights.effective()).hash,
      ranked,
      results: ordered.map((c, i) => ({
        id: c.id,
        rank: i + 1,
        score: ranked ? c.result.score : null,
        contributions: ranked ? contributions(c.result) : {},
        ...(ranked
          ? {
              components: c.result.components.map((x) => ({
                name: x.name,
                weight: x.weight,
                value: x.value,
                contribution: x.contribution,
                reason: { code: x.reason.code, params: { ...x.reason.params } },
              })),
            }
          : {}),
      })),
    };
    const run = await appendRun(db, record);
    const label = await skillLabels(ordered.map((c) => c.result));
    return {
      runId: run.id,
      ranAt: run.ranAt.toISOString(),
      subject,
      engineVersion: ENGINE_VERSION,
      weightsHash: (await weights.effective()).hash,
      ranked,
      notice: 'recommendation — human review required',
      poolSize,
      results: ordered.map((c, i) => {
        const d = decisions.get(c.id);
        const skills = c.result.skills
          ? {
              matched: c.result.skills.matched.map((m) => ({
                uri: m.required,
                label: label(m.required, lang),
                via: m.via,
              })),
              partial: c.result.skills.partial.map((m) => ({
                uri: m.required,
                label: label(m.required, lang),
                via: m.via,
              })),
              missing: c.result.skills.missing.map((m) => ({
                uri: m.required,
                label: label(m.required, lang),
                via: null,
              })),
            }
          : null;
        const explanation = explainAll(c.result, { label });
        return {
          rank: i + 1,
          candidateType: c.type,
          candidateId: c.id,
          label: c.label,
          dataUpdatedAt: c.updatedAt,
          ...(ranked
            ? {
                score: c.result.score,
                components: c.result.components.map((x) => ({
                  name: x.name,
                  // What screens show: the component's name and its reason as sentences, never the codes.
                  title: byLang((l) => componentTitle(x.name, l)),
                  weight: x.weight,
                  value: x.value,
                  contribution: x.contribution,
                  reason: x.reason.code,
                  reasonText: byLang((l) => reasonSentence(x, l, { label })),
                })),
                skills,
                explanation: Object.fromEntries(
                  LANGS.map((l) => [
                    l,
                    { summary: explanation[l].summary, lines: [...explanation[l].lines] },
                  ]),
                ),
              }
            : {}),
          exclusions: c.result.exclusions.map((e) => e.code),
          decision: d
            ? {
                action: d.action,
                reasonCode: d.reasonCode,
                note: d.note,
                at: d.at.toISOString(),
                finalRank: d.finalRank,
              }
            : null,
        };
      }),
      ...extra,
    };
  }

  async function needOr404(id: string, principal: Principal) {
    const [need] = await db.select().from(needs).where(eq(needs.id, id));
    if (!need || (principal.role === 'company' && principal.firmId !== need.firmId))
      throw new NotFoundError('need', id);
    return need;
  }

  async function profileCandidates(results: MatchResult[]): Promise<Candidate[]> {
    const ids = results.map((r) => r.id);
    const rows = ids.length
      ? await db
          .select({ id: profiles.id, code: profiles.code, updatedAt: profiles.updatedAt })
          .from(profiles)
      : [];
    const by = new Map(rows.map((r) => [r.id, r]));
    return results.map((r) => ({
      type: 'profile' as const,
      id: r.id,
      label: by.get(r.id)?.code ?? r.id,
      result: r,
      updatedAt: by.get(r.id)?.updatedAt.toISOString() ?? null,
    }));
  }

  return {
    ranking,
    weights,

    /** People for a job need, or assets for an asset need. */
    async forNeed(id: string, filters: PoolFilters, limit: number, principal: Principal, lang: Lang = 'it') {
      const need = await needOr404(id, principal);
      const k = await knowledge.get();
      const { config } = await weights.effective();
      if (need.type === 'asset') {
        const input = toAssetNeedInput(need);
        const pool = await assetPool(db, input);
        const today = new Date().toISOString().slice(0, 10);
        const found = assetsForNeed(input, pool.map(toAssetInput), today, limit, config);
        const titles = new Map(pool.map((a) => [a.id, a]));
        const asCandidate = (r: MatchResult): Candidate => ({
          type: 'asset',
          id: r.id,
          label: titles.get(r.id)?.title ?? r.id,
          result: r,
          updatedAt: titles.get(r.id)?.updatedAt.toISOString() ?? null,
        });
        return respond(
          principal,
          { type: 'need', id },
          'asset_need_to_assets',
          { kind: input.kind, radiusKm: input.radiusKm },
          pool.length,
          found.results.map(asCandidate),
          limit,
          {
            nearMisses: found.nearMisses.map((m) => ({
              candidateId: m.result.id,
              label: titles.get(m.result.id)?.title ?? m.result.id,
              gap: m.gap,
              whyNot: m.result.exclusions.map((e) => ({
                code: e.code,
                params: e.params,
                text: byLang((l) => exclusionSentence(e, l)),
              })),
            })),
          },
          lang,
        );
      }
      const [input] = await loadJobNeedInputs(db, [need]);
      const poolIds = await jobNeedPoolIds(db, input!, filters);
      const people = await loadScoringProfiles(db, poolIds);
      const scored = rankResults(
        people.map((p) => scorePersonForJob(p, input!, k, config)).filter((r) => r.exclusions.length === 0),
      );
      return respond(
        principal,
        { type: 'need', id },
        'job_need_to_people',
        { ...filters, occupationUri: input!.occupationUri, radiusKm: input!.radiusKm },
        people.length,
        await profileCandidates(scored),
        limit,
        {},
        lang,
      );
    },

    /** Job needs and opportunity roles that fit a person. */
    async forProfile(id: string, limit: number, principal: Principal, lang: Lang = 'it') {
      const [person] = await loadScoringProfiles(db, [id]);
      if (!person) throw new NotFoundError('profile', id);
      const k = await knowledge.get();
      const { config } = await weights.effective();
      const needRows = await openNeeds(db, 'job');
      const jobInputs = await loadJobNeedInputs(db, needRows);
      const jobResults = rankResults(
        jobInputs
          .map((n) => scoreNeedForPerson(person, n, k, config))
          .filter((r) => r.exclusions.length === 0),
      );
      const oppRows = await openOpportunities(db);
      const roleResults = rolesForPerson(person, await loadOpportunityInputs(db, oppRows), k, limit, config);
      const needTitles = new Map(needRows.map((n) => [n.id, n]));
      const oppTitles = new Map(oppRows.map((o) => [o.id, o.title]));
      const candidates: Candidate[] = [
        ...jobResults.map((r) => ({
          type: 'need' as const,
          id: r.id,
          label: needTitles.get(r.id)?.title ?? r.id,
          result: r,
          updatedAt: needTitles.get(r.id)?.updatedAt.toISOString() ?? null,
        })),
        ...roleResults.map((r) => ({
          type: 'opportunity_role' as const,
          id: r.id,
          label: oppTitles.get(r.id.split('#')[0]!) ?? r.id,
          result: r,
          updatedAt: null,
        })),
      ].sort((a, b) => b.result.score - a.result.score || (a.id < b.id ? -1 : 1));
      return respond(
        principal,
        { type: 'profile', id },
        'person_to_needs_and_roles',
        { openNeeds: needRows.length, openOpportunities: oppRows.length },
        needRows.length + oppRows.length,
        candidates,
        limit,
        {},
        lang,
      );
    },

    /** Team builder for a buy-out, spin-off, start-up or community cooperative. */
    async team(id: string, filters: PoolFilters, principal: Principal, lang: Lang = 'it') {
      const [row] = await db.select().from(opportunities).where(eq(opportunities.id, id));
      if (!row) throw new NotFoundError('opportunity', id);
      const [opp] = await loadOpportunityInputs(db, [row]);
      const k = await knowledge.get();
      const { config } = await weights.effective();
      const ids = new Set(
        opp!.crisisCaseId ? await crisisCaseProfileIds(db, opp!.crisisCaseId, filters) : [],
      );
      for (const pid of await nearbyProfileIds(db, opp!.place, config.team.radiusKm, filters)) ids.add(pid);
      const pool = await loadScoringProfiles(db, [...ids]);
      const team = buildTeam(opp!, pool, k, config);
      const assigned = team.roles.flatMap((role) => role.members);
      const codes = new Map(pool.map((p) => [p.id, p.code]));
      const occupationOf = new Map(opp!.roles.map((r) => [r.id, r.occupationUri]));
      const occupationLabels = await preferredLabels(
        db,
        [...new Set(opp!.roles.map((r) => r.occupationUri))],
        lang,
      );
      const run = await respond(
        principal,
        { type: 'opportunity', id },
        'opportunity_to_team',
        { ...filters, crisisCaseId: opp!.crisisCaseId },
        pool.length,
        (await profileCandidates(assigned)).map((c) => ({ ...c, label: codes.get(c.id) ?? c.label })),
        1000,
      );
      return {
        ...run,
        teamScore: team.teamScore,
        coverage: team.coverage,
        roles: team.roles.map((role) => ({
          roleId: role.roleId,
          occupationUri: occupationOf.get(role.roleId) ?? '',
          occupationLabel: occupationLabels.get(occupationOf.get(role.roleId) ?? '') ?? null,
          required: role.required,
          filled: role.filled,
          missing: role.missing,
          members: role.members.map((m) => ({
            profileId: m.id,
            code: codes.get(m.id) ?? '',
            score: m.score,
          })),
          alternates: role.alternates.map((m) => ({
            profileId: m.id,
            code: codes.get(m.id) ?? '',
            score: m.score,
          })),
        })),
        missingRoles: team.missingRoles.map((m) => ({
          roleId: m.roleId,
          occupationUri: occupationOf.get(m.roleId) ?? '',
          occupationLabel: occupationLabels.get(occupationOf.get(m.roleId) ?? '') ?? null,
          missing: m.missing,
        })),
      };
    },

    /** People who can operate an asset, and asset needs it could satisfy. */
    async forAsset(id: string, filters: PoolFilters, limit: number, principal: Principal, lang: Lang = 'it') {
      const [row] = await db.select().from(assets).where(eq(assets.id, id));
      if (!row) throw new NotFoundError('asset', id);
      const asset = toAssetInput(row);
      const k = await knowledge.get();
      const { config } = await weights.effective();
      const people = await loadScoringProfiles(db, await nearbyProfileIds(db, asset.location, 150, filters));
      const operators = operatorsForAsset(asset, people, k, limit, config).filter(
        (r) => r.exclusions.length === 0,
      );
      const needRows = await openNeeds(db, 'asset');
      const today = new Date().toISOString().slice(0, 10);
      const fits = needsForAsset(asset, needRows.map(toAssetNeedInput), today, limit, config).filter(
        (r) => r.exclusions.length === 0,
      );
      const needTitles = new Map(needRows.map((n) => [n.id, n]));
      const candidates: Candidate[] = [
        ...(await profileCandidates(operators)),
        ...fits.map((r) => ({
          type: 'need' as const,
          id: r.id,
          label: needTitles.get(r.id)?.title ?? r.id,
          result: r,
          updatedAt: needTitles.get(r.id)?.updatedAt.toISOString() ?? null,
        })),
      ];
      return respond(
        principal,
        { type: 'asset', id },
        'asset_to_operators_and_needs',
        { ...filters, radiusKm: 150 },
        people.length + needRows.length,
        candidates,
        limit * 2,
        {},
        lang,
      );
    },

    /** Records an operator's decision. Append-only; the latest decision per candidate is in force. */
    async decide(input: DecisionInput, principal: Principal) {
      if (input.subjectType === 'need') await needOr404(input.subjectId, principal);
      if (input.action === 'rerank' && !input.finalRank)
        throw new ValidationError([{ path: 'finalRank', reason: 'a re-rank needs the new rank' }]);
      const [row] = await db
        .insert(matchDecisions)
        .values({
          actorUserId: principal.userId,
          runId: input.runId ?? null,
          subjectType: input.subjectType,
          subjectId: input.subjectId,
          candidateType: input.candidateType,
          candidateId: input.candidateId,
          action: input.action,
          reasonCode: input.reasonCode,
          note: input.note,
          originalRank: input.originalRank ?? null,
          finalRank: input.finalRank ?? null,
        })
        .returning();
      return { id: row!.id, at: row!.at.toISOString(), action: row!.action };
    },

    /**
     * What a company sees for its own need: only candidates an operator approved, by pseudonymous code,
     * with the explanation — never names or contacts (A6).
     */
    async approvedCandidates(needId: string, principal: Principal) {
      const need = await needOr404(needId, principal);
      await consumeDailyQuota(db, principal, 'candidate_views', limits.companyCandidateViewsPerDay);
      const decisions = await latestDecisions(db, 'need', needId);
      const approvedIds = [...decisions.values()]
        .filter((d) => d.action === 'approve' && d.candidateType === 'profile')
        .map((d) => d.candidateId);
      // Companies see a person only while they consent to it; withdrawal takes effect on the next request.
      const shared = await withActiveConsent(db, approvedIds, 'share_with_companies');
      const contactable = await withActiveConsent(db, approvedIds, 'contact_by_companies');
      const [input] = await loadJobNeedInputs(db, [need]);
      const people = await loadScoringProfiles(
        db,
        approvedIds.filter((id) => shared.has(id)),
      );
      const contactRows = contactable.size
        ? await db
            .select({
              id: profiles.id,
              firstName: profiles.firstName,
              lastName: profiles.lastName,
              email: profiles.email,
              phone: profiles.phone,
            })
            .from(profiles)
            .where(inArray(profiles.id, [...contactable]))
        : [];
      const contacts = new Map(contactRows.map((c) => [c.id, c]));
      const k = await knowledge.get();
      const { config } = await weights.effective();
      const results = input ? rankResults(people.map((p) => scorePersonForJob(p, input, k, config))) : [];
      const label = await skillLabels(results);
      const codes = new Map(people.map((p) => [p.id, p]));
      return {
        needId,
        candidates: results.map((r) => {
          const explanation = explainAll(r, { label });
          const p = codes.get(r.id)!;
          return {
            code: p.code,
            score: r.score,
            occupations: p.occupations.map((o) => ({ uri: o.uri, years: o.years })),
            languages: p.languages.map((l) => ({ code: l.code, level: l.cefr })),
            eqfLevel: p.eqfLevel,
            availableFrom: p.availableFrom,
            approvedAt: decisions.get(r.id)!.at.toISOString(),
            contact: contacts.has(r.id)
              ? {
                  name: `${contacts.get(r.id)!.firstName} ${contacts.get(r.id)!.lastName}`,
                  email: contacts.get(r.id)!.email,
                  phone: contacts.get(r.id)!.phone,
                }
              : null,
            explanation: Object.fromEntries(
              LANGS.map((l) => [l, { summary: explanation[l].summary, lines: [...explanation[l].lines] }]),
            ),
          };
        }),
      };
    },

    /**
     * A company asks to contact an approved candidate (journey 3). With the person's consent to be contacted
     * the contact details are shared and the outcome "contacted" is recorded; without it the request is
     * logged for the desk, which asks the person. Either way the request is in the audit log.
     */
    async requestContact(needId: string, code: string, principal: Principal) {
      await needOr404(needId, principal);
      const decisions = await latestDecisions(db, 'need', needId);
      const [person] = await db
        .select({
          id: profiles.id,
          firstName: profiles.firstName,
          lastName: profiles.lastName,
          email: profiles.email,
          phone: profiles.phone,
        })
        .from(profiles)
        .where(eq(profiles.code, code));
      const approved = person && decisions.get(person.id)?.action === 'approve';
      const shared =
        approved && (await withActiveConsent(db, [person.id], 'share_with_companies')).has(person.id);
      if (!person || !shared) throw new NotFoundError('candidate', code);
      const contactable = (await withActiveConsent(db, [person.id], 'contact_by_companies')).has(person.id);
      await db.insert(auditLog).values({
        actorUserId: principal.userId,
        actorRole: principal.role,
        action: contactable ? 'contact.shared' : 'contact.requested',
        subjectType: 'profile',
        subjectId: person.id,
        details: { needId },
      });
      if (!contactable) return { status: 'pending_consent' as const, contact: null };
      await db.insert(matchOutcomes).values({
        needId,
        profileId: person.id,
        outcome: 'contacted',
        note: 'contact requested by the company',
        actorUserId: principal.userId,
      });
      return {
        status: 'shared' as const,
        contact: { name: `${person.firstName} ${person.lastName}`, email: person.email, phone: person.phone },
      };
    },

    async recordOutcome(needId: string, input: OutcomeInput, principal: Principal) {
      await needOr404(needId, principal);
      const [row] = await db
        .insert(matchOutcomes)
        .values({
          needId,
          profileId: input.profileId,
          outcome: input.outcome,
          note: input.note,
          actorUserId: principal.userId,
        })
        .returning();
      return { id: row!.id, at: row!.at.toISOString(), outcome: row!.outcome };
    },

    async setRanking(enabled: boolean, reason: string, principal: Principal) {
      await ranking.set(enabled, principal.userId);
      await db.insert(auditLog).values({
        actorUserId: principal.userId,
        actorRole: principal.role,
        action: enabled ? 'ranking.enabled' : 'ranking.disabled',
        subjectType: 'setting',
        subjectId: 'ranking',
        details: { reason },
      });
      return { enabled };
    },
  };
}
export type MatchingService = ReturnType<typeof createMatchingService>;

/**
 * Machine order, then human decisions on top: re-ranked candidates take the place the operator gave them,
 * rejected ones go last (kept visible, marked), everyone else keeps the machine's order.
 */
export function applyDecisions<T extends { id: string }>(
  ranked: T[],
  decisions: Map<string, DecisionRow>,
): T[] {
  const rejected = ranked.filter((c) => decisions.get(c.id)?.action === 'reject');
  const rest = ranked.filter((c) => decisions.get(c.id)?.action !== 'reject');
  const pinned = rest
    .filter((c) => decisions.get(c.id)?.action === 'rerank' && decisions.get(c.id)?.finalRank)
    .sort((a, b) => decisions.get(a.id)!.finalRank! - decisions.get(b.id)!.finalRank!);
  const free = rest.filter((c) => !pinned.includes(c));
  const out = [...free];
  for (const c of pinned) out.splice(Math.min(decisions.get(c.id)!.finalRank! - 1, out.length), 0, c);
  return [...out, ...rejected];
}
