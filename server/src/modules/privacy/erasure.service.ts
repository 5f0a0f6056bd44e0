import { and, eq, gt, inArray, isNotNull, lt, or, sql } from 'drizzle-orm';
import { DEFAULT_AUTH_POLICY } from '../../auth/auth.service.js';
import { deleteExpiredThrottleRows } from '../../auth/sign-in-throttle.js';
import { hmac } from '../../auth/tokens.js';
import type { Principal } from '../../auth/principal.js';
import type { Database, DbOrTx } from '../../db/client.js';
import {
  auditLog,
  consents,
  erasureLedger,
  importJobs,
  importReportEntries,
  matchDecisions,
  matchOutcomes,
  passwordResetTokens,
  profiles,
  searchDeadLetters,
  notifications,
  searchRetries,
  sessions,
  usageCounters,
} from '../../db/schema.js';
import { authorize } from '../../auth/policy.js';
import { NotFoundError } from '../../errors.js';
import { enqueueIndexing } from '../../outbox/outbox.repository.js';
import { redactRunsAbout } from '../matching/index.js';
import { scrubImportReports } from './import-report-scrub.js';

/**
 * Why a person is erased (GDPR Art. 17(1) grounds, plus the system's own reasons). Only a code is stored:
 * a free-text reason would keep whatever the operator typed, names included, for ever.
 */
export const ERASURE_REASONS = [
  'data_subject_request',
  'no_longer_necessary',
  'consent_withdrawn',
  'objection',
  'unlawful_processing',
  'legal_obligation',
  'retention',
  'replay',
] as const;
export type ErasureReason = (typeof ERASURE_REASONS)[number];
/** What an operator may give; retention and replay are the system's own. */
export const OPERATOR_ERASURE_REASONS = ERASURE_REASONS.filter((r) => r !== 'retention' && r !== 'replay');

/**
 * Erases a person everywhere in one transaction, leaving nothing about them but ids in the logs:
 * - the profile and its children are deleted, consents go, the index drops the document (outbox);
 * - the free text of every decision and outcome about them (as candidate or as subject) is blanked;
 * - match runs keep only the rank and digest of every result about them (the hash chain still holds);
 * - import reports of their desk lose every quoted value of the rows that quote them;
 * - failed index deliveries about them are dropped;
 * - a keyed HMAC of the id goes to the erasure ledger so a restored backup can be purged again;
 * - records merged into this one (the same person, registered twice) are erased the same way.
 * The reason is a code: nothing typed by a person is stored.
 */
export async function eraseProfile(
  tx: DbOrTx,
  profileId: string,
  options: {
    ledgerKey: string;
    reason: ErasureReason;
    actorUserId: string | null;
    recordInLedger?: boolean;
  },
) {
  const [person] = await tx.select().from(profiles).where(eq(profiles.id, profileId));
  if (!person) return false;
  // Records merged into this one are the same person, registered twice: they go too.
  const twins = await tx.select({ id: profiles.id }).from(profiles).where(eq(profiles.mergedInto, profileId));
  for (const twin of twins) await eraseProfile(tx, twin.id, options);
  // The append-only triggers allow this one kind of UPDATE inside an erasure transaction.
  await tx.execute(sql`select set_config('rilancio.erasure', 'on', true)`);
  await tx
    .update(matchDecisions)
    .set({ note: '' })
    .where(
      or(
        eq(matchDecisions.candidateId, profileId),
        and(eq(matchDecisions.subjectType, 'profile'), eq(matchDecisions.subjectId, profileId)),
      ),
    );
  await tx.update(matchOutcomes).set({ note: '' }).where(eq(matchOutcomes.profileId, profileId));
  await redactRunsAbout(tx, profileId);
  await scrubImportReports(tx, person.deskId, person);
  await tx.delete(searchDeadLetters).where(eq(searchDeadLetters.aggregateId, profileId));
  // A refused index push waiting for its retry: the erasure's own change-log row removes the document.
  await tx.delete(searchRetries).where(eq(searchRetries.aggregateId, profileId));
  await tx.delete(consents).where(eq(consents.profileId, profileId));
  // Saved-search alerts about the person (their id and pseudonymous code) go with them.
  await tx.delete(notifications).where(eq(notifications.recordId, profileId));
  const [gone] = await tx
    .delete(profiles)
    .where(eq(profiles.id, profileId))
    .returning({ version: profiles.version });
  if (!gone) return false;
  await enqueueIndexing(tx, 'profile', profileId, gone.version + 1);
  if (options.recordInLedger !== false)
    await tx.insert(erasureLedger).values({
      subjectHmac: hmac(options.ledgerKey, profileId),
      erasedBy: options.actorUserId,
      reason: options.reason,
    });
  await tx.insert(auditLog).values({
    actorUserId: options.actorUserId,
    action: 'profile.erased',
    subjectType: 'profile',
    subjectId: profileId,
    details: { reason: options.reason },
  });
  return true;
}

