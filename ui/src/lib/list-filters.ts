// The desk lists (needs, crisis dossiers, opportunities, firms): their columns, and their filters and sorts
// as the API declares them (server/src/modules/*/*.schema.ts: a value it does not know answers 400 naming
// the parameter). Each filter's values are shown through the `value.<vocabulary>` catalogue, never as codes.

import { codesOf, type VocabularyName } from '@rilancio/vocabulary';
import type { Resource } from '$lib/api/client';

export interface ListColumn {
  key: string;
  /** The message key of the column's heading. */
  labelKey: string;
  /** A vocabulary to translate coded values, 'date', or 'place' (a municipality, by its name). */
  kind?: string;
}

/**
 * The columns of a list headed by the record's field names (`<section>.field.<key>`), each with the
 * vocabulary, 'date' or 'place' that shows its value ('' for a value shown as it is).
 */
function fieldColumns(section: string, kinds: Record<string, string>): ListColumn[] {
  return Object.entries(kinds).map(([key, kind]) => ({
    key,
    labelKey: `${section}.field.${key}`,
    ...(kind ? { kind } : {}),
  }));
}

/** One desk list, declared once: what `EntityList` fetches, shows and lets a person filter and sort by. */
export interface DeskList {
  resource: Resource;
  /** The record's field shown first, as the link to the record. */
  titleKey: string;
  columns: readonly ListColumn[];
  filters: readonly ListFilter[];
  /** The sorts offered, the first one the default. */
  sorts: readonly string[];
  /** The message section with the list's `emptyTitle` and `emptyHint`. */
  messages: string;
}

export interface ListFilter {
  /** The query parameter. */
  key: string;
  /** The catalogue vocabulary its values are labelled with (`value.<vocabulary>.<value>`). */
  vocabulary: string;
  values: readonly string[];
}

/** A filter over one vocabulary of the shared catalogue: its values are the catalogue's codes. */
const over = (key: string, vocabulary: VocabularyName): ListFilter => ({
  key,
  vocabulary,
  values: codesOf(vocabulary),
});

const supplyChain = over('supplyChain', 'supplyChain');

export const NEED_LIST: DeskList = {
  resource: 'needs',
  titleKey: 'title',
  messages: 'needs',
  columns: fieldColumns('need', { type: 'needType', status: 'status', positions: '', expiresAt: 'date' }),
  filters: [
    over('type', 'needType'),
    over('status', 'needStatus'),
    over('contractType', 'contractType'),
    supplyChain,
  ],
  sorts: ['newest', 'oldest', 'title', 'deadline'],
};

export const CRISIS_CASE_LIST: DeskList = {
  resource: 'crisis-cases',
  titleKey: 'title',
  messages: 'crisis',
  columns: fieldColumns('crisis', {
    procedure: 'procedure',
    status: 'status',
    workersAffected: '',
    openedOn: 'date',
  }),
  filters: [
    { key: 'status', vocabulary: 'status', values: ['open', 'closed'] },
    over('procedure', 'procedure'),
    supplyChain,
  ],
  sorts: ['newest', 'oldest', 'title', 'opened', 'workers'],
};

export const OPPORTUNITY_LIST: DeskList = {
  resource: 'opportunities',
  titleKey: 'title',
  messages: 'opportunities',
  columns: fieldColumns('opportunity', {
    kind: 'opportunityKind',
    status: 'status',
    supplyChain: 'supplyChain',
    deadline: 'date',
  }),
  filters: [over('kind', 'opportunityKind'), over('status', 'opportunityStatus'), supplyChain],
  sorts: ['newest', 'oldest', 'title', 'deadline'],
};

export const FIRM_LIST: DeskList = {
  resource: 'firms',
  titleKey: 'name',
  messages: 'firms',
  columns: [
    { key: 'municipality', labelKey: 'asset.field.municipality', kind: 'place' },
    { key: 'supplyChains', labelKey: 'firm.field.supplyChains', kind: 'supplyChain' },
    { key: 'sizeBand', labelKey: 'firm.field.sizeBand', kind: 'sizeBand' },
    { key: 'state', labelKey: 'firm.field.state', kind: 'firmState' },
  ],
  filters: [over('supplyChain', 'supplyChain'), over('sizeBand', 'sizeBand'), over('state', 'firmState')],
  sorts: ['name', 'newest', 'oldest'],
};

/** The place filters every desk list offers (PlaceFilter.svelte), as the API names them. */
export const PLACE_KEYS = ['region', 'province', 'municipality'] as const;
/** Page-URL parameters for the screen only: the chosen municipality's name, shown in its box. */
const SCREEN_ONLY = new Set(['municipalityName']);

/**
 * The API query of a list page: the URL's own parameters, the page size, and the list's first sort
 * unless the URL names one.
 */
export function listQuery(url: URLSearchParams, sorts: readonly string[], size: number): URLSearchParams {
  const query = new URLSearchParams();
  for (const [k, v] of url) if (v !== '' && !SCREEN_ONLY.has(k)) query.set(k, v);
  if (!query.get('sort')) query.set('sort', sorts[0]!);
  query.set('limit', String(size));
  return query;
}
