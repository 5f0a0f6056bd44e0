import { PROFILE_MERGE_FIELDS } from '@rilancio/vocabulary';
import { formatDate, placeLabel, valueLabel } from '$lib/format';
import type { api } from '$lib/api/client';

type Translate = (
  id: string,
  options?: { default?: string; values?: Record<string, string | number> },
) => string;
export type MergePreview = Awaited<ReturnType<typeof api.mergePreview>>;
export type MergeField = MergePreview['differences'][number];
type ProfileView = MergePreview['kept'];

/** The fields a merge decides, in the order the merge page shows them (one list with the server's). */
export const MERGE_FIELDS: readonly MergeField[] = PROFILE_MERGE_FIELDS;

/** One field of a person's record in the user's words (never a code or an id); '—' when empty. */
export function mergeFieldValue(view: ProfileView, field: MergeField, t: Translate, locale: string): string {
  const none = t('merge.none');
  const p = view.personal;
  switch (field) {
    case 'name':
      return p ? `${p.firstName} ${p.lastName}` : none;
    case 'email':
      return p?.email || none;
    case 'phone':
      return p?.phone || none;
    case 'municipality': {
      const m = view.municipality;
      return m.name ? `${m.name} (${placeLabel(t, m.province)})` : none;
    }
    case 'eqfLevel':
      return view.eqfLevel === null ? none : String(view.eqfLevel);
    case 'mobilityKm':
      return `${view.mobilityKm} km`;
    case 'maxTravelMinutes':
      return view.maxTravelMinutes === null
        ? none
        : t('merge.minutes', { values: { n: view.maxTravelMinutes } });
    case 'weeklyFerryCommute':
      return t(view.weeklyFerryCommute ? 'common.yes' : 'common.no');
    case 'availableFrom':
      return view.availableFrom ? formatDate(view.availableFrom, locale) : none;
    case 'employmentStatus':
      return valueLabel(t, 'employmentStatus', view.employmentStatus);
    case 'crisisCaseId':
      return view.crisisCaseId ? t('merge.crisisLinked') : none;
  }
}
