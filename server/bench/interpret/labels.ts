import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../src/db/client.js';
import { escoLabels } from '../../src/db/schema.js';

/** English preferred label → URI, per kind: how lines.csv names the concepts it expects. */
export async function englishLabelUris(db: DbOrTx) {
  const rows = await db
    .select({ uri: escoLabels.conceptUri, kind: escoLabels.conceptKind, label: escoLabels.label })
    .from(escoLabels)
    .where(and(eq(escoLabels.lang, 'en'), eq(escoLabels.preferred, true)));
  const map = new Map(rows.map((r) => [`${r.kind}:${r.label}`, r.uri]));
  return (kind: 'occupation' | 'skill', label: string) => map.get(`${kind}:${label}`);
}
