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
  referenceDatasets,
} from '../../db/schema.js';
import { escapeLike, foldLabel } from '../../lib/text.js';

export type Lang = 'it' | 'fr' | 'en';

/**
 * Preferred labels of concepts in several languages at once (one query): label(uri, lang) falls back to
 * English, then to the last segment of the URI.
 */
export async function preferredLabelsIn(db: DbOrTx, uris: string[], langs: readonly Lang[]) {
  const rows = uris.length
    ? await db
        .select({ uri: escoLabels.conceptUri, lang: escoLabels.lang, label: escoLabels.label })
        .from(escoLabels)
        .where(
          and(
            inArray(escoLabels.conceptUri, [...new Set(uris)]),
            eq(escoLabels.preferred, true),
            inArray(escoLabels.lang, [...new Set<string>([...langs, 'en'])]),
          ),
        )
    : [];
  const byKey = new Map(rows.map((r) => [`${r.lang} ${r.uri}`, r.label]));
  return (uri: string, lang: Lang): string =>
    byKey.get(`${lang} ${uri}`) ?? byKey.get(`en ${uri}`) ?? uri.slice(uri.lastIndexOf('/') + 1);
}

/** A label with the language it is in and where it comes from, so a screen can mark fallbacks. */
export interface LabelInLang {
  label: string;
  lang: string;
  /** `provisional`: the project's own vocabulary, until official ESCO labels of the language are imported. */
  source: string;
}

/**
 * Preferred labels of concepts in one language, falling back to English where the language has none; each
 * says which language it is in, so a fallback is never silent.
 */
export async function preferredLabelsInLang(
  db: DbOrTx,
  uris: string[],
  lang: Lang,
): Promise<Map<string, LabelInLang>> {
  if (uris.length === 0) return new Map();
  const rows = await db
    .select({
      uri: escoLabels.conceptUri,
      lang: escoLabels.lang,
      label: escoLabels.label,
      source: escoLabels.source,
    })
    .from(escoLabels)
    .where(
      and(
        inArray(escoLabels.conceptUri, [...new Set(uris)]),
        eq(escoLabels.preferred, true),
        inArray(escoLabels.lang, [lang, 'en']),
      ),
    );
  const out = new Map<string, LabelInLang>();
  for (const r of rows)
    if (r.lang === lang || !out.has(r.uri))
      out.set(r.uri, { label: r.label, lang: r.lang, source: r.source });
  return out;
}

/** Preferred labels of concepts in one language, falling back to English where the language has none. */
export async function preferredLabels(db: DbOrTx, uris: string[], lang: Lang): Promise<Map<string, string>> {
  const labels = await preferredLabelsInLang(db, uris, lang);
  return new Map([...labels].map(([uri, l]) => [uri, l.label]));
}

/**
 * Candidate labels for the autocomplete: every label (any language, preferred or alternative) with a word
 * starting with one of `prefixes` — at the start, after a space, a slash, a hyphen or an apostrophe. The
 * service ranks them (concept-ranking.ts); `code` is the occupation's ESCO code, for its depth.
 */
