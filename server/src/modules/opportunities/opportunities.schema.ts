import { z } from 'zod';
import { OPPORTUNITY_KINDS, OPPORTUNITY_STATUSES, SUPPLY_CHAINS } from '../../domain/vocabulary.js';
import {
  EscoOccupationUriSchema,
  EscoSkillUriSchema,
  IsoDateSchema,
  MunicipalityRefSchema,
  MunicipalityViewSchema,
} from '../shared/schemas.js';
import { listQuerySchema, vocabularyFilter } from '../shared/list-query.js';
import { patchSchemaOf, placeQueryFields, versionedRecordViewFields } from '../shared/record-schemas.js';

export const OpportunityRoleInputSchema = z.strictObject({
  occupationUri: EscoOccupationUriSchema,
  count: z.number().int().min(1).max(500),
  keySkills: z.array(EscoSkillUriSchema).max(30).default([]),
});

const opportunityFields = {
  kind: z.enum(OPPORTUNITY_KINDS),
  title: z.string().trim().min(3).max(200),
  description: z.string().max(5000),
  sourceFirmId: z.uuid().nullable(),
  crisisCaseId: z.uuid().nullable(),
  municipality: MunicipalityRefSchema,
  capitalNeededEur: z.number().min(0).nullable(),
  deadline: IsoDateSchema.nullable(),
  supplyChain: z.enum(SUPPLY_CHAINS).nullable(),
  status: z.enum(OPPORTUNITY_STATUSES),
  roles: z.array(OpportunityRoleInputSchema).max(50),
  assetIds: z.array(z.uuid()).max(200),
};

export const CreateOpportunitySchema = z
  .strictObject(opportunityFields)
  .partial()
  .required({ kind: true, title: true, municipality: true })
  .extend({ deskId: z.uuid() });
export type CreateOpportunity = z.infer<typeof CreateOpportunitySchema>;

export const UpdateOpportunitySchema = patchSchemaOf(opportunityFields);
export type UpdateOpportunity = z.infer<typeof UpdateOpportunitySchema>;

export const OpportunityViewSchema = z.object({
  id: z.uuid(),
  deskId: z.uuid(),
  kind: z.string(),
  title: z.string(),
  description: z.string(),
  sourceFirmId: z.uuid().nullable(),
  crisisCaseId: z.uuid().nullable(),
  municipality: MunicipalityViewSchema.nullable(),
  lat: z.number(),
  lon: z.number(),
  capitalNeededEur: z.number().nullable(),
  deadline: z.string().nullable(),
  supplyChain: z.string().nullable(),
  status: z.string(),
  roles: z.array(
    z.object({ id: z.uuid(), occupationUri: z.string(), count: z.number(), keySkills: z.array(z.string()) }),
  ),
  assetIds: z.array(z.uuid()),
  ...versionedRecordViewFields,
});
export type OpportunityView = z.infer<typeof OpportunityViewSchema>;

export const OPPORTUNITY_SORTS = ['newest', 'oldest', 'title', 'deadline'] as const;
/** The opportunities list: text (title, reference, source firm, municipality), its filters and sort. */
export const OpportunityListQuerySchema = listQuerySchema(OPPORTUNITY_SORTS, {
  kind: vocabularyFilter(OPPORTUNITY_KINDS),
  status: vocabularyFilter(OPPORTUNITY_STATUSES),
  supplyChain: vocabularyFilter(SUPPLY_CHAINS),
  ...placeQueryFields,
  deskId: z.uuid().optional(),
  crisisCaseId: z.uuid().optional(),
  sourceFirmId: z.uuid().optional(),
});
export type OpportunityListQuery = z.output<typeof OpportunityListQuerySchema>;

/** The schemas of the five record routes (`crudRoutes`). */
export const OpportunityRouteSchemas = {
  create: CreateOpportunitySchema,
  update: UpdateOpportunitySchema,
  view: OpportunityViewSchema,
  list: OpportunityListQuerySchema,
};
