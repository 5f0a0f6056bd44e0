import { z } from 'zod';
import { IsoDateSchema } from '../../shared/schemas.js';
import { OpportunityViewSchema } from '../opportunities.schema.js';
import { READINESS_LANGS, STAGES } from './route-template.js';

export const ReadinessQuerySchema = z.strictObject({ lang: z.enum(READINESS_LANGS).default('it') });

export const ChecklistItemParamsSchema = z.strictObject({ id: z.uuid(), itemId: z.uuid() });

/** What a desk changes on a step: at least one of done, due date, note, and the version it read. */
export const UpdateChecklistItemSchema = z
  .strictObject({
    version: z.number().int().min(1),
    done: z.boolean().optional(),
    dueDate: IsoDateSchema.nullable().optional(),
    note: z.string().trim().max(2000).optional(),
  })
  .refine((p) => p.done !== undefined || p.dueDate !== undefined || p.note !== undefined, {
    message: 'give done, dueDate or note',
    path: ['done'],
  });
export type UpdateChecklistItem = z.infer<typeof UpdateChecklistItemSchema>;

export const ChecklistItemViewSchema = z.object({
  id: z.uuid(),
  stepCode: z.string(),
  stage: z.enum(STAGES),
  label: z.string(),
  detail: z.string(),
  sources: z.array(z.string()),
  done: z.boolean(),
  doneAt: z.string().nullable(),
  dueDate: z.string().nullable(),
  note: z.string(),
  overdue: z.boolean(),
  version: z.number(),
  updatedAt: z.string(),
});
export type ChecklistItemView = z.infer<typeof ChecklistItemViewSchema>;

export const BLOCKER_CODES = [
  'role_uncovered',
  'asset_unavailable',
  'asset_deadline_passed',
  'step_overdue',
  'step_after_deadline',
  'deadline_passed',
] as const;
export type BlockerCode = (typeof BLOCKER_CODES)[number];

export const BlockerSchema = z.object({
  code: z.enum(BLOCKER_CODES),
  /** What it is about, in the requested language: a role, an asset's title, a step; the date if any. */
  subject: z.string().nullable(),
  date: z.string().nullable(),
  count: z.number().nullable(),
  /** The asset's status for `asset_unavailable`. */
  status: z.string().nullable(),
});
export type Blocker = z.infer<typeof BlockerSchema>;

const MemberSchema = z.object({ code: z.string(), score: z.number() });

/**
 * The opportunity the card is about: fields of its view, and the country whose route the checklist
 * follows (two picks keep the order in which the API has always listed them).
 */
const ReadinessOpportunitySchema = z.object({
  ...OpportunityViewSchema.pick({ id: true, deskId: true, title: true, kind: true, status: true }).shape,
  country: z.string(),
  ...OpportunityViewSchema.pick({ deadline: true, capitalNeededEur: true, version: true }).shape,
});

export const ReadinessSchema = z.object({
  opportunity: ReadinessOpportunitySchema,
  /** Share of the required places the proposed team fills (0–1), from the team builder. */
  coverage: z.number(),
  teamScore: z.number(),
  roles: z.array(
    z.object({
      roleId: z.string(),
      occupationLabel: z.string().nullable(),
      required: z.number(),
      filled: z.number(),
      missing: z.number(),
      members: z.array(MemberSchema),
    }),
  ),
  assets: z.array(
    z.object({
      id: z.uuid(),
      title: z.string(),
      inventoryNumber: z.string(),
      kind: z.string(),
      status: z.string(),
      availability: z.string(),
      availableUntil: z.string().nullable(),
      /** The asset's own deadline: the auction date for an auction, else the end of its availability. */
      deadlineKind: z.enum(['auction', 'available_until']).nullable(),
      lastVerifiedAt: z.string().nullable(),
      ended: z.boolean(),
    }),
  ),
  checklist: z.array(ChecklistItemViewSchema),
  blockers: z.array(BlockerSchema),
  /** The day the card was computed for (Europe/Rome), so "overdue" can be read against it. */
  asOf: z.string(),
});
export type Readiness = z.infer<typeof ReadinessSchema>;
