import { and, asc, eq, gt, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import {
  municipalities,
  profileLanguages,
  profileOccupations,
  profileSkills,
  profiles,
} from '../../db/schema.js';

export type ProfileRow = typeof profiles.$inferSelect;

export interface ProfileAggregate {
  profile: ProfileRow;
  municipality: { name: string; provinceName: string; regionName: string };
  occupations: { uri: string; years: number }[];
  skills: { uri: string; source: string }[];
  languages: { code: string; level: string }[];
}

export async function findProfileRow(db: DbOrTx, id: string, options: { forUpdate?: boolean } = {}) {
  const query = db.select().from(profiles).where(eq(profiles.id, id));
  const [row] = await (options.forUpdate ? query.for('update') : query);
  return row;
}

export async function listProfileRows(
  db: DbOrTx,
  page: { limit: number; cursor?: string; includeEnded: boolean; deskId?: string },
) {
  return db
    .select()
    .from(profiles)
    .where(
      and(
        page.cursor ? gt(profiles.id, page.cursor) : undefined,
        page.includeEnded ? undefined : isNull(profiles.endedAt),
        page.deskId ? eq(profiles.deskId, page.deskId) : undefined,
      ),
    )
    .orderBy(asc(profiles.id))
    .limit(page.limit + 1);
}

/** Loads profiles with their occupations, skills, languages and municipality, in four queries for any number. */
export async function loadProfileAggregates(db: DbOrTx, rows: ProfileRow[]): Promise<ProfileAggregate[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [occ, skills, langs, munis] = await Promise.all([
    db.select().from(profileOccupations).where(inArray(profileOccupations.profileId, ids)),
    db.select().from(profileSkills).where(inArray(profileSkills.profileId, ids)),
    db.select().from(profileLanguages).where(inArray(profileLanguages.profileId, ids)),
    db
      .select()
      .from(municipalities)
      .where(inArray(municipalities.code, [...new Set(rows.map((r) => r.municipalityCode))])),
  ]);
  const group = <T extends { profileId: string }>(items: T[]) => {
    const map = new Map<string, T[]>();
    for (const item of items) map.set(item.profileId, [...(map.get(item.profileId) ?? []), item]);
    return map;
  };
  const occBy = group(occ);
  const skillsBy = group(skills);
  const langsBy = group(langs);
  const muniBy = new Map(munis.map((m) => [`${m.country}:${m.code}`, m]));
  return rows.map((profile) => {
    const m = muniBy.get(`${profile.municipalityCountry}:${profile.municipalityCode}`);
    return {
      profile,
      municipality: {
        name: m?.name ?? '',
        provinceName: m?.provinceName ?? '',
        regionName: m?.regionName ?? '',
      },
      occupations: (occBy.get(profile.id) ?? [])
        .map((o) => ({ uri: o.occupationUri, years: Number(o.years) }))
        .sort((a, b) => a.uri.localeCompare(b.uri)),
      skills: (skillsBy.get(profile.id) ?? [])
        .map((s) => ({ uri: s.skillUri, source: s.source }))
        .sort((a, b) => a.uri.localeCompare(b.uri)),
      languages: (langsBy.get(profile.id) ?? [])
        .map((l) => ({ code: l.language, level: l.level }))
        .sort((a, b) => a.code.localeCompare(b.code)),
    };
  });
}

/** A profile's skills and their sources (declared, certified, inferred), keyed by skill URI. */
export async function loadProfileSkills(db: DbOrTx, profileId: string): Promise<Map<string, string>> {
  const rows = await db
    .select({ uri: profileSkills.skillUri, source: profileSkills.source })
    .from(profileSkills)
    .where(eq(profileSkills.profileId, profileId));
  return new Map(rows.map((r) => [r.uri, r.source]));
}

export async function replaceProfileChildren(
  tx: DbOrTx,
  profileId: string,
  children: {
    occupations?: { uri: string; years: number }[];
    skills?: { uri: string; source: string }[];
    languages?: { code: string; level: string }[];
  },
) {
  if (children.occupations) {
    await tx.delete(profileOccupations).where(eq(profileOccupations.profileId, profileId));
    if (children.occupations.length > 0)
      await tx
        .insert(profileOccupations)
        .values(children.occupations.map((o) => ({ profileId, occupationUri: o.uri, years: o.years })));
  }
  if (children.skills) {
    await tx.delete(profileSkills).where(eq(profileSkills.profileId, profileId));
    if (children.skills.length > 0)
      await tx
        .insert(profileSkills)
        .values(children.skills.map((s) => ({ profileId, skillUri: s.uri, source: s.source })));
  }
  if (children.languages) {
    await tx.delete(profileLanguages).where(eq(profileLanguages.profileId, profileId));
    if (children.languages.length > 0)
      await tx
        .insert(profileLanguages)
        .values(children.languages.map((l) => ({ profileId, language: l.code, level: l.level })));
  }
}

/** The desk and end date of each of these profiles that exists: what the access policy and the company view need. */
export async function profileOwners(
  db: DbOrTx,
  ids: readonly string[],
): Promise<Map<string, { deskId: string; endedAt: Date | null }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: profiles.id, deskId: profiles.deskId, endedAt: profiles.endedAt })
    .from(profiles)
    .where(inArray(profiles.id, [...ids]));
  return new Map(rows.map((r) => [r.id, { deskId: r.deskId, endedAt: r.endedAt }]));
}
