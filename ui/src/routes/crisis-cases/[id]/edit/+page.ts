import { recordWithOptions } from '$lib/edit-load';
import { loadFirmOptions } from '$lib/firm-options';

export async function load({ params, fetch }) {
  const { record, error, options } = await recordWithOptions({
    resource: 'crisis-cases',
    id: params.id,
    fetch,
    options: loadFirmOptions(fetch),
  });
  return { id: params.id, crisis: record, error, firms: options };
}
