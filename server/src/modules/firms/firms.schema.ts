import { z } from 'zod';
import { FIRM_SIZE_BANDS, FIRM_STATES, SUPPLY_CHAINS } from '../../domain/vocabulary.js';
import { listQuerySchema, vocabularyFilter } from '../shared/list-query.js';
import { patchSchemaOf, placeQueryFields, versionedRecordViewFields } from '../shared/record-schemas.js';
import { MunicipalityRefSchema, MunicipalityViewSchema } from '../shared/schemas.js';
import { isValidPartitaIva, isValidSiret } from '../../lib/identifiers.js';

const firmFields = {
  name: z.string().trim().min(1).max(200),
  naceCode: z.string().regex(/^[0-9]{2}(\.[0-9]{1,2})?$/, 'a NACE Rev.2 code such as 30.11'),
  supplyChains: z.array(z.enum(SUPPLY_CHAINS)).max(SUPPLY_CHAINS.length),
  municipality: MunicipalityRefSchema,
  sizeBand: z.enum(FIRM_SIZE_BANDS).nullable(),
  state: z.enum(FIRM_STATES),
};

export const CreateFirmSchema = z
  .strictObject({
    deskId: z.uuid().nullable().optional(),
    country: z.enum(['IT', 'FR']),
    vatNumber: z
      .string()
      .regex(/^[0-9]{11}$/, 'an Italian partita IVA has 11 digits')
      .refine(isValidPartitaIva, 'the partita IVA check digit is wrong')
      .optional(),
    siret: z
      .string()
      .regex(/^[0-9]{14}$/, 'a SIRET has 14 digits')
      .refine(isValidSiret, 'the SIRET check digit is wrong')
      .optional(),
    ...firmFields,
    supplyChains: firmFields.supplyChains.default([]),
    sizeBand: firmFields.sizeBand.default(null),
    state: firmFields.state.default('active'),
  })
  .superRefine((firm, ctx) => {
    // An Italian firm is identified by its partita IVA, a French one by its SIRET.
    if (firm.country === 'IT' && !firm.vatNumber)
      ctx.addIssue({ code: 'custom', path: ['vatNumber'], message: 'required for an Italian firm' });
    if (firm.country === 'FR' && !firm.siret)
      ctx.addIssue({ code: 'custom', path: ['siret'], message: 'required for a French firm' });
  });
export type CreateFirm = z.infer<typeof CreateFirmSchema>;

export const UpdateFirmSchema = patchSchemaOf(firmFields);
export type UpdateFirm = z.infer<typeof UpdateFirmSchema>;

export const FirmViewSchema = z.object({
  id: z.uuid(),
  deskId: z.uuid().nullable(),
  name: z.string(),
  country: z.string(),
  vatNumber: z.string().nullable(),
  siret: z.string().nullable(),
  naceCode: z.string().nullable(),
  supplyChains: z.array(z.string()),
  municipality: MunicipalityViewSchema.nullable(),
  sizeBand: z.string().nullable(),
  state: z.string(),
  /** The record this one was merged into (it is then ended). */
  mergedInto: z.uuid().nullable(),
  ...versionedRecordViewFields,
});
export type FirmView = z.infer<typeof FirmViewSchema>;

export const FIRM_SORTS = ['name', 'newest', 'oldest'] as const;
/** The firms list: text (name, partita IVA, SIRET, municipality), its filters and sort. */
export const FirmListQuerySchema = listQuerySchema(FIRM_SORTS, {
  supplyChain: vocabularyFilter(SUPPLY_CHAINS),
  sizeBand: vocabularyFilter(FIRM_SIZE_BANDS),
  state: vocabularyFilter(FIRM_STATES),
  country: vocabularyFilter(['IT', 'FR']),
  ...placeQueryFields,
  deskId: z.uuid().optional(),
});
export type FirmListQuery = z.output<typeof FirmListQuerySchema>;

/** The schemas of the five record routes (`crudRoutes`). */
export const FirmRouteSchemas = {
  create: CreateFirmSchema,
  update: UpdateFirmSchema,
  view: FirmViewSchema,
  list: FirmListQuerySchema,
};
