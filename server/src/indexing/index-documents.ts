import { and, asc, gt, inArray, isNull } from 'drizzle-orm';
import { anyUuid } from '../db/any-id.js';
import type { DbOrTx } from '../db/client.js';
import {
  assets,
  escoLabels,
  escoOccupations,
  firms,
  municipalities,
  naceCodes,
  needSkills,
  needs,
  opportunities,
  opportunityRoles,
  profileLanguages,
  profileOccupations,
  profileSkills,
  profiles,
} from '../db/schema.js';
import { verifiedAtOf } from '../modules/assets/freshness.js';
import { wordsOf } from '../domain/vocabulary-labels.js';
import {
  toIndexDocument,
  type DocumentsByIndex,
  type IndexDocument,
  type IndexName,
} from '../search/documents.js';
import type { IndexedAggregate } from '../outbox/outbox.repository.js';

export const INDEX_OF: Record<IndexedAggregate, IndexName> = {
  asset: 'assets',
  profile: 'profiles',
  need: 'needs',
  firm: 'firms',
  opportunity: 'opportunities',
};

/** What the index should hold for each id: a document, or null when the record must not be searchable. */
export type DocumentsById = Map<string, IndexDocument | null>;

/** Rows carry nulls and wider string types; the allowlist copy in toIndexDocument drops what is not wanted. */
const doc = <I extends IndexName>(index: I, record: Record<string, unknown>) =>
  toIndexDocument(index, record as Partial<DocumentsByIndex[I]> & Record<string, unknown>);
const iso = (d: Date | null) => (d ? d.toISOString() : undefined);
const group = <T, K>(items: T[], key: (t: T) => K) => {
  const map = new Map<K, T[]>();
  for (const item of items) {
    const list = map.get(key(item));
    if (list) list.push(item);
    else map.set(key(item), [item]);
  }
  return map;
};

/**
 * Every label of the concepts in every language the database holds: what makes "soudeur" find a
 * welder. A rebuild passes one cache for all its pages: the same few thousand skills recur on every
 * page, and reading their labels again per page was most of what a rebuild moved from the database.
 */
export type ConceptLabelCache = Map<string, string[]>;

async function conceptLabels(
  db: DbOrTx,
  uris: string[],
  cache: ConceptLabelCache = new Map(),
): Promise<Map<string, string[]>> {
  const missing = [...new Set(uris)].filter((u) => !cache.has(u));
  if (missing.length > 0) {
    const rows = await db
      .select({ uri: escoLabels.conceptUri, label: escoLabels.label })
      .from(escoLabels)
      .where(inArray(escoLabels.conceptUri, missing));
    for (const uri of missing) cache.set(uri, []);
    for (const r of rows) cache.get(r.uri)!.push(r.label);
  }
  return cache;
}

async function places(db: DbOrTx, codes: string[]) {
  if (codes.length === 0) return new Map<string, typeof municipalities.$inferSelect>();
  const rows = await db
    .select()
    .from(municipalities)
    .where(inArray(municipalities.code, [...new Set(codes)]));
  return new Map(rows.map((m) => [m.code, m]));
}

const placeFields = (m: typeof municipalities.$inferSelect | undefined) =>
  m ? { region: m.regionName, province: m.provinceName, municipality: m.name, country: m.country } : {};

async function assetDocuments(db: DbOrTx, ids: string[]): Promise<DocumentsById> {
  const rows = await db.select().from(assets).where(anyUuid(assets.id, ids));
  const where = await places(
    db,
    rows.map((r) => r.municipalityCode),
  );
  const out: DocumentsById = new Map(ids.map((id) => [id, null]));
  for (const a of rows) {
    if (a.endedAt || a.status === 'draft') continue;
    out.set(
      a.id,
      doc('assets', {
        ...a,
        ...placeFields(where.get(a.municipalityCode)),
        kindLabels: wordsOf('kind', a.kind),
        categoryLabels: wordsOf('category', a.category),
        location: { lat: a.lat, lon: a.lon },
        availableFrom: a.availableFrom ?? undefined,
        availableUntil: a.availableUntil ?? undefined,
        createdAt: iso(a.createdAt),
        verifiedAt: iso(verifiedAtOf(a)),
      }),
    );
  }
  return out;
}

