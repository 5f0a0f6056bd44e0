/**
 * Input and output types of the matcher. The server maps database rows onto these.
 *
 * ScoringProfile deliberately has no field for name, age or birth date, gender, nationality,
 * photo, disability or contact data (AI Act Annex III / GDPR Art. 22, requirement A2):
 * what is not in the type cannot influence a score. A compile-time test pins its keys.
 */

export type CefrLevel = 'A1' | 'A2' | 'B1' | 'B2' | 'C1' | 'C2';
export type SkillSource = 'declared' | 'certified' | 'inferred';
export type EmploymentStatus = 'unemployed' | 'at_risk' | 'furloughed';
export type OpportunityKind = 'wbo' | 'mbo' | 'spin_off' | 'start_up' | 'community_coop';
/**
 * What a person wants to do next, in the server's codes. Not the same list as the opportunity kinds: a
 * path is a wish ("employment" has no venture behind it, and no one registers wishing for a management
 * buy-out), a kind classifies a venture. `PATH_OF_KIND` (score-role.ts) says which path each kind serves.
 */
export type DesiredPath = 'employment' | 'start_up' | 'workers_buy_out' | 'spin_off' | 'community_coop';
export type Lang = 'it' | 'fr' | 'en';

/** WGS84 degrees. Profiles carry the centroid of the home municipality, never an address. */
export interface GeoPoint {
  readonly lat: number;
  readonly lon: number;
}

/** ISO calendar date, `YYYY-MM-DD` (UTC). */
export type IsoDate = string;

export interface ProfileOccupation {
  /** ESCO occupation URI. */
  readonly uri: string;
  /** 4-digit ISCO-08 unit group, e.g. "7212". */
  readonly iscoGroup: string;
  readonly years: number;
}

export interface ProfileSkill {
  /** ESCO skill URI. */
  readonly uri: string;
  readonly source: SkillSource;
}

export interface LanguageLevel {
  /** ISO 639-1, lower case. */
  readonly code: string;
  readonly cefr: CefrLevel;
}

export interface ScoringProfile {
  readonly id: string;
  /** Public pseudonymous code (e.g. P-7Q3K9); what companies see. */
  readonly code: string;
  readonly occupations: readonly ProfileOccupation[];
  readonly skills: readonly ProfileSkill[];
  readonly languages: readonly LanguageLevel[];
  /** EQF level 1–8 of the highest qualification, null when unknown. */
  readonly eqfLevel: number | null;
  readonly drivingLicences: readonly string[];
  /** Centroid of the home municipality. */
  readonly home: GeoPoint;
  readonly mobilityKm: number;
  /** Longest door-to-door trip accepted, minutes (road and ferry); null or absent = judged by km. */
  readonly maxTravelMinutes?: number | null;
  /** Accepts crossing the sea once a week (living near work on weekdays). */
  readonly weeklyFerryCommute?: boolean;
  readonly availableFrom: IsoDate;
  readonly employmentStatus: EmploymentStatus;
  readonly desiredPaths: readonly DesiredPath[];
  /** Supply-chain codes of past work (e.g. "nautical_shipbuilding"), as the server stores them. */
  readonly supplyChains: readonly string[];
  /** NACE Rev.2 divisions (2 digits) of past employers. */
  readonly naceDivisions: readonly string[];
  readonly crisisCaseId: string | null;
  readonly deskId: string;
}

export interface RequiredLanguage {
  readonly code: string;
  readonly minCefr: CefrLevel;
}

export interface JobNeedInput {
  readonly id: string;
  readonly occupationUri: string;
  readonly iscoGroup: string;
  readonly essentialSkills: readonly string[];
  readonly optionalSkills: readonly string[];
  readonly positions: number;
  readonly place: GeoPoint;
  readonly radiusKm: number;
  readonly languages: readonly RequiredLanguage[];
  readonly minEqf: number | null;
  /** Null means "as soon as possible, no date constraint". */
  readonly startDate: IsoDate | null;
  readonly supplyChain: string | null;
  readonly naceDivision: string | null;
}

export interface OpportunityRole {
  readonly id: string;
  readonly occupationUri: string;
  readonly iscoGroup: string;
  readonly count: number;
  readonly keySkills: readonly string[];
}

