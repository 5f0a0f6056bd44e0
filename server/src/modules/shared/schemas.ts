import { z } from 'zod';

export const UuidSchema = z.uuid();
export const IdParamsSchema = z.strictObject({ id: z.uuid() });
export const IsoDateSchema = z.iso.date();

/** Lists are always bounded: at most 100 items a page, keyset cursor (the last id seen). */
export const PageQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.uuid().optional(),
  includeEnded: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});
export type PageQuery = z.infer<typeof PageQuerySchema>;

/** A page of a list: its items, the cursor of the next one (null at the end) and how many match in all. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.uuid().nullable(), total: z.number().int().min(0) });

export const MunicipalityRefSchema = z.strictObject({
  country: z.enum(['IT', 'FR']),
  code: z.string().regex(/^[0-9AB]{5,6}$/, 'an ISTAT (6 digits) or INSEE (5 characters) code'),
});
export type MunicipalityRef = z.infer<typeof MunicipalityRefSchema>;

export const LatitudeSchema = z.number().min(-90).max(90);
export const LongitudeSchema = z.number().min(-180).max(180);

export const VersionBodySchema = z.strictObject({ version: z.number().int().min(1) });

export const EscoOccupationUriSchema = z
  .string()
  .regex(/^http:\/\/data\.europa\.eu\/esco\/occupation\/[0-9a-f-]{36}$/, 'an ESCO occupation URI');
export const EscoSkillUriSchema = z
  .string()
  .regex(/^http:\/\/data\.europa\.eu\/esco\/skill\/[0-9a-f-]{36}$/, 'an ESCO skill URI');

export const ErrorResponseSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), reason: z.string() })),
  }),
});

/** The error responses every route may give, for the OpenAPI document. */
export const errorResponses = {
  400: ErrorResponseSchema,
  401: ErrorResponseSchema,
  403: ErrorResponseSchema,
  404: ErrorResponseSchema,
  409: ErrorResponseSchema,
};

export const MunicipalityViewSchema = z.object({
  country: z.string(),
  code: z.string(),
  name: z.string(),
  province: z.string(),
  region: z.string(),
});

export const toIso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
