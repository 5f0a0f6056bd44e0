import { api, type Fetch, type RecordKind } from '$lib/api/client';
import type { RecordMergePreview } from '$lib/api/types';
import { naceName } from '$lib/firm-form';
import type { LinkedNames } from '$lib/record-merge';

/** The names of what the two records point at, so the page never shows an id or a code. */
async function linkedNames(preview: RecordMergePreview, locale: string, fetch: Fetch): Promise<LinkedNames> {
  const names: LinkedNames = { firms: new Map(), crises: new Map(), activities: new Map() };
  const records = [preview.kept, preview.other] as Record<string, unknown>[];
  const ids = (key: string) => [...new Set(records.map((r) => r[key]).filter((v): v is string => !!v))];
  await Promise.allSettled([
    ...ids('ownerFirmId').map(async (id) => names.firms.set(id, (await api.get('firms', id, fetch)).name)),
    ...ids('crisisCaseId').map(async (id) =>
      names.crises.set(id, String((await api.get('crisis-cases', id, fetch)).title)),
    ),
    ...ids('naceCode').map(async (code) => {
      const found = (await api.nace(code, undefined, fetch)).find((n) => n.code === code);
      if (found) names.activities.set(code, naceName(found, locale));
    }),
  ]);
  return names;
}

/**
 * The preview of merging the record in `?with=` into this one (the kept record), with the names of what
 * they point at. The page asks again when the operator chooses another value.
 */
export async function loadRecordMerge(kind: RecordKind, id: string, url: URL, locale: string, fetch: Fetch) {
  const otherId = url.searchParams.get('with') ?? '';
  try {
    const preview = await api.recordMergePreview(kind, id, { otherId, take: [] }, fetch);
    return {
      kind,
      id,
      otherId,
      preview,
      names: await linkedNames(preview, locale, fetch),
      error: null as unknown,
    };
  } catch (error) {
    return { kind, id, otherId, preview: null, names: null, error };
  }
}
