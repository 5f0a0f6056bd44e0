/** How reference rows are written: chunked idempotent inserts, and the label rows of one concept. */
import type { PgTable } from 'drizzle-orm/pg-core';
import { insertRows } from '../db/bulk-insert.js';
import type { DbOrTx } from '../db/client.js';
import type { escoLabels } from '../db/schema.js';
import { foldLabel } from '../lib/text.js';

/** Bulk inserts (`insertRows`: a thousand rows per statement, one parameter each), existing keys left alone. */
export async function insertChunked<T extends Record<string, unknown>>(
  db: DbOrTx,
  table: PgTable,
  rows: T[],
): Promise<void> {
  await insertRows(db, table, rows as never, { onConflictDoNothing: true });
}

export const splitAlt = (value: string | undefined) =>
  (value ?? '')
    .split(' | ')
    .map((s) => s.trim())
    .filter(Boolean);

/** Preferred and alternative labels of one concept in one language, de-duplicated. */
export function labelRows(
  conceptUri: string,
  conceptKind: 'occupation' | 'skill' | 'skill_group',
  lang: string,
  preferred: string | undefined,
  alternatives: string[],
) {
  const out: (typeof escoLabels.$inferInsert)[] = [];
  const seen = new Set<string>();
  const add = (label: string, isPreferred: boolean) => {
    const clean = label.trim();
    if (!clean || seen.has(clean)) return;
    seen.add(clean);
    out.push({
      conceptUri,
      conceptKind,
      lang,
      label: clean,
      preferred: isPreferred,
      folded: foldLabel(clean),
    });
  };
  // ESCO writes gendered French forms as "soudeur/soudeuse": both halves are searchable on their own.
  if (preferred) add(preferred, true);
  for (const alt of alternatives) add(alt, false);
  return out;
}
