import { explainAll, rankResults, scorePersonForJob, type Lang, type MatchResult } from '@rilancio/matcher';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { DEFAULT_LIMITS, type Limits } from '../../auth/limits.js';
import { consumeDailyQuota } from '../../auth/quota.js';
import { withActiveConsent } from '../shared/consent.js';
import { allows, authorize } from '../../auth/policy.js';
import type { Principal } from '../../auth/principal.js';
import { readableNeedOr404 } from './readable-need.js';
import { auditPersonalReads } from '../shared/audit.js';
import { profileOwners } from '../profiles/index.js';
import type { Database } from '../../db/client.js';
import { assets, auditLog, matchDecisions, needs, opportunities, profiles } from '../../db/schema.js';
import { NotFoundError, ValidationError } from '../../errors.js';
import { preferredLabels } from '../reference/index.js';
import type { MatchFeed } from './index/match-index.feed.js';
import { createMatchRuns } from './match-runs.service.js';
import { latestDecisions, loadJobNeedInputs, loadScoringProfiles } from './matching.repository.js';
import type { DecisionInput, OutcomeInput } from './matching.schema.js';
import { checkDecisionReason } from './decision-reasons.js';
import { contactRequestDates } from './contact-requests.js';
import { recordCheckedOutcome, recordContactIfNext } from './outcome-record.js';
import { outcomeStates } from './outcome-states.js';
import { createRankingSwitch } from './ranking-switch.js';
import { createWeightsStore } from './weights.js';

const LANGS: Lang[] = ['it', 'fr', 'en'];

const UNLABELLED: Record<Lang, string> = {
  it: 'una competenza o professione ESCO',
  fr: 'une compétence ou un métier ESCO',
  en: 'an ESCO skill or occupation',
};

export type { CandidateType } from './run-response.js';

/**
 * Runs the matcher for every direction, records each run in the append-only log, and lays human
 * decisions over the machine's ranking: a rejected candidate stays rejected and goes last, a re-ranked
 * one keeps the operator's place, whatever a later run computes (AMAS lesson: automated re-runs never
 * silently undo a human correction).
 */
