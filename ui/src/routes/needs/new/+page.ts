import { requireCreate } from '$lib/may-create';
import { api } from '$lib/api/client';
import { session } from '$lib/session.svelte';
import { firmOptions } from '$lib/firm-options';
import { matchLang } from '$lib/match';

// An operator posts on behalf of a firm, so the form lists the firms; a company posts for itself.
export async function load({ fetch, parent }) {
  await parent(); // the root layout has read the session
  requireCreate(session.role, 'needs');
  if (session.role === 'company') return { firms: null };
  const firms = await api.list('firms', { limit: 100 }, fetch).then(
    (p) => firmOptions(p.items, matchLang()),
    () => [],
  );
  return { firms };
}
