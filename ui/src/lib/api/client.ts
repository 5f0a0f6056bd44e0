// The one module that talks to the server. Same origin, relative /api/v1 URLs.
import { authHeaders, setSession, type SessionUser } from '$lib/session.svelte';
import type {
  About,
  ApprovedCandidates,
  AssetDoc,
  Decision,
  Desk,
  Entity,
  MatchRun,
  Municipality,
  Occupation,
  Page,
  ProfileDoc,
  SearchResult,
  Skill,
  Suggestion,
  TeamResult,
} from './types';

export const API = '/api/v1';

/** A background rebuild of the search indexes (admin). */
export interface ReindexStatus {
  status: 'idle' | 'running' | 'done' | 'failed';
  done: number;
  total: number;
  error: string | null;
}

/** A failure answered by the server (`status` > 0) or a network failure (`status` 0, code NETWORK). */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly details?: unknown,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

type Fetch = typeof fetch;
type Query = URLSearchParams | Record<string, string | number | boolean | undefined | null>;

function toSearch(query?: Query): string {
  if (!query) return '';
  const params = query instanceof URLSearchParams ? query : new URLSearchParams();
  if (!(query instanceof URLSearchParams)) {
    for (const [k, v] of Object.entries(query))
      if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

async function request<T>(
  path: string,
  opts: { method?: string; query?: Query; body?: unknown; fetch?: Fetch; signal?: AbortSignal } = {},
): Promise<T> {
  const f = opts.fetch ?? fetch;
  let res: Response;
  try {
    res = await f(`${API}${path}${toSearch(opts.query)}`, {
      method: opts.method ?? 'GET',
      headers: {
        accept: 'application/json',
        ...authHeaders(opts.method ?? 'GET'),
        ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
      signal: opts.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'NETWORK', 'The server cannot be reached', undefined, { cause });
  }
  const text = await res.text();
  let data: unknown = undefined;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string; details?: unknown } } | undefined)
      ?.error;
    throw new ApiError(
      res.status,
      err?.code ?? `HTTP_${res.status}`,
      err?.message ?? res.statusText,
      err?.details,
    );
  }
  return data as T;
}

export type Resource = 'assets' | 'profiles' | 'firms' | 'crisis-cases' | 'needs' | 'opportunities';
export type SearchIndex = 'assets' | 'profiles' | 'needs' | 'firms' | 'opportunities';

type SessionAnswer = { user: SessionUser; csrfToken: string | null };

