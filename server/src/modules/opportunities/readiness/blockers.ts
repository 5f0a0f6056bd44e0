/**
 * What stands between an opportunity and its start, computed from what the card shows: roles the team
 * builder could not fill, assets no longer on offer or past their own date, steps past their due date
 * or due after the opportunity's deadline, and the deadline itself. Pure: the day is given.
 */
import type { Blocker } from './readiness.schema.js';

export { dayIn } from '../../../lib/calendar-day.js';

/** An asset still on offer; the others cannot be counted on. */
const ON_OFFER = new Set(['available', 'reserved']);

export interface BlockerInputs {
  today: string;
  opportunity: { deadline: string | null; status: string };
  missingRoles: { occupationLabel: string | null; missing: number }[];
  assets: { title: string; status: string; ended: boolean; availableUntil: string | null }[];
  checklist: { label: string; done: boolean; dueDate: string | null }[];
}

const blocker = (code: Blocker['code'], b: Partial<Omit<Blocker, 'code'>> = {}): Blocker => ({
  code,
  subject: b.subject ?? null,
  date: b.date ?? null,
  count: b.count ?? null,
  status: b.status ?? null,
});

export function blockersOf(input: BlockerInputs): Blocker[] {
  const { today, opportunity } = input;
  const out: Blocker[] = [];
  if (opportunity.deadline && opportunity.deadline < today && opportunity.status !== 'closed')
    out.push(blocker('deadline_passed', { date: opportunity.deadline }));
  for (const role of input.missingRoles)
    out.push(blocker('role_uncovered', { subject: role.occupationLabel, count: role.missing }));
  for (const asset of input.assets) {
    if (asset.ended || !ON_OFFER.has(asset.status))
      out.push(
        blocker('asset_unavailable', { subject: asset.title, status: asset.ended ? 'ended' : asset.status }),
      );
    else if (asset.availableUntil && asset.availableUntil < today)
      out.push(blocker('asset_deadline_passed', { subject: asset.title, date: asset.availableUntil }));
  }
  for (const step of input.checklist) {
    if (step.done || !step.dueDate) continue;
    if (step.dueDate < today) out.push(blocker('step_overdue', { subject: step.label, date: step.dueDate }));
    else if (opportunity.deadline && step.dueDate > opportunity.deadline)
      out.push(blocker('step_after_deadline', { subject: step.label, date: step.dueDate }));
  }
  return out;
}
