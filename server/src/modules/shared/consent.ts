import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { consents } from '../../db/schema.js';

/**
 * The consent register as other modules read it. Privacy records and withdraws consents; matching only
 * asks who may be shown or contacted, so it reads this, not the privacy module (which reads matching's
 * run log for a person's rights: the dependency goes one way).
 */
export const CONSENT_PURPOSES = [
  'share_with_companies',
  'contact_by_companies',
  'talent_pool_extension',
] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

/** Profile ids (of those given) with an active consent for a purpose: one query on the ids asked, never a scan. */
export async function withActiveConsent(
  db: DbOrTx,
  profileIds: string[],
  purpose: ConsentPurpose,
): Promise<Set<string>> {
  if (profileIds.length === 0) return new Set();
  const found = new Set<string>();
  for (let i = 0; i < profileIds.length; i += 5000) {
    const rows = await db
      .select({ profileId: consents.profileId })
      .from(consents)
      .where(
        and(
          inArray(consents.profileId, profileIds.slice(i, i + 5000)),
          eq(consents.purpose, purpose),
          isNull(consents.withdrawnAt),
        ),
      );
    for (const r of rows) found.add(r.profileId);
  }
  return found;
}
