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
import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import { anyUuid } from '../../db/any-id.js';
import type { DbOrTx } from '../../db/client.js';
import { Interner } from '../../lib/interner.js';
import type { assets, needs, opportunities } from '../../db/schema.js';
import {
  escoOccupations,
  matchDecisions,
  municipalities,
  needLanguages,
  needSkills,
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

/** A profile as the match index keeps it: the matcher's view plus what filters and freshness need. */
export interface ProfileRecord {
  profile: ScoringProfile;
  version: number;
  /** Region of the home municipality (the pool filter `region`). */
  region: string | null;
}

/** Only work data is read: name, contacts and references never leave the database on this path. */
const PROFILE_COLUMNS = {
  id: profiles.id,
  code: profiles.code,
  deskId: profiles.deskId,
  lat: profiles.lat,
  lon: profiles.lon,
  eqfLevel: profiles.eqfLevel,
  mobilityKm: profiles.mobilityKm,
  maxTravelMinutes: profiles.maxTravelMinutes,
  weeklyFerryCommute: profiles.weeklyFerryCommute,
  availableFrom: profiles.availableFrom,
  employmentStatus: profiles.employmentStatus,
  desiredPaths: profiles.desiredPaths,
  supplyChains: profiles.supplyChains,
  naceDivisions: profiles.naceDivisions,
  drivingLicences: profiles.drivingLicences,
  crisisCaseId: profiles.crisisCaseId,
  version: profiles.version,
  region: municipalities.regionName,
};

/**
 * The values profiles repeat (skill and occupation URIs, homes at municipal centroids, desk and crisis
 * ids, dates, code lists), one shared instance each for the life of the process: the match index holds
 * every matchable profile.
 */
const profileValues = new Interner();

function groupByKey<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const it of items) {
    const key = keyOf(it);
    const list = map.get(key);
    if (list) list.push(it);
    else map.set(key, [it]);
  }
  return map;
}

const groupBy = <T extends { profileId: string }>(items: T[]) => groupByKey(items, (it) => it.profileId);

/**
 * Profiles with their occupations, skills and languages: four queries per chunk of ids, never a scan.
 * `liveOnly` leaves out ended profiles (what matching may rank); erased ones are gone from the table.
 */
