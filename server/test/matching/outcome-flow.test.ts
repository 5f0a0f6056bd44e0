import { describe, expect, it } from 'vitest';
import { checkOutcome, nextOutcomes, stateOf } from '../../src/modules/matching/outcome-flow.js';
import { outcomeDate } from '../../src/modules/matching/outcome-record.js';

const d = (s: string) => new Date(s);
const now = d('2026-12-02T10:00:00Z');
const approved = { decision: { action: 'approve', at: d('2026-11-20T09:00:00Z') }, outcomes: [] };

describe('outcome flow', () => {
  it('walks proposed → approved → contacted → interviewed → hired', () => {
    expect(stateOf({ outcomes: [] }).state).toBe('proposed');
    expect(stateOf(approved).state).toBe('approved');
    const contacted = { ...approved, outcomes: [{ outcome: 'contacted', at: d('2026-11-21T12:00:00Z') }] };
    expect(stateOf(contacted)).toEqual({ state: 'contacted', since: d('2026-11-21T12:00:00Z') });
    expect(checkOutcome(contacted, 'interviewed', d('2026-11-25T12:00:00Z'), now)).toBeNull();
    const interviewed = {
      ...approved,
      outcomes: [...contacted.outcomes, { outcome: 'interviewed', at: d('2026-11-25T12:00:00Z') }],
    };
    expect(checkOutcome(interviewed, 'hired', now, now)).toBeNull();
    expect(nextOutcomes('hired')).toEqual([]);
  });

  it('refuses impossible sequences, naming the state and what may come next', () => {
    const never = checkOutcome({ outcomes: [] }, 'hired', now, now);
    expect(never).toMatchObject({ kind: 'sequence', state: 'proposed' });
    expect(never!.message).toBe(
      'Cannot record "hired": the candidate has not been approved for this need; no outcome may follow.',
    );
    const skip = checkOutcome(approved, 'hired', now, now);
    expect(skip).toMatchObject({ kind: 'sequence', state: 'approved', allowed: ['contacted', 'withdrawn'] });
    expect(skip!.message).toContain('next may come: contacted, withdrawn');
    const rejected = { decision: { action: 'reject', at: now }, outcomes: [] };
    expect(checkOutcome(rejected, 'contacted', now, now)?.message).toContain('was rejected');
    const done = {
      ...approved,
      outcomes: [
        { outcome: 'contacted', at: d('2026-11-21T12:00:00Z') },
        { outcome: 'not_hired', at: d('2026-11-22T12:00:00Z') },
      ],
    };
    expect(checkOutcome(done, 'interviewed', now, now)).toMatchObject({
      kind: 'sequence',
      state: 'not_hired',
    });
    // Not hired after a call is possible; hired without an interview is not.
    const contacted = { ...approved, outcomes: [{ outcome: 'contacted', at: d('2026-11-21T12:00:00Z') }] };
    expect(checkOutcome(contacted, 'not_hired', now, now)).toBeNull();
    expect(checkOutcome(contacted, 'hired', now, now)?.kind).toBe('sequence');
  });

  it('refuses a date in the future or before the previous step, by day', () => {
    expect(checkOutcome(approved, 'contacted', d('2026-12-05T00:00:00Z'), now)).toMatchObject({
      kind: 'date',
      message: 'The date 2026-12-05 is in the future.',
    });
    expect(checkOutcome(approved, 'contacted', d('2026-11-19T12:00:00Z'), now)?.message).toBe(
      'The date 2026-11-19 is before the candidate became "approved" (2026-11-20).',
    );
    // The same day as the approval is fine, whatever the hour.
    expect(checkOutcome(approved, 'contacted', d('2026-11-20T00:00:00Z'), now)).toBeNull();
  });

  it('takes the furthest step reached, and ignores outcomes of an earlier attempt', () => {
    const sameTime = d('2026-11-22T12:00:00Z');
    const h = {
      ...approved,
      outcomes: [
        { outcome: 'interviewed', at: sameTime },
        { outcome: 'contacted', at: sameTime },
        { outcome: 'hired', at: d('2026-10-01T12:00:00Z') },
      ],
    };
    expect(stateOf(h).state).toBe('interviewed');
  });

  it('reads a bare date as noon of that day, and today as now', () => {
    expect(outcomeDate('2026-11-30', now).toISOString()).toBe('2026-11-30T12:00:00.000Z');
    expect(outcomeDate('2026-12-02', now)).toBe(now);
    expect(outcomeDate(undefined, now)).toBe(now);
  });
});
