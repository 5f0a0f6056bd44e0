import { and, asc, eq, inArray, like, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import {
  desks,
  escoLabels,
  escoOccupationSkills,
  escoOccupations,
  iscoGroups,
  municipalities,
  naceCodes,
} from '../../db/schema.js';
import { escapeLike, fold } from '../../lib/text.js';

export type Lang = 'it' | 'fr' | 'en';

/** Preferred labels of concepts in one language, falling back to English where the language has none. */
export async function preferredLabels(db: DbOrTx, uris: string[], lang: Lang): Promise<Map<string, string>> {
  if (uris.length === 0) return new Map();
  const rows = await db
    .select({ uri: escoLabels.conceptUri, lang: escoLabels.lang, label: escoLabels.label })
    .from(escoLabels)
    .where(
      and(
        inArray(escoLabels.conceptUri, uris),
        eq(escoLabels.preferred, true),
        inArray(escoLabels.lang, [lang, 'en']),
      ),
    );
  const out = new Map<string, string>();
  for (const r of rows) if (r.lang === lang || !out.has(r.uri)) out.set(r.uri, r.label);
  return out;
}

/** Preferred labels with the language each one is in: the asked language, else English. */
export async function preferredLabelsWithLang(
  db: DbOrTx,
  uris: string[],
  lang: Lang,
): Promise<Map<string, { label: string; lang: Lang }>> {
  if (uris.length === 0) return new Map();
  const rows = await db
    .select({ uri: escoLabels.conceptUri, lang: escoLabels.lang, label: escoLabels.label })
    .from(escoLabels)
    .where(
      and(
        inArray(escoLabels.conceptUri, uris),
        eq(escoLabels.preferred, true),
        inArray(escoLabels.lang, [lang, 'en']),
      ),
    );
  const out = new Map<string, { label: string; lang: Lang }>();
  for (const r of rows)
    if (r.lang === lang || !out.has(r.uri)) out.set(r.uri, { label: r.label, lang: r.lang as Lang });
  return out;
}

/** ISCO-08 groups by code. */
export function iscoGroupsByCode(db: DbOrTx, codes: string[]) {
  if (codes.length === 0) return Promise.resolve([]);
  return db.select().from(iscoGroups).where(inArray(iscoGroups.code, codes));
}

/**
 * ESCO autocomplete over preferred and alternative labels in every language held, accent- and
 * case-insensitive, matching at the start of any word (and after "/" in gendered forms like "soudeur/soudeuse").
 */
export async function searchConcepts(db: DbOrTx, kind: 'occupation' | 'skill', q: string, limit: number) {
  const f = escapeLike(fold(q));
  if (!f) return [];
  const starts = `${f}%`;
  const hits = await db
    .select({
      uri: escoLabels.conceptUri,
      matched: sql<string>`min(${escoLabels.label})`,
      rank: sql<number>`min(case when ${escoLabels.folded} like ${starts} then (case when ${escoLabels.preferred} then 0 else 1 end) else 2 end)`,
      length: sql<number>`min(length(${escoLabels.label}))`,
    })
    .from(escoLabels)
    .where(
      and(
        eq(escoLabels.conceptKind, kind),
        or(
          like(escoLabels.folded, starts),
          like(escoLabels.folded, `% ${f}%`),
          like(escoLabels.folded, `%/${f}%`),
        ),
      ),
    )
    .groupBy(escoLabels.conceptUri)
    .orderBy(sql`3`, sql`4`, escoLabels.conceptUri)
    .limit(limit);
  return hits;
}

export async function occupationIscoGroups(db: DbOrTx, uris: string[]) {
  if (uris.length === 0) return new Map<string, string>();
  const rows = await db
    .select({ uri: escoOccupations.uri, isco: escoOccupations.iscoGroup })
    .from(escoOccupations)
    .where(inArray(escoOccupations.uri, uris));
  return new Map(rows.map((r) => [r.uri, r.isco]));
}

export function occupationSkills(db: DbOrTx, uri: string) {
  return db
    .select({ uri: escoOccupationSkills.skillUri, relation: escoOccupationSkills.relation })
    .from(escoOccupationSkills)
    .where(eq(escoOccupationSkills.occupationUri, uri))
    .orderBy(asc(escoOccupationSkills.relation), asc(escoOccupationSkills.skillUri));
}

export function searchMunicipalities(db: DbOrTx, q: string, limit: number) {
  const f = fold(q);
  const byPostalCode = /^[0-9]{5}$/.test(q.trim());
  return db
    .select({
      country: municipalities.country,
      code: municipalities.code,
      name: municipalities.name,
      province: municipalities.provinceName,
      region: municipalities.regionName,
      lat: municipalities.lat,
      lon: municipalities.lon,
      postalCodes: municipalities.postalCodes,
    })
    .from(municipalities)
    .where(
      byPostalCode
        ? sql`${q.trim()} = any(${municipalities.postalCodes})`
        : or(like(municipalities.folded, `${escapeLike(f)}%`), eq(municipalities.code, q.trim())),
    )
    .orderBy(sql`${municipalities.population} desc nulls last`, municipalities.name)
    .limit(limit);
}

export function searchNace(db: DbOrTx, q: string, limit: number) {
  const f = `%${escapeLike(q.trim().toLowerCase())}%`;
  return db
    .select()
    .from(naceCodes)
    .where(
      or(
        like(naceCodes.code, `${escapeLike(q.trim())}%`),
        sql`lower(${naceCodes.labelEn}) like ${f}`,
        sql`lower(${naceCodes.labelFr}) like ${f}`,
        sql`lower(${naceCodes.labelIt}) like ${f}`,
      ),
    )
    .orderBy(naceCodes.code)
    .limit(limit);
}

export function iscoGroup(db: DbOrTx, code: string) {
  return db.select().from(iscoGroups).where(eq(iscoGroups.code, code));
}

export function listDesks(db: DbOrTx) {
  return db.select().from(desks).orderBy(desks.name);
}
