import type { Principal } from '../../auth/principal.js';
import type { DbOrTx } from '../../db/client.js';
import { auditLog } from '../../db/schema.js';

/**
 * Records that a principal was shown people's names or contacts (one entry per person), so the person's
 * access export can say who saw their data, and when.
 */
export async function auditPersonalReads(
  db: DbOrTx,
  principal: Principal,
  profileIds: readonly string[],
  action: string,
  details: Record<string, unknown> = {},
): Promise<void> {
  if (profileIds.length === 0) return;
  await db.insert(auditLog).values(
    profileIds.map((id) => ({
      actorUserId: principal.userId,
      actorRole: principal.role,
      action,
      subjectType: 'profile',
      subjectId: id,
      details,
    })),
  );
}