/** Pseudonymised: built field by field from the allowlist, so name, contacts and references never enter. */
async function profileDocuments(
  db: DbOrTx,
  ids: string[],
  cache?: ConceptLabelCache,
): Promise<DocumentsById> {
  const rows = await db.select().from(profiles).where(anyUuid(profiles.id, ids));
  const [occ, skills, langs] = await Promise.all([
    db.select().from(profileOccupations).where(anyUuid(profileOccupations.profileId, ids)),
    db.select().from(profileSkills).where(anyUuid(profileSkills.profileId, ids)),
    db.select().from(profileLanguages).where(anyUuid(profileLanguages.profileId, ids)),
  ]);
  const occUris = occ.map((o) => o.occupationUri);
  const [labels, isco, where] = await Promise.all([
    conceptLabels(db, [...occUris, ...skills.map((s) => s.skillUri)], cache),
    occUris.length
      ? db
          .select({ uri: escoOccupations.uri, isco: escoOccupations.iscoGroup })
          .from(escoOccupations)
          .where(inArray(escoOccupations.uri, [...new Set(occUris)]))
      : Promise.resolve([]),
    places(
      db,
      rows.map((r) => r.municipalityCode),
    ),
  ]);
  const iscoBy = new Map(isco.map((i) => [i.uri, i.isco]));
  const occBy = group(occ, (o) => o.profileId);
  const skillsBy = group(skills, (s) => s.profileId);
  const langsBy = group(langs, (l) => l.profileId);
  const out: DocumentsById = new Map(ids.map((id) => [id, null]));
  for (const p of rows) {
    if (p.endedAt) continue;
    const o = (occBy.get(p.id) ?? []).map((x) => x.occupationUri);
    const s = (skillsBy.get(p.id) ?? []).map((x) => x.skillUri);
    const m = where.get(p.municipalityCode);
    out.set(
      p.id,
      doc('profiles', {
        id: p.id,
        version: p.version,
        code: p.code,
        deskId: p.deskId,
        occupationUris: o,
        occupationLabels: o.flatMap((u) => labels.get(u) ?? []),
        iscoGroups: [...new Set(o.map((u) => iscoBy.get(u)).filter((g): g is string => !!g))],
        skillUris: s,
        skillLabels: s.flatMap((u) => labels.get(u) ?? []),
        languages: (langsBy.get(p.id) ?? []).map((l) => l.language),
        eqfLevel: p.eqfLevel ?? undefined,
        drivingLicences: p.drivingLicences,
        employmentStatus: p.employmentStatus,
        desiredPaths: p.desiredPaths,
        supplyChains: p.supplyChains,
        crisisCaseId: p.crisisCaseId ?? undefined,
        region: m?.regionName,
        province: m?.provinceName,
        municipality: m?.name,
        // The municipality's point, never the address: coarse location is all search needs.
        location: m ? { lat: m.lat, lon: m.lon } : undefined,
        mobilityKm: p.mobilityKm,
        availableFrom: p.availableFrom ?? undefined,
        updatedAt: iso(p.updatedAt),
      }),
    );
  }
  return out;
}

async function needDocuments(db: DbOrTx, ids: string[], cache?: ConceptLabelCache): Promise<DocumentsById> {
  const rows = await db.select().from(needs).where(anyUuid(needs.id, ids));
  const skills = await db.select().from(needSkills).where(anyUuid(needSkills.needId, ids));
  const skillsBy = group(skills, (s) => s.needId);
  const [labels, where] = await Promise.all([
    conceptLabels(
      db,
      [...rows.map((r) => r.occupationUri).filter((u): u is string => !!u), ...skills.map((s) => s.skillUri)],
      cache,
    ),
    places(
      db,
      rows.map((r) => r.municipalityCode),
    ),
  ]);
  const out: DocumentsById = new Map(ids.map((id) => [id, null]));
  for (const n of rows) {
    if (n.endedAt || n.status === 'draft') continue;
    const s = (skillsBy.get(n.id) ?? []).map((x) => x.skillUri);
    out.set(
      n.id,
      doc('needs', {
        ...n,
        deskId: n.deskId ?? undefined,
        ...placeFields(where.get(n.municipalityCode)),
        occupationLabels: n.occupationUri ? labels.get(n.occupationUri) : undefined,
        skillUris: s,
        skillLabels: s.flatMap((u) => labels.get(u) ?? []),
        location: { lat: n.lat, lon: n.lon },
        catchmentKm: n.radiusKm ?? undefined,
        startDate: n.startDate ?? undefined,
        expiresAt: n.expiresAt ?? undefined,
        contractType: n.contractType ?? undefined,
      }),
    );
  }
  return out;
}

