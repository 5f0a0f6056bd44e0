import { requireCreate } from '$lib/may-create';
import { crisisOptions } from '$lib/crisis-options';

import { api } from '$lib/api/client';
import { session } from '$lib/session.svelte';

// A user of a desk records for it; one who belongs to none (marketing, administrator) picks the desk.
export async function load({ fetch, parent }) {
  await parent(); // the root layout has read the session
  requireCreate(session.role, 'assets');
  const desks = session.user?.deskId
    ? null
    : await api.desks().then(
        (list) => list.map((d) => ({ id: d.id, name: d.name })),
        () => [],
      );
  return { crises: await crisisOptions(fetch), desks };
}
