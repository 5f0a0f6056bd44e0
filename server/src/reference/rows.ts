/** How reference rows are written: chunked idempotent inserts, and the label rows of one concept. */
import type { PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db/client.js';
import type { escoLabels } from '../db/schema.js';
import { foldLabel } from '../lib/text.js';

/** Multi-row inserts (existing keys left alone) in chunks that stay under PostgreSQL's 65,535 bind-parameter limit. */
export async function insertChunked<T extends Record<string, unknown>>(
  db: DbOrTx,
  table: PgTable,
  rows: T[],
): Promise<void> {
  if (rows.length === 0) return;
  const perRow = Object.keys(rows[0]!).length;
  const size = Math.max(1, Math.floor(30000 / perRow));
  for (let i = 0; i < rows.length; i += size) {
    await db
      .insert(table)
      .values(rows.slice(i, i + size) as never)
      .onConflictDoNothing();
  }
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
