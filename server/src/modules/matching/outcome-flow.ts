/**
 * Where a candidate stands for a job need, and which outcome may come next (issue 16, item 5):
 * proposed → approved → contacted → interviewed → hired or not hired, with "withdrawn" possible at any
 * step after approval. Pure rules; `outcome-flow.repository.ts` reads the history they judge.
 *
 * Not hired may follow a contact without an interview (the person or the firm declined after the call);
 * hired may not (nobody is hired unseen). A hired, not-hired or withdrawn candidate is final for the need:
 * a new attempt is a new approval, not a new outcome.
 */
import type { MATCH_OUTCOMES } from '../../domain/vocabulary.js';

export type MatchOutcome = (typeof MATCH_OUTCOMES)[number];
export type CandidateState = 'proposed' | 'rejected' | 'approved' | MatchOutcome;

const NEXT: Readonly<Record<CandidateState, readonly MatchOutcome[]>> = {
  proposed: [],
  rejected: [],
  approved: ['contacted', 'withdrawn'],
  contacted: ['interviewed', 'not_hired', 'withdrawn'],
  interviewed: ['hired', 'not_hired', 'withdrawn'],
  hired: [],
  not_hired: [],
  withdrawn: [],
};

const day = (d: Date) => d.toISOString().slice(0, 10);

export function nextOutcomes(state: CandidateState): readonly MatchOutcome[] {
  return NEXT[state];
}

export interface CandidateHistory {
  /** The desk's latest decision on the candidate for this need, if any. */
  decision?: { action: string; at: Date };
  /** Outcomes recorded for the candidate and this need, oldest first. */
  outcomes: ReadonlyArray<{ outcome: string; at: Date }>;
}

/** The candidate's state and since when. Only an approved candidate has outcomes that count. */
export function stateOf(history: CandidateHistory): { state: CandidateState; since: Date | null } {
  const d = history.decision;
  if (!d) return { state: 'proposed', since: null };
  if (d.action === 'reject' || d.action === 'revoke') return { state: 'rejected', since: d.at };
  if (d.action !== 'approve') return { state: 'proposed', since: d.at };
  // The furthest step reached, not the last row: outcomes only move forward, and two steps on the same
  // day may carry the same time. Outcomes from before the approval belong to an earlier attempt.
  let state: CandidateState = 'approved';
  let since = d.at;
  for (const o of history.outcomes) {
    if (day(o.at) < day(d.at)) continue;
    if (STEP[o.outcome as MatchOutcome] >= STEP[state as MatchOutcome | 'approved'])
      state = o.outcome as MatchOutcome;
    if (o.at.getTime() > since.getTime()) since = o.at;
  }
  return { state, since };
}

const STEP: Readonly<Record<MatchOutcome | 'approved', number>> = {
  approved: 0,
  contacted: 1,
  interviewed: 2,
  hired: 3,
  not_hired: 3,
  withdrawn: 3,
};

export type Refusal =
  | { kind: 'sequence'; state: CandidateState; allowed: readonly MatchOutcome[]; message: string }
  | { kind: 'date'; message: string };

/**
 * Whether `outcome`, dated `at`, may follow the history; a refusal says why in words a desk reads: the
 * state the candidate is in, the one asked for, and what may come next.
 */
export function checkOutcome(
  history: CandidateHistory,
  outcome: MatchOutcome,
  at: Date,
  now: Date,
): Refusal | null {
  const { state, since } = stateOf(history);
  const allowed = NEXT[state];
  if (!allowed.includes(outcome)) {
    const next = allowed.length > 0 ? `next may come: ${allowed.join(', ')}` : 'no outcome may follow';
    const why =
      state === 'proposed'
        ? 'the candidate has not been approved for this need'
        : state === 'rejected'
          ? 'the candidate was rejected for this need'
          : `the candidate is already "${state}"`;
    return { kind: 'sequence', state, allowed, message: `Cannot record "${outcome}": ${why}; ${next}.` };
  }
  // A minute of clock difference between the desk's computer and the server is not "the future".
  if (at.getTime() > now.getTime() + 60_000)
    return { kind: 'date', message: `The date ${day(at)} is in the future.` };
  // Days, not instants: a desk dates a call "2 December", not "2 December, 10:14".
  if (since && day(at) < day(since))
    return {
      kind: 'date',
      message: `The date ${day(at)} is before the candidate became "${state}" (${day(since)}).`,
    };
  return null;
}
