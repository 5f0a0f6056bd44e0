// What the profile form edits, and how it maps to and from the API (`POST /profiles`, `PATCH /profiles/:id`).
import type { CreateBody, ProfileRecord, UpdateBody } from '$lib/api/types';
import { changes, municipalityRef, orNull } from '$lib/forms';

type Body = CreateBody<'profiles'>;
export type SkillSource = NonNullable<NonNullable<Body['skills']>[number]['source']>;

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
  languages: Body['languages'] & object;
  eqfLevel: number | null;
  mobilityKm: number | null;
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
      code: l.code,
      level: l.level as ProfileValues['languages'][number]['level'],
    })),
    eqfLevel: p.eqfLevel ?? null,
    mobilityKm: p.mobilityKm ?? null,
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
    languages: v.languages.filter((l) => l.code.trim()).map((l) => ({ code: l.code.trim(), level: l.level })),
    eqfLevel: v.eqfLevel,
    mobilityKm: v.mobilityKm ?? undefined,
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