export async function loadProfileRecords(
  db: DbOrTx,
  ids: string[],
  options: { liveOnly?: boolean } = {},
): Promise<ProfileRecord[]> {
  if (ids.length === 0) return [];
  const out: ProfileRecord[] = [];
  for (let i = 0; i < ids.length; i += 5000) {
    const chunk = ids.slice(i, i + 5000);
    const [rows, occ, skills, langs] = await Promise.all([
      db
        .select(PROFILE_COLUMNS)
        .from(profiles)
        .leftJoin(
          municipalities,
          and(
            eq(municipalities.country, profiles.municipalityCountry),
            eq(municipalities.code, profiles.municipalityCode),
          ),
        )
        .where(and(anyUuid(profiles.id, chunk), options.liveOnly ? isNull(profiles.endedAt) : undefined)),
      db
        .select({
          profileId: profileOccupations.profileId,
          uri: profileOccupations.occupationUri,
          years: profileOccupations.years,
          isco: escoOccupations.iscoGroup,
        })
        .from(profileOccupations)
        .innerJoin(escoOccupations, eq(escoOccupations.uri, profileOccupations.occupationUri))
        .where(anyUuid(profileOccupations.profileId, chunk)),
      db
        .select({
          profileId: profileSkills.profileId,
          skillUri: profileSkills.skillUri,
          source: profileSkills.source,
        })
        .from(profileSkills)
        .where(anyUuid(profileSkills.profileId, chunk)),
      db
        .select({
          profileId: profileLanguages.profileId,
          language: profileLanguages.language,
          level: profileLanguages.level,
        })
        .from(profileLanguages)
        .where(anyUuid(profileLanguages.profileId, chunk)),
    ]);
    const occBy = groupBy(occ);
    const skillsBy = groupBy(skills);
    const langsBy = groupBy(langs);
    for (const p of rows) {
      const v = profileValues;
      out.push({
        version: p.version,
        region: v.string(p.region),
        profile: {
          id: p.id,
          code: p.code,
          occupations: (occBy.get(p.id) ?? []).map((o) =>
            v.record([o.uri, o.isco, o.years], () => ({
              uri: v.string(o.uri),
              iscoGroup: v.string(o.isco),
              years: Number(o.years),
            })),
          ),
          skills: (skillsBy.get(p.id) ?? []).map((s) =>
            v.record([s.skillUri, s.source], () => ({
              uri: v.string(s.skillUri),
              source: v.string(s.source) as SkillSource,
            })),
          ),
          languages: (langsBy.get(p.id) ?? []).map((l) =>
            v.record([l.language, l.level], () => ({
              code: v.string(l.language),
              cefr: v.string(l.level) as CefrLevel,
            })),
          ),
          eqfLevel: p.eqfLevel,
          drivingLicences: v.list(p.drivingLicences),
          home: v.record([p.lat, p.lon], () => ({ lat: p.lat, lon: p.lon })),
          mobilityKm: p.mobilityKm,
          maxTravelMinutes: p.maxTravelMinutes,
          weeklyFerryCommute: p.weeklyFerryCommute,
          availableFrom: v.string(p.availableFrom ?? EPOCH),
          employmentStatus: v.string(p.employmentStatus) as EmploymentStatus,
          desiredPaths: v.list(p.desiredPaths as DesiredPath[]),
          supplyChains: v.list(p.supplyChains),
          naceDivisions: v.list(p.naceDivisions),
          crisisCaseId: v.string(p.crisisCaseId),
          deskId: v.string(p.deskId),
        },
      });
    }
  }
  // Input order must not matter to the matcher, but a stable order keeps logs readable.
  return out.sort((a, b) => (a.profile.id < b.profile.id ? -1 : 1));
}

/** The matcher's view of people: work data only, never name, contacts or anything protected. */
export async function loadScoringProfiles(db: DbOrTx, ids: string[]): Promise<ScoringProfile[]> {
  return (await loadProfileRecords(db, ids)).map((r) => r.profile);
}

export type NeedRow = typeof needs.$inferSelect;

export async function loadJobNeedInputs(db: DbOrTx, rows: NeedRow[]): Promise<JobNeedInput[]> {
  const jobRows = rows.filter((n) => n.type === 'job' && n.occupationUri);
  if (jobRows.length === 0) return [];
  const ids = jobRows.map((n) => n.id);
  const [skills, langs, occ] = await Promise.all([
    db.select().from(needSkills).where(anyUuid(needSkills.needId, ids)),
    db.select().from(needLanguages).where(anyUuid(needLanguages.needId, ids)),
    db
      .select()
      .from(escoOccupations)
      .where(inArray(escoOccupations.uri, [...new Set(jobRows.map((n) => n.occupationUri!))])),
  ]);
  const isco = new Map(occ.map((o) => [o.uri, o.iscoGroup]));
  // Grouped once: the index loads needs a thousand at a time, and a scan per need was quadratic.
  const skillsBy = groupByKey(skills, (s) => s.needId);
  const langsBy = groupByKey(langs, (l) => l.needId);
  const uris = (needId: string, relation: string) =>
    (skillsBy.get(needId) ?? [])
      .filter((s) => s.relation === relation)
      .map((s) => s.skillUri)
      .sort();
  return jobRows.map((n) => ({
    id: n.id,
    occupationUri: n.occupationUri!,
    iscoGroup: isco.get(n.occupationUri!) ?? '',
    essentialSkills: uris(n.id, 'essential'),
    optionalSkills: uris(n.id, 'optional'),
    positions: n.positions ?? 1,
    place: { lat: n.lat, lon: n.lon },
    radiusKm: n.radiusKm,
    languages: (langsBy.get(n.id) ?? []).map((l) => ({ code: l.language, minCefr: l.minLevel as CefrLevel })),
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
    monthlyBudgetEur: n.monthlyBudgetEur,
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
      anyUuid(
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
