// Hand-declared mirror of the server's contract (issues 3 and 4). Replace with the types generated
// from server/openapi.json (`npm run gen:api -w ui`) once the document is committed on main.

export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export interface About {
  name: string;
  version: string;
  attributions: string[];
  mapTilesUrl?: string | null;
  demo: boolean;
}

export interface GeoPoint {
  lat: number;
  lon: number;
}

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
  location?: GeoPoint;
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

export interface SearchHit<D> {
  id: string;
  score?: number;
  distanceKm?: number;
  highlights?: Record<string, string>;
  doc: D;
}

export interface SearchResult<D> {
  hits: SearchHit<D>[];
  total: number;
  facets: Record<string, Record<string, number>>;
  tookMs?: number;
  took?: number;
}

export interface Suggestion {
  index: string;
  id: string;
  text: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Occupation {
  uri: string;
  label: string;
  iscoGroup?: string;
}

export interface Skill {
  uri: string;
  label: string;
}

export interface Municipality {
  code: string;
  name: string;
  province?: string;
  region?: string;
  lat: number;
  lon: number;
}

export interface MatchComponent {
  name: string;
  weight: number;
  value: number;
  contribution: number;
  reason?: string;
}

export interface MatchResult {
  /** Id of the match record, used for decisions. */
  id?: string;
  matchId?: string;
  subjectId?: string;
  candidateId?: string;
  code?: string;
  title?: string;
  kind?: string;
  score: number;
  rank?: number;
  components: MatchComponent[];
  explanation?: string | Record<string, string>;
  matchedSkills?: string[];
  partialSkills?: string[];
  missingSkills?: string[];
  excluded?: boolean;
  whyNot?: string[];
  decision?: { action: string; reasonCode?: string; note?: string } | null;
  freshness?: string | null;
  updatedAt?: string | null;
  candidate?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface MatchRun {
  runId?: string;
  engineVersion?: string;
  weightsHash?: string;
  ranked?: boolean;
  results: MatchResult[];
}

export interface TeamRole {
  occupationUri?: string;
  occupationLabel?: string;
  label?: string;
  count: number;
  filled?: number;
  members?: MatchResult[];
  candidates?: MatchResult[];
}

export interface TeamResult {
  engineVersion?: string;
  weightsHash?: string;
  score?: number;
  coverage?: number;
  roles: TeamRole[];
  missingRoles?: (TeamRole | string)[];
}

export type DecisionAction = 'shortlist' | 'approve' | 'reject' | 'rerank';

export interface Decision {
  action: DecisionAction;
  reasonCode: string;
  note?: string;
  rank?: number;
}

/** A record as returned by the CRUD endpoints: the fields vary per resource. */
export type Entity = { id: string; version?: number; [key: string]: unknown };
