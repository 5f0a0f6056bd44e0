import { z } from 'zod';
import { ISO_639_1 } from '../../domain/iso639.js';
import {
  ACQUISITION_MODES,
  ASSET_CATEGORIES,
  ASSET_KINDS,
  CEFR_LEVELS,
  CONTRACT_TYPES,
  NEED_STATUSES,
  NEED_TYPES,
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

const commonFields = {
  title: z.string().trim().min(3).max(200),
  description: z.string().max(5000),
  status: z.enum(NEED_STATUSES),
  municipality: MunicipalityRefSchema,
  radiusKm: z.number().int().min(0).max(1000),
  supplyChain: z.enum(SUPPLY_CHAINS).nullable(),
  naceCode: z
    .string()
    .regex(/^[0-9]{2}(\.[0-9]{1,2})?$/)
    .nullable(),
  expiresAt: IsoDateSchema.nullable(),
};
const jobFields = {
  occupationUri: EscoOccupationUriSchema,
  essentialSkills: z.array(EscoSkillUriSchema).max(50),
  optionalSkills: z.array(EscoSkillUriSchema).max(50),
  positions: z.number().int().min(1).max(1000),
  contractType: z.enum(CONTRACT_TYPES).nullable(),
  languages: z
    .array(
      z.strictObject({
        code: z.enum(ISO_639_1, { error: 'an ISO 639-1 language code (two letters: it, fr, en …)' }),
        minLevel: z.enum(CEFR_LEVELS),
      }),
    )
    .max(10),
  minEqf: z.number().int().min(1).max(8).nullable(),
  startDate: IsoDateSchema.nullable(),
};
const assetNeedFields = {
  assetKind: z.enum(ASSET_KINDS),
  assetCategory: z.enum(ASSET_CATEGORIES).nullable(),
  minAreaM2: z.number().min(0).nullable(),
  maxAreaM2: z.number().min(0).nullable(),
  minPowerKw: z.number().min(0).nullable(),
  minCraneTonnage: z.number().min(0).nullable(),
  needsQuay: z.boolean(),
  mode: z.enum(ACQUISITION_MODES),
  /** Purchase budget (buy, either); in mode lease the monthly budget when `monthlyBudgetEur` is not given. */
  budgetEur: z.number().min(0).nullable(),
  /** The most a month's rent may cost (lease, either): never compared with a price. */
  monthlyBudgetEur: z.number().min(0).nullable(),
  byDate: IsoDateSchema.nullable(),
};

const base = z.strictObject(commonFields).partial().required({ title: true, municipality: true }).extend({
  firmId: z.uuid(),
});

export const CreateNeedSchema = z.discriminatedUnion('type', [
  base.extend({
    type: z.literal('job'),
    ...z.strictObject(jobFields).partial().required({ occupationUri: true }).shape,
  }),
  base.extend({
    type: z.literal('asset'),
    ...z.strictObject(assetNeedFields).partial().required({ assetKind: true }).shape,
  }),
]);
export type CreateNeed = z.infer<typeof CreateNeedSchema>;

/** The type of a need does not change; each field is checked against the stored type by the service. */
export const UpdateNeedSchema = patchSchemaOf({ ...commonFields, ...jobFields, ...assetNeedFields });
export type UpdateNeed = z.infer<typeof UpdateNeedSchema>;
export const JOB_ONLY_FIELDS = Object.keys(jobFields);
export const ASSET_ONLY_FIELDS = Object.keys(assetNeedFields);

export const NeedViewSchema = z.object({
  id: z.uuid(),
  type: z.enum(['job', 'asset']),
  firmId: z.uuid(),
  deskId: z.uuid().nullable(),
  title: z.string(),
  description: z.string(),
  status: z.string(),
  municipality: MunicipalityViewSchema.nullable(),
  lat: z.number(),
  lon: z.number(),
  radiusKm: z.number(),
  supplyChain: z.string().nullable(),
  naceCode: z.string().nullable(),
  expiresAt: z.string().nullable(),
  occupationUri: z.string().nullable(),
  essentialSkills: z.array(z.string()),
  optionalSkills: z.array(z.string()),
  positions: z.number().nullable(),
  contractType: z.string().nullable(),
  languages: z.array(z.object({ code: z.string(), minLevel: z.string() })),
  minEqf: z.number().nullable(),
  startDate: z.string().nullable(),
  assetKind: z.string().nullable(),
  assetCategory: z.string().nullable(),
  minAreaM2: z.number().nullable(),
  maxAreaM2: z.number().nullable(),
  minPowerKw: z.number().nullable(),
  minCraneTonnage: z.number().nullable(),
  needsQuay: z.boolean().nullable(),
  mode: z.string().nullable(),
  budgetEur: z.number().nullable(),
  monthlyBudgetEur: z.number().nullable(),
  byDate: z.string().nullable(),
  ...versionedRecordViewFields,
});
export type NeedView = z.infer<typeof NeedViewSchema>;

export const NEED_SORTS = ['newest', 'oldest', 'title', 'deadline'] as const;
/** The needs list: text (title, reference, firm, municipality), its filters and sort. */
export const NeedListQuerySchema = listQuerySchema(NEED_SORTS, {
  type: vocabularyFilter(NEED_TYPES),
  status: vocabularyFilter(NEED_STATUSES),
  contractType: vocabularyFilter(CONTRACT_TYPES),
  supplyChain: vocabularyFilter(SUPPLY_CHAINS),
  ...placeQueryFields,
  deskId: z.uuid().optional(),
  firmId: z.uuid().optional(),
});
export type NeedListQuery = z.output<typeof NeedListQuerySchema>;

/** The schemas of the five record routes (`crudRoutes`). */
export const NeedRouteSchemas = {
  create: CreateNeedSchema,
  update: UpdateNeedSchema,
  view: NeedViewSchema,
  list: NeedListQuerySchema,
};
