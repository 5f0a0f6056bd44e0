import type {
  AssetInput,
  AssetNeedInput,
  CefrLevel,
  DesiredPath,
  EmploymentStatus,
  JobNeedInput,
  OpportunityInput,
  ScoringProfile,
  SkillSource,
} from '@rilancio/matcher';
import { and, asc, between, desc, eq, exists, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import {
  assets,
  escoOccupations,
  matchDecisions,
  municipalities,
  needLanguages,
  needSkills,
  needs,
  opportunities,
  opportunityRoles,
  profileLanguages,
  profileOccupations,
  profileSkills,
  profiles,
} from '../../db/schema.js';

/** A profile with nothing known about availability is available now. */
const EPOCH = '1970-01-01';

export interface PoolFilters {
  deskId?: string;
  region?: string;
  employmentStatus?: string;
}

/** Latitude/longitude box around a point: what lets the (lat, lon) index narrow a radius query. */
export function boundingBox(lat: number, lon: number, km: number) {
  const dLat = km / 111.32;
  const dLon = km / (111.32 * Math.max(0.01, Math.cos((lat * Math.PI) / 180)));
  return { minLat: lat - dLat, maxLat: lat + dLat, minLon: lon - dLon, maxLon: lon + dLon };
}

function profileFilters(filters: PoolFilters): SQL[] {
  const out: SQL[] = [isNull(profiles.endedAt)];
  if (filters.deskId) out.push(eq(profiles.deskId, filters.deskId));
  if (filters.employmentStatus) out.push(eq(profiles.employmentStatus, filters.employmentStatus));
  if (filters.region)
    out.push(
      exists(
        sql`select 1 from ${municipalities} where ${municipalities.code} = ${profiles.municipalityCode} and ${municipalities.regionName} = ${filters.region}`,
      ),
    );
  return out;
}

/** The matcher's view of people: work data only, never name, contacts or anything protected. */
export async function loadScoringProfiles(db: DbOrTx, ids: string[]): Promise<ScoringProfile[]> {
  if (ids.length === 0) return [];
  const out: ScoringProfile[] = [];
  for (let i = 0; i < ids.length; i += 5000) {
    const chunk = ids.slice(i, i + 5000);
    const [rows, occ, skills, langs] = await Promise.all([
      db.select().from(profiles).where(inArray(profiles.id, chunk)),
      db
        .select({
          profileId: profileOccupations.profileId,
          uri: profileOccupations.occupationUri,
          years: profileOccupations.years,
          isco: escoOccupations.iscoGroup,
        })
        .from(profileOccupations)
        .innerJoin(escoOccupations, eq(escoOccupations.uri, profileOccupations.occupationUri))
        .where(inArray(profileOccupations.profileId, chunk)),
      db.select().from(profileSkills).where(inArray(profileSkills.profileId, chunk)),
      db.select().from(profileLanguages).where(inArray(profileLanguages.profileId, chunk)),
    ]);
    const by = <T extends { profileId: string }>(items: T[]) => {
      const map = new Map<string, T[]>();
      for (const it of items) {
        const list = map.get(it.profileId);
        if (list) list.push(it);
        else map.set(it.profileId, [it]);
      }
      return map;
    };
    const occBy = by(occ);
    const skillsBy = by(skills);
    const langsBy = by(langs);
    for (const p of rows) {
      out.push({
        id: p.id,
        code: p.code,
        occupations: (occBy.get(p.id) ?? []).map((o) => ({
          uri: o.uri,
          iscoGroup: o.isco,
          years: Number(o.years),
        })),
        skills: (skillsBy.get(p.id) ?? []).map((s) => ({ uri: s.skillUri, source: s.source as SkillSource })),
        languages: (langsBy.get(p.id) ?? []).map((l) => ({ code: l.language, cefr: l.level as CefrLevel })),
        eqfLevel: p.eqfLevel,
        drivingLicences: p.drivingLicences,
        home: { lat: p.lat, lon: p.lon },
        mobilityKm: p.mobilityKm,
        availableFrom: p.availableFrom ?? EPOCH,
        employmentStatus: p.employmentStatus as EmploymentStatus,
        desiredPaths: p.desiredPaths.map((d) => (d === 'workers_buy_out' ? 'wbo' : d)) as DesiredPath[],
        supplyChains: p.supplyChains,
        naceDivisions: p.naceDivisions,
        crisisCaseId: p.crisisCaseId,
        deskId: p.deskId,
      });
    }
  }
  // Input order must not matter to the matcher, but a stable order keeps logs readable.
  return out.sort((a, b) => (a.id < b.id ? -1 : 1));
}

/**
 * Candidate generation for a job need, in SQL over the postings the data already has: people who hold
 * one of the required skills or an occupation in the same ISCO minor group, whose home lies within reach
 * (the need's radius or the longest mobility anyone declared, whichever is larger). The matcher then
 * applies the exact distance rule and scores only this pool.
 */
export async function jobNeedPoolIds(
  db: DbOrTx,
  need: JobNeedInput,
  filters: PoolFilters,
): Promise<string[]> {
  const [{ maxMobility } = { maxMobility: 0 }] = await db
    .select({ maxMobility: sql<number>`coalesce(max(${profiles.mobilityKm}), 0)::int` })
    .from(profiles)
    .where(isNull(profiles.endedAt));
  const reach = Math.max(need.radiusKm, maxMobility);
  const box = boundingBox(need.place.lat, need.place.lon, reach);
  const skills = [...need.essentialSkills, ...need.optionalSkills];
  const evidence: SQL[] = [
    exists(
      db
        .select({ one: sql`1` })
        .from(profileOccupations)
        .innerJoin(escoOccupations, eq(escoOccupations.uri, profileOccupations.occupationUri))
        .where(
          and(
            eq(profileOccupations.profileId, profiles.id),
            sql`left(${escoOccupations.iscoGroup}, 3) = ${need.iscoGroup.slice(0, 3)}`,
          ),
        ),
    ),
  ];
  if (skills.length > 0)
    evidence.push(
      exists(
        db
          .select({ one: sql`1` })
          .from(profileSkills)
          .where(and(eq(profileSkills.profileId, profiles.id), inArray(profileSkills.skillUri, skills))),
      ),
    );
  const rows = await db
    .select({ id: profiles.id })
    .from(profiles)
    .where(
      and(
        ...profileFilters(filters),
        between(profiles.lat, box.minLat, box.maxLat),
        between(profiles.lon, box.minLon, box.maxLon),
        or(...evidence),
      ),
    );
  return rows.map((r) => r.id);
}

/** People who live near a point (the matcher applies their mobility radius exactly). */
export async function nearbyProfileIds(
  db: DbOrTx,
  place: { lat: number; lon: number },
  km: number,
  filters: PoolFilters,
): Promise<string[]> {
  const box = boundingBox(place.lat, place.lon, km);
  const rows = await db
    .select({ id: profiles.id })
    .from(profiles)
    .where(
      and(
        ...profileFilters(filters),
        between(profiles.lat, box.minLat, box.maxLat),
        between(profiles.lon, box.minLon, box.maxLon),
      ),
    );
  return rows.map((r) => r.id);
}

export async function crisisCaseProfileIds(db: DbOrTx, crisisCaseId: string, filters: PoolFilters) {
  const rows = await db
    .select({ id: profiles.id })
    .from(profiles)
    .where(and(...profileFilters(filters), eq(profiles.crisisCaseId, crisisCaseId)));
  return rows.map((r) => r.id);
}

export type NeedRow = typeof needs.$inferSelect;

export async function loadJobNeedInputs(db: DbOrTx, rows: NeedRow[]): Promise<JobNeedInput[]> {
  const jobRows = rows.filter((n) => n.type === 'job' && n.occupationUri);
  if (jobRows.length === 0) return [];
  const ids = jobRows.map((n) => n.id);
  const [skills, langs, occ] = await Promise.all([
    db.select().from(needSkills).where(inArray(needSkills.needId, ids)),
    db.select().from(needLanguages).where(inArray(needLanguages.needId, ids)),
    db
      .select()
      .from(escoOccupations)
      .where(inArray(escoOccupations.uri, [...new Set(jobRows.map((n) => n.occupationUri!))])),
  ]);
  const isco = new Map(occ.map((o) => [o.uri, o.iscoGroup]));
  return jobRows.map((n) => ({
    id: n.id,
    occupationUri: n.occupationUri!,
    iscoGroup: isco.get(n.occupationUri!) ?? '',
    essentialSkills: skills
      .filter((s) => s.needId === n.id && s.relation === 'essential')
      .map((s) => s.skillUri)
      .sort(),
    optionalSkills: skills
      .filter((s) => s.needId === n.id && s.relation === 'optional')
      .map((s) => s.skillUri)
      .sort(),
    positions: n.positions ?? 1,
    place: { lat: n.lat, lon: n.lon },
    radiusKm: n.radiusKm,
    languages: langs
      .filter((l) => l.needId === n.id)
      .map((l) => ({ code: l.language, minCefr: l.minLevel as CefrLevel })),
    minEqf: n.minEqf,
    startDate: n.startDate,
    supplyChain: n.supplyChain,
    naceDivision: n.naceCode ? n.naceCode.slice(0, 2) : null,
  }));
}

export function toAssetNeedInput(n: NeedRow): AssetNeedInput {
  return {
    id: n.id,
    kind: n.assetKind as AssetNeedInput['kind'],
    category: n.assetCategory,
    minAreaM2: n.minAreaM2,
    maxAreaM2: n.maxAreaM2,
    minPowerKw: n.minPowerKw,
    minCraneTonnage: n.minCraneTonnage,
    needsQuay: n.needsQuay ?? false,
    near: { lat: n.lat, lon: n.lon },
    radiusKm: n.radiusKm,
    // The form's default `either` takes whichever the asset offers (the matcher reads budgetEur as
    // the purchase budget then); it used to be read as lease-only.
    mode: n.mode === 'buy' || n.mode === 'lease' ? n.mode : 'either',
    budgetEur: n.budgetEur,
    byDate: n.byDate,
  };
}

export type AssetRow = typeof assets.$inferSelect;

export function toAssetInput(a: AssetRow): AssetInput {
  return {
    id: a.id,
    kind: a.kind as AssetInput['kind'],
    category: a.category,
    coveredAreaM2: a.coveredAreaM2,
    landAreaM2: a.landAreaM2,
    powerKw: a.powerKw,
    powerKva: a.powerKva,
    craneTonnage: a.craneTonnage,
    quayAccess: a.quayAccess,
    location: { lat: a.lat, lon: a.lon },
    availableFrom: a.availableFrom ?? EPOCH,
    availableUntil: a.availableUntil,
    availability: a.availability as AssetInput['availability'],
    priceEur: a.priceEur,
    rentEurMonth: a.rentEurMonth,
    requiredSkills: a.requiredSkillUris,
    status: a.status as AssetInput['status'],
  };
}

/** Assets that could meet an asset need: same kind, still offered, within the box of the radius. */
export async function assetPool(db: DbOrTx, need: AssetNeedInput) {
  // Near misses are reported up to a tolerance beyond the radius, so the box is a little wider.
  const box = boundingBox(need.near.lat, need.near.lon, need.radiusKm * 1.5 + 5);
  return db
    .select()
    .from(assets)
    .where(
      and(
        isNull(assets.endedAt),
        eq(assets.kind, need.kind),
        inArray(assets.status, ['available', 'reserved']),
        between(assets.lat, box.minLat, box.maxLat),
        between(assets.lon, box.minLon, box.maxLon),
      ),
    )
    .orderBy(asc(assets.id));
}

export async function openNeeds(db: DbOrTx, type: 'job' | 'asset') {
  return db
    .select()
    .from(needs)
    .where(and(isNull(needs.endedAt), eq(needs.type, type), eq(needs.status, 'open')))
    .orderBy(asc(needs.id));
}

export async function loadOpportunityInputs(db: DbOrTx, rows: (typeof opportunities.$inferSelect)[]) {
  if (rows.length === 0) return [];
  const roles = await db
    .select({
      id: opportunityRoles.id,
      opportunityId: opportunityRoles.opportunityId,
      occupationUri: opportunityRoles.occupationUri,
      count: opportunityRoles.count,
      keySkills: opportunityRoles.keySkillUris,
      isco: escoOccupations.iscoGroup,
    })
    .from(opportunityRoles)
    .innerJoin(escoOccupations, eq(escoOccupations.uri, opportunityRoles.occupationUri))
    .where(
      inArray(
        opportunityRoles.opportunityId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(opportunityRoles.id));
  return rows.map((o): OpportunityInput => ({
    id: o.id,
    kind: o.kind as OpportunityInput['kind'],
    crisisCaseId: o.crisisCaseId,
    place: { lat: o.lat, lon: o.lon },
    supplyChain: o.supplyChain,
    roles: roles
      .filter((r) => r.opportunityId === o.id)
      .map((r) => ({
        id: r.id,
        occupationUri: r.occupationUri,
        iscoGroup: r.isco,
        count: r.count,
        keySkills: r.keySkills,
      })),
  }));
}

export async function openOpportunities(db: DbOrTx) {
  return db
    .select()
    .from(opportunities)
    .where(and(isNull(opportunities.endedAt), inArray(opportunities.status, ['open', 'in_progress'])))
    .orderBy(asc(opportunities.id));
}

export type DecisionRow = typeof matchDecisions.$inferSelect;

/** The decision in force for each candidate of a subject: the latest one recorded. */
export async function latestDecisions(db: DbOrTx, subjectType: string, subjectId: string) {
  const rows = await db
    .select()
    .from(matchDecisions)
    .where(and(eq(matchDecisions.subjectType, subjectType), eq(matchDecisions.subjectId, subjectId)))
    .orderBy(desc(matchDecisions.seq));
  const out = new Map<string, DecisionRow>();
  for (const r of rows) if (!out.has(r.candidateId)) out.set(r.candidateId, r);
  return out;
}
