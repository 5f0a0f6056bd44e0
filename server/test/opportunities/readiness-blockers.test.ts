import { describe, expect, it } from 'vitest';
import { blockersOf, type BlockerInputs } from '../../src/modules/opportunities/readiness/blockers.js';

const base: BlockerInputs = {
  today: '2026-12-02',
  opportunity: { deadline: '2027-03-31', status: 'open' },
  missingRoles: [],
  assets: [],
  checklist: [],
};
const codes = (input: Partial<BlockerInputs>) => blockersOf({ ...base, ...input }).map((b) => b.code);

describe('what blocks an opportunity', () => {
  it('is nothing when roles are covered, assets on offer and steps on time', () => {
    expect(
      codes({
        assets: [{ title: 'Capannone', status: 'reserved', ended: false, availableUntil: '2027-01-10' }],
        checklist: [{ label: 'Atto', done: false, dueDate: '2027-01-15' }],
      }),
    ).toEqual([]);
  });

  it('names the deadline once it has passed, unless the opportunity is closed', () => {
    const past = { deadline: '2026-12-01', status: 'open' };
    expect(blockersOf({ ...base, opportunity: past })).toEqual([
      { code: 'deadline_passed', subject: null, date: '2026-12-01', count: null, status: null },
    ]);
    expect(codes({ opportunity: { ...past, status: 'closed' } })).toEqual([]);
    expect(codes({ opportunity: { deadline: '2026-12-02', status: 'open' } })).toEqual([]);
  });

  it('names uncovered roles with how many are missing', () => {
    expect(
      blockersOf({ ...base, missingRoles: [{ occupationLabel: 'cuoco', missing: 2 }] })[0],
    ).toMatchObject({
      code: 'role_uncovered',
      subject: 'cuoco',
      count: 2,
    });
  });

  it('tells an asset no longer on offer from one past its own date', () => {
    const out = blockersOf({
      ...base,
      assets: [
        { title: 'Pressa', status: 'expired', ended: false, availableUntil: '2026-11-20' },
        { title: 'Gru', status: 'available', ended: true, availableUntil: null },
        { title: 'Tornio', status: 'available', ended: false, availableUntil: '2026-12-01' },
        { title: 'Fresa', status: 'available', ended: false, availableUntil: '2026-12-02' },
      ],
    });
    expect(out.map((b) => [b.code, b.subject, b.status ?? b.date])).toEqual([
      ['asset_unavailable', 'Pressa', 'expired'],
      ['asset_unavailable', 'Gru', 'ended'],
      ['asset_deadline_passed', 'Tornio', '2026-12-01'],
    ]);
  });

  it('flags late steps and steps due after the deadline, never done ones', () => {
    expect(
      codes({
        checklist: [
          { label: 'a', done: false, dueDate: '2026-12-01' },
          { label: 'b', done: true, dueDate: '2026-11-01' },
          { label: 'c', done: false, dueDate: '2027-04-01' },
          { label: 'd', done: false, dueDate: null },
        ],
      }),
    ).toEqual(['step_overdue', 'step_after_deadline']);
  });
});
