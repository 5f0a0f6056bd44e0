import { z } from 'zod';
import { CARRIED } from './merge-kinds.js';

/** The request and answer shapes of one kind's merge routes, for its fields and its record's view. */
export function recordMergeSchemas<const Fields extends readonly [string, ...string[]], V extends z.ZodType>(
  fields: Fields,
  view: V,
) {
  const field = z.enum(fields);
  const previewBody = z.strictObject({
    otherId: z.uuid().describe('The second record of the same thing, merged into this one'),
    take: z
      .array(field)
      .max(fields.length)
      .default([])
      .describe("Fields whose value comes from the other record instead of the kept one's"),
  });
  const carried = z
    .array(z.object({ what: z.enum(CARRIED), count: z.number().int() }))
    .describe('The rows that point at the other record and follow it to the kept one');
  const mergeView = z.object({
    id: z.uuid(),
    state: z.enum(['pending', 'confirmed', 'undone']),
    kept: z.object({ id: z.uuid(), label: z.string() }),
    merged: z.object({ id: z.uuid(), label: z.string() }),
    fromOther: z.array(field),
    carried,
    mergedAt: z.string(),
    settledAt: z.string().nullable(),
  });
  return {
    previewBody,
    mergeBody: previewBody.extend({
      keptVersion: z.number().int().min(1).describe('The version of this record the preview showed'),
      otherVersion: z.number().int().min(1).describe('The version of the other record the preview showed'),
    }),
    preview: z.object({
      kept: view,
      other: view,
      result: view,
      differences: z.array(field),
      fromOther: z.array(field),
      carried,
    }),
    mergeView,
    mergeList: z.object({ items: z.array(mergeView) }),
  };
}
