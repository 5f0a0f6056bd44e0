import { ASSET_MERGE_FIELDS, FIRM_MERGE_FIELDS } from '@rilancio/vocabulary';
import { formatDate, formatNumber, placeLabel, valueLabel } from '$lib/format';
import type { RecordKind } from '$lib/api/client';
import type { MergedRecord } from '$lib/api/types';

type Translate = (
  id: string,
  options?: { default?: string; values?: Record<string, string | number> },
) => string;

/** The fields a merge decides, in the order the merge page shows them (the server's lists). */
export const RECORD_MERGE_FIELDS: Record<RecordKind, readonly string[]> = {
  assets: ASSET_MERGE_FIELDS,
  firms: FIRM_MERGE_FIELDS,
};

/** Names of the records a field points at (an owner firm, a crisis dossier, an activity), by id or code. */
export interface LinkedNames {
  firms: Map<string, string>;
  crises: Map<string, string>;
  activities: Map<string, string>;
}

/** A field's name on the merge page, in the user's language (one message section per kind). */
export function recordFieldLabel(kind: RecordKind, field: string, t: Translate): string {
  return t(`merge.${kind === 'assets' ? 'assetFields' : 'firmFields'}.${field}`);
}

const UNITS: Record<string, string> = {
  coveredAreaM2: 'm²',
  landAreaM2: 'm²',
  heightM: 'm',
  craneTonnage: 't',
  powerKw: 'kW',
  powerKva: 'kVA',
  draftM: 'm',
  distanceToPortKm: 'km',
};
const MONEY = ['priceEur', 'rentEurMonth'];
const FLAGS = ['quayAccess', 'slipway', 'maritimeConcession'];
const CODED: Record<string, string> = {
  availability: 'availability',
  condition: 'condition',
  sizeBand: 'sizeBand',
  state: 'firmState',
};

/** One field of a record in the user's words (never a code or an id); '—' when empty. */
export function recordFieldValue(
  record: MergedRecord,
  field: string,
  t: Translate,
  locale: string,
  names: LinkedNames,
): string {
  const none = t('merge.none');
  const r = record as Record<string, unknown>;
  const v = r[field];
  switch (field) {
    case 'municipality': {
      const m = r.municipality as { name?: string; province?: string } | null;
      return m?.name ? `${m.name} (${placeLabel(t, m.province)})` : none;
    }
    case 'dates': {
      const from = r.availableFrom as string | null;
      const until = r.availableUntil as string | null;
      if (!from && !until) return none;
      return `${from ? formatDate(from, locale) : '…'} – ${until ? formatDate(until, locale) : '…'}`;
    }
    case 'ownerFirmId':
      return typeof v === 'string' ? (names.firms.get(v) ?? t('merge.linked')) : none;
    case 'crisisCaseId':
      return typeof v === 'string' ? (names.crises.get(v) ?? t('merge.crisisLinked')) : none;
    case 'naceCode':
      return typeof v === 'string' ? (names.activities.get(v) ?? t('merge.linked')) : none;
  }
  if (v === null || v === undefined || v === '') return none;
  if (FLAGS.includes(field)) return t(v ? 'common.yes' : 'common.no');
  if (CODED[field]) return valueLabel(t, CODED[field], String(v));
  if (MONEY.includes(field)) return `${formatNumber(Number(v), locale)} €`;
  if (UNITS[field]) return `${formatNumber(Number(v), locale, 1)} ${UNITS[field]}`;
  return String(v);
}
