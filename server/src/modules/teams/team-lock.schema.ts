import { z } from 'zod';

export const TeamMemberRefSchema = z.strictObject({
  roleId: z.uuid().describe('an opportunity role of this opportunity'),
  profileId: z.uuid(),
});

export const LockTeamSchema = z.strictObject({
  runId: z.uuid().optional().describe('the team-builder run the desk accepted'),
  members: z.array(TeamMemberRefSchema).min(1).max(500),
  note: z.string().trim().max(2000).default(''),
});
export type LockTeamInput = z.infer<typeof LockTeamSchema>;

export const UnlockTeamSchema = z.strictObject({
  version: z.number().int().min(1).describe('the locked version being unlocked (optimistic concurrency)'),
  reason: z.string().trim().min(3).max(500),
});
export type UnlockTeamInput = z.infer<typeof UnlockTeamSchema>;

export const TeamContactRequestSchema = z.strictObject({
  roleId: z.uuid(),
  profileId: z.uuid(),
});
export type TeamContactRequestInput = z.infer<typeof TeamContactRequestSchema>;

const LockedMemberSchema = z.object({
  roleId: z.string(),
  occupationUri: z.string(),
  profileId: z.string(),
  /** The person's pseudonymous code; null once they left the programme (ended or erased). */
  code: z.string().nullable(),
});

export const TeamLockSchema = z.object({
  version: z.number(),
  lockedAt: z.string(),
  lockedByName: z.string().nullable(),
  note: z.string(),
  members: z.array(LockedMemberSchema),
  unlockedAt: z.string().nullable(),
  unlockedByName: z.string().nullable(),
  unlockReason: z.string().nullable(),
});
export type TeamLockView = z.infer<typeof TeamLockSchema>;

export const TeamLockStateSchema = z.object({
  /** The version in force, or null when the team is not locked. */
  current: TeamLockSchema.nullable(),
  /** Every version, newest first (at most 20). */
  history: z.array(TeamLockSchema),
  /** May the caller lock or unlock (the opportunity's desk, or an admin)? */
  canChange: z.boolean(),
  /** People the desk asked to contact about this opportunity, with the first request's time. */
  contactRequests: z.array(z.object({ profileId: z.string(), requestedAt: z.string() })),
});

export const ContactRequestedSchema = z.object({ profileId: z.string(), requestedAt: z.string() });
