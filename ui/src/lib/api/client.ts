// The one module that talks to the server: openapi-fetch over the types generated from the server's
// OpenAPI document (`schema.ts`). Same origin, relative /api/v1 URLs; failures become `ApiError`.
import createClient from 'openapi-fetch';
import { authHeaders, setSession, type Role, type SessionUser } from '$lib/session.svelte';
import type { paths } from './schema';
import type {
  AssetDoc,
  BodyJson,
  CreateBody,
  Decision,
  OutcomeGrouping,
  OutcomeInput,
  Item,
  ItemPage,
  ProfileDoc,
  RecordMergePreview,
  Resource,
  SearchIndex,
  SearchResult,
  UpdateBody,
} from './types';

export const API = '/api/v1';

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

export type Fetch = (input: Request) => Promise<Response>;
export type DuplicateEntity = 'profiles' | 'assets' | 'firms';
/** Records merged by the generic merge (a person's records have their own, with consents and decisions). */
export type RecordKind = 'assets' | 'firms';
export type { Resource, SearchIndex } from './types';

/** The reference and matching endpoints speak Italian, French or English (English otherwise). */
export type Lang = 'it' | 'fr' | 'en';
export const toLang = (locale: string | null | undefined): Lang => {
  const l = (locale ?? 'it').slice(0, 2);
  return l === 'it' || l === 'fr' ? l : 'en';
};

/**
 * Called when the server answers 401 to a request made while signed in (the session expired or was
 * revoked): the layout clears the session and opens the sign-in page with the way back.
 */
let onSignedOut: (() => void) | undefined;
export function whenSignedOut(handler: () => void): void {
  onSignedOut = handler;
}
// Sign-in and the session probe answer 401 as part of their job, not because a session ended.
const AUTH_PATHS = /\/api\/v1\/auth\/(sign-in|me|password-reset)/;

// A request made by a user's action goes through this fetch; a load function passes SvelteKit's own.
const actionFetch: typeof globalThis.fetch = (input, init) => globalThis.fetch(input, init);
export const client = createClient<paths>({ headers: { accept: 'application/json' }, fetch: actionFetch });
// The session cookie travels by itself; writes also carry the CSRF token.
client.use({
  onRequest({ request }) {
    for (const [k, v] of Object.entries(authHeaders(request.method))) request.headers.set(k, v);
    return request;
  },
  onResponse({ request, response, options }) {
    // A load's 401 is the layout load's to handle: during a navigation it redirects with the target, and a
    // hover preload must not move the user at all (it once sent them to sign in with the wrong way back).
    if (response.status === 401 && options.fetch === actionFetch && !AUTH_PATHS.test(request.url)) {
      onSignedOut?.();
    }
  },
});

/** The data of an openapi-fetch answer, or an `ApiError` carrying the server's `{ error }` body. */
export async function call<T>(
  pending: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  let answer: Awaited<typeof pending>;
  try {
    answer = await pending;
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'NETWORK', 'The server cannot be reached', undefined, { cause });
  }
  const { response } = answer;
  if (response.ok) return answer.data as T;
  const err = (answer.error as { error?: { code?: string; message?: string; details?: unknown } } | undefined)
    ?.error;
  throw new ApiError(
    response.status,
    err?.code ?? `HTTP_${response.status}`,
    err?.message ?? response.statusText,
    err?.details,
  );
}

// The CRUD paths differ only by their resource segment; the generated types are looked up per resource
// (`Item<R>` …) and the call goes through one of them.
const one = (resource: Resource) => `/api/v1/${resource}/{id}` as '/api/v1/profiles/{id}';
const all = (resource: Resource) => `/api/v1/${resource}` as '/api/v1/profiles';
const search = (index: SearchIndex) => `/api/v1/search/${index}` as '/api/v1/search/assets';

/** A search page's URL parameters are the API's query, sent as they are. */
function urlQuery(query: URLSearchParams) {
  return { querySerializer: () => query.toString() };
}

