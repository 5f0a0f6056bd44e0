/**
 * The data model. PostgreSQL is the source of truth; the search index is a rebuildable copy.
 *
 * Conventions:
 * - uuid keys, timestamptz, check constraints instead of enums (cheaper to evolve with forward-only migrations);
 * - every mutable entity has `version` (optimistic concurrency) and lifecycle dates: records end, they are not deleted;
 * - natural keys are unique (desk + external reference, asset inventory number, firm VAT/SIRET);
 * - coordinates are numeric lat/lon with a btree on (lat, lon): a bounding box narrows a radius query on
 *   PostgreSQL and PGlite alike, and the exact great-circle distance is computed on the few rows left.
 */
import { sql } from 'drizzle-orm';
import {
  brandModelKey,
  emailKey,
  firmNameKey,
  personNameKey,
  phoneKey,
  sirenKey,
  taxIdKey,
} from './duplicate-keys.js';
import {
  bigint,
  bigserial,
  customType,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import {
  ASSET_AVAILABILITIES,
  ASSET_CONDITIONS,
  ASSET_KINDS,
  ASSET_STATUSES,
  CEFR_LEVELS,
  CRISIS_PROCEDURES,
  CRISIS_STATUSES,
  DESIRED_PATHS,
  EMPLOYMENT_STATUSES,
  FIRM_SIZE_BANDS,
  FIRM_STATES,
  MATCH_ACTIONS,
  MATCH_OUTCOMES,
  NEED_STATUSES,
  NEED_TYPES,
  OPPORTUNITY_KINDS,
  OPPORTUNITY_STATUSES,
  ROLES,
  SKILL_SOURCES,
} from '../domain/vocabulary.js';

/** PostgreSQL's 64-bit transaction id (`pg_current_xact_id()`), compared in SQL; read as its decimal text. */
const xid8 = customType<{ data: string; driverData: string }>({ dataType: () => 'xid8' });

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const createdAt = () => ts('created_at').notNull().defaultNow();
const updatedAt = () => ts('updated_at').notNull().defaultNow();
const endedAt = () => ts('ended_at');
const version = () => integer('version').notNull().default(1);
const id = () => uuid('id').primaryKey().defaultRandom();

/** `col IN (...)` for a fixed vocabulary, so the database refuses what the API would refuse. */
function oneOf(column: string, values: readonly string[]) {
  return sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(', ')})`);
}
/** Every element of a text[] column within a vocabulary. */
function allOf(column: string, values: readonly string[]) {
  return sql.raw(`${column} <@ array[${values.map((v) => `'${v}'`).join(', ')}]::text[]`);
}
const latLonChecks = (table: string) => [
  check(`${table}_lat_range`, sql.raw('lat is null or (lat between -90 and 90)')),
  check(`${table}_lon_range`, sql.raw('lon is null or (lon between -180 and 180)')),
];

// ---------------------------------------------------------------- reference data

export const LABEL_SOURCES = ['esco', 'provisional', 'supplement'] as const;
export type LabelSource = (typeof LABEL_SOURCES)[number];

export const referenceDatasets = pgTable('reference_datasets', {
  name: text('name').primaryKey(),
  checksum: text('checksum').notNull(),
  rowCount: integer('row_count').notNull(),
  loadedAt: ts('loaded_at').notNull().defaultNow(),
});

export const iscoGroups = pgTable(
  'isco_groups',
  {
    code: text('code').primaryKey(),
    level: smallint('level').notNull(),
    parentCode: text('parent_code'),
    uri: text('uri').notNull(),
    labelEn: text('label_en').notNull(),
    labelFr: text('label_fr'),
    labelIt: text('label_it'),
    /**
     * Where the Italian name comes from: `esco` (an official release), `provisional` (the project's own
     * names, seed/reference/isco08_groups_it_provisional.csv: ESCO ships none), null when there is none.
     */
    labelItSource: text('label_it_source'),
  },
  () => [check('isco_groups_label_it_source', sql.raw("label_it_source in ('esco', 'provisional')"))],
);

export const escoOccupations = pgTable(
  'esco_occupations',
  {
    uri: text('uri').primaryKey(),
    code: text('code'),
    iscoGroup: text('isco_group').notNull(),
  },
  (t) => [index('esco_occupations_isco_idx').on(t.iscoGroup)],
);

export const escoSkills = pgTable('esco_skills', {
  uri: text('uri').primaryKey(),
  skillType: text('skill_type'),
  reuseLevel: text('reuse_level'),
  isGreen: boolean('is_green').notNull().default(false),
  isDigital: boolean('is_digital').notNull().default(false),
  isTransversal: boolean('is_transversal').notNull().default(false),
  isLanguage: boolean('is_language').notNull().default(false),
});

export const escoSkillGroups = pgTable('esco_skill_groups', {
  uri: text('uri').primaryKey(),
  code: text('code'),
});

/**
 * Labels of every ESCO concept in every language the deployment holds, preferred and alternative.
 * One table rather than columns per language, so `import:esco` can add Italian (or any language) later.
 * `folded` is lower-case and accent-free: autocomplete matches "soudeur" and "SOUDEUR" alike.
 */
export const escoLabels = pgTable(
  'esco_labels',
  {
    conceptUri: text('concept_uri').notNull(),
    conceptKind: text('concept_kind').notNull(),
    lang: text('lang').notNull(),
    label: text('label').notNull(),
    preferred: boolean('preferred').notNull(),
    folded: text('folded').notNull(),
    /**
     * Where the label comes from. `esco`: an official ESCO release (bundled or `import:esco`).
     * `provisional`: the project's own vocabulary for a language ESCO's files are missing here (Italian),
     * used for a concept only until official labels of that language are imported. `supplement`: the
     * project's everyday words added next to the official labels (French trade names ESCO lacks).
     */
    source: text('source').notNull().default('esco'),
  },
  (t) => [
    primaryKey({ columns: [t.conceptUri, t.lang, t.label] }),
    index('esco_labels_folded_idx').using('btree', sql`${t.folded} text_pattern_ops`),
    index('esco_labels_kind_idx').on(t.conceptKind, t.lang),
    check('esco_labels_kind', oneOf('concept_kind', ['occupation', 'skill', 'skill_group'])),
    check('esco_labels_source', oneOf('source', LABEL_SOURCES)),
  ],
);

export const escoOccupationSkills = pgTable(
  'esco_occupation_skills',
  {
    occupationUri: text('occupation_uri')
      .notNull()
      .references(() => escoOccupations.uri),
    skillUri: text('skill_uri')
      .notNull()
      .references(() => escoSkills.uri),
    relation: text('relation').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.occupationUri, t.skillUri] }),
    index('esco_occupation_skills_skill_idx').on(t.skillUri),
    check('esco_occupation_skills_relation', oneOf('relation', ['essential', 'optional'])),
  ],
);

/** Broader relations of both pillars (skill→skill, skill→group, occupation→occupation, occupation→ISCO). */
export const escoBroader = pgTable(
  'esco_broader',
  {
    conceptUri: text('concept_uri').notNull(),
    conceptType: text('concept_type').notNull(),
    broaderUri: text('broader_uri').notNull(),
    broaderType: text('broader_type').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.conceptUri, t.broaderUri] }),
    index('esco_broader_broader_idx').on(t.broaderUri),
  ],
);

export const naceCodes = pgTable('nace_codes', {
  code: text('code').primaryKey(),
  level: smallint('level').notNull(),
  parentCode: text('parent_code'),
  section: text('section').notNull(),
  labelEn: text('label_en').notNull(),
  labelFr: text('label_fr'),
  labelIt: text('label_it'),
  labelFrNaf: text('label_fr_naf'),
});

export const nutsRegions = pgTable('nuts_regions', {
  code: text('code').primaryKey(),
  level: smallint('level').notNull(),
  country: text('country').notNull(),
  name: text('name').notNull(),
  parentCode: text('parent_code'),
  nationalCode: text('national_code'),
});

export const municipalities = pgTable(
  'municipalities',
  {
    country: text('country').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    folded: text('folded').notNull(),
    provinceCode: text('province_code').notNull(),
    provinceName: text('province_name').notNull(),
    provinceAbbr: text('province_abbr'),
    regionCode: text('region_code').notNull(),
    regionName: text('region_name').notNull(),
    nuts2: text('nuts2'),
    lat: doublePrecision('lat').notNull(),
    lon: doublePrecision('lon').notNull(),
    population: integer('population'),
    cadastralCode: text('cadastral_code'),
    postalCodes: text('postal_codes')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
  },
  (t) => [
    primaryKey({ columns: [t.country, t.code] }),
    index('municipalities_folded_idx').using('btree', sql`${t.folded} text_pattern_ops`),
    index('municipalities_latlon_idx').on(t.lat, t.lon),
    check('municipalities_country', oneOf('country', ['IT', 'FR'])),
  ],
);

// ---------------------------------------------------------------- organisation

export const desks = pgTable(
  'desks',
  {
    id: id(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    country: text('country').notNull(),
    regionName: text('region_name').notNull(),
    municipalityCode: text('municipality_code'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    endedAt: endedAt(),
    version: version(),
  },
  (t) => [uniqueIndex('desks_code_key').on(t.code), check('desks_country', oneOf('country', ['IT', 'FR']))],
);

export const users = pgTable(
  'users',
  {
    id: id(),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    role: text('role').notNull(),
    deskId: uuid('desk_id').references(() => desks.id),
    firmId: uuid('firm_id').references(() => firms.id),
    passwordHash: text('password_hash'),
    locale: text('locale').notNull().default('it'),
    /** Created by the demo seed: never present outside demo mode. */
    demo: boolean('demo').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    endedAt: endedAt(),
    version: version(),
  },
  (t) => [
    uniqueIndex('users_email_key').on(sql`lower(${t.email})`),
    check('users_role', oneOf('role', ROLES)),
    check('users_locale', oneOf('locale', ['it', 'fr', 'en'])),
  ],
);

export const firms = pgTable(
  'firms',
  {
    id: id(),
    deskId: uuid('desk_id').references(() => desks.id),
    name: text('name').notNull(),
    country: text('country').notNull(),
    vatNumber: text('vat_number'),
    siret: text('siret'),
    naceCode: text('nace_code').references(() => naceCodes.code),
    supplyChains: text('supply_chains')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    municipalityCountry: text('municipality_country'),
    municipalityCode: text('municipality_code'),
    lat: doublePrecision('lat'),
    lon: doublePrecision('lon'),
    sizeBand: text('size_band'),
    state: text('state').notNull().default('active'),
    /** Set (with the end date) when a desk merged this record into another record of the same firm. */
    mergedInto: uuid('merged_into').references((): AnyPgColumn => firms.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    endedAt: endedAt(),
    version: version(),
  },
  (t) => [
    uniqueIndex('firms_vat_key').on(t.vatNumber),
    uniqueIndex('firms_siret_key').on(t.siret),
    // Duplicate detection (modules/duplicates): tax ids however typed, the SIREN, the name.
    index('firms_dup_vat_idx').on(taxIdKey(sql`${t.vatNumber}`)),
    index('firms_dup_siren_idx').on(sirenKey(sql`${t.siret}`)),
    index('firms_dup_name_idx').on(firmNameKey(sql`${t.name}`)),
    check('firms_country', oneOf('country', ['IT', 'FR'])),
    check('firms_state', oneOf('state', FIRM_STATES)),
    check(
      'firms_size_band',
      sql.raw(`size_band is null or size_band in (${FIRM_SIZE_BANDS.map((v) => `'${v}'`).join(', ')})`),
    ),
    ...latLonChecks('firms'),
  ],
);

export const crisisCases = pgTable(
  'crisis_cases',
  {
    id: id(),
    deskId: uuid('desk_id')
      .notNull()
      .references(() => desks.id),
    externalRef: text('external_ref').notNull(),
    firmId: uuid('firm_id').references(() => firms.id),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    procedure: text('procedure').notNull(),
    status: text('status').notNull().default('open'),
    supplyChain: text('supply_chain'),
    municipalityCountry: text('municipality_country'),
    municipalityCode: text('municipality_code'),
    lat: doublePrecision('lat'),
    lon: doublePrecision('lon'),
    openedOn: date('opened_on'),
    closedOn: date('closed_on'),
    workersAffected: integer('workers_affected').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    endedAt: endedAt(),
    version: version(),
  },
  (t) => [
    uniqueIndex('crisis_cases_desk_ref_key').on(t.deskId, t.externalRef),
    index('crisis_cases_created_idx').on(t.createdAt),
    check('crisis_cases_procedure', oneOf('procedure', CRISIS_PROCEDURES)),
    check('crisis_cases_status', oneOf('status', CRISIS_STATUSES)),
    check('crisis_cases_workers', sql.raw('workers_affected >= 0')),
    ...latLonChecks('crisis_cases'),
  ],
);

// ---------------------------------------------------------------- people (personal data)

/**
 * A displaced (or at-risk) worker. Personal data (name, contacts) sits in this row and never leaves it
 * for the search index or a company view; `code` is the public pseudonym everyone else sees.
 * There is deliberately no column for birth date, gender, nationality, photo or disability.
 */
export const profiles = pgTable(
  'profiles',
  {
    id: id(),
    code: text('code').notNull(),
    deskId: uuid('desk_id')
      .notNull()
      .references(() => desks.id),
    externalRef: text('external_ref').notNull(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    email: text('email'),
    phone: text('phone'),
    // Duplicate detection's keys (db/duplicate-keys.ts), stored: computed once when the row is written
    // instead of by every index on them and by every ANALYZE that samples the table (issue 10: the
    // expressions were most of an import's insert and ANALYZE time). Derived from the name and phone, so
    // an erasure or merge that changes those changes them in the same statement.
    nameKey: text('name_key')
      .notNull()
      .generatedAlwaysAs(personNameKey(sql.raw('first_name'), sql.raw('last_name'))),
    phoneKey: text('phone_key').generatedAlwaysAs(phoneKey(sql.raw('phone'))),
    municipalityCountry: text('municipality_country').notNull(),
    municipalityCode: text('municipality_code').notNull(),
    lat: doublePrecision('lat').notNull(),
    lon: doublePrecision('lon').notNull(),
    eqfLevel: smallint('eqf_level'),
    mobilityKm: integer('mobility_km').notNull().default(30),
    /** Longest door-to-door trip accepted (road and ferry), minutes; null = judged by km only. */
    maxTravelMinutes: smallint('max_travel_minutes'),
    /** Accepts crossing the sea once a week (living near work on weekdays). */
    weeklyFerryCommute: boolean('weekly_ferry_commute').notNull().default(false),
    availableFrom: date('available_from'),
    employmentStatus: text('employment_status').notNull(),
    desiredPaths: text('desired_paths')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    supplyChains: text('supply_chains')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    naceDivisions: text('nace_divisions')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    drivingLicences: text('driving_licences')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    crisisCaseId: uuid('crisis_case_id').references(() => crisisCases.id),
    /** Set (with the end date) when a desk merged this record into another: the same person, registered twice. */
    mergedInto: uuid('merged_into').references((): AnyPgColumn => profiles.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    endedAt: endedAt(),
    version: version(),
  },
  (t) => [
    uniqueIndex('profiles_code_key').on(t.code),
    uniqueIndex('profiles_desk_ref_key').on(t.deskId, t.externalRef),
    index('profiles_latlon_idx').on(t.lat, t.lon),
    index('profiles_crisis_idx').on(t.crisisCaseId),
    // The desk lists' "newest first" (modules/*/…list.ts).
    index('profiles_created_idx').on(t.createdAt),
    // Duplicate detection (modules/duplicates): one index per key it looks up.
    // A name's namesakes in one town by id: a common name ("Marco Rossi") is read twenty at a time,
    // however many namesakes it has (a namesake elsewhere alone is never shown, so it is not read).
    index('profiles_dup_name_place_idx').on(t.nameKey, t.municipalityCountry, t.municipalityCode, t.id),
    index('profiles_dup_email_idx').on(emailKey(sql`${t.email}`)),
    index('profiles_dup_phone_idx').on(t.phoneKey),
    check('profiles_eqf', sql.raw('eqf_level is null or eqf_level between 1 and 8')),
    check('profiles_mobility', sql.raw('mobility_km between 0 and 1000')),
    check(
      'profiles_max_travel_minutes',
      sql.raw('max_travel_minutes is null or max_travel_minutes between 1 and 720'),
    ),
    check('profiles_employment_status', oneOf('employment_status', EMPLOYMENT_STATUSES)),
    check('profiles_desired_paths', allOf('desired_paths', DESIRED_PATHS)),
    ...latLonChecks('profiles'),
  ],
);

export const profileOccupations = pgTable(
  'profile_occupations',
  {
    profileId: uuid('profile_id')
      .notNull()
      .references(() => profiles.id, { onDelete: 'cascade' }),
    occupationUri: text('occupation_uri')
      .notNull()
      .references(() => escoOccupations.uri),
    years: numeric('years', { precision: 4, scale: 1, mode: 'number' }).notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.profileId, t.occupationUri] }),
    index('profile_occupations_occ_idx').on(t.occupationUri),
    check('profile_occupations_years', sql.raw('years >= 0 and years <= 70')),
  ],
);

export const profileSkills = pgTable(
  'profile_skills',
  {
    profileId: uuid('profile_id')
      .notNull()
      .references(() => profiles.id, { onDelete: 'cascade' }),
    skillUri: text('skill_uri')
      .notNull()
      .references(() => escoSkills.uri),
    source: text('source').notNull().default('declared'),
  },
  (t) => [
    primaryKey({ columns: [t.profileId, t.skillUri] }),
    index('profile_skills_skill_idx').on(t.skillUri),
    check('profile_skills_source', oneOf('source', SKILL_SOURCES)),
  ],
);

export const profileLanguages = pgTable(
  'profile_languages',
  {
    profileId: uuid('profile_id')
      .notNull()
      .references(() => profiles.id, { onDelete: 'cascade' }),
    language: text('language').notNull(),
    level: text('level').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.profileId, t.language] }),
    check('profile_languages_level', oneOf('level', CEFR_LEVELS)),
  ],
);

// ---------------------------------------------------------------- assets

export const assets = pgTable(
  'assets',
  {
    id: id(),
    deskId: uuid('desk_id')
      .notNull()
      .references(() => desks.id),
    inventoryNumber: text('inventory_number').notNull(),
    kind: text('kind').notNull(),
    category: text('category').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    brand: text('brand'),
    model: text('model'),
    // Duplicate detection's key, stored for the reason a person's are (see profiles.nameKey).
    brandModelKey: text('brand_model_key').generatedAlwaysAs(
      brandModelKey(sql.raw('brand'), sql.raw('model')),
    ),
    year: smallint('year'),
    condition: text('condition'),
    powerKw: doublePrecision('power_kw'),
    coveredAreaM2: doublePrecision('covered_area_m2'),
    landAreaM2: doublePrecision('land_area_m2'),
    heightM: doublePrecision('height_m'),
    craneTonnage: doublePrecision('crane_tonnage'),
    loadingBays: smallint('loading_bays'),
    powerKva: doublePrecision('power_kva'),
    quayAccess: boolean('quay_access').notNull().default(false),
    draftM: doublePrecision('draft_m'),
    slipway: boolean('slipway').notNull().default(false),
    maritimeConcession: boolean('maritime_concession').notNull().default(false),
    distanceToPortKm: doublePrecision('distance_to_port_km'),
    municipalityCountry: text('municipality_country').notNull(),
    municipalityCode: text('municipality_code').notNull(),
    lat: doublePrecision('lat').notNull(),
    lon: doublePrecision('lon').notNull(),
    availability: text('availability').notNull(),
    priceEur: doublePrecision('price_eur'),
    rentEurMonth: doublePrecision('rent_eur_month'),
    availableFrom: date('available_from'),
    availableUntil: date('available_until'),
    ownerFirmId: uuid('owner_firm_id').references(() => firms.id),
    crisisCaseId: uuid('crisis_case_id').references(() => crisisCases.id),
    /** Set (with the end date) when a desk merged this listing into another listing of the same asset. */
    mergedInto: uuid('merged_into').references((): AnyPgColumn => assets.id, { onDelete: 'set null' }),
    supplyChains: text('supply_chains')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    status: text('status').notNull().default('available'),
    requiredSkillUris: text('required_skill_uris')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    lastVerifiedAt: ts('last_verified_at'),
    endedAt: endedAt(),
    version: version(),
  },
  (t) => [
    uniqueIndex('assets_inventory_key').on(t.inventoryNumber),
    index('assets_crisis_idx').on(t.crisisCaseId),
    index('assets_latlon_idx').on(t.lat, t.lon),
    // Duplicate detection (modules/duplicates): same kind in the same place, or the same machine.
    index('assets_dup_place_idx').on(
      t.municipalityCountry,
      t.municipalityCode,
      t.kind,
      sql`coalesce(${t.coveredAreaM2}, ${t.landAreaM2})`,
    ),
    index('assets_dup_brand_model_idx').on(t.brandModelKey),
    check('assets_kind', oneOf('kind', ASSET_KINDS)),
    check('assets_availability', oneOf('availability', ASSET_AVAILABILITIES)),
    check('assets_status', oneOf('status', ASSET_STATUSES)),
    check(
      'assets_condition',
      sql.raw(`condition is null or condition in (${ASSET_CONDITIONS.map((v) => `'${v}'`).join(', ')})`),
    ),
    check(
      'assets_dates',
      sql.raw('available_until is null or available_from is null or available_until >= available_from'),
    ),
    check(
      'assets_non_negative',
      sql.raw(
        'coalesce(power_kw, 0) >= 0 and coalesce(covered_area_m2, 0) >= 0 and coalesce(land_area_m2, 0) >= 0 and coalesce(crane_tonnage, 0) >= 0 and coalesce(price_eur, 0) >= 0 and coalesce(rent_eur_month, 0) >= 0',
      ),
    ),
    ...latLonChecks('assets'),
  ],
);

// ---------------------------------------------------------------- needs and opportunities

export const needs = pgTable(
  'needs',
  {
    id: id(),
    type: text('type').notNull(),
    firmId: uuid('firm_id')
      .notNull()
      .references(() => firms.id),
    deskId: uuid('desk_id').references(() => desks.id),
    /** The firm's or desk's own reference (bulk import upserts on firm + external reference). */
    externalRef: text('external_ref'),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    status: text('status').notNull().default('open'),
    municipalityCountry: text('municipality_country').notNull(),
    municipalityCode: text('municipality_code').notNull(),
    lat: doublePrecision('lat').notNull(),
    lon: doublePrecision('lon').notNull(),
    radiusKm: integer('radius_km').notNull().default(30),
    supplyChain: text('supply_chain'),
    naceCode: text('nace_code'),
    // job need
    occupationUri: text('occupation_uri').references(() => escoOccupations.uri),
    positions: integer('positions'),
    contractType: text('contract_type'),
    minEqf: smallint('min_eqf'),
    startDate: date('start_date'),
    // asset need
    assetKind: text('asset_kind'),
    assetCategory: text('asset_category'),
    minAreaM2: doublePrecision('min_area_m2'),
    maxAreaM2: doublePrecision('max_area_m2'),
    minPowerKw: doublePrecision('min_power_kw'),
    minCraneTonnage: doublePrecision('min_crane_tonnage'),
    needsQuay: boolean('needs_quay'),
    mode: text('mode'),
    /** The purchase budget (mode buy or either), or the monthly budget in mode lease when no monthly one is given. */
    budgetEur: doublePrecision('budget_eur'),
    /** The most a month's rent may cost (mode lease or either); never held against a price (docs/scoring-spec.md). */
    monthlyBudgetEur: doublePrecision('monthly_budget_eur'),
    byDate: date('by_date'),
    expiresAt: date('expires_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    endedAt: endedAt(),
    version: version(),
  },
  (t) => [
    index('needs_firm_idx').on(t.firmId),
    // The desk lists: one desk's needs, newest first (modules/needs/needs.list.ts).
    index('needs_desk_idx').on(t.deskId),
    index('needs_created_idx').on(t.createdAt),
    uniqueIndex('needs_firm_ref_key').on(t.firmId, t.externalRef),
    check('needs_type', oneOf('type', NEED_TYPES)),
    check('needs_status', oneOf('status', NEED_STATUSES)),
    check('needs_job_fields', sql.raw("type <> 'job' or (occupation_uri is not null and positions >= 1)")),
    check('needs_asset_fields', sql.raw("type <> 'asset' or asset_kind is not null")),
    check('needs_radius', sql.raw('radius_km between 0 and 1000')),
    ...latLonChecks('needs'),
  ],
);

export const needSkills = pgTable(
  'need_skills',
  {
    needId: uuid('need_id')
      .notNull()
      .references(() => needs.id, { onDelete: 'cascade' }),
    skillUri: text('skill_uri')
      .notNull()
      .references(() => escoSkills.uri),
    relation: text('relation').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.needId, t.skillUri] }),
    check('need_skills_relation', oneOf('relation', ['essential', 'optional'])),
  ],
);

export const needLanguages = pgTable(
  'need_languages',
  {
    needId: uuid('need_id')
      .notNull()
      .references(() => needs.id, { onDelete: 'cascade' }),
    language: text('language').notNull(),
    minLevel: text('min_level').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.needId, t.language] }),
    check('need_languages_level', oneOf('min_level', CEFR_LEVELS)),
  ],
);

export const opportunities = pgTable(
  'opportunities',
  {
    id: id(),
    deskId: uuid('desk_id')
      .notNull()
      .references(() => desks.id),
    externalRef: text('external_ref'),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    sourceFirmId: uuid('source_firm_id').references(() => firms.id),
    crisisCaseId: uuid('crisis_case_id').references(() => crisisCases.id),
    municipalityCountry: text('municipality_country').notNull(),
    municipalityCode: text('municipality_code').notNull(),
    lat: doublePrecision('lat').notNull(),
    lon: doublePrecision('lon').notNull(),
    capitalNeededEur: doublePrecision('capital_needed_eur'),
    deadline: date('deadline'),
    supplyChain: text('supply_chain'),
    status: text('status').notNull().default('open'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    endedAt: endedAt(),
    version: version(),
  },
  (t) => [
    index('opportunities_crisis_idx').on(t.crisisCaseId),
    index('opportunities_created_idx').on(t.createdAt),
    uniqueIndex('opportunities_desk_ref_key').on(t.deskId, t.externalRef),
    check('opportunities_kind', oneOf('kind', OPPORTUNITY_KINDS)),
    check('opportunities_status', oneOf('status', OPPORTUNITY_STATUSES)),
    ...latLonChecks('opportunities'),
  ],
);

export const opportunityRoles = pgTable(
  'opportunity_roles',
  {
    id: id(),
    opportunityId: uuid('opportunity_id')
      .notNull()
      .references(() => opportunities.id, { onDelete: 'cascade' }),
    occupationUri: text('occupation_uri')
      .notNull()
      .references(() => escoOccupations.uri),
    count: integer('count').notNull(),
    keySkillUris: text('key_skill_uris')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
  },
  (t) => [
    index('opportunity_roles_opp_idx').on(t.opportunityId),
    check('opportunity_roles_count', sql.raw('count between 1 and 500')),
  ],
);

export const opportunityAssets = pgTable(
  'opportunity_assets',
  {
    opportunityId: uuid('opportunity_id')
      .notNull()
      .references(() => opportunities.id, { onDelete: 'cascade' }),
    assetId: uuid('asset_id')
      .notNull()
      .references(() => assets.id),
  },
  (t) => [primaryKey({ columns: [t.opportunityId, t.assetId] })],
);

/**
 * The route to readiness of an opportunity (issue 16): one row per step, made from the reference template
 * of its kind and country (modules/opportunities/readiness/route-template.ts) and then the desk's own —
 * done or not, a due date, a note. Each row is versioned: two people ticking the same step get a 409.
 */
export const opportunityChecklistItems = pgTable(
  'opportunity_checklist_items',
  {
    id: id(),
    opportunityId: uuid('opportunity_id')
      .notNull()
      .references(() => opportunities.id, { onDelete: 'cascade' }),
    /** The template step it came from (a stable code), so a template is applied once. */
    stepCode: text('step_code').notNull(),
    position: smallint('position').notNull(),
    done: boolean('done').notNull().default(false),
    doneAt: ts('done_at'),
    dueDate: date('due_date'),
    note: text('note').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [
    uniqueIndex('opportunity_checklist_step_key').on(t.opportunityId, t.stepCode),
    check('opportunity_checklist_note_length', sql.raw('char_length(note) <= 2000')),
  ],
);

// ---------------------------------------------------------------- matching (append-only logs)

/**
 * One row per run of the matcher (AI Act Art. 12). Ids and numbers only, never copies of personal data.
 * Rows are chained by hash so an edit by a superuser is detectable; a trigger forbids UPDATE and DELETE.
 */
export const matchRuns = pgTable(
  'match_runs',
  {
    id: id(),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    ranAt: ts('ran_at').notNull().defaultNow(),
    actorUserId: uuid('actor_user_id'),
    actorRole: text('actor_role').notNull(),
    direction: text('direction').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: uuid('subject_id').notNull(),
    poolQuery: jsonb('pool_query').notNull(),
    poolSize: integer('pool_size').notNull(),
    engineVersion: text('engine_version').notNull(),
    weightsHash: text('weights_hash').notNull(),
    ranked: boolean('ranked').notNull(),
    results: jsonb('results').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
    /**
     * 1: the hash covers the results as stored. 2: it covers a salted digest of each result, so erasure
     * can redact one person's entry to its digest and the chain still verifies.
     */
    chainVersion: smallint('chain_version').notNull().default(2),
  },
  (t) => [
    index('match_runs_subject_idx').on(t.subjectType, t.subjectId),
    uniqueIndex('match_runs_seq_key').on(t.seq),
  ],
);

/** Human decisions on match results: append-only; the latest row per (subject, candidate) is in force. */
export const matchDecisions = pgTable(
  'match_decisions',
  {
    id: id(),
    // Orders decisions recorded in the same millisecond: the latest one is in force.
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    at: ts('at').notNull().defaultNow(),
    actorUserId: uuid('actor_user_id'),
    runId: uuid('run_id').references(() => matchRuns.id),
    subjectType: text('subject_type').notNull(),
    subjectId: uuid('subject_id').notNull(),
    candidateType: text('candidate_type').notNull(),
    candidateId: uuid('candidate_id').notNull(),
    action: text('action').notNull(),
    reasonCode: text('reason_code').notNull(),
    note: text('note').notNull().default(''),
    originalRank: integer('original_rank'),
    finalRank: integer('final_rank'),
  },
  (t) => [
    index('match_decisions_subject_idx').on(t.subjectType, t.subjectId, t.candidateId),
    index('match_decisions_candidate_idx').on(t.candidateId),
    check('match_decisions_action', oneOf('action', MATCH_ACTIONS)),
  ],
);

export const matchOutcomes = pgTable(
  'match_outcomes',
  {
    id: id(),
    at: ts('at').notNull().defaultNow(),
    actorUserId: uuid('actor_user_id'),
    needId: uuid('need_id')
      .notNull()
      .references(() => needs.id),
    profileId: uuid('profile_id').notNull(),
    outcome: text('outcome').notNull(),
    note: text('note').notNull().default(''),
  },
  (t) => [
    index('match_outcomes_profile_idx').on(t.profileId),
    check('match_outcomes_outcome', oneOf('outcome', MATCH_OUTCOMES)),
  ],
);

// ---------------------------------------------------------------- bulk import

/**
 * One uploaded file and its processing. A file is identified by (desk, entity, sha256): uploading the same
 * file again finds the same job. `cursor` is the last row committed, so a killed import resumes there.
 */
export const importJobs = pgTable(
  'import_jobs',
  {
    id: id(),
    deskId: uuid('desk_id')
      .notNull()
      .references(() => desks.id),
    entity: text('entity').notNull(),
    fileName: text('file_name').notNull(),
    fileSha256: text('file_sha256').notNull(),
    fileSize: integer('file_size').notNull(),
    status: text('status').notNull().default('pending'),
    dryRun: boolean('dry_run').notNull().default(true),
    options: jsonb('options')
      .notNull()
      .default(sql`'{}'::jsonb`),
    cursor: integer('cursor').notNull().default(0),
    totalRows: integer('total_rows'),
    counts: jsonb('counts')
      .notNull()
      .default(sql`'{}'::jsonb`),
    /** How many entries the report holds (`import_report_entries`, at most MAX_REPORT_ENTRIES). */
    reportSize: integer('report_size').notNull().default(0),
    error: text('error'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    finishedAt: ts('finished_at'),
  },
  (t) => [
    uniqueIndex('import_jobs_file_key').on(t.deskId, t.entity, t.fileSha256, t.dryRun),
    check('import_jobs_entity', oneOf('entity', ['profiles', 'assets', 'firms', 'needs', 'opportunities'])),
    check('import_jobs_status', oneOf('status', ['pending', 'running', 'done', 'failed', 'interrupted'])),
  ],
);

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/**
 * The uploaded file of a job that is running, in parts, so that any process can resume the job after the
 * one running it died (issue 15), without a re-upload. Written by the runner before its first batch and
 * removed when the job is done or failed: a file of people's data is kept no longer than its import.
 */
export const importUploads = pgTable(
  'import_uploads',
  {
    jobId: uuid('job_id')
      .notNull()
      .references(() => importJobs.id, { onDelete: 'cascade' }),
    part: integer('part').notNull(),
    bytes: bytea('bytes').notNull(),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.part] })],
);

/**
 * An import's report, one row per problem or warning (its row, column, code, words, suggestions), in the
 * order found. A table of its own, not a JSON array on the job: each batch appends its entries with one
 * insert, where an array was rewritten whole by every batch (issue 10), and a page of the report is read
 * by its `seq`. Entries quote cell values, so erasure scrubs them and retention removes them.
 */
export const importReportEntries = pgTable(
  'import_report_entries',
  {
    jobId: uuid('job_id')
      .notNull()
      .references(() => importJobs.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    entry: jsonb('entry').notNull(),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.seq] })],
);

// ---------------------------------------------------------------- accounts

/** Server-side sessions. Only the SHA-256 of the cookie token is stored. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    expiresAt: ts('expires_at').notNull(),
    lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
    revokedAt: ts('revoked_at'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Keys for partner systems: shown once, stored hashed, scoped to a desk and to entity types, revocable. */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: id(),
    deskId: uuid('desk_id')
      .notNull()
      .references(() => desks.id),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    keyHash: text('key_hash').notNull(),
    scopes: text('scopes').array().notNull(),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    lastUsedAt: ts('last_used_at'),
    revokedAt: ts('revoked_at'),
  },
  (t) => [uniqueIndex('api_keys_hash_key').on(t.keyHash)],
);

export const passwordResetTokens = pgTable('password_reset_tokens', {
  tokenHash: text('token_hash').primaryKey(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id),
  expiresAt: ts('expires_at').notNull(),
  usedAt: ts('used_at'),
  createdAt: createdAt(),
});

/**
 * Password-reset mails waiting to leave (finding 7; they used to wait in memory and a crash lost them).
 * The reset request adds one row whatever the address, so its answer says nothing about accounts; a
 * sender claims due rows with FOR UPDATE SKIP LOCKED (several processes share the queue), looks the
 * account up, and only then mints the link. So the token is never here: only its hash is stored, in
 * password_reset_tokens, at the moment the mail leaves. The price: a retry sends a new link (the one of
 * a failed attempt may have arrived too; both stay valid until one is used), and the address as typed
 * is kept until the mail leaves or is given up — a minute at most when the relay works, `max age` if not.
 */
export const passwordResetMails = pgTable(
  'password_reset_mails',
  {
    id: id(),
    /** The address as typed, lower-cased; it may match no account. */
    email: text('email').notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** When a sender may claim the row: now, after a failure the backoff, while it is being sent a lease. */
    nextAttemptAt: ts('next_attempt_at').notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [index('password_reset_mails_due_idx').on(t.nextAttemptAt)],
);

/**
 * Sign-in attempts, for the lockout and the slow-down (README, "Abuse limits"). One row per e-mail address
 * as typed with a client IP, and one per address overall. Keys are HMACs of the address (and IP): no
 * personal data here, and an unknown address gets a row just like a known one, so the lockout does not
 * tell which accounts exist. `account` (the HMAC of the address alone) lets a password reset clear them all.
 */
export const signInThrottle = pgTable(
  'sign_in_throttle',
  {
    key: text('key').primaryKey(),
    account: text('account').notNull(),
    /** Attempts counted when they start, before the password is checked: concurrent guesses cannot race it. */
    attempts: integer('attempts').notNull().default(0),
    windowStart: ts('window_start').notNull(),
    lockedUntil: ts('locked_until'),
    /** Account-wide rows past the ceiling: the next moment one more attempt may be evaluated. */
    nextAttemptAt: ts('next_attempt_at'),
  },
  (t) => [index('sign_in_throttle_account_idx').on(t.account)],
);

/** Per-principal daily counters for the anti-scraping caps (candidate views, exports). */
export const usageCounters = pgTable(
  'usage_counters',
  {
    principal: text('principal').notNull(),
    kind: text('kind').notNull(),
    day: date('day').notNull(),
    count: integer('count').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.principal, t.kind, t.day] })],
);

// ---------------------------------------------------------------- personal data lifecycle

/**
 * Consent, only where consent is the legal basis (optional extras such as sharing a profile with
 * companies). Withdrawal is a date on the row: the record of consent is itself evidence to keep.
 */
export const consents = pgTable(
  'consents',
  {
    id: id(),
    profileId: uuid('profile_id')
      .notNull()
      .references(() => profiles.id, { onDelete: 'cascade' }),
    purpose: text('purpose').notNull(),
    textVersion: text('text_version').notNull(),
    language: text('language').notNull(),
    channel: text('channel').notNull(),
    collectedBy: uuid('collected_by'),
    givenAt: ts('given_at').notNull().defaultNow(),
    withdrawnAt: ts('withdrawn_at'),
  },
  (t) => [
    index('consents_profile_idx').on(t.profileId, t.purpose),
    check(
      'consents_purpose',
      oneOf('purpose', ['share_with_companies', 'contact_by_companies', 'talent_pool_extension']),
    ),
    check('consents_channel', oneOf('channel', ['desk', 'paper', 'email', 'online'])),
  ],
);

/**
 * Who was erased, as a keyed HMAC of the profile id and of the desk reference: no personal data, yet enough
 * to purge a person again from a restored backup (replay-erasures).
 */
export const erasureLedger = pgTable('erasure_ledger', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  subjectHmac: text('subject_hmac').notNull(),
  erasedAt: ts('erased_at').notNull().defaultNow(),
  erasedBy: uuid('erased_by'),
  reason: text('reason').notNull(),
});

// ---------------------------------------------------------------- platform

export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedBy: uuid('updated_by'),
  updatedAt: updatedAt(),
});

/** Security events and sensitive reads. Append-only for the application (trigger). */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: ts('at').notNull().defaultNow(),
    actorUserId: uuid('actor_user_id'),
    actorRole: text('actor_role'),
    action: text('action').notNull(),
    subjectType: text('subject_type'),
    subjectId: text('subject_id'),
    details: jsonb('details')
      .notNull()
      .default(sql`'{}'::jsonb`),
  },
  (t) => [index('audit_log_subject_idx').on(t.subjectType, t.subjectId)],
);

/**
 * Transactional outbox, read as a change log: written in the same transaction as the change; every reader
 * (each process's in-memory indexes, the one leader feeding a shared Meilisearch) keeps its own position
 * in (txid, id) order and pushes the record's CURRENT state (not this row's payload), so replays and
 * reordering are harmless. `txid` is the writing transaction: a reader only advances past transactions
 * older than every transaction still running, so one that commits late is never skipped (ADR 0005).
 * Rows go when every live reader has passed them (indexing/change-log.ts, `pruneChangeLog`).
 */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    txid: xid8('txid')
      .notNull()
      .default(sql`pg_current_xact_id()`),
    aggregateType: text('aggregate_type').notNull(),
    aggregateId: uuid('aggregate_id').notNull(),
    version: integer('version').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('outbox_position_idx').on(t.txid, t.id)],
);

/**
 * Who reads the change log and how far: `local` rows are one per server process (its embedded search
 * index and match index), `shared` rows are read by whichever process leads (the shared Meilisearch),
 * `pin` rows hold the log still while an index is rebuilt. The heartbeat says who is alive; pruning
 * waits only for live readers. `check_*`: `npm run reindex -- --reconcile` asks each live process to
 * compare its in-memory indexes with the tables and report here.
 */
export const changeLogReaders = pgTable(
  'change_log_readers',
  {
    name: text('name').primaryKey(),
    kind: text('kind').notNull(),
    positionTxid: xid8('position_txid')
      .notNull()
      .default(sql`'0'::xid8`),
    positionId: bigint('position_id', { mode: 'number' }).notNull().default(0),
    host: text('host'),
    pid: integer('pid'),
    startedAt: createdAt(),
    heartbeatAt: ts('heartbeat_at').notNull().defaultNow(),
    checkRequestedAt: ts('check_requested_at'),
    checkedAt: ts('checked_at'),
    checkReport: jsonb('check_report'),
  },
  () => [check('change_log_readers_kind', oneOf('kind', ['local', 'shared', 'pin']))],
);

/** One row: the change-log position up to which rows were pruned (a reader behind it rebuilds). */
export const changeLogPruned = pgTable(
  'change_log_pruned',
  {
    id: smallint('id').primaryKey().default(1),
    txid: xid8('txid')
      .notNull()
      .default(sql`'0'::xid8`),
    lastId: bigint('last_id', { mode: 'number' }).notNull().default(0),
    prunedAt: ts('pruned_at'),
  },
  (t) => [check('change_log_pruned_single', sql`${t.id} = 1`)],
);

/**
 * Records a search engine refused, set aside per reader so they do not hold up the log: retried with
 * backoff, then parked in search_dead_letters after the relay's maxAttempts.
 */
export const searchRetries = pgTable(
  'search_retries',
  {
    reader: text('reader').notNull(),
    aggregateType: text('aggregate_type').notNull(),
    aggregateId: uuid('aggregate_id').notNull(),
    /** The version the refused change-log row carried (kept for the dead letter). */
    version: integer('version').notNull(),
    attempts: integer('attempts').notNull(),
    nextAttemptAt: ts('next_attempt_at').notNull(),
    lastError: text('last_error'),
  },
  (t) => [primaryKey({ columns: [t.reader, t.aggregateType, t.aggregateId] })],
);

/**
 * Request counters of the abuse limits (@fastify/rate-limit) on PostgreSQL, shared by every process:
 * one upsert per request. Unlogged (migration 0012): losing them in a crash only resets the windows.
 */
export const rateLimits = pgTable(
  'rate_limits',
  {
    key: text('key').primaryKey(),
    count: integer('count').notNull(),
    expiresAt: ts('expires_at').notNull(),
  },
  (t) => [index('rate_limits_expires_idx').on(t.expiresAt)],
);

export const searchDeadLetters = pgTable('search_dead_letters', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  aggregateType: text('aggregate_type').notNull(),
  aggregateId: uuid('aggregate_id').notNull(),
  version: integer('version').notNull(),
  attempts: integer('attempts').notNull(),
  error: text('error').notNull(),
  /** The change-log reader that gave up (per process with the embedded engine). */
  reader: text('reader'),
  createdAt: createdAt(),
});

/**
 * A team the opportunity's desk accepted (issue 13): who sits in which role, as locked. Append-only by
 * version: unlocking ends a version (who, when, why), locking again writes the next one, so the history
 * of accepted teams stays readable. At most one version per opportunity is in force (unlocked_at null).
 */
export const teamLocks = pgTable(
  'team_locks',
  {
    id: id(),
    opportunityId: uuid('opportunity_id')
      .notNull()
      .references(() => opportunities.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    /** The team-builder run the desk accepted, when it locked from one. */
    runId: uuid('run_id').references(() => matchRuns.id),
    /** [{ roleId, profileId }], in the opportunity's role order. */
    members: jsonb('members').notNull(),
    note: text('note').notNull().default(''),
    lockedAt: ts('locked_at').notNull().defaultNow(),
    lockedBy: uuid('locked_by'),
    unlockedAt: ts('unlocked_at'),
    unlockedBy: uuid('unlocked_by'),
    unlockReason: text('unlock_reason'),
  },
  (t) => [
    uniqueIndex('team_locks_version_key').on(t.opportunityId, t.version),
    uniqueIndex('team_locks_active_key')
      .on(t.opportunityId)
      .where(sql`${t.unlockedAt} is null`),
  ],
);

// ---------------------------------------------------------------- merges of duplicates (issue 16)

export const MERGE_STATES = ['pending', 'confirmed', 'undone'] as const;

/** What every merge row holds besides its two records: its state, what an undo needs, who and when. */
const mergeLife = () => ({
  state: text('state').notNull().default('pending'),
  /** The kept record's version the merge left: an undo refuses once it has changed since. */
  keptVersion: integer('kept_version').notNull(),
  mergedVersion: integer('merged_version').notNull(),
  before: jsonb('before'),
  moved: jsonb('moved').notNull(),
  mergedAt: ts('merged_at').notNull().defaultNow(),
  mergedBy: uuid('merged_by'),
  settledAt: ts('settled_at'),
  settledBy: uuid('settled_by'),
});

/**
 * A desk merged one person's second record into the first (modules/profile-merges). While `pending` it can
 * be undone: `before` holds the kept record as it was (columns and child rows) and `moved` the consents
 * that moved over. Confirming carries the decisions and outcomes over (new rows: those logs are
 * append-only) and drops `before`, which holds personal data no longer needed.
 */
export const profileMerges = pgTable(
  'profile_merges',
  {
    id: id(),
    deskId: uuid('desk_id')
      .notNull()
      .references(() => desks.id),
    keptId: uuid('kept_id')
      .notNull()
      .references(() => profiles.id, { onDelete: 'cascade' }),
    mergedId: uuid('merged_id')
      .notNull()
      .references(() => profiles.id, { onDelete: 'cascade' }),
    ...mergeLife(),
  },
  (t) => [
    index('profile_merges_kept_idx').on(t.keptId),
    // A record is merged away at most once (an undone merge frees it).
    uniqueIndex('profile_merges_merged_key')
      .on(t.mergedId)
      .where(sql`${t.state} <> 'undone'`),
    check('profile_merges_state', oneOf('state', MERGE_STATES)),
  ],
);

export const RECORD_MERGE_KINDS = ['asset', 'firm'] as const;

/**
 * A desk merged a second listing of one asset, or a second record of one firm, into the first
 * (modules/record-merges). The same life as a person's merge: `before` holds what an undo writes back
 * (the kept record's columns, and the other's where a unique tax id moved over) and `moved` the rows
 * that pointed at the other record and now point at the kept one. No personal data is held.
 */
export const recordMerges = pgTable(
  'record_merges',
  {
    id: id(),
    kind: text('kind').notNull(),
    keptId: uuid('kept_id').notNull(),
    mergedId: uuid('merged_id').notNull(),
    ...mergeLife(),
  },
  (t) => [
    index('record_merges_kept_idx').on(t.kind, t.keptId),
    index('record_merges_merged_idx').on(t.kind, t.mergedId),
    // A record is merged away at most once (an undone merge frees it).
    uniqueIndex('record_merges_merged_key')
      .on(t.kind, t.mergedId)
      .where(sql`${t.state} <> 'undone'`),
    check('record_merges_kind', oneOf('kind', RECORD_MERGE_KINDS)),
    check('record_merges_state', oneOf('state', MERGE_STATES)),
  ],
);

// ---------------------------------------------------------------- saved searches and alerts (issue 16)

export const SAVED_SEARCH_INDEXES = ['assets', 'profiles', 'needs', 'opportunities'] as const;
export const ALERT_FREQUENCIES = ['daily', 'never'] as const;
export const NOTIFICATION_REASONS = ['new', 'changed', 'deadline'] as const;

/**
 * A search a user saved with a name: `query` is the validated query string of GET /search/{index} (the
 * same schema), so it re-opens as a URL and is evaluated by the same code. `frequency`: the e-mail digest
 * (`never` after an unsubscribe; the in-app notifications go on). The unsubscribe link carries a token
 * whose hash only is stored.
 */
export const savedSearches = pgTable(
  'saved_searches',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    index: text('scope').notNull(),
    name: text('name').notNull(),
    query: jsonb('query').$type<Record<string, string | number>>().notNull(),
    frequency: text('frequency').notNull().default('daily'),
    lang: text('lang').notNull().default('it'),
    unsubscribeTokenHash: text('unsubscribe_token_hash').notNull(),
    lastDigestAt: ts('last_digest_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('saved_searches_user_idx').on(t.userId),
    uniqueIndex('saved_searches_unsubscribe_key').on(t.unsubscribeTokenHash),
    check('saved_searches_scope', oneOf('scope', SAVED_SEARCH_INDEXES)),
    check('saved_searches_frequency', oneOf('frequency', ALERT_FREQUENCIES)),
    check('saved_searches_lang', oneOf('lang', ['it', 'fr', 'en'])),
  ],
);

/**
 * What a user is told in the app: a record entered one of their saved searches (`saved_search_id`), or a
 * record of one of them nears its deadline. `dedupe_key` makes every source idempotent: one row per
 * (search, record, version), one per (search, record, deadline date). `mailed_at`: included in a digest.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    savedSearchId: uuid('saved_search_id').references(() => savedSearches.id, { onDelete: 'cascade' }),
    recordType: text('record_type').notNull(),
    recordId: uuid('record_id').notNull(),
    recordVersion: integer('record_version').notNull(),
    /** What the record is called (a title; a profile's pseudonymous code), as of the notification. */
    label: text('label').notNull(),
    reason: text('reason').notNull(),
    deadline: date('deadline'),
    dedupeKey: text('dedupe_key').notNull(),
    createdAt: createdAt(),
    readAt: ts('read_at'),
    mailedAt: ts('mailed_at'),
  },
  (t) => [
    uniqueIndex('notifications_dedupe_key').on(t.dedupeKey),
    index('notifications_user_idx').on(t.userId, t.createdAt),
    index('notifications_unmailed_idx')
      .on(t.userId)
      .where(sql`mailed_at is null`),
    check('notifications_reason', oneOf('reason', NOTIFICATION_REASONS)),
    check('notifications_record_type', oneOf('record_type', ['asset', 'profile', 'need', 'opportunity'])),
  ],
);
