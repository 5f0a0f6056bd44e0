import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { opportunities, opportunityAssets, opportunityRoles } from '../../db/schema.js';
import { insertIndexedWithChildren, type NewRecordWithChildren } from '../shared/insert-with-children.js';
import type { VersionedSpec } from '../shared/versioned.js';

export type OpportunityRow = typeof opportunities.$inferSelect;

/** How an opportunity changes: versioned, indexed, written by its desk under the policy. */
export const OPPORTUNITY_SPEC = {
  entity: 'opportunity',
  table: opportunities,
  indexAs: 'opportunity',
  owned: { kind: 'opportunity', owner: (row) => ({ deskId: row.deskId }) },
} satisfies VersionedSpec<OpportunityRow>;

/** An opportunity's roles and linked assets; a list left out keeps what is stored. */
export interface OpportunityChildren {
  roles?: { occupationUri: string; count: number; keySkills: string[] }[];
  assetIds?: string[];
}

/** The one way opportunities are created, by the API and the importer. Returns the ids in order. */
export function insertOpportunities(
  tx: DbOrTx,
  items: readonly NewRecordWithChildren<typeof opportunities, OpportunityChildren>[],
): Promise<string[]> {
  return insertIndexedWithChildren(tx, {
    table: opportunities,
    indexAs: 'opportunity',
    items,
    replaceChildren: replaceOpportunityChildren,
  });
}

export async function replaceOpportunityChildren(
  tx: DbOrTx,
  opportunityId: string,
  input: OpportunityChildren,
) {
  if (input.roles) {
    await tx.delete(opportunityRoles).where(eq(opportunityRoles.opportunityId, opportunityId));
    if (input.roles.length > 0)
      await tx.insert(opportunityRoles).values(
        input.roles.map((r) => ({
          opportunityId,
          occupationUri: r.occupationUri,
          count: r.count,
          keySkillUris: r.keySkills,
        })),
      );
  }
  if (input.assetIds) {
    await tx.delete(opportunityAssets).where(eq(opportunityAssets.opportunityId, opportunityId));
    const ids = [...new Set(input.assetIds)];
    if (ids.length > 0)
      await tx.insert(opportunityAssets).values(ids.map((assetId) => ({ opportunityId, assetId })));
  }
}
