import { requireCreate } from '$lib/may-create';
import { api } from '$lib/api/client';
import { session } from '$lib/session.svelte';

// A user of a desk registers for it; one who belongs to none (marketing, administrator) picks the desk.
export async function load({ parent }) {
  await parent(); // the root layout has read the session
  requireCreate(session.role, 'firms');
  const desks = session.user?.deskId
    ? null
    : await api.desks().then(
        (list) => list.map((d) => ({ id: d.id, name: d.name })),
        () => [],
      );
  return { desks };
}
