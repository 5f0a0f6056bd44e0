/**
 * What the search indexes hold (B3): an index holds only the fields needed to search, filter and facet —
 * never names of people, e-mail, phone, street address, birth date, tax or social-security codes,
 * disability. `toIndexDocument` copies exactly the allowlisted keys, so a database row with more columns
 * cannot leak into an index.
 */

export const INDEX_NAMES = ['assets', 'profiles', 'needs', 'firms', 'opportunities'] as const;
export type IndexName = (typeof INDEX_NAMES)[number];

export interface GeoLocation {
  lat: number;
  lon: number;
}

/** Labels in every language the database holds (IT/FR/EN, preferred and alternative), flattened. */
export type Labels = string[];

interface Base {
  id: string;
  /** Monotonic per record (PostgreSQL row version); stale writes are ignored. */
  version: number;
}

export interface AssetDocument extends Base {
  deskId: string;
  title: string;
  description?: string;
  kind: string;
  kindLabels?: Labels;
  category?: string;
  categoryLabels?: Labels;
  status: string;
  availability?: 'sale' | 'lease' | 'free_loan' | 'auction';
  condition?: string;
  supplyChains?: string[];
  region?: string;
  province?: string;
  municipality?: string;
  country?: string;
  location?: GeoLocation;
  coveredAreaM2?: number;
  landAreaM2?: number;
  heightM?: number;
  powerKw?: number;
  powerKva?: number;
  craneTonnage?: number;
  loadingBays?: number;
  quayAccess?: boolean;
  draftM?: number;
  distanceToPortKm?: number;
  priceEur?: number;
  rentEurMonth?: number;
  year?: number;
  crisisCaseId?: string;
  availableFrom?: string;
  availableUntil?: string;
  createdAt?: string;
  /** When the listing was last verified (its creation when never): the default search hides old ones. */
  verifiedAt?: string;
}

/** Pseudonymised: the code, never the name; the municipality point, never the address. */
export interface ProfileDocument extends Base {
  code: string;
  deskId: string;
  occupationUris?: string[];
  occupationLabels?: Labels;
  iscoGroups?: string[];
  skillUris?: string[];
  skillLabels?: Labels;
  languages?: string[];
  eqfLevel?: number;
  drivingLicences?: string[];
  employmentStatus?: string;
  desiredPaths?: string[];
  supplyChains?: string[];
  crisisCaseId?: string;
  region?: string;
  province?: string;
  municipality?: string;
  location?: GeoLocation;
  mobilityKm?: number;
  availableFrom?: string;
  updatedAt?: string;
}

export interface NeedDocument extends Base {
  firmId: string;
  deskId: string;
  type: 'job' | 'asset';
  title: string;
  description?: string;
  occupationUri?: string;
  occupationLabels?: Labels;
  skillUris?: string[];
  skillLabels?: Labels;
  assetKind?: string;
  assetCategory?: string;
  region?: string;
  province?: string;
  municipality?: string;
  location?: GeoLocation;
  /** The need's own radius (how far candidates may live); not `radiusKm`, the search's control parameter. */
  catchmentKm?: number;
  positions?: number;
  status: string;
  startDate?: string;
  expiresAt?: string;
  supplyChain?: string;
  /** The needs list's filter, so a need search saved from the list keeps it (issue 16). */
  contractType?: string;
}

/** A firm is a legal person: its name is public business data, not personal data. */
export interface FirmDocument extends Base {
  name: string;
  naceCode?: string;
  naceLabels?: Labels;
  supplyChains?: string[];
  region?: string;
  province?: string;
  municipality?: string;
  location?: GeoLocation;
  sizeBand?: string;
  state?: string;
}

export interface OpportunityDocument extends Base {
  /** The desk running it: the list's filter, and what a desk-bound reader is confined to. */
  deskId?: string;
  title: string;
  kind: 'wbo' | 'mbo' | 'spin_off' | 'start_up' | 'community_coop';
  status: string;
  region?: string;
  province?: string;
  municipality?: string;
  location?: GeoLocation;
  supplyChain?: string;
  crisisCaseId?: string;
  roleOccupationUris?: string[];
  roleOccupationLabels?: Labels;
  deadline?: string;
  capitalNeededEur?: number;
}

export interface DocumentsByIndex {
  assets: AssetDocument;
  profiles: ProfileDocument;
  needs: NeedDocument;
  firms: FirmDocument;
  opportunities: OpportunityDocument;
}

export type IndexDocument =
  AssetDocument | ProfileDocument | NeedDocument | FirmDocument | OpportunityDocument;

/**
 * How a field behaves. `text` is searched (weight), `keyword` is one or many exact strings
 * (filterable/facetable, optionally also searched), `number`/`date` support ranges and sort,
 * `geo` is the single location field.
 */
export type FieldType = 'text' | 'keyword' | 'number' | 'boolean' | 'date' | 'geo';

export interface FieldSpec {
  type: FieldType;
  /** Relative weight when searched (higher = more important). Absent: not searched. */
  weight?: number;
  filter?: boolean;
  facet?: boolean;
  sort?: boolean;
  /** Typo tolerance for this field's words (default true); off for identifiers like profile codes. */
  typos?: boolean;
  /** Return highlights for this field. */
  highlight?: boolean;
}

export interface IndexSettings<I extends IndexName = IndexName> {
  name: I;
  fields: { [K in keyof DocumentsByIndex[I]]-?: FieldSpec };
  /** The field shown in suggestions. */
  labelField: keyof DocumentsByIndex[I] & string;
}

