import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Principal } from '../../auth/principal.js';
import type { Database } from '../../db/client.js';
import { consents, profiles } from '../../db/schema.js';
import { ForbiddenError, NotFoundError } from '../../errors.js';
import { enqueueIndexing } from '../../outbox/outbox.repository.js';
import { maySeePersonalData } from '../profiles/index.js';

import type { ConsentPurpose } from '../shared/consent.js';

export { CONSENT_PURPOSES, withActiveConsent, type ConsentPurpose } from '../shared/consent.js';

export function createConsentsService(db: Database) {
  async function profileFor(id: string, principal: Principal) {
    const [p] = await db
      .select({ id: profiles.id, deskId: profiles.deskId, version: profiles.version })
      .from(profiles)
      .where(eq(profiles.id, id));
    if (!p) throw new NotFoundError('profile', id);
    if (!maySeePersonalData(principal, p.deskId))
      throw new ForbiddenError('Only the profile’s own desk records consents');
    return p;
  }
  const view = (c: typeof consents.$inferSelect) => ({
    id: c.id,
    purpose: c.purpose,
    textVersion: c.textVersion,
    language: c.language,
    channel: c.channel,
    givenAt: c.givenAt.toISOString(),
    withdrawnAt: c.withdrawnAt ? c.withdrawnAt.toISOString() : null,
  });
  return {
    async list(profileId: string, principal: Principal) {
      await profileFor(profileId, principal);
      const rows = await db
        .select()
        .from(consents)
        .where(eq(consents.profileId, profileId))
        .orderBy(desc(consents.givenAt));
      return rows.map(view);
    },
    async give(
      profileId: string,
      input: { purpose: ConsentPurpose; textVersion: string; language: string; channel: string },
      principal: Principal,
    ) {
      await profileFor(profileId, principal);
      const [row] = await db
        .insert(consents)
        .values({ profileId, ...input, collectedBy: principal.userId })
        .returning();
      return view(row!);
    },
    /**
     * Takes effect at once: company views read active consents, and the index is refreshed. Withdrawal is
     * of a purpose, not of one record: every active consent of the person for that purpose ends (one may
     * have been given twice, e.g. at the desk and again online; any one left active would keep sharing on).
     */
    async withdraw(profileId: string, consentId: string, principal: Principal) {
      const p = await profileFor(profileId, principal);
      const row = await db.transaction(async (tx) => {
        const [c] = await tx
          .select()
          .from(consents)
          .where(
            and(eq(consents.id, consentId), eq(consents.profileId, profileId), isNull(consents.withdrawnAt)),
          )
          .for('update');
        if (!c) throw new NotFoundError('consent', consentId);
        const ended = await tx
          .update(consents)
          .set({ withdrawnAt: new Date() })
          .where(
            and(
              eq(consents.profileId, profileId),
              eq(consents.purpose, c.purpose),
              isNull(consents.withdrawnAt),
            ),
          )
          .returning();
        await enqueueIndexing(tx, 'profile', profileId, p.version);
        return ended.find((e) => e.id === consentId)!;
      });
      return view(row);
    },
  };
}
export type ConsentsService = ReturnType<typeof createConsentsService>;