export function createMatchingService(db: Database, feed: MatchFeed, limits: Limits = DEFAULT_LIMITS) {
  const knowledge = feed.knowledge;
  const ranking = createRankingSwitch(db);
  const weights = createWeightsStore(db);
  const runs = createMatchRuns(db, feed);

  async function skillLabels(results: MatchResult[]) {
    const uris = new Set<string>();
    for (const r of results)
      for (const m of [
        ...(r.skills?.matched ?? []),
        ...(r.skills?.partial ?? []),
        ...(r.skills?.missing ?? []),
      ])
        uris.add(m.required);
    const byLang = new Map<Lang, Map<string, string>>();
    for (const lang of LANGS) byLang.set(lang, await preferredLabels(db, [...uris], lang));
    // Never a URI on screen: a concept without a label is named by what it is.
    return (uri: string, lang: Lang) => byLang.get(lang)?.get(uri) ?? UNLABELLED[lang];
  }

  /**
   * A decision is about a person where one is involved (the candidate or the subject), and only that
   * person's desk decides on them; approving discloses them to a firm. Decisions with no person in them
   * (an asset for an asset need) belong to the subject's desk.
   */
  async function authorizeDecision(input: DecisionInput, principal: Principal) {
    if (input.subjectType === 'need') await needOr404(input.subjectId, principal);
    const personId =
      input.candidateType === 'profile'
        ? input.candidateId
        : input.subjectType === 'profile'
          ? input.subjectId
          : null;
    const path = input.candidateType === 'profile' ? 'candidateId' : 'subjectId';
    if (personId) {
      const owner = (await profileOwners(db, [personId])).get(personId);
      if (!owner) throw new ValidationError([{ path, reason: 'unknown profile' }]);
      authorize(
        principal,
        'write',
        'decision',
        { deskId: owner.deskId },
        { entity: 'profile', id: personId, kindOfId: 'profile' },
      );
      return;
    }
    const deskId = await subjectDesk(input.subjectType, input.subjectId);
    if (deskId === undefined) throw new ValidationError([{ path: 'subjectId', reason: 'unknown subject' }]);
    authorize(principal, 'write', 'decision', { deskId }, { entity: input.subjectType, id: input.subjectId });
  }

  async function subjectDesk(type: DecisionInput['subjectType'], id: string) {
    const table =
      type === 'need' ? needs : type === 'asset' ? assets : type === 'opportunity' ? opportunities : profiles;
    const [row] = await db.select({ deskId: table.deskId }).from(table).where(eq(table.id, id));
    return row ? row.deskId : undefined;
  }

  const needOr404 = (id: string, principal: Principal) => readableNeedOr404(db, id, principal);

  return {
    ranking,
    weights,

    ...runs,

    /** Records an operator's decision. Append-only; the latest decision per candidate is in force. */
    async decide(input: DecisionInput, principal: Principal) {
      if (input.action === 'rerank' && !input.finalRank)
        throw new ValidationError([{ path: 'finalRank', reason: 'a re-rank needs the new rank' }]);
      checkDecisionReason(input);
      await authorizeDecision(input, principal);
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
      const approvedAll = [...decisions.values()]
        .filter((d) => d.action === 'approve' && d.candidateType === 'profile')
        .map((d) => d.candidateId);
      // An ended profile has left search and matching: no firm is shown it any more.
      const owners = await profileOwners(db, approvedAll);
      const approvedIds = approvedAll.filter((id) => owners.get(id) && !owners.get(id)!.endedAt);
      // Companies see a person only while they consent to it; withdrawal takes effect on the next request.
      const shared = await withActiveConsent(db, approvedIds, 'share_with_companies');
      // Contacts go to the firm only with the person's consent, and to staff only where the policy lets
      // them read the person's personal data (their own desk); every disclosure is audited.
      const consented = await withActiveConsent(db, approvedIds, 'contact_by_companies');
      const contactable = new Set(
        [...consented].filter(
          (id) =>
            principal.role === 'company' ||
            allows(principal, 'read_personal', 'profile', { deskId: owners.get(id)!.deskId }),
        ),
      );
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
      const requested = await contactRequestDates(
        db,
        needId,
        results.map((r) => r.id),
      );
      await auditPersonalReads(
        db,
        principal,
        results.map((r) => r.id).filter((id) => contacts.has(id)),
        principal.role === 'company' ? 'contact.listed' : 'profile.personal_read',
        { needId },
      );
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
            contactRequestedAt: requested.get(r.id)?.toISOString() ?? null,
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
        .where(and(eq(profiles.code, code), isNull(profiles.endedAt)));
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
      const requestedAt = (await contactRequestDates(db, needId, [person.id])).get(person.id)!.toISOString();
      if (!contactable) return { status: 'pending_consent' as const, contact: null, requestedAt };
      await recordContactIfNext(db, needId, person.id, principal.userId);
      return {
        status: 'shared' as const,
        contact: { name: `${person.firstName} ${person.lastName}`, email: person.email, phone: person.phone },
        requestedAt,
      };
    },

    /** Where each candidate of the need stands, and what may be recorded next (the caller's desk's people). */
    async outcomeStates(needId: string, principal: Principal) {
      await needOr404(needId, principal);
      return outcomeStates(db, needId, principal);
    },
    async recordOutcome(needId: string, input: OutcomeInput, principal: Principal) {
      await needOr404(needId, principal);
      const owner = (await profileOwners(db, [input.profileId])).get(input.profileId);
      if (!owner) throw new ValidationError([{ path: 'profileId', reason: 'unknown profile' }]);
      authorize(
        principal,
        'write',
        'outcome',
        { deskId: owner.deskId },
        { entity: 'profile', id: input.profileId, kindOfId: 'profile' },
      );
      const row = await recordCheckedOutcome(db, needId, input, principal.userId);
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

export { applyDecisions } from './apply-decisions.js';
