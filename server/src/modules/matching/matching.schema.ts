import { z } from 'zod';
import { MATCH_ACTIONS, MATCH_OUTCOMES } from '../../domain/vocabulary.js';

/** Why an operator acted: a closed list for statistics and audits, plus free text for the details. */
export const DECISION_REASONS = [
  'good_fit',
  'skills_gap',
  'too_far',
  'not_available',
  'person_declined',
  'firm_declined',
  'better_candidate',
  'data_outdated',
  'other',
] as const;

export const MatchFiltersSchema = z.strictObject({
  lang: z.enum(['it', 'fr', 'en']).default('it'),
  deskId: z.uuid().optional(),
  region: z.string().max(100).optional(),
  employmentStatus: z.enum(['unemployed', 'at_risk', 'furloughed']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const DecisionSchema = z.strictObject({
  runId: z.uuid().optional(),
  subjectType: z.enum(['need', 'profile', 'opportunity', 'asset']),
  subjectId: z.uuid(),
  candidateType: z.enum(['profile', 'need', 'asset', 'opportunity_role']),
  candidateId: z.string().min(1).max(100),
  action: z.enum(MATCH_ACTIONS),
  reasonCode: z.enum(DECISION_REASONS),
  note: z.string().trim().max(2000).default(''),
  originalRank: z.number().int().min(1).max(10_000).optional(),
  finalRank: z.number().int().min(1).max(10_000).optional(),
});
export type DecisionInput = z.infer<typeof DecisionSchema>;

export const OutcomeSchema = z.strictObject({
  profileId: z.uuid(),
  outcome: z.enum(MATCH_OUTCOMES),
  note: z.string().trim().max(2000).default(''),
  at: z
    .union([z.iso.datetime({ offset: true }), z.iso.date()])
    .optional()
    .describe(
      'when it happened (a date or a date-time); now when absent. Not in the future, not before the previous step',
    ),
});
export type OutcomeInput = z.infer<typeof OutcomeSchema>;

export const RankingSwitchSchema = z.strictObject({
  enabled: z.boolean(),
  reason: z.string().trim().min(3).max(500),
});

const ExplanationSchema = z.object({ summary: z.string(), lines: z.array(z.string()) });
const SkillRefSchema = z.object({ uri: z.string(), label: z.string(), via: z.string().nullable() });

export const MatchResultSchema = z.object({
  rank: z.number(),
  candidateType: z.string(),
  candidateId: z.string(),
  label: z.string(),
  dataUpdatedAt: z.string().nullable(),
  score: z.number().optional(),
  components: z
    .array(
      z.object({
        name: z.string().describe('component code (stable; screens show `title`)'),
        title: z.record(z.string(), z.string()).describe('the component’s name in it, fr and en'),
        weight: z.number(),
        value: z.number(),
        contribution: z.number(),
        reason: z.string().describe('reason code (stable; screens show `reasonText`)'),
        reasonText: z.record(z.string(), z.string()).describe('the reason as a sentence in it, fr and en'),
      }),
    )
    .optional(),
  skills: z
    .object({
      matched: z.array(SkillRefSchema),
      partial: z.array(SkillRefSchema),
      missing: z.array(SkillRefSchema),
    })
    .nullable()
    .optional(),
  explanation: z.record(z.string(), ExplanationSchema).optional(),
  exclusions: z.array(z.string()),
  decision: z
    .object({
      action: z.string(),
      reasonCode: z.string(),
      note: z.string(),
      at: z.string(),
      finalRank: z.number().nullable(),
    })
    .nullable(),
});

/** An asset left out of an asset need's ranking, and why: each hard criterion it fails, as a sentence. */
const WhyNotSchema = z.object({
  candidateId: z.string(),
  label: z.string(),
  /** Relative shortfall of the worst numeric criterion (0.1 = 10 % short); null when a yes/no one fails. */
  gap: z.number().nullable(),
  whyNot: z.array(
    z.object({
      code: z.string(),
      params: z.record(z.string(), z.union([z.string(), z.number()])),
      text: z.record(z.string(), z.string()).describe('the reason as a sentence in it, fr and en'),
    }),
  ),
});

export const MatchRunSchema = z.object({
  runId: z.uuid(),
  ranAt: z.string(),
  subject: z.object({ type: z.string(), id: z.string() }),
  engineVersion: z.string(),
  weightsHash: z.string(),
  ranked: z.boolean(),
  notice: z.string(),
  poolSize: z.number(),
  results: z.array(MatchResultSchema),
  nearMisses: z
    .array(WhyNotSchema)
    .optional()
    .describe('asset needs: assets failing one hard criterion by a little'),
  excluded: z
    .array(WhyNotSchema)
    .optional()
    .describe('asset needs: every asset a hard criterion keeps out, with each criterion it fails'),
});

const MemberSchema = z.object({ profileId: z.string(), code: z.string(), score: z.number() });
export const TeamSchema = MatchRunSchema.extend({
  teamScore: z.number(),
  coverage: z.number(),
  roles: z.array(
    z.object({
      roleId: z.string(),
      occupationUri: z.string(),
      occupationLabel: z.string().nullable(),
      required: z.number(),
      filled: z.number(),
      missing: z.number(),
      members: z.array(MemberSchema),
      alternates: z.array(MemberSchema),
    }),
  ),
  missingRoles: z.array(
    z.object({
      roleId: z.string(),
      occupationUri: z.string(),
      occupationLabel: z.string().nullable(),
      missing: z.number(),
    }),
  ),
});

export const ApprovedCandidatesSchema = z.object({
  needId: z.uuid(),
  candidates: z.array(
    z.object({
      code: z.string(),
      score: z.number(),
      occupations: z.array(z.object({ uri: z.string(), years: z.number() })),
      languages: z.array(z.object({ code: z.string(), level: z.string() })),
      eqfLevel: z.number().nullable(),
      availableFrom: z.string(),
      approvedAt: z.string(),
      contactRequestedAt: z.string().nullable().describe('when contact was first asked for, about this need'),
      /** Only when the person consented to be contacted by companies. */
      contact: z
        .object({ name: z.string(), email: z.string().nullable(), phone: z.string().nullable() })
        .nullable(),
      explanation: z.record(z.string(), ExplanationSchema),
    }),
  ),
});
