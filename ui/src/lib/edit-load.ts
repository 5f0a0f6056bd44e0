import { api, type Fetch } from '$lib/api/client';
import type { Item, Resource } from '$lib/api/types';

/**
 * What an edit page loads: the stored record and the lists its form chooses from. The lists are asked for
 * before the record so both travel at once, and they are there even when the record cannot be read: the
 * page then shows the refusal (`error`) instead of the form.
 */
export async function recordWithOptions<R extends Resource, O>({
  resource,
  id,
  fetch,
  options,
}: {
  resource: R;
  id: string;
  fetch: Fetch;
  /** The lists, already on their way. */
  options: Promise<O>;
}): Promise<{ record: Item<R> | null; error: unknown; options: O }> {
  try {
    return { record: await api.get(resource, id, fetch), error: null, options: await options };
  } catch (error) {
    return { record: null, error, options: await options };
  }
}