async function firmDocuments(db: DbOrTx, ids: string[]): Promise<DocumentsById> {
  const rows = await db.select().from(firms).where(anyUuid(firms.id, ids));
  const nace = await db
    .select()
    .from(naceCodes)
    .where(
      inArray(
        naceCodes.code,
        [...new Set(rows.map((r) => r.naceCode).filter((c): c is string => !!c))].concat(''),
      ),
    );
  const naceBy = new Map(nace.map((n) => [n.code, n]));
  const where = await places(
    db,
    rows.map((r) => r.municipalityCode).filter((c): c is string => !!c),
  );
  const out: DocumentsById = new Map(ids.map((id) => [id, null]));
  for (const f of rows) {
    if (f.endedAt) continue;
    const n = f.naceCode ? naceBy.get(f.naceCode) : undefined;
    out.set(
      f.id,
      doc('firms', {
        ...f,
        ...placeFields(f.municipalityCode ? where.get(f.municipalityCode) : undefined),
        naceLabels: n
          ? [n.labelEn, n.labelFr, n.labelIt, n.labelFrNaf].filter((l): l is string => !!l)
          : undefined,
        location: f.lat !== null && f.lon !== null ? { lat: f.lat, lon: f.lon } : undefined,
      }),
    );
  }
  return out;
}

async function opportunityDocuments(
  db: DbOrTx,
  ids: string[],
  cache?: ConceptLabelCache,
): Promise<DocumentsById> {
  const rows = await db.select().from(opportunities).where(anyUuid(opportunities.id, ids));
  const roles = await db.select().from(opportunityRoles).where(anyUuid(opportunityRoles.opportunityId, ids));
  const rolesBy = group(roles, (r) => r.opportunityId);
  const [labels, where] = await Promise.all([
    conceptLabels(
      db,
      roles.map((r) => r.occupationUri),
      cache,
    ),
    places(
      db,
      rows.map((r) => r.municipalityCode),
    ),
  ]);
  const out: DocumentsById = new Map(ids.map((id) => [id, null]));
  for (const o of rows) {
    if (o.endedAt || o.status === 'draft') continue;
    const uris = [...new Set((rolesBy.get(o.id) ?? []).map((r) => r.occupationUri))];
    out.set(
      o.id,
      doc('opportunities', {
        ...o,
        ...placeFields(where.get(o.municipalityCode)),
        deskId: o.deskId ?? undefined,
        location: { lat: o.lat, lon: o.lon },
        crisisCaseId: o.crisisCaseId ?? undefined,
        roleOccupationUris: uris,
        roleOccupationLabels: uris.flatMap((u) => labels.get(u) ?? []),
        deadline: o.deadline ?? undefined,
      }),
    );
  }
  return out;
}

const LOADERS: Record<
  IndexedAggregate,
  (db: DbOrTx, ids: string[], cache?: ConceptLabelCache) => Promise<DocumentsById>
> = {
  asset: assetDocuments,
  profile: profileDocuments,
  need: needDocuments,
  firm: firmDocuments,
  opportunity: opportunityDocuments,
};

/** The current state of records, as the index must show it (state transfer, not events). */
export function loadIndexDocuments(
  db: DbOrTx,
  type: IndexedAggregate,
  ids: string[],
  cache?: ConceptLabelCache,
): Promise<DocumentsById> {
  return ids.length === 0 ? Promise.resolve(new Map()) : LOADERS[type](db, ids, cache);
}

/** Ids of one aggregate type in id order, paged: what a rebuild walks through. */
export async function pageOfIds(db: DbOrTx, type: IndexedAggregate, after: string | null, limit: number) {
  const table = { asset: assets, profile: profiles, need: needs, firm: firms, opportunity: opportunities }[
    type
  ];
  const rows = await db
    .select({ id: table.id })
    .from(table)
    .where(and(after ? gt(table.id, after) : undefined, isNull(table.endedAt)))
    .orderBy(asc(table.id))
    .limit(limit);
  return rows.map((r) => r.id);
}
