import { z } from 'zod';
import { ASSET_KINDS } from '../../domain/vocabulary.js';
import { MunicipalityRefSchema } from '../shared/schemas.js';
import { REASON_CODES } from './scoring.js';

/** One likely duplicate the caller may see: what it is called, its reference, how likely and why. */
export const DuplicateItemSchema = z.object({
  id: z.uuid(),
  /** A person's name (own desk only), an asset's title, a firm's name. */
  label: z.string(),
  /** A profile's desk reference, an asset's inventory number, a firm's VAT number or SIRET. */
  reference: z.string().nullable(),
  score: z.number().min(0).max(1),
  reasons: z.array(z.enum(REASON_CODES)),
});

export const DuplicatesViewSchema = z.object({
  items: z.array(DuplicateItemSchema),
  /**
   * A likely duplicate the caller may not see (a person registered at another desk): only that it
   * exists and how likely, never its id, name, reasons or desk.
   */
  elsewhere: z.object({ score: z.number().min(0).max(1) }).nullable(),
});
export type DuplicatesView = z.infer<typeof DuplicatesViewSchema>;

const text = (max: number) => z.string().trim().max(max);
/** The record being edited, left out of its own duplicates. */
const excludeId = z.uuid().nullable().optional();

/** What a profile form has before saving: enough to find the same person. */
export const ProfileCheckSchema = z.strictObject({
  firstName: text(100).min(1),
  lastName: text(100).min(1),
  email: text(200).nullable().optional(),
  phone: text(50).nullable().optional(),
  municipality: MunicipalityRefSchema.nullable().optional(),
  excludeId,
});
export type ProfileCheck = z.infer<typeof ProfileCheckSchema>;

export const AssetCheckSchema = z.strictObject({
  kind: z.enum(ASSET_KINDS),
  municipality: MunicipalityRefSchema,
  coveredAreaM2: z.number().min(0).max(10_000_000).nullable().optional(),
  landAreaM2: z.number().min(0).max(100_000_000).nullable().optional(),
  brand: text(100).nullable().optional(),
  model: text(100).nullable().optional(),
  year: z.number().int().min(1900).max(2100).nullable().optional(),
  ownerFirmId: z.uuid().nullable().optional(),
  excludeId,
});
export type AssetCheck = z.infer<typeof AssetCheckSchema>;

export const FirmCheckSchema = z.strictObject({
  name: text(200).min(1),
  vatNumber: text(20).nullable().optional(),
  siret: text(20).nullable().optional(),
  municipality: MunicipalityRefSchema.nullable().optional(),
  excludeId,
});
export type FirmCheck = z.infer<typeof FirmCheckSchema>;
