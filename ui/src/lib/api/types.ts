// Types of the server's contract, read from `schema.ts` (generated from server/openapi.json by
// `npm run gen:api -w ui`; `npm run check -w ui` fails when it has drifted).
import type { paths } from './schema';

type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;

/** The JSON body of a successful GET on a path. */
export type GetJson<P extends keyof paths> = paths[P] extends { get: { responses: { 200: infer R } } }
  ? JsonOf<R>
  : never;

/** The JSON request body of a path's method. */
export type BodyJson<P extends keyof paths, M extends 'post' | 'patch'> = paths[P] extends {
  [K in M]: { requestBody?: infer B };
}
  ? JsonOf<NonNullable<B>>
  : never;

export type About = GetJson<'/api/v1/about'>;
export type Municipality = GetJson<'/api/v1/reference/municipalities'>[number];
export type PlaceName = GetJson<'/api/v1/reference/municipalities/in-box'>[number];
export type AssetMapAnswer = GetJson<'/api/v1/search/assets/map'>;
export type MapCluster = AssetMapAnswer['clusters'][number];
export type MapCard = NonNullable<MapCluster['points']>[number];
export type Occupation = GetJson<'/api/v1/reference/occupations'>[number];
export type Skill = GetJson<'/api/v1/reference/skills'>[number];
export type Interpretation =
  paths['/api/v1/reference/interpret']['post']['responses'][200]['content']['application/json'];
export type Desk = GetJson<'/api/v1/reference/desks'>[number];
export type ReindexStatus = GetJson<'/api/v1/admin/reindex'>;
export type MatchingActivity = GetJson<'/api/v1/stats/matching'>;

/** The records behind the CRUD endpoints. */
export type Resource = 'assets' | 'profiles' | 'firms' | 'crisis-cases' | 'needs' | 'opportunities';
export type Item<R extends Resource> = GetJson<`/api/v1/${R}/{id}`>;
export type ItemPage<R extends Resource> = GetJson<`/api/v1/${R}`>;
export type CreateBody<R extends Resource> = BodyJson<`/api/v1/${R}`, 'post'>;
export type UpdateBody<R extends Resource> = BodyJson<`/api/v1/${R}/{id}`, 'patch'>;
export type ProfileRecord = Item<'profiles'>;
export type NeedRecord = Item<'needs'>;
export type OpportunityRecord = Item<'opportunities'>;

export type SearchIndex = 'assets' | 'profiles' | 'needs' | 'firms' | 'opportunities';
type SearchAnswer = GetJson<'/api/v1/search/assets'>;
export type SearchHit<D> = Omit<SearchAnswer['hits'][number], 'doc'> & { doc: D };
/** A search answer whose documents have the fields `D` names. */
export type SearchResult<D> = Omit<SearchAnswer, 'hits'> & { hits: SearchHit<D>[] };

// The contract types a search document as an open record (its fields follow the index's allowlist in
// server/src/search/documents.ts); these name the fields the screens read.
export interface AssetDoc {
  id: string;
  title: string;
  description?: string;
  kind: string;
  category?: string;
  status?: string;
  availability?: string;
  condition?: string;
  region?: string;
  province?: string;
  municipality?: string;
  location?: { lat: number; lon: number };
  coveredAreaM2?: number | null;
  landAreaM2?: number | null;
  powerKw?: number | null;
  craneTonnage?: number | null;
  quayAccess?: boolean | null;
  priceEur?: number | null;
  rentEurMonth?: number | null;
  year?: number | null;
  availableFrom?: string | null;
  availableUntil?: string | null;
  supplyChains?: string[];
  crisisCaseId?: string | null;
}

export interface ProfileDoc {
  id: string;
  code: string;
  occupationUris?: string[];
  occupationLabels?: string[];
  skillLabels?: string[];
  languages?: string[];
  eqfLevel?: number | null;
  region?: string;
  municipality?: string;
  availableFrom?: string | null;
  desiredPaths?: string[];
  employmentStatus?: string;
  crisisCaseId?: string | null;
  deskId?: string | null;
}

export type MatchRun = GetJson<'/api/v1/needs/{id}/matches'>;
export type MatchResult = MatchRun['results'][number];
export type MatchComponent = NonNullable<MatchResult['components']>[number];
export type TeamResult = GetJson<'/api/v1/opportunities/{id}/team'>;
export type TeamRole = TeamResult['roles'][number];
export type TeamLockState = GetJson<'/api/v1/opportunities/{id}/team/lock'>;
export type ApprovedCandidates = GetJson<'/api/v1/needs/{id}/candidates'>;
export type Decision = BodyJson<'/api/v1/matches/decisions', 'post'>;
export type OutcomeState = GetJson<'/api/v1/needs/{id}/outcomes'>[number];
export type OutcomeInput = BodyJson<'/api/v1/needs/{id}/outcomes', 'post'>;
export type OutcomeStats = GetJson<'/api/v1/stats/outcomes'>;
export type OutcomeGrouping = OutcomeStats['by'];
export type DecisionAction = Decision['action'];

/** A record as a generic list shows it: the fields vary per resource. */
export type Entity = { id: string; version?: number; [key: string]: unknown };

/** What merging two records of one asset or one firm would give: both records, the result, what follows. */
type MergePreviewOf<K extends 'assets' | 'firms'> =
  paths[`/api/v1/${K}/{id}/merge-preview`]['post']['responses'][200]['content']['application/json'];
export type MergedRecord = Item<'assets'> | Item<'firms'>;
export type RecordMergePreview = Omit<
  MergePreviewOf<'assets'>,
  'kept' | 'other' | 'result' | 'differences' | 'fromOther'
> & {
  kept: MergedRecord;
  other: MergedRecord;
  result: MergedRecord;
  differences: string[];
  fromOther: string[];
};
