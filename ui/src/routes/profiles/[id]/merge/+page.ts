import { api } from '$lib/api/client';

// The preview of merging the record in `?with=` into this one (the kept record): both records, the
// result and what moves over. The page asks again when the operator chooses another value.
export async function load({ params, url, fetch }) {
  const otherId = url.searchParams.get('with') ?? '';
  try {
    const preview = await api.mergePreview(params.id, { otherId, take: [] }, fetch);
    return { id: params.id, otherId, preview, error: null as unknown };
  } catch (error) {
    return { id: params.id, otherId, preview: null, error };
  }
}
