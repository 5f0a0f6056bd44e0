import { crisisOptions } from '$lib/crisis-options';
import { recordWithOptions } from '$lib/edit-load';

export async function load({ params, fetch }) {
  const { record, error, options } = await recordWithOptions({
    resource: 'assets',
    id: params.id,
    fetch,
    options: crisisOptions(fetch),
  });
  return { id: params.id, asset: record, error, crises: options };
}
