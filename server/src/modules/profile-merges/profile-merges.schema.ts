import { z } from 'zod';
import { ProfileViewSchema } from '../profiles/index.js';
import { MERGE_FIELDS } from './merge-plan.js';

const TakeSchema = z
  .array(z.enum(MERGE_FIELDS))
  .max(MERGE_FIELDS.length)
  .default([])
  .describe("Fields whose value comes from the other record instead of the kept one's");

export const MergePreviewBodySchema = z.strictObject({
  otherId: z.uuid().describe('The second record of the same person, merged into this one'),
  take: TakeSchema,
});
export type MergePreviewBody = z.infer<typeof MergePreviewBodySchema>;

export const MergeBodySchema = MergePreviewBodySchema.extend({
  keptVersion: z.number().int().min(1).describe('The version of this record the preview showed'),
  otherVersion: z.number().int().min(1).describe('The version of the other record the preview showed'),
});
export type MergeBody = z.infer<typeof MergeBodySchema>;

const CountsSchema = z.object({
  consents: z.number().int(),
  decisions: z.number().int(),
  outcomes: z.number().int(),
});

/** What a merge would do, before it is done: both records, the result, and what moves over. */
export const MergePreviewSchema = z.object({
  kept: ProfileViewSchema,
  other: ProfileViewSchema,
  result: ProfileViewSchema,
  differences: z.array(z.enum(MERGE_FIELDS)),
  fromOther: z.array(z.enum(MERGE_FIELDS)),
  carried: CountsSchema,
});
export type MergePreview = z.infer<typeof MergePreviewSchema>;

export const MergeViewSchema = z.object({
  id: z.uuid(),
  state: z.enum(['pending', 'confirmed', 'undone']),
  kept: z.object({ id: z.uuid(), code: z.string() }),
  merged: z.object({ id: z.uuid(), code: z.string() }),
  fromOther: z.array(z.enum(MERGE_FIELDS)),
  /** Consents move at the merge; decisions and outcomes are carried over when it is confirmed. */
  carried: CountsSchema,
  mergedAt: z.string(),
  settledAt: z.string().nullable(),
});
export type MergeView = z.infer<typeof MergeViewSchema>;

export const MergeListSchema = z.object({ items: z.array(MergeViewSchema) });
