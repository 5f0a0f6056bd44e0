import { z } from 'zod';
import { municipalityFilter, provinceFilter, regionFilter } from './list-query.js';
import { VersionBodySchema } from './schemas.js';

/**
 * The parts of a desk record's schemas (needs, profiles, crisis dossiers, opportunities, assets) that
 * follow from the records being versioned, ended rather than deleted, and placed in a municipality.
 */

/**
 * A PATCH body: any of the record's fields, none required, and the version the client read, so that a
 * change made meanwhile by someone else is refused rather than overwritten.
 */
export const patchSchemaOf = <Fields extends z.ZodRawShape>(fields: Fields) =>
  z.strictObject(fields).partial().extend(VersionBodySchema.shape);

/** How a view of a record ends: when it was made and last changed, when it ended, the version to PATCH. */
export const versionedRecordViewFields = {
  createdAt: z.string(),
  updatedAt: z.string(),
  endedAt: z.string().nullable(),
  version: z.number(),
};

/** The filters of a list by where its records lie, which `placeFilters` turns into conditions. */
export const placeQueryFields = {
  region: regionFilter,
  province: provinceFilter,
  municipality: municipalityFilter,
};
