import { PROFILE_MERGE_FIELDS } from '@rilancio/vocabulary';
import type { SKILL_SOURCES } from '../../domain/vocabulary.js';
import { CEFR_LEVELS } from '../../domain/vocabulary.js';
import type { ProfileAggregate, ProfileChildren, ProfileRow } from '../profiles/index.js';

/**
 * What merging two records of the same person gives, decided without I/O so the preview and the merge
 * cannot differ. The kept record's values win; a value it lacks comes from the other record; the operator
 * may take the other record's value for any field they choose (`take`). Lists are joined: occupations with
 * the longer experience, skills with the stronger evidence, languages with the higher level.
 */
export const MERGE_FIELDS = PROFILE_MERGE_FIELDS;
export type MergeField = (typeof MERGE_FIELDS)[number];

/** The columns each field stands for (a name is first and last name together; a place is four columns). */
const COLUMNS: Record<MergeField, readonly (keyof ProfileRow)[]> = {
  name: ['firstName', 'lastName'],
  email: ['email'],
  phone: ['phone'],
  municipality: ['municipalityCountry', 'municipalityCode', 'lat', 'lon'],
  eqfLevel: ['eqfLevel'],
  mobilityKm: ['mobilityKm'],
  maxTravelMinutes: ['maxTravelMinutes'],
  weeklyFerryCommute: ['weeklyFerryCommute'],
  availableFrom: ['availableFrom'],
  employmentStatus: ['employmentStatus'],
  crisisCaseId: ['crisisCaseId'],
};

/** Lists of codes: the merged record holds what either record holds. */
const JOINED = ['desiredPaths', 'supplyChains', 'naceDivisions', 'drivingLicences'] as const;

export interface MergePlan {
  /** The kept record's columns after the merge (only those that change). */
  columns: Partial<ProfileRow>;
  children: ProfileChildren;
  /** Fields where both records hold a value and the values differ: what the operator should look at. */
  differences: MergeField[];
  /** Fields whose value comes from the other record (chosen, or missing on the kept one). */
  fromOther: MergeField[];
}

const isBlank = (v: unknown) => v === null || v === undefined || v === '';
const same = (a: ProfileRow, b: ProfileRow, field: MergeField) =>
  COLUMNS[field].every((c) => String(a[c]) === String(b[c]));
const blank = (row: ProfileRow, field: MergeField) => COLUMNS[field].every((c) => isBlank(row[c]));

const SKILL_STRENGTH: Record<(typeof SKILL_SOURCES)[number], number> = {
  certified: 3,
  declared: 2,
  inferred: 1,
};
const strength = (source: string) => SKILL_STRENGTH[source as (typeof SKILL_SOURCES)[number]] ?? 0;
const levelRank = (level: string) => CEFR_LEVELS.indexOf(level as (typeof CEFR_LEVELS)[number]);

export function planMerge(
  kept: ProfileAggregate,
  other: ProfileAggregate,
  take: ReadonlySet<MergeField> = new Set(),
): MergePlan {
  const a = kept.profile;
  const b = other.profile;
  const columns: Record<string, unknown> = {};
  const differences: MergeField[] = [];
  const fromOther: MergeField[] = [];
  for (const field of MERGE_FIELDS) {
    if (same(a, b, field)) continue;
    if (!blank(a, field) && !blank(b, field)) differences.push(field);
    if (take.has(field) || (blank(a, field) && !blank(b, field))) {
      fromOther.push(field);
      for (const c of COLUMNS[field]) columns[c] = b[c];
    }
  }
  for (const list of JOINED) {
    const joined = [...new Set([...a[list], ...b[list]])];
    if (joined.length !== a[list].length) columns[list] = joined;
  }
  return {
    columns: columns as Partial<ProfileRow>,
    children: joinChildren(kept, other),
    differences,
    fromOther,
  };
}

function joinChildren(kept: ProfileAggregate, other: ProfileAggregate): ProfileChildren {
  const occupations = new Map<string, number>();
  for (const o of [...kept.occupations, ...other.occupations])
    occupations.set(o.uri, Math.max(occupations.get(o.uri) ?? 0, o.years));
  const skills = new Map<string, string>();
  for (const s of [...kept.skills, ...other.skills]) {
    const held = skills.get(s.uri);
    if (!held || strength(s.source) > strength(held)) skills.set(s.uri, s.source);
  }
  const languages = new Map<string, string>();
  for (const l of [...kept.languages, ...other.languages]) {
    const held = languages.get(l.code);
    if (!held || levelRank(l.level) > levelRank(held)) languages.set(l.code, l.level);
  }
  const byKey = <T>(m: Map<string, T>) => [...m].sort(([x], [y]) => x.localeCompare(y));
  return {
    occupations: byKey(occupations).map(([uri, years]) => ({ uri, years })),
    skills: byKey(skills).map(([uri, source]) => ({ uri, source })),
    languages: byKey(languages).map(([code, level]) => ({ code, level })),
  };
}
