// The filters and sorts of the desk lists (needs, crisis dossiers, opportunities, firms), as the API declares
// them (server/src/modules/*/*.schema.ts: a value it does not know answers 400 naming the parameter).
// Each filter's values are shown through the `value.<vocabulary>` catalogue, never as codes.

import { codesOf, type VocabularyName } from '@rilancio/vocabulary';

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

export const NEED_LIST = {
  filters: [
    over('type', 'needType'),
    over('status', 'needStatus'),
    over('contractType', 'contractType'),
    supplyChain,
  ],
  sorts: ['newest', 'oldest', 'title', 'deadline'],
} satisfies { filters: ListFilter[]; sorts: readonly string[] };

export const CRISIS_CASE_LIST = {
  filters: [
    { key: 'status', vocabulary: 'status', values: ['open', 'closed'] },
    over('procedure', 'procedure'),
    supplyChain,
  ],
  sorts: ['newest', 'oldest', 'title', 'opened', 'workers'],
} satisfies { filters: ListFilter[]; sorts: readonly string[] };

export const OPPORTUNITY_LIST = {
  filters: [over('kind', 'opportunityKind'), over('status', 'opportunityStatus'), supplyChain],
  sorts: ['newest', 'oldest', 'title', 'deadline'],
} satisfies { filters: ListFilter[]; sorts: readonly string[] };

export const FIRM_LIST = {
  filters: [over('supplyChain', 'supplyChain'), over('sizeBand', 'sizeBand'), over('state', 'firmState')],
  sorts: ['name', 'newest', 'oldest'],
} satisfies { filters: ListFilter[]; sorts: readonly string[] };

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