export const api = {
  about: (f?: Fetch) => request<About>('/about', { fetch: f }),

  /** The current session, or null when nobody is signed in. */
  me: async (f?: Fetch): Promise<SessionAnswer | null> => {
    try {
      const s = await request<SessionAnswer>('/auth/me', { fetch: f });
      setSession(s.user, s.csrfToken);
      return s;
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        setSession(null, null);
        return null;
      }
      throw e;
    }
  },
  signIn: async (email: string, password: string): Promise<SessionAnswer> => {
    const s = await request<SessionAnswer>('/auth/sign-in', { method: 'POST', body: { email, password } });
    setSession(s.user, s.csrfToken);
    return s;
  },
  signOut: async (): Promise<void> => {
    try {
      await request<null>('/auth/sign-out', { method: 'POST' });
    } finally {
      setSession(null, null);
    }
  },

  searchAssets: (query: URLSearchParams, f?: Fetch, signal?: AbortSignal) =>
    request<SearchResult<AssetDoc>>('/search/assets', { query, fetch: f, signal }),
  searchProfiles: (query: URLSearchParams, f?: Fetch, signal?: AbortSignal) =>
    request<SearchResult<ProfileDoc>>('/search/profiles', { query, fetch: f, signal }),
  search: <D>(index: SearchIndex, query: URLSearchParams, f?: Fetch) =>
    request<SearchResult<D>>(`/search/${index}`, { query, fetch: f }),
  suggest: (q: string, indexes: SearchIndex[], limit = 8, signal?: AbortSignal) =>
    request<{ suggestions?: Suggestion[] } | Suggestion[]>('/suggest', {
      query: { q, indexes: indexes.join(','), limit },
      signal,
    }),

  list: <T extends Entity>(resource: Resource, query?: Query, f?: Fetch) =>
    request<Page<T>>(`/${resource}`, { query, fetch: f }),
  get: <T extends Entity>(resource: Resource, id: string, f?: Fetch) =>
    request<T>(`/${resource}/${encodeURIComponent(id)}`, { fetch: f }),
  create: <T extends Entity>(resource: Resource, body: unknown) =>
    request<T>(`/${resource}`, { method: 'POST', body }),
  update: <T extends Entity>(resource: Resource, id: string, body: unknown) =>
    request<T>(`/${resource}/${encodeURIComponent(id)}`, { method: 'PATCH', body }),

  occupations: (q: string, lang: string, signal?: AbortSignal) =>
    request<Occupation[]>('/reference/occupations', { query: { q, lang }, signal }),
  skills: (q: string, lang: string, signal?: AbortSignal) =>
    request<Skill[]>('/reference/skills', { query: { q, lang }, signal }),
  occupationSkills: (uri: string, lang: string, f?: Fetch) =>
    request<{ essential: Skill[]; optional: Skill[] }>('/reference/occupation-skills', {
      query: { uri, lang },
      fetch: f,
    }),
  municipalities: (q: string, signal?: AbortSignal) =>
    request<Municipality[]>('/reference/municipalities', { query: { q }, signal }),
  desks: () => request<Desk[]>('/reference/desks'),
  boundaries: (f?: Fetch) => request<GeoJSON.FeatureCollection>('/reference/boundaries', { fetch: f }),

  /** Every match run takes the UI's language: skill labels and role names come back in it. */
  needMatches: (id: string, lang: string, query: Record<string, string | number> = {}, f?: Fetch) =>
    request<MatchRun>(`/needs/${encodeURIComponent(id)}/matches`, { query: { ...query, lang }, fetch: f }),
  profileMatches: (id: string, lang: string, f?: Fetch) =>
    request<MatchRun>(`/profiles/${encodeURIComponent(id)}/matches`, { query: { lang }, fetch: f }),
  assetMatches: (id: string, lang: string, f?: Fetch) =>
    request<MatchRun>(`/assets/${encodeURIComponent(id)}/matches`, { query: { lang }, fetch: f }),
  /** A company asks to contact an approved candidate; contacts come back only with the person's consent. */
  requestContact: (needId: string, code: string) =>
    request<{
      status: 'shared' | 'pending_consent';
      contact: { name: string; email: string | null; phone: string | null } | null;
    }>(`/needs/${encodeURIComponent(needId)}/candidates/${encodeURIComponent(code)}/contact-request`, {
      method: 'POST',
    }),
  reindexStatus: () => request<ReindexStatus>('/admin/reindex'),
  startReindex: () => request<ReindexStatus>('/admin/reindex', { method: 'POST' }),
  /** Weekly counts of match runs, decisions and outcomes (aggregates only). */
  matchingActivity: (weeks: number, f?: Fetch) =>
    request<{
      weeks: string[];
      runs: Record<string, number>;
      decisions: Record<string, Record<string, number>>;
      outcomes: Record<string, Record<string, number>>;
    }>('/stats/matching', { query: { weeks }, fetch: f }),
  opportunityTeam: (id: string, lang: string, f?: Fetch) =>
    request<TeamResult>(`/opportunities/${encodeURIComponent(id)}/team`, {
      query: new URLSearchParams({ lang }),
      fetch: f,
    }),
  decide: (decision: Decision) => request<unknown>('/matches/decisions', { method: 'POST', body: decision }),
  approvedCandidates: (needId: string, f?: Fetch) =>
    request<ApprovedCandidates>(`/needs/${encodeURIComponent(needId)}/candidates`, { fetch: f }),
};

/** The export URL for the same query the list shows. */
export function exportUrl(
  index: 'assets' | 'profiles',
  query: URLSearchParams,
  format: 'csv' | 'xlsx',
): string {
  const p = new URLSearchParams(query);
  p.delete('offset');
  p.delete('limit');
  p.delete('facets');
  p.set('format', format);
  return `${API}/export/${index}?${p.toString()}`;
}