export interface OpportunityInput {
  readonly id: string;
  readonly kind: OpportunityKind;
  readonly crisisCaseId: string | null;
  readonly place: GeoPoint;
  readonly roles: readonly OpportunityRole[];
  readonly supplyChain: string | null;
  /** Radius for "nearby" workers outside the crisis case; defaults to the config value. */
  readonly radiusKm?: number;
  readonly startDate?: IsoDate | null;
}

export type AssetKind = 'machine' | 'equipment' | 'plant' | 'area' | 'building';
export type AssetAvailability = 'sale' | 'lease' | 'free_loan' | 'auction';
export type AssetStatus = 'draft' | 'available' | 'reserved' | 'assigned' | 'withdrawn';

export interface AssetInput {
  readonly id: string;
  readonly kind: AssetKind;
  readonly category: string;
  readonly coveredAreaM2: number | null;
  readonly landAreaM2: number | null;
  readonly powerKw: number | null;
  readonly powerKva: number | null;
  readonly craneTonnage: number | null;
  readonly quayAccess: boolean;
  readonly location: GeoPoint;
  readonly availableFrom: IsoDate;
  /** Auction or scrap date: after it the asset is gone. */
  readonly availableUntil: IsoDate | null;
  readonly availability: AssetAvailability;
  readonly priceEur: number | null;
  readonly rentEurMonth: number | null;
  /** ESCO skill URIs needed to operate it. */
  readonly requiredSkills: readonly string[];
  readonly status: AssetStatus;
}

export interface AssetNeedInput {
  readonly id: string;
  readonly kind: AssetKind;
  /** Null accepts any category of that kind. */
  readonly category: string | null;
  readonly minAreaM2: number | null;
  readonly maxAreaM2: number | null;
  readonly minPowerKw: number | null;
  readonly minCraneTonnage: number | null;
  readonly needsQuay: boolean;
  readonly near: GeoPoint;
  readonly radiusKm: number;
  /** `either` (the form's default) takes whichever of buy or lease the asset offers. */
  readonly mode: 'buy' | 'lease' | 'either';
  /**
   * Budget of the need's mode: total price for buy, monthly rent for lease; for `either` the
   * purchase budget. Null = no budget given.
   */
  readonly budgetEur: number | null;
  /** Monthly budget for a lease or free loan in mode `either` (or `lease`); absent = none given. */
  readonly monthlyBudgetEur?: number | null;
  readonly byDate: IsoDate | null;
}

/** A reason is a stable code plus parameters; explanations are rendered from it per language. */
export interface Reason {
  readonly code: string;
  readonly params: Readonly<Record<string, string | number>>;
}

export interface Component {
  readonly name: string;
  readonly weight: number;
  /** In [0, 1]. */
  readonly value: number;
  /** weight × value; the contributions of a result sum to its score. */
  readonly contribution: number;
  readonly reason: Reason;
}

export type SkillMatchKind = 'exact' | 'narrower' | 'broader' | 'sibling' | 'implied' | 'inferred';

export interface SkillMatch {
  /** The required skill. */
  readonly required: string;
  readonly essential: boolean;
  /** In [0, 1]. */
  readonly credit: number;
  /** How it was matched; null when missing. */
  readonly via: SkillMatchKind | null;
  /** The person's skill or occupation that gave the credit. */
  readonly from: string | null;
}

export interface SkillBreakdown {
  readonly matched: readonly SkillMatch[];
  readonly partial: readonly SkillMatch[];
  readonly missing: readonly SkillMatch[];
}

export interface Exclusion {
  readonly code: string;
  readonly params: Readonly<Record<string, string | number>>;
}

export interface MatchResult {
  /** The ranked item (profile id, need id, asset id…). */
  readonly id: string;
  /** What it was matched against. */
  readonly subjectId: string;
  readonly score: number;
  readonly components: readonly Component[];
  /** Non-empty means the pair fails a hard constraint and is not ranked. */
  readonly exclusions: readonly Exclusion[];
  readonly skills?: SkillBreakdown;
  readonly engineVersion: string;
  readonly weightsHash: string;
}
