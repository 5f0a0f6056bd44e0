// What the profile form edits, and how it maps to and from the API (`POST /profiles`, `PATCH /profiles/:id`).
import type { CreateBody, ProfileRecord, UpdateBody } from '$lib/api/types';
import { changes, municipalityRef, orNull } from '$lib/forms';

type Body = CreateBody<'profiles'>;
export type SkillSource = NonNullable<NonNullable<Body['skills']>[number]['source']>;

type LanguageCode = NonNullable<Body['languages']>[number]['code'];

export type ProfileValues = {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  externalRef: string;
  municipality: { country: 'IT' | 'FR'; code: string } | null;
  municipalityName: string;
  occupations: { uri: string; label: string; years: number }[];
  /** `source` is the evidence the score uses: kept as stored, never reset by the form (issue 17). */
  skills: { uri: string; label: string; source: SkillSource }[];
  /** `code` is '' while a new row has no language chosen yet (not sent). */
  languages: { code: LanguageCode | ''; level: NonNullable<Body['languages']>[number]['level'] }[];
  eqfLevel: number | null;
  mobilityKm: number | null;
  /** Door-to-door minutes by road and ferry; null = mobility in km only. */
  maxTravelMinutes: number | null;
  weeklyFerryCommute: boolean;
  availableFrom: string;
  employmentStatus: Body['employmentStatus'];
  desiredPaths: NonNullable<Body['desiredPaths']>;
  supplyChains: NonNullable<Body['supplyChains']>;
  crisisCaseId: string;
};

/** The fields a server message can name (`details[].path`). */
export const PROFILE_FIELDS = [
  'firstName',
  'lastName',
  'email',
  'phone',
  'externalRef',
  'municipality',
  'occupations',
  'skills',
  'languages',
  'eqfLevel',
  'mobilityKm',
  'maxTravelMinutes',
  'weeklyFerryCommute',
  'availableFrom',
  'employmentStatus',
  'desiredPaths',
  'supplyChains',
  'crisisCaseId',
] as const;

export function emptyProfile(): ProfileValues {
  return {
    firstName: '',
    lastName: '',
    email: '',
    phone: '',
    externalRef: '',
    municipality: null,
    municipalityName: '',
    occupations: [],
    skills: [],
    languages: [{ code: 'it', level: 'C2' }],
    eqfLevel: null,
    mobilityKm: 30,
    maxTravelMinutes: null,
    weeklyFerryCommute: false,
    availableFrom: '',
    employmentStatus: 'unemployed',
    desiredPaths: ['employment'],
    supplyChains: [],
    crisisCaseId: '',
  };
}

/**
 * The stored profile as form values; `label` names an ESCO concept by its URI. The response schema types the
 * closed lists as plain strings; they hold the values the request accepted.
 */
export function profileValues(p: ProfileRecord, label: (uri: string) => string): ProfileValues {
  return {
    firstName: p.personal?.firstName ?? '',
    lastName: p.personal?.lastName ?? '',
    email: p.personal?.email ?? '',
    phone: p.personal?.phone ?? '',
    externalRef: p.externalRef ?? '',
    municipality: municipalityRef(p.municipality),
    municipalityName: p.municipality.name,
    occupations: p.occupations.map((o) => ({ uri: o.uri, label: label(o.uri), years: o.years })),
    skills: p.skills.map((s) => ({ uri: s.uri, label: label(s.uri), source: s.source as SkillSource })),
    languages: p.languages.map((l) => ({
      code: l.code as LanguageCode,
      level: l.level as ProfileValues['languages'][number]['level'],
    })),
    eqfLevel: p.eqfLevel ?? null,
    mobilityKm: p.mobilityKm ?? null,
    maxTravelMinutes: p.maxTravelMinutes ?? null,
    weeklyFerryCommute: p.weeklyFerryCommute ?? false,
    availableFrom: p.availableFrom?.slice(0, 10) ?? '',
    employmentStatus: p.employmentStatus as ProfileValues['employmentStatus'],
    desiredPaths: [...p.desiredPaths] as ProfileValues['desiredPaths'],
    supplyChains: [...p.supplyChains] as ProfileValues['supplyChains'],
    crisisCaseId: p.crisisCaseId ?? '',
  };
}

/** The fields both the creation and the update accept, in the API's shape. */
function common(v: ProfileValues) {
  return {
    firstName: v.firstName.trim(),
    lastName: v.lastName.trim(),
    email: orNull(v.email),
    phone: orNull(v.phone),
    municipality: v.municipality!,
    occupations: v.occupations.map((o) => ({ uri: o.uri, years: o.years })),
    skills: v.skills.map((s) => ({ uri: s.uri, source: s.source })),
    languages: v.languages.flatMap((l) => (l.code ? [{ code: l.code, level: l.level }] : [])),
    eqfLevel: v.eqfLevel,
    mobilityKm: v.mobilityKm ?? undefined,
    // An emptied number input gives undefined, null or NaN: each means "no time stated" (null clears it).
    maxTravelMinutes:
      typeof v.maxTravelMinutes === 'number' && !Number.isNaN(v.maxTravelMinutes) ? v.maxTravelMinutes : null,
    weeklyFerryCommute: v.weeklyFerryCommute,
    availableFrom: orNull(v.availableFrom),
    employmentStatus: v.employmentStatus,
    desiredPaths: v.desiredPaths,
    supplyChains: v.supplyChains,
    crisisCaseId: orNull(v.crisisCaseId),
  };
}

export function createBody(v: ProfileValues, deskId: string | null | undefined): Body {
  return { ...(deskId ? { deskId } : {}), externalRef: v.externalRef.trim(), ...common(v) } as Body;
}

/** Only what changed since `before`, with the version read (edit PATCHes the changed fields). */
export function updateBody(
  before: ProfileValues,
  after: ProfileValues,
  version: number,
): UpdateBody<'profiles'> | null {
  const diff = changes(common(before), common(after));
  return Object.keys(diff).length ? { ...diff, version } : null;
}
