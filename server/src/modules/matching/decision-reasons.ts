import { AppError } from '../../errors.js';
import type { MATCH_ACTIONS } from '../../domain/vocabulary.js';
import { DECISION_REASONS } from './matching.schema.js';

type Action = (typeof MATCH_ACTIONS)[number];
type Reason = (typeof DECISION_REASONS)[number];

const NEGATIVE: readonly Reason[] = [
  'skills_gap',
  'too_far',
  'not_available',
  'person_declined',
  'firm_declined',
  'better_candidate',
  'data_outdated',
  'other',
];

/**
 * Which reasons fit which decision, so the statistics and the audit trail never read "rejected: good
 * fit". Putting someone forward has a positive reason; turning them down or withdrawing an approval a
 * negative one; a new position may be either. `other` always needs the note to say why.
 */
export const REASONS_BY_ACTION: Record<Action, readonly Reason[]> = {
  shortlist: ['good_fit', 'other'],
  approve: ['good_fit', 'other'],
  reject: NEGATIVE,
  revoke: NEGATIVE,
  rerank: DECISION_REASONS,
};

/** 422 naming `reasonCode` when the reason contradicts the decision; `other` without a note likewise. */
export function checkDecisionReason(input: { action: Action; reasonCode: Reason; note: string }): void {
  const allowed = REASONS_BY_ACTION[input.action];
  if (!allowed.includes(input.reasonCode)) {
    throw new AppError(
      'REASON_NOT_FOR_ACTION',
      `The reason does not fit the decision "${input.action}"`,
      422,
      [
        {
          path: 'body.reasonCode',
          reason: `"${input.reasonCode}" is not a reason to ${input.action}; allowed: ${allowed.join(', ')}`,
        },
      ],
    );
  }
  if (input.reasonCode === 'other' && !input.note.trim()) {
    throw new AppError('NOTE_REQUIRED', 'A decision for another reason says which in the note', 422, [
      { path: 'body.note', reason: 'required when the reason is "other"' },
    ]);
  }
}