export function conceptCandidates(db: DbOrTx, kind: 'occupation' | 'skill', prefixes: string[], cap: number) {
  const conditions = prefixes.flatMap((p) => {
    const f = escapeLike(p);
    return [
      like(escoLabels.folded, `${f}%`),
      like(escoLabels.folded, `% ${f}%`),
      like(escoLabels.folded, `%/${f}%`),
      like(escoLabels.folded, `%-${f}%`),
      like(escoLabels.folded, `%'${f}%`),
    ];
  });
  // Skills have no row in esco_occupations: their code stays null (depth 0).
  return db
    .select({
      uri: escoLabels.conceptUri,
      lang: escoLabels.lang,
      label: escoLabels.label,
      preferred: escoLabels.preferred,
      code: escoOccupations.code,
    })
    .from(escoLabels)
    .leftJoin(escoOccupations, eq(escoOccupations.uri, escoLabels.conceptUri))
    .where(and(eq(escoLabels.conceptKind, kind), or(...conditions)))
    .limit(cap);
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
  const f = foldLabel(q);
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

/** The most populous municipalities inside a box: the place names of the map when it has no tiles. */
export function municipalitiesInBox(
  db: DbOrTx,
  box: { south: number; west: number; north: number; east: number },
  limit: number,
) {
  return db
    .select({ name: municipalities.name, lat: municipalities.lat, lon: municipalities.lon })
    .from(municipalities)
    .where(
      sql`${municipalities.lat} between ${box.south} and ${box.north} and ${municipalities.lon} between ${box.west} and ${box.east}`,
    )
    .orderBy(sql`${municipalities.population} desc nulls last`, municipalities.name)
    .limit(limit);
}

/** Every province with its region, the choices of a list's place filter (a few dozen rows). */
export function listProvinces(db: DbOrTx) {
  return db
    .selectDistinct({
      country: municipalities.country,
      code: municipalities.provinceCode,
      name: municipalities.provinceName,
      regionCode: municipalities.regionCode,
      regionName: municipalities.regionName,
    })
    .from(municipalities)
    .orderBy(municipalities.regionName, municipalities.provinceName);
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

/**
 * NACE names in a language, by code: Italian (ATECO wording), the INSEE NAF wording for French where it
 * exists, English otherwise.
 */
export async function naceLabels(db: DbOrTx, codes: string[], lang: Lang): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .select()
    .from(naceCodes)
    .where(inArray(naceCodes.code, [...new Set(codes)]));
  return new Map(
    rows.map((r) => [
      r.code,
      (lang === 'it' ? r.labelIt : lang === 'fr' ? (r.labelFrNaf ?? r.labelFr) : r.labelEn) ?? r.labelEn,
    ]),
  );
}

/** ISCO-08 groups by code. */
export function iscoGroupsByCode(db: DbOrTx, codes: string[]) {
  if (codes.length === 0) return Promise.resolve([]);
  return db.select().from(iscoGroups).where(inArray(iscoGroups.code, codes));
}

export function iscoGroup(db: DbOrTx, code: string) {
  return db.select().from(iscoGroups).where(eq(iscoGroups.code, code));
}

export function listDesks(db: DbOrTx) {
  return db.select().from(desks).orderBy(desks.name);
}

/** Separates the labels of a concept in `vocabularyPage` (a control character no label holds). */
export const LABEL_SEPARATOR = '\u001f';

/**
 * One page of concepts (occupations and skills, in URI order after `afterUri`) with all their labels
 * (preferred and alternative, every language) packed in one string: `lang`, `1`/`0` for preferred, the
 * label, joined by LABEL_SEPARATOR. One row per concept, not per label: on PGlite reading 200,000 label
 * rows took three times as long as reading 17,000 packed ones. `code` is the occupation's ESCO code.
 */
export async function vocabularyPage(db: DbOrTx, afterUri: string | null, size: number) {
  const rows = await db
    .select({
      uri: escoLabels.conceptUri,
      kind: escoLabels.conceptKind,
      code: escoOccupations.code,
      labels: sql<string>`string_agg(${escoLabels.lang} || (case when ${escoLabels.preferred} then '1' else '0' end) || ${escoLabels.label}, ${LABEL_SEPARATOR})`,
    })
    .from(escoLabels)
    .leftJoin(escoOccupations, eq(escoOccupations.uri, escoLabels.conceptUri))
    .where(
      and(
        inArray(escoLabels.conceptKind, ['occupation', 'skill']),
        afterUri ? sql`${escoLabels.conceptUri} > ${afterUri}` : undefined,
      ),
    )
    .groupBy(escoLabels.conceptUri, escoLabels.conceptKind, escoOccupations.code)
    .orderBy(asc(escoLabels.conceptUri))
    .limit(size);
  return rows.map((r) => ({
    uri: r.uri,
    kind: r.kind as 'occupation' | 'skill',
    code: r.code,
    labels: r.labels.split(LABEL_SEPARATOR).map((packed) => ({
      lang: packed.slice(0, 2),
      preferred: packed[2] === '1',
      label: packed.slice(3),
    })),
  }));
}

/**
 * A fingerprint of the loaded labels: it changes when a dataset is (re)loaded and when `import:esco`
 * adds or replaces labels (which records no dataset, hence the count by source and language).
 */
export async function vocabularyFingerprint(db: DbOrTx): Promise<string> {
  const [datasets, counts] = await Promise.all([
    db
      .select({ name: referenceDatasets.name, checksum: referenceDatasets.checksum })
      .from(referenceDatasets)
      .orderBy(referenceDatasets.name),
    db
      .select({ source: escoLabels.source, lang: escoLabels.lang, n: sql<number>`count(*)::int` })
      .from(escoLabels)
      .groupBy(escoLabels.source, escoLabels.lang)
      .orderBy(escoLabels.source, escoLabels.lang),
  ]);
  return [
    ...datasets.map((r) => `${r.name}:${r.checksum}`),
    ...counts.map((r) => `${r.source}/${r.lang}:${r.n}`),
  ].join(',');
}