const id: FieldSpec = { type: 'keyword', filter: true };
const version: FieldSpec = { type: 'number' };
const kw: FieldSpec = { type: 'keyword', filter: true, facet: true };
const num: FieldSpec = { type: 'number', filter: true, sort: true };
const date: FieldSpec = { type: 'date', filter: true, sort: true };
const geo: FieldSpec = { type: 'geo', filter: true, sort: true };
const place = {
  region: { type: 'keyword', filter: true, facet: true, weight: 1 },
  province: { type: 'keyword', filter: true, facet: true, weight: 1 },
  municipality: { type: 'keyword', filter: true, facet: true, weight: 2 },
  location: geo,
} satisfies Record<string, FieldSpec>;

export const INDEX_SETTINGS: { [I in IndexName]: IndexSettings<I> } = {
  assets: {
    name: 'assets',
    labelField: 'title',
    fields: {
      id,
      version,
      deskId: kw,
      title: { type: 'text', weight: 8, highlight: true },
      description: { type: 'text', weight: 1, highlight: true },
      kind: kw,
      kindLabels: { type: 'keyword', weight: 4 },
      category: kw,
      categoryLabels: { type: 'keyword', weight: 3 },
      status: kw,
      availability: kw,
      condition: kw,
      supplyChains: kw,
      ...place,
      country: kw,
      coveredAreaM2: num,
      landAreaM2: num,
      heightM: num,
      powerKw: num,
      powerKva: num,
      craneTonnage: num,
      loadingBays: num,
      quayAccess: { type: 'boolean', filter: true, facet: true },
      draftM: num,
      distanceToPortKm: num,
      priceEur: num,
      rentEurMonth: num,
      year: num,
      crisisCaseId: { type: 'keyword', filter: true },
      availableFrom: date,
      availableUntil: date,
      createdAt: date,
      verifiedAt: date,
    },
  },
  profiles: {
    name: 'profiles',
    labelField: 'code',
    fields: {
      id,
      version,
      code: { type: 'keyword', filter: true, weight: 2, typos: false },
      deskId: kw,
      occupationUris: kw,
      occupationLabels: { type: 'keyword', weight: 8, highlight: true },
      iscoGroups: kw,
      skillUris: { type: 'keyword', filter: true },
      skillLabels: { type: 'keyword', weight: 4, highlight: true },
      languages: kw,
      eqfLevel: { type: 'number', filter: true, facet: true, sort: true },
      drivingLicences: kw,
      employmentStatus: kw,
      desiredPaths: kw,
      supplyChains: kw,
      crisisCaseId: { type: 'keyword', filter: true },
      ...place,
      mobilityKm: num,
      availableFrom: date,
      updatedAt: date,
    },
  },
  needs: {
    name: 'needs',
    labelField: 'title',
    fields: {
      id,
      version,
      firmId: { type: 'keyword', filter: true },
      deskId: kw,
      type: kw,
      title: { type: 'text', weight: 8, highlight: true },
      description: { type: 'text', weight: 1 },
      occupationUri: kw,
      occupationLabels: { type: 'keyword', weight: 6, highlight: true },
      skillUris: { type: 'keyword', filter: true },
      skillLabels: { type: 'keyword', weight: 3 },
      assetKind: kw,
      assetCategory: kw,
      ...place,
      catchmentKm: num,
      positions: num,
      status: kw,
      startDate: date,
      expiresAt: date,
      supplyChain: kw,
      contractType: kw,
    },
  },
  firms: {
    name: 'firms',
    labelField: 'name',
    fields: {
      id,
      version,
      name: { type: 'text', weight: 8, highlight: true },
      naceCode: kw,
      naceLabels: { type: 'keyword', weight: 3 },
      supplyChains: kw,
      ...place,
      sizeBand: kw,
      state: kw,
    },
  },
  opportunities: {
    name: 'opportunities',
    labelField: 'title',
    fields: {
      id,
      version,
      deskId: kw,
      title: { type: 'text', weight: 8, highlight: true },
      kind: kw,
      status: kw,
      ...place,
      supplyChain: kw,
      crisisCaseId: { type: 'keyword', filter: true },
      roleOccupationUris: kw,
      roleOccupationLabels: { type: 'keyword', weight: 5, highlight: true },
      deadline: date,
      capitalNeededEur: num,
    },
  },
};

/** The allowlisted keys of an index document (B3). */
export function allowedFields(index: IndexName): string[] {
  return Object.keys(INDEX_SETTINGS[index].fields);
}

export function fieldSpec(index: IndexName, field: string): FieldSpec | undefined {
  const fields = INDEX_SETTINGS[index].fields as Record<string, FieldSpec>;
  return Object.hasOwn(fields, field) ? fields[field] : undefined;
}

/**
 * Builds an index document from any record (a database row joined with its labels) by copying only the
 * allowlisted keys; `undefined` and `null` values are dropped.
 */
export function toIndexDocument<I extends IndexName>(
  index: I,
  record: Partial<DocumentsByIndex[I]> & Record<string, unknown>,
): DocumentsByIndex[I] {
  const out: Record<string, unknown> = {};
  for (const key of allowedFields(index)) {
    const value = record[key];
    if (value !== undefined && value !== null) out[key] = value;
  }
  if (typeof out.id !== 'string' || typeof out.version !== 'number') {
    throw new TypeError(`index document for ${index} needs a string id and a numeric version`);
  }
  return out as unknown as DocumentsByIndex[I];
}
