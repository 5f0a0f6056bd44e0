// The import screen's talk with the server: uploads are multipart (not in the typed client), so failures
// are turned into the same `ApiError` the rest of the UI reads, and the job's failure code is kept.
import { API, ApiError } from '$lib/api/client';
import { authHeaders } from '$lib/session.svelte';

export const IMPORT_ENTITIES = ['profiles', 'assets', 'firms', 'needs', 'opportunities'] as const;
export type ImportEntity = (typeof IMPORT_ENTITIES)[number];

export type ImportJob = {
  id: string;
  status: 'pending' | 'running' | 'done' | 'failed' | 'interrupted';
  dryRun: boolean;
  progress: number;
  counts: Record<string, number>;
  error: string | null;
  errorCode: string | null;
  report: { total: number; items: Record<string, unknown>[] };
};

export type ImportField = { name: string; label: string; required: boolean; allowed: string[] };

/** Failure codes of an import the catalogues word (imports.failure.*); others get the generic sentence. */
export const WORDED_FAILURES = [
  'FILE_TOO_MANY_BAD_ROWS',
  'IMPORT_COLUMNS_MISSING',
  'FILE_TYPE_UNSUPPORTED',
  'FILE_TOO_LARGE',
  'FILE_ZIP_BOMB',
  'FILE_TOO_MANY_ROWS',
  'FILE_TOO_MANY_COLUMNS',
  'FILE_CELL_TOO_LONG',
  'FILE_ENCODING_INVALID',
  'FILE_MALFORMED',
  'FILE_SHEET_NOT_FOUND',
  'FILE_EMPTY',
] as const;

export async function importCall<T>(
  url: string,
  init: RequestInit = {},
): Promise<T & { httpStatus: number }> {
  let res: Response;
  try {
    res = await fetch(url, {
      ...init,
      headers: { accept: 'application/json', ...authHeaders(init.method ?? 'GET') },
    });
  } catch (cause) {
    throw new ApiError(0, 'NETWORK', 'The server cannot be reached', undefined, { cause });
  }
  const body = await res.json().catch(() => ({}));
  if (!res.ok) {
    const err = (body as { error?: { code?: string; message?: string; details?: unknown } }).error;
    throw new ApiError(
      res.status,
      err?.code ?? `HTTP_${res.status}`,
      err?.message ?? res.statusText,
      err?.details,
    );
  }
  return { ...(body as T), httpStatus: res.status };
}

export const importFields = (entity: ImportEntity, lang: string) =>
  importCall<{ fields: ImportField[] }>(`${API}/imports/fields/${entity}?lang=${lang}`);

/** What a refusal for missing columns says: the fields missing and the file's columns that matched nothing. */
export function missingColumns(e: unknown): { missing: string[]; unmatched: string[] } | null {
  if (!(e instanceof ApiError) || e.code !== 'IMPORT_COLUMNS_MISSING' || !Array.isArray(e.details))
    return null;
  const details = e.details as { path: string; reason: string }[];
  return {
    missing: details.filter((d) => d.path !== 'unmatchedColumn').map((d) => d.path),
    unmatched: details.filter((d) => d.path === 'unmatchedColumn').map((d) => d.reason),
  };
}
