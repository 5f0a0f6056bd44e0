import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { needLanguages, needSkills, needs } from '../../db/schema.js';
import { insertIndexedWithChildren, type NewRecordWithChildren } from '../shared/insert-with-children.js';
import type { VersionedSpec } from '../shared/versioned.js';

export type NeedRow = typeof needs.$inferSelect;

export const needOwner = (row: Pick<NeedRow, 'deskId' | 'firmId'>) => ({
  deskId: row.deskId,
  firmId: row.firmId,
});

/** How a need changes: versioned, indexed, written by its desk or its firm under the policy. */
export const NEED_SPEC = {
  entity: 'need',
  table: needs,
  indexAs: 'need',
  owned: { kind: 'need', owner: needOwner },
} satisfies VersionedSpec<NeedRow>;

/** A job need's child rows; a list left out keeps what is stored. */
export interface NeedChildren {
  essentialSkills?: string[];
  optionalSkills?: string[];
  languages?: { code: string; minLevel: string }[];
}

/** The one way needs are created, by the API and the importer. Returns the ids in order. */
export function insertNeeds(
  tx: DbOrTx,
  items: readonly NewRecordWithChildren<typeof needs, NeedChildren>[],
): Promise<string[]> {
  return insertIndexedWithChildren(tx, {
    table: needs,
    indexAs: 'need',
    items,
    replaceChildren: replaceNeedChildren,
  });
}

/** Replaces a need's skills and languages with the lists given (a skill both essential and optional is essential). */
export async function replaceNeedChildren(tx: DbOrTx, needId: string, input: NeedChildren) {
  if (input.essentialSkills || input.optionalSkills) {
    const essential = new Set(input.essentialSkills ?? []);
    const optional = (input.optionalSkills ?? []).filter((s) => !essential.has(s));
    await tx.delete(needSkills).where(eq(needSkills.needId, needId));
    const rows = [
      ...[...essential].map((skillUri) => ({ needId, skillUri, relation: 'essential' })),
      ...[...new Set(optional)].map((skillUri) => ({ needId, skillUri, relation: 'optional' })),
    ];
    if (rows.length > 0) await tx.insert(needSkills).values(rows);
  }
  if (input.languages) {
    await tx.delete(needLanguages).where(eq(needLanguages.needId, needId));
    if (input.languages.length > 0)
      await tx
        .insert(needLanguages)
        .values(input.languages.map((l) => ({ needId, language: l.code, minLevel: l.minLevel })));
  }
}