export function createErasureService(db: Database, ledgerKey: string) {
  return {
    async erase(profileId: string, reason: ErasureReason, principal: Principal) {
      const [row] = await db
        .select({ deskId: profiles.deskId })
        .from(profiles)
        .where(eq(profiles.id, profileId));
      if (!row) throw new NotFoundError('profile', profileId);
      authorize(principal, 'write', 'profile', { deskId: row.deskId }, { entity: 'profile', id: profileId });
      await db.transaction((tx) =>
        eraseProfile(tx, profileId, { ledgerKey, reason, actorUserId: principal.userId }),
      );
      return { erased: true };
    },

    async ledger() {
      const rows = await db.select().from(erasureLedger).orderBy(erasureLedger.id);
      return rows.map((r) => ({
        subjectHmac: r.subjectHmac,
        erasedAt: r.erasedAt.toISOString(),
        reason: r.reason,
      }));
    },
  };
}
export type ErasureService = ReturnType<typeof createErasureService>;

/**
 * After restoring a backup taken before some erasures: erase again everyone whose HMAC is in the ledger
 * kept since (exported from the live system), without writing new ledger entries.
 */
export async function replayErasures(db: Database, ledger: { subjectHmac: string }[], ledgerKey: string) {
  const wanted = new Set(ledger.map((l) => l.subjectHmac));
  const ids = (await db.select({ id: profiles.id }).from(profiles))
    .map((p) => p.id)
    .filter((id) => wanted.has(hmac(ledgerKey, id)));
  for (const id of ids)
    await db.transaction((tx) =>
      eraseProfile(tx, id, { ledgerKey, reason: 'replay', actorUserId: null, recordInLedger: false }),
    );
  return { erased: ids.length };
}

/** How long each kind of data is kept (days). Defaults follow the CNIL reference; each deployment sets its own. */
export interface RetentionPolicy {
  /** Profiles ended this long ago are erased. */
  endedProfileDays: number;
  /** Import reports (they quote cell values) are cleared. */
  importReportDays: number;
  /** Expired or revoked sessions and reset tokens are deleted. */
  sessionDays: number;
  usageCounterDays: number;
  deadLetterDays: number;
}
export const DEFAULT_RETENTION: RetentionPolicy = {
  endedProfileDays: 730,
  importReportDays: 90,
  sessionDays: 30,
  usageCounterDays: 31,
  deadLetterDays: 180,
};

const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000);

/** The retention job: run daily (server) or by `npm run retention`; returns what it removed. */
export async function runRetention(
  db: Database,
  options: { now: Date; policy?: RetentionPolicy; ledgerKey: string },
) {
  const policy = options.policy ?? DEFAULT_RETENTION;
  const now = options.now;
  const expired = await db
    .select({ id: profiles.id })
    .from(profiles)
    .where(and(isNotNull(profiles.endedAt), lt(profiles.endedAt, daysBefore(now, policy.endedProfileDays))));
  for (const p of expired)
    await db.transaction((tx) =>
      eraseProfile(tx, p.id, { ledgerKey: options.ledgerKey, reason: 'retention', actorUserId: null }),
    );
  const reports = await db.transaction(async (tx) => {
    const cleared = await tx
      .update(importJobs)
      .set({ reportSize: 0 })
      .where(
        and(
          isNotNull(importJobs.finishedAt),
          lt(importJobs.finishedAt, daysBefore(now, policy.importReportDays)),
          gt(importJobs.reportSize, 0),
        ),
      )
      .returning({ id: importJobs.id });
    if (cleared.length > 0)
      await tx.delete(importReportEntries).where(
        inArray(
          importReportEntries.jobId,
          cleared.map((j) => j.id),
        ),
      );
    return cleared;
  });
  const oldSessions = await db
    .delete(sessions)
    .where(lt(sessions.expiresAt, daysBefore(now, policy.sessionDays)))
    .returning({ id: sessions.tokenHash });
  await db
    .delete(passwordResetTokens)
    .where(lt(passwordResetTokens.expiresAt, daysBefore(now, policy.sessionDays)));
  await db
    .delete(usageCounters)
    .where(lt(usageCounters.day, daysBefore(now, policy.usageCounterDays).toISOString().slice(0, 10)));
  await db
    .delete(searchDeadLetters)
    .where(lt(searchDeadLetters.createdAt, daysBefore(now, policy.deadLetterDays)));
  // Sign-in counters whose window and lock are over count for nothing any more.
  const throttleRowsDeleted = await deleteExpiredThrottleRows(db, now, DEFAULT_AUTH_POLICY);
  return {
    profilesErased: expired.length,
    importReportsCleared: reports.length,
    sessionsDeleted: oldSessions.length,
    throttleRowsDeleted,
  };
}
