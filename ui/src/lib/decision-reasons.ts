// Which reasons fit which decision: the same table the server enforces
// (server/src/modules/matching/decision-reasons.ts, 422 on `reasonCode` otherwise), so the form offers only
// reasons the server will take.
import type { DecisionAction } from '$lib/api/types';
import { DECISION_REASONS } from '$lib/api/enums';

type Reason = (typeof DECISION_REASONS)[number];

const NEGATIVE: readonly Reason[] = DECISION_REASONS.filter((r) => r !== 'good_fit');

export const REASONS_BY_ACTION: Record<DecisionAction, readonly Reason[]> = {
  shortlist: ['good_fit', 'other'],
  approve: ['good_fit', 'other'],
  reject: NEGATIVE,
  revoke: NEGATIVE,
  rerank: DECISION_REASONS,
};

export const reasonsFor = (action: DecisionAction | ''): readonly Reason[] =>
  action ? REASONS_BY_ACTION[action] : [];