type SessionAnswer = { user: SessionUser; csrfToken: string | null };

export const api = {
  about: (fetch?: Fetch) => call(client.GET('/api/v1/about', { fetch })),

  /** The current session, or null when nobody is signed in. */
  me: async (fetch?: Fetch): Promise<SessionAnswer | null> => {
    try {
      const s = (await call(client.GET('/api/v1/auth/me', { fetch }))) as SessionAnswer;
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
    const s = (await call(
      client.POST('/api/v1/auth/sign-in', { body: { email, password } }),
    )) as SessionAnswer;
    setSession(s.user, s.csrfToken);
    return s;
  },
  signOut: async (): Promise<void> => {
    try {
      await call(client.POST('/api/v1/auth/sign-out'));
    } finally {
      setSession(null, null);
    }
  },

  /** Always answers the same (202), whether the address is known or not. */
  requestPasswordReset: (email: string) =>
    call(client.POST('/api/v1/auth/password-reset', { body: { email } })),
  resetPassword: (token: string, password: string) =>
    call(client.POST('/api/v1/auth/password-reset/confirm', { body: { token, password } })),

  searchAssets: (query: URLSearchParams, fetch?: Fetch, signal?: AbortSignal) =>
    api.search<AssetDoc>('assets', query, fetch, signal),
  /** Every result of an asset search, clustered for the map's zoom (and box). */
  assetMap: (query: URLSearchParams, signal?: AbortSignal) =>
    call(client.GET('/api/v1/search/assets/map', { ...urlQuery(query), signal })),
  /** Place names for a map without tiles. */
  placeNames: (bbox: string, limit: number, signal?: AbortSignal) =>
    call(
      client.GET('/api/v1/reference/municipalities/in-box', { params: { query: { bbox, limit } }, signal }),
    ),
  searchProfiles: (query: URLSearchParams, fetch?: Fetch, signal?: AbortSignal) =>
    api.search<ProfileDoc>('profiles', query, fetch, signal),
  search: <D>(index: SearchIndex, query: URLSearchParams, fetch?: Fetch, signal?: AbortSignal) =>
    call(client.GET(search(index), { ...urlQuery(query), fetch, signal })) as Promise<SearchResult<D>>,

  // Saved searches and alerts (issue 16).
  saveSearch: (body: {
    name: string;
    index: 'assets' | 'profiles' | 'needs' | 'opportunities';
    query: Record<string, string>;
  }) => call(client.POST('/api/v1/alerts/searches', { body })),
  savedSearches: (fetch?: Fetch) => call(client.GET('/api/v1/alerts/searches', { fetch })),
  updateSavedSearch: (id: string, body: { name?: string; frequency?: 'daily' | 'never' }) =>
    call(client.PATCH('/api/v1/alerts/searches/{id}', { params: { path: { id } }, body })),
  deleteSavedSearch: (id: string) =>
    call(client.DELETE('/api/v1/alerts/searches/{id}', { params: { path: { id } } })),
  notifications: (fetch?: Fetch) =>
    call(client.GET('/api/v1/alerts/notifications', { params: { query: { limit: 100 } }, fetch })),
  markNotificationsRead: (body: { ids?: string[]; all?: boolean }) =>
    call(client.POST('/api/v1/alerts/notifications/read', { body })),

  list: <R extends Resource>(resource: R, query?: { limit?: number; cursor?: string }, fetch?: Fetch) =>
    call(client.GET(all(resource), { params: { query }, fetch })) as Promise<ItemPage<R>>,
  /** One page of a desk list, its query string taken as it is from the page URL (search, filters, sort). */
  listPage: <R extends Resource>(resource: R, query: URLSearchParams, signal?: AbortSignal) =>
    call(client.GET(all(resource), { ...urlQuery(query), signal })) as Promise<ItemPage<R>>,
  get: <R extends Resource>(resource: R, id: string, fetch?: Fetch) =>
    call(client.GET(one(resource), { params: { path: { id } }, fetch })) as Promise<Item<R>>,
  create: <R extends Resource>(resource: R, body: CreateBody<R>) =>
    call(client.POST(all(resource), { body: body as CreateBody<'profiles'> })) as Promise<Item<R>>,
  update: <R extends Resource>(resource: R, id: string, body: UpdateBody<R>) =>
    call(
      client.PATCH(one(resource), { params: { path: { id } }, body: body as UpdateBody<'profiles'> }),
    ) as Promise<Item<R>>,

  occupations: (q: string, lang: string, signal?: AbortSignal) =>
    call(
      client.GET('/api/v1/reference/occupations', { params: { query: { q, lang: toLang(lang) } }, signal }),
    ),
  skills: (q: string, lang: string, signal?: AbortSignal) =>
    call(client.GET('/api/v1/reference/skills', { params: { query: { q, lang: toLang(lang) } }, signal })),
  occupationSkills: (uri: string, lang: string, fetch?: Fetch) =>
    call(
      client.GET('/api/v1/reference/occupation-skills', {
        params: { query: { uri, lang: toLang(lang) } },
        fetch,
      }),
    ),
  /** Free text (a CV line, a job ad) read as ranked ESCO occupations and skills, labelled in `lang`. */
  interpret: (text: string, lang: string, signal?: AbortSignal) =>
    call(
      client.POST('/api/v1/reference/interpret', {
        body: { text, lang: toLang(lang), occupations: 5, skills: 8 },
        signal,
      }),
    ),
  municipalities: (q: string, signal?: AbortSignal) =>
    call(client.GET('/api/v1/reference/municipalities', { params: { query: { q } }, signal })),
  desks: () => call(client.GET('/api/v1/reference/desks')),
  /** NACE Rev. 2 activities by code or name (the firm form's activity picker). */
  nace: (q: string, signal?: AbortSignal, fetch?: Fetch) =>
    call(client.GET('/api/v1/reference/nace', { params: { query: { q } }, signal, fetch })),
  /** Every province with its region: the choices of the lists' place filters. */
  provinces: () => call(client.GET('/api/v1/reference/provinces')),
  boundaries: (fetch?: Fetch) =>
    call(
      client.GET('/api/v1/reference/boundaries', { fetch }),
    ) as Promise<unknown> as Promise<GeoJSON.FeatureCollection>,

  /** The ferry links used for travel times (ports, operators, crossing, season), for the map. */
  ferryLinks: (fetch?: Fetch) => call(client.GET('/api/v1/reference/ferry-links', { fetch })),
  /** People within a travel time of an asset, by occupation group (counts only). */
  peopleNearby: (id: string, minutes: 15 | 30 | 45 | 60 | 90 | 120, fetch?: Fetch) =>
    call(
      client.GET('/api/v1/assets/{id}/people-nearby', {
        params: { path: { id }, query: { minutes } },
        fetch,
      }),
    ),

  /** Every match run takes the UI's language: skill labels and role names come back in it. */
  needMatches: (id: string, lang: Lang, query: { limit?: number } = {}, fetch?: Fetch) =>
    call(
      client.GET('/api/v1/needs/{id}/matches', {
        params: { path: { id }, query: { ...query, lang } },
        fetch,
      }),
    ),
  profileMatches: (id: string, lang: Lang, fetch?: Fetch) =>
    call(client.GET('/api/v1/profiles/{id}/matches', { params: { path: { id }, query: { lang } }, fetch })),
  /** Likely duplicates of a saved person, asset or firm (a warning for the desk, never a refusal). */
  duplicates: (entity: DuplicateEntity, id: string, fetch?: Fetch) =>
    call(
      client.GET(`/api/v1/${entity}/{id}/duplicates` as '/api/v1/profiles/{id}/duplicates', {
        params: { path: { id } },
        fetch,
      }),
    ),
  /** The same for a record still being typed, so the form can warn before saving. */
  profileDuplicateCheck: (body: BodyJson<'/api/v1/profiles/duplicate-check', 'post'>) =>
    call(client.POST('/api/v1/profiles/duplicate-check', { body })),
  assetDuplicateCheck: (body: BodyJson<'/api/v1/assets/duplicate-check', 'post'>) =>
    call(client.POST('/api/v1/assets/duplicate-check', { body })),
  /** Merging a person's second record into the first: what it would give, doing it, and its two ends. */
  mergePreview: (id: string, body: BodyJson<'/api/v1/profiles/{id}/merge-preview', 'post'>, fetch?: Fetch) =>
    call(client.POST('/api/v1/profiles/{id}/merge-preview', { params: { path: { id } }, body, fetch })),
  merge: (id: string, body: BodyJson<'/api/v1/profiles/{id}/merge', 'post'>) =>
    call(client.POST('/api/v1/profiles/{id}/merge', { params: { path: { id } }, body })),
  merges: (id: string, fetch?: Fetch) =>
    call(client.GET('/api/v1/profiles/{id}/merges', { params: { path: { id } }, fetch })),
  settleMerge: (id: string, step: 'undo' | 'confirm') =>
    call(
      client.POST(`/api/v1/profile-merges/{id}/${step}` as '/api/v1/profile-merges/{id}/undo', {
        params: { path: { id } },
      }),
    ),
  /** The same for two listings of one asset, or two records of one firm (`kind`); one shape for both. */
  recordMergePreview: (
    kind: RecordKind,
    id: string,
    body: { otherId: string; take: string[] },
    fetch?: Fetch,
  ) =>
    call(
      client.POST(`/api/v1/${kind}/{id}/merge-preview` as '/api/v1/assets/{id}/merge-preview', {
        params: { path: { id } },
        body: body as BodyJson<'/api/v1/assets/{id}/merge-preview', 'post'>,
        fetch,
      }),
    ) as Promise<RecordMergePreview>,
  recordMerge: (
    kind: RecordKind,
    id: string,
    body: { otherId: string; take: string[]; keptVersion: number; otherVersion: number },
  ) =>
    call(
      client.POST(`/api/v1/${kind}/{id}/merge` as '/api/v1/assets/{id}/merge', {
        params: { path: { id } },
        body: body as BodyJson<'/api/v1/assets/{id}/merge', 'post'>,
      }),
    ),
  recordMerges: (kind: RecordKind, id: string, fetch?: Fetch) =>
    call(
      client.GET(`/api/v1/${kind}/{id}/merges` as '/api/v1/assets/{id}/merges', {
        params: { path: { id } },
        fetch,
      }),
    ),
  settleRecordMerge: (kind: RecordKind, id: string, step: 'undo' | 'confirm') =>
    call(
      client.POST(
        `/api/v1/${kind === 'assets' ? 'asset' : 'firm'}-merges/{id}/${step}` as '/api/v1/asset-merges/{id}/undo',
        { params: { path: { id } } },
      ),
    ),
  assetMatches: (id: string, lang: Lang, fetch?: Fetch) =>
    call(client.GET('/api/v1/assets/{id}/matches', { params: { path: { id }, query: { lang } }, fetch })),
  /** A company asks to contact an approved candidate; contacts come back only with the person's consent. */
  requestContact: (id: string, code: string) =>
    call(
      client.POST('/api/v1/needs/{id}/candidates/{code}/contact-request', { params: { path: { id, code } } }),
    ),
  reindexStatus: () => call(client.GET('/api/v1/admin/reindex')),
  /** Accounts, for administrators: list, move to another role or desk, sign out everywhere, end. */
  users: () => call(client.GET('/api/v1/admin/users')),
  changeUser: (id: string, body: { version: number; role?: Role; deskId?: string | null }) =>
    call(client.PATCH('/api/v1/admin/users/{id}', { params: { path: { id } }, body })),
  endUser: (id: string, version: number) =>
    call(client.POST('/api/v1/admin/users/{id}/end', { params: { path: { id } }, body: { version } })),
  revokeUserSessions: (id: string) =>
    call(client.POST('/api/v1/admin/users/{id}/revoke-sessions', { params: { path: { id } } })),
  startReindex: () => call(client.POST('/api/v1/admin/reindex')),
  /** Weekly counts of match runs, decisions and outcomes (aggregates only). */
  matchingActivity: (weeks: number, fetch?: Fetch) =>
    call(client.GET('/api/v1/stats/matching', { params: { query: { weeks } }, fetch })),
  opportunityTeam: (id: string, lang: string, fetch?: Fetch) =>
    call(
      client.GET('/api/v1/opportunities/{id}/team', {
        params: { path: { id }, query: { lang: toLang(lang) } },
        fetch,
      }),
    ),
  /** The accepted team of an opportunity: its locked version, the history, the contact requests. */
  teamLock: (id: string, fetch?: Fetch) =>
    call(client.GET('/api/v1/opportunities/{id}/team/lock', { params: { path: { id } }, fetch })),
  lockTeam: (id: string, body: BodyJson<'/api/v1/opportunities/{id}/team/lock', 'post'>) =>
    call(client.POST('/api/v1/opportunities/{id}/team/lock', { params: { path: { id } }, body })),
  unlockTeam: (id: string, body: BodyJson<'/api/v1/opportunities/{id}/team/unlock', 'post'>) =>
    call(client.POST('/api/v1/opportunities/{id}/team/unlock', { params: { path: { id } }, body })),
  requestTeamContact: (
    id: string,
    body: BodyJson<'/api/v1/opportunities/{id}/team/contact-requests', 'post'>,
  ) =>
    call(client.POST('/api/v1/opportunities/{id}/team/contact-requests', { params: { path: { id } }, body })),
  decide: (decision: Decision) => call(client.POST('/api/v1/matches/decisions', { body: decision })),
  /** Where each of the caller's desk's candidates for a need stands, and what may be recorded next. */
  outcomeStates: (needId: string, fetch?: Fetch) =>
    call(client.GET('/api/v1/needs/{id}/outcomes', { params: { path: { id: needId } }, fetch })),
  recordOutcome: (needId: string, body: OutcomeInput) =>
    call(client.POST('/api/v1/needs/{id}/outcomes', { params: { path: { id: needId } }, body })),
  /** The funnel from approval to hire per group (aggregates only, small cells suppressed). */
  outcomeStats: (by: OutcomeGrouping, months: number, fetch?: Fetch) =>
    call(client.GET('/api/v1/stats/outcomes', { params: { query: { by, months } }, fetch })),
  approvedCandidates: (id: string, fetch?: Fetch) =>
    call(client.GET('/api/v1/needs/{id}/candidates', { params: { path: { id } }, fetch })),
};

/** The export URL for the same query the list shows, with headers and values in the UI's language. */
export function exportUrl(
  index: 'assets' | 'profiles',
  query: URLSearchParams,
  format: 'csv' | 'xlsx',
  lang: string,
): string {
  const p = new URLSearchParams(query);
  p.delete('offset');
  p.delete('limit');
  p.delete('facets');
  p.set('format', format);
  p.set('lang', ['it', 'fr', 'en'].includes(lang) ? lang : 'it');
  return `${API}/export/${index}?${p.toString()}`;
}

/** The offer pack of an asset: a PDF the server writes in the chosen language. */
/** The offer pack PDF; `minutes` is the travel time its "skilled people nearby" counts within. */
export function offerPackUrl(id: string, lang: string, minutes?: number): string {
  const l = ['it', 'fr', 'en'].includes(lang) ? lang : 'it';
  const m = minutes ? `&minutes=${minutes}` : '';
  return `${API}/assets/${encodeURIComponent(id)}/offer-pack?lang=${l}${m}`;
}
