import { KIND_SPECIFIC_FIELDS } from '@rilancio/vocabulary';
import { z } from 'zod';
import { VERIFICATION_STATES } from './freshness.js';
import {
  ASSET_AVAILABILITIES,
  ASSET_CATEGORIES,
  ASSET_CONDITIONS,
  ASSET_KINDS,
  ASSET_STATUSES,
  SUPPLY_CHAINS,
} from '../../domain/vocabulary.js';
import {
  EscoSkillUriSchema,
  IsoDateSchema,
  LatitudeSchema,
  LongitudeSchema,
  MunicipalityRefSchema,
  MunicipalityViewSchema,
} from '../shared/schemas.js';
import { patchSchemaOf } from '../shared/record-schemas.js';

const positive = (max: number) => z.number().min(0).max(max).nullable();

const assetFields = {
  kind: z.enum(ASSET_KINDS),
  category: z.enum(ASSET_CATEGORIES),
  title: z.string().trim().min(3).max(200),
  description: z.string().max(5000),
  brand: z.string().max(100).nullable(),
  model: z.string().max(100).nullable(),
  year: z.number().int().min(1900).max(2100).nullable(),
  condition: z.enum(ASSET_CONDITIONS).nullable(),
  powerKw: positive(1_000_000),
  coveredAreaM2: positive(10_000_000),
  landAreaM2: positive(100_000_000),
  heightM: positive(200),
  craneTonnage: positive(5_000),
  loadingBays: z.number().int().min(0).max(500).nullable(),
  powerKva: positive(1_000_000),
  quayAccess: z.boolean(),
  draftM: positive(50),
  slipway: z.boolean(),
  maritimeConcession: z.boolean(),
  distanceToPortKm: positive(1000),
  municipality: MunicipalityRefSchema,
  lat: LatitudeSchema.nullable(),
  lon: LongitudeSchema.nullable(),
  availability: z.enum(ASSET_AVAILABILITIES),
  priceEur: positive(1e10),
  rentEurMonth: positive(1e8),
  availableFrom: IsoDateSchema.nullable(),
  availableUntil: IsoDateSchema.nullable(),
  ownerFirmId: z.uuid().nullable(),
  crisisCaseId: z.uuid().nullable(),
  supplyChains: z.array(z.enum(SUPPLY_CHAINS)).max(SUPPLY_CHAINS.length),
  status: z.enum(ASSET_STATUSES),
  requiredSkillUris: z.array(EscoSkillUriSchema).max(50),
};

type AssetFieldsInput = Partial<{ [K in keyof typeof assetFields]: z.infer<(typeof assetFields)[K]> }>;

/** Cross-field rules shared by create and update (update checks them against the merged record). */
export function assetRuleViolations(a: AssetFieldsInput): { path: string; reason: string }[] {
  const out: { path: string; reason: string }[] = [];
  if (a.kind) {
    for (const [field, kinds] of Object.entries(KIND_SPECIFIC_FIELDS)) {
      const value = a[field as keyof AssetFieldsInput];
      if (
        value !== undefined &&
        value !== null &&
        value !== false &&
        !(kinds as readonly string[]).includes(a.kind)
      )
        out.push({ path: field, reason: `not applicable to an asset of kind ${a.kind}` });
    }
  }
  if ((a.lat === null || a.lat === undefined) !== (a.lon === null || a.lon === undefined))
    out.push({ path: a.lat == null ? 'lat' : 'lon', reason: 'give both lat and lon, or neither' });
  if (a.availableFrom && a.availableUntil && a.availableUntil < a.availableFrom)
    out.push({ path: 'availableUntil', reason: 'must not be before availableFrom' });
  return out;
}

/** Only what identifies and places an asset is required; the rest defaults in the service (null, false, []). */
export const CreateAssetSchema = z
  .strictObject(assetFields)
  .partial()
  .required({ kind: true, category: true, title: true, municipality: true, availability: true })
  .extend({ deskId: z.uuid(), inventoryNumber: z.string().trim().min(1).max(64) })
  .superRefine((a, ctx) => {
    for (const v of assetRuleViolations(a))
      ctx.addIssue({ code: 'custom', path: [v.path], message: v.reason });
  });
export type CreateAsset = z.infer<typeof CreateAssetSchema>;

export const UpdateAssetSchema = patchSchemaOf(assetFields).extend({
  lastVerifiedAt: z.iso.datetime().optional(),
});
export type UpdateAsset = z.infer<typeof UpdateAssetSchema>;

export const AssetViewSchema = z.object({
  id: z.uuid(),
  deskId: z.uuid(),
  inventoryNumber: z.string(),
  kind: z.string(),
  category: z.string(),
  title: z.string(),
  description: z.string(),
  brand: z.string().nullable(),
  model: z.string().nullable(),
  year: z.number().nullable(),
  condition: z.string().nullable(),
  powerKw: z.number().nullable(),
  coveredAreaM2: z.number().nullable(),
  landAreaM2: z.number().nullable(),
  heightM: z.number().nullable(),
  craneTonnage: z.number().nullable(),
  loadingBays: z.number().nullable(),
  powerKva: z.number().nullable(),
  quayAccess: z.boolean(),
  draftM: z.number().nullable(),
  slipway: z.boolean(),
  maritimeConcession: z.boolean(),
  distanceToPortKm: z.number().nullable(),
  municipality: MunicipalityViewSchema.nullable(),
  lat: z.number(),
  lon: z.number(),
  availability: z.string(),
  priceEur: z.number().nullable(),
  rentEurMonth: z.number().nullable(),
  availableFrom: z.string().nullable(),
  availableUntil: z.string().nullable(),
  ownerFirmId: z.uuid().nullable(),
  crisisCaseId: z.uuid().nullable(),
  /** The listing this one was merged into (it is then ended). */
  mergedInto: z.uuid().nullable(),
  supplyChains: z.array(z.string()),
  status: z.string(),
  requiredSkillUris: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastVerifiedAt: z.string().nullable(),
  /** current; to_verify (flagged); out_of_search (left the default search): from the last verification. */
  verification: z.enum(VERIFICATION_STATES),
  endedAt: z.string().nullable(),
  version: z.number(),
});
export type AssetView = z.infer<typeof AssetViewSchema>;

/** The schemas of the five record routes (`crudRoutes`). */
export const AssetRouteSchemas = {
  create: CreateAssetSchema,
  update: UpdateAssetSchema,
  view: AssetViewSchema,
};
