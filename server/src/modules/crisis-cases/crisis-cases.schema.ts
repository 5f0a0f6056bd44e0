import { z } from 'zod';
import { CRISIS_PROCEDURES, CRISIS_STATUSES, SUPPLY_CHAINS } from '../../domain/vocabulary.js';
import { IsoDateSchema, MunicipalityRefSchema, MunicipalityViewSchema } from '../shared/schemas.js';
import { listQuerySchema, vocabularyFilter } from '../shared/list-query.js';
import { patchSchemaOf, placeQueryFields, versionedRecordViewFields } from '../shared/record-schemas.js';

const crisisFields = {
  firmId: z.uuid().nullable(),
  title: z.string().trim().min(3).max(200),
  description: z.string().max(5000),
  procedure: z.enum(CRISIS_PROCEDURES),
  status: z.enum(CRISIS_STATUSES),
  supplyChain: z.enum(SUPPLY_CHAINS).nullable(),
  municipality: MunicipalityRefSchema,
  openedOn: IsoDateSchema.nullable(),
  closedOn: IsoDateSchema.nullable(),
  workersAffected: z.number().int().min(0).max(100_000),
};

export const CreateCrisisCaseSchema = z
  .strictObject(crisisFields)
  .partial()
  .required({ title: true, procedure: true, municipality: true })
  .extend({ deskId: z.uuid(), externalRef: z.string().trim().min(1).max(64) })
  .refine((c) => !c.openedOn || !c.closedOn || c.closedOn >= c.openedOn, {
    path: ['closedOn'],
    message: 'must not be before openedOn',
  });
export type CreateCrisisCase = z.infer<typeof CreateCrisisCaseSchema>;

export const UpdateCrisisCaseSchema = patchSchemaOf(crisisFields);
export type UpdateCrisisCase = z.infer<typeof UpdateCrisisCaseSchema>;

export const CrisisCaseViewSchema = z.object({
  id: z.uuid(),
  deskId: z.uuid(),
  externalRef: z.string(),
  firmId: z.uuid().nullable(),
  title: z.string(),
  description: z.string(),
  procedure: z.string(),
  status: z.string(),
  supplyChain: z.string().nullable(),
  municipality: MunicipalityViewSchema.nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  openedOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  workersAffected: z.number(),
  ...versionedRecordViewFields,
});
export type CrisisCaseView = z.infer<typeof CrisisCaseViewSchema>;

export const CRISIS_CASE_SORTS = ['newest', 'oldest', 'title', 'opened', 'workers'] as const;
/** The crisis dossiers list: text (title, reference, firm, municipality), its filters and sort. */
export const CrisisCaseListQuerySchema = listQuerySchema(CRISIS_CASE_SORTS, {
  status: vocabularyFilter(CRISIS_STATUSES),
  procedure: vocabularyFilter(CRISIS_PROCEDURES),
  supplyChain: vocabularyFilter(SUPPLY_CHAINS),
  ...placeQueryFields,
  deskId: z.uuid().optional(),
  firmId: z.uuid().optional(),
});
export type CrisisCaseListQuery = z.output<typeof CrisisCaseListQuerySchema>;

/** The schemas of the five record routes (`crudRoutes`). */
export const CrisisCaseRouteSchemas = {
  create: CreateCrisisCaseSchema,
  update: UpdateCrisisCaseSchema,
  view: CrisisCaseViewSchema,
  list: CrisisCaseListQuerySchema,
};
