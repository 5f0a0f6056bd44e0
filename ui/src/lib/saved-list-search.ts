/**
 * "Salva ricerca" on the needs and opportunities lists (issue 16): the list's text and filters as the query
 * of the search the alerts evaluate (GET /search/{index}, same parameter names). The server applies the
 * list's own read scope to it (a company sees its firm's needs only), so an alert shows what the list
 * would. A list narrowed by something the search cannot express (a province or municipality code from a
 * link) offers no saving rather than saving a broader search than the one on screen.
 */
const SEARCHABLE = {
  needs: ['q', 'type', 'status', 'contractType', 'supplyChain', 'deskId', 'firmId'],
  opportunities: ['q', 'kind', 'status', 'supplyChain', 'deskId', 'crisisCaseId'],
} as const;
/** Order and paging: how the list is shown, not which records it holds. */
const PRESENTATION = new Set(['sort', 'limit', 'offset', 'cursor', 'page']);

export function listSearchQuery(
  index: keyof typeof SEARCHABLE,
  url: URLSearchParams,
): URLSearchParams | null {
  const allowed: readonly string[] = SEARCHABLE[index];
  const query = new URLSearchParams();
  for (const [key, value] of url) {
    if (value === '' || PRESENTATION.has(key)) continue;
    if (!allowed.includes(key)) return null;
    query.set(key, value);
  }
  return query;
}
