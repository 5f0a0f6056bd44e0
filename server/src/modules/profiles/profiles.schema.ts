import { z } from 'zod';
import { ISO_639_1 } from '../../domain/iso639.js';
import {
  CEFR_LEVELS,
  DESIRED_PATHS,
  EMPLOYMENT_STATUSES,
  SKILL_SOURCES,
  SUPPLY_CHAINS,
} from '../../domain/vocabulary.js';
import { listQuerySchema, vocabularyFilter } from '../shared/list-query.js';
import {
  EscoOccupationUriSchema,
  EscoSkillUriSchema,
  IsoDateSchema,
  MunicipalityRefSchema,
  MunicipalityViewSchema,
} from '../shared/schemas.js';
import { patchSchemaOf, placeQueryFields, versionedRecordViewFields } from '../shared/record-schemas.js';

const ProfileOccupationSchema = z.strictObject({
  uri: EscoOccupationUriSchema,
  years: z.number().min(0).max(70).default(0),
});
/** A new skill is `declared` unless the caller says otherwise (only desk staff may say `certified`). */
const ProfileSkillSchema = z.strictObject({
  uri: EscoSkillUriSchema,
  source: z.enum(SKILL_SOURCES).default('declared'),
});
/**
 * In a PATCH a skill that leaves out its source keeps the one it has (certified stays certified); only a
 * skill the profile did not hold yet becomes `declared`. No default here, so the service can tell.
 */
const PatchSkillSchema = z.strictObject({
  uri: EscoSkillUriSchema,
  source: z.enum(SKILL_SOURCES).optional(),
});
const ProfileLanguageSchema = z.strictObject({
  code: z.enum(ISO_639_1, { error: 'an ISO 639-1 language code (two letters: it, fr, en …)' }),
  level: z.enum(CEFR_LEVELS),
});

const unique = <T>(key: (item: T) => string, what: string) =>
  [
    (items: T[]) => new Set(items.map(key)).size === items.length,
    { message: `each ${what} at most once` },
  ] as const;

const profileFields = {
  firstName: z.string().trim().min(1).max(100),
  lastName: z.string().trim().min(1).max(100),
  email: z.email().max(254).nullable().optional(),
  phone: z
    .string()
    .regex(/^\+?[0-9 ().-]{6,20}$/, 'a phone number')
    .nullable()
    .optional(),
  municipality: MunicipalityRefSchema,
  occupations: z
    .array(ProfileOccupationSchema)
    .max(10)
    .refine(...unique((o: { uri: string }) => o.uri, 'occupation')),
  skills: z
    .array(ProfileSkillSchema)
    .max(200)
    .refine(...unique((s: { uri: string }) => s.uri, 'skill')),
  languages: z
    .array(ProfileLanguageSchema)
    .max(20)
    .refine(...unique((l: { code: string }) => l.code, 'language')),
  eqfLevel: z.number().int().min(1).max(8).nullable().optional(),
  mobilityKm: z.number().int().min(0).max(1000),
  /** Door-to-door minutes by road and ferry; at most 12 hours (a weekly crossing is the option below). */
  maxTravelMinutes: z.number().int().min(1).max(720).nullable().optional(),
  weeklyFerryCommute: z.boolean(),
  availableFrom: IsoDateSchema.nullable().optional(),
  employmentStatus: z.enum(EMPLOYMENT_STATUSES),
  desiredPaths: z.array(z.enum(DESIRED_PATHS)).max(DESIRED_PATHS.length),
  supplyChains: z.array(z.enum(SUPPLY_CHAINS)).max(SUPPLY_CHAINS.length),
  naceDivisions: z.array(z.string().regex(/^[0-9]{2}$/, 'a two-digit NACE division')).max(20),
  drivingLicences: z.array(z.string().regex(/^[A-Z0-9]{1,4}$/)).max(15),
  crisisCaseId: z.uuid().nullable().optional(),
};

export const CreateProfileSchema = z.strictObject({
  deskId: z.uuid(),
  externalRef: z.string().trim().min(1).max(64),
  ...profileFields,
  skills: profileFields.skills.default([]),
  languages: profileFields.languages.default([]),
  mobilityKm: profileFields.mobilityKm.default(30),
  weeklyFerryCommute: profileFields.weeklyFerryCommute.default(false),
  desiredPaths: profileFields.desiredPaths.default(['employment']),
  supplyChains: profileFields.supplyChains.default([]),
  naceDivisions: profileFields.naceDivisions.default([]),
  drivingLicences: profileFields.drivingLicences.default([]),
});
export type CreateProfile = z.infer<typeof CreateProfileSchema>;

/** A PATCH names the version it read; fields it leaves out stay as they are (no defaults here). */
export const UpdateProfileSchema = patchSchemaOf(profileFields).extend({
  skills: z
    .array(PatchSkillSchema)
    .max(200)
    .refine(...unique((s: { uri: string }) => s.uri, 'skill'))
    .optional(),
});
export type UpdateProfile = z.infer<typeof UpdateProfileSchema>;

/**
 * What a caller sees. Name and contacts are present only for the profile's own desk (and admins);
 * everyone else sees the pseudonymous code.
 */
export const ProfileViewSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  deskId: z.uuid(),
  externalRef: z.string().nullable(),
  personal: z
    .object({
      firstName: z.string(),
      lastName: z.string(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
    })
    .nullable(),
  municipality: MunicipalityViewSchema,
  occupations: z.array(z.object({ uri: z.string(), years: z.number() })),
  skills: z.array(z.object({ uri: z.string(), source: z.string() })),
  languages: z.array(z.object({ code: z.string(), level: z.string() })),
  eqfLevel: z.number().nullable(),
  mobilityKm: z.number(),
  maxTravelMinutes: z.number().nullable(),
  weeklyFerryCommute: z.boolean(),
  availableFrom: z.string().nullable(),
  employmentStatus: z.string(),
  desiredPaths: z.array(z.string()),
  supplyChains: z.array(z.string()),
  naceDivisions: z.array(z.string()),
  drivingLicences: z.array(z.string()),
  crisisCaseId: z.uuid().nullable(),
  /** The record this one was merged into (the same person, registered twice); it has ended. */
  mergedInto: z.uuid().nullable(),
  ...versionedRecordViewFields,
});
export type ProfileView = z.infer<typeof ProfileViewSchema>;

export const PROFILE_SORTS = ['newest', 'oldest', 'code', 'available'] as const;
/**
 * The profiles list: text (the pseudonym and the municipality for everyone; name, reference and e-mail
 * only among the profiles whose personal data the principal may read), its filters and sort.
 */
export const ProfileListQuerySchema = listQuerySchema(PROFILE_SORTS, {
  employmentStatus: vocabularyFilter(EMPLOYMENT_STATUSES),
  desiredPath: vocabularyFilter(DESIRED_PATHS),
  supplyChain: vocabularyFilter(SUPPLY_CHAINS),
  ...placeQueryFields,
  deskId: z.uuid().optional(),
  crisisCaseId: z.uuid().optional(),
});
export type ProfileListQuery = z.output<typeof ProfileListQuerySchema>;

/** The schemas of the five record routes (`crudRoutes`). */
export const ProfileRouteSchemas = {
  create: CreateProfileSchema,
  update: UpdateProfileSchema,
  view: ProfileViewSchema,
  list: ProfileListQuerySchema,
};
