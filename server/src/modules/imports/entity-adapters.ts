import { setImmediate as nextTurn } from 'node:timers/promises';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { DbOrTx } from '../../db/client.js';
import {
  assets,
  firms,
  needLanguages,
  needSkills,
  needs,
  opportunities,
  opportunityAssets,
  opportunityRoles,
  outbox,
  profileLanguages,
  profileOccupations,
  profileSkills,
  profiles,
} from '../../db/schema.js';
import { ASSET_CATEGORIES } from '../../domain/vocabulary.js';
import { ASSET_CATEGORY_LABELS } from '../../domain/vocabulary-labels.js';
import { normalizeKey, type EntityName, type ImportRecord, type LanguageLevel } from '../../files/index.js';
import { newPseudonym } from '../../lib/pseudonym.js';
import { enqueueIndexing, type IndexedAggregate } from '../../outbox/outbox.repository.js';
import { CreateAssetSchema } from '../assets/assets.schema.js';
import { CreateFirmSchema } from '../firms/firms.schema.js';
import { CreateNeedSchema } from '../needs/needs.schema.js';
import { CreateOpportunitySchema } from '../opportunities/opportunities.schema.js';
import { CreateProfileSchema } from '../profiles/profiles.schema.js';
import {
  loadProfileAggregates,
  replaceProfileChildren,
  type ProfileAggregate,
} from '../profiles/profiles.repository.js';
import { toDomainCode, type ImportIssueCode, type Suggestion } from './import-codes.js';
import { parseFirmIdentifier, type Place, type ReferenceResolver } from './reference-resolver.js';

type Input = Record<string, unknown>;

/** What a row becomes in the database: the entity's own columns and its child rows, comparable as JSON. */
export interface DbState {
  columns: Record<string, unknown>;
  children: Record<string, unknown[]>;
}

export interface ExistingRecord {
  id: string;
  version: number;
  /** The desk that owns it (null for a firm shared by the network). */
  deskId: string | null;
  /** The record in the API's create shape, nulls left out, to merge the file's columns over. */
  input: Input;
  state: DbState;
}

/** What an adapter needs from the running import while it builds one row. */
export interface RowContext {
  deskId: string;
  resolver: ReferenceResolver;
  /** Records a problem on the column of `field`; 'error' keeps the row from being written. */
  issue(
    field: string,
    code: ImportIssueCode,
    options?: { value?: unknown; suggestions?: Suggestion[]; severity?: 'error' | 'warning' },
  ): void;
}

export interface EntityAdapter {
  entity: EntityName;
  indexAs: IndexedAggregate;
  /** The API's create schema: file rules are API rules. */
  schema: z.ZodType;
  /** API field → file field, to put a validation message on the right column. */
  fileFieldOf: Readonly<Record<string, string>>;
  /** The natural key as written in the file (duplicate detection within a file), or undefined. */
  fileKey(record: ImportRecord): string | undefined;
  /** The file's values in the API's create shape (only what the row gives), references resolved. */
  build(record: ImportRecord, ctx: RowContext): Promise<Input>;
  findExisting(tx: DbOrTx, input: Input, deskId: string): Promise<ExistingRecord | undefined>;
  /** Optional batch form of findExisting: one answer per input, in order. */
  findMany?(tx: DbOrTx, inputs: Input[], deskId: string): Promise<(ExistingRecord | undefined)[]>;
  /** Optional batch form of insert: multi-row inserts, the same rows and outbox entries. */
  insertMany?(tx: DbOrTx, items: { input: Input; state: DbState }[], deskId: string): Promise<void>;
  /** The existing record with the row's values over it; undefined values mean "keep". */
  merge(existing: ExistingRecord | undefined, input: Input, deskId: string): Input;
  toState(parsed: Input, place: Place): DbState;
  /** `input` is the row's own values (natural key, owner firm); `state` what to store. */
  insert(tx: DbOrTx, input: Input, state: DbState, deskId: string): Promise<string>;
  update(tx: DbOrTx, existing: ExistingRecord, state: DbState): Promise<void>;
}

/** Drops null and undefined values: an existing record's empty fields must not fail the create schema. */
function compact(input: Input): Input {
  const out: Input = {};
  for (const [k, v] of Object.entries(input)) if (v !== null && v !== undefined) out[k] = v;
  return out;
}

/** Copies the row's values of the given fields, renaming file fields to API fields. */
function copy(record: ImportRecord, input: Input, fields: readonly (string | [string, string])[]) {
  for (const f of fields) {
    const [from, to] = typeof f === 'string' ? [f, f] : f;
    if (record[from] !== undefined) input[to] = record[from];
  }
}

const mapCodes = (field: string, codes: unknown) => (codes as string[]).map((c) => toDomainCode(field, c));

function singleChain(record: ImportRecord, input: Input, ctx: RowContext) {
  const chains = record.supplyChains as string[] | undefined;
  if (!chains) return;
  if (chains.length > 1) ctx.issue('supplyChains', 'SINGLE_VALUE_EXPECTED', { value: chains.join('; ') });
  input.supplyChain = toDomainCode('supplyChains', chains[0]!);
}

const CATEGORY_INDEX = (() => {
  const map = new Map<string, string>();
  for (const code of ASSET_CATEGORIES) {
    map.set(normalizeKey(code), code);
    for (const label of Object.values(ASSET_CATEGORY_LABELS[code] ?? {})) map.set(normalizeKey(label), code);
  }
  return map;
})();

function category(raw: unknown, field: string, ctx: RowContext): string | undefined {
  const code = CATEGORY_INDEX.get(normalizeKey(String(raw)));
  if (!code) ctx.issue(field, 'CATEGORY_INVALID', { value: raw });
  return code;
}

async function place(record: ImportRecord, ctx: RowContext) {
  if (record.municipality === undefined) return undefined;
  const found = await ctx.resolver.municipality(String(record.municipality));
  if (found.ok) return { country: found.value.country, code: found.value.code };
  ctx.issue('municipality', found.code, { value: record.municipality, suggestions: found.suggestions });
  return undefined;
}

/** Why an ESCO value did not resolve: an unknown URI and an ambiguous label say so; the rest is unrecognised. */
const escoIssue = (code: ImportIssueCode, unrecognised: ImportIssueCode): ImportIssueCode =>
  code === 'ESCO_URI_UNKNOWN' || code === 'ESCO_AMBIGUOUS' ? code : unrecognised;

/**
 * ESCO list items: what the resolver reads for certain resolves; the rest is reported on the column with
 * the value, the reason and suggestions. `severity` 'warning' leaves the item out of a row that is still
 * written (skills); 'error' keeps the row out (a profile's occupations: a person imported without the
 * occupation they named could never be matched, issue 17).
 */
async function escoList(
  kind: 'occupation' | 'skill',
  items: unknown,
  field: string,
  ctx: RowContext,
  severity: 'error' | 'warning' = 'warning',
) {
  const uris: string[] = [];
  for (const item of items as string[]) {
    const found = await ctx.resolver.esco(kind, item);
    if (found.ok) {
      if (!uris.includes(found.value)) uris.push(found.value);
    } else
      ctx.issue(
        field,
        escoIssue(found.code, severity === 'error' ? 'ESCO_REQUIRED_SUGGESTION' : 'ESCO_SUGGESTION'),
        { value: item, suggestions: found.suggestions, severity },
      );
  }
  return uris;
}

async function escoOne(kind: 'occupation' | 'skill', raw: unknown, field: string, ctx: RowContext) {
  const found = await ctx.resolver.esco(kind, String(raw));
  if (found.ok) return found.value;
  ctx.issue(field, escoIssue(found.code, 'ESCO_REQUIRED_SUGGESTION'), {
    value: raw,
    suggestions: found.suggestions,
  });
  return undefined;
}

async function firmRef(raw: unknown, field: string, ctx: RowContext) {
  const found = await ctx.resolver.firm(String(raw));
  if (found.ok) return found.value;
  ctx.issue(field, found.code, { value: raw });
  return undefined;
}

async function crisisRef(record: ImportRecord, input: Input, ctx: RowContext) {
  if (record.crisisCaseRef === undefined) return;
  const found = await ctx.resolver.crisisCase(String(record.crisisCaseRef));
  if (found.ok) input.crisisCaseId = found.value;
  else ctx.issue('crisisCaseRef', found.code, { value: record.crisisCaseRef });
}

const placeColumns = (p: Place) => ({
  municipalityCountry: p.country,
  municipalityCode: p.code,
  lat: p.lat,
  lon: p.lon,
});
const muni = (row: { municipalityCountry: string; municipalityCode: string }) => ({
  country: row.municipalityCountry,
  code: row.municipalityCode,
});

async function bump(
  tx: DbOrTx,
  table: typeof profiles | typeof assets | typeof firms | typeof needs | typeof opportunities,
  existing: ExistingRecord,
  columns: Record<string, unknown>,
  indexAs: IndexedAggregate,
) {
  const version = existing.version + 1;
  await tx
    .update(table)
    .set({ ...columns, version, updatedAt: new Date() } as never)
    .where(eq(table.id, existing.id));
  await enqueueIndexing(tx, indexAs, existing.id, version);
}

/**
 * Splits a multi-row insert so a statement stays far below PostgreSQL's 65,535 parameters. Each
 * statement waits for a turn of the event loop first: on PGlite a statement runs on the server thread,
 * and a batch's statements would otherwise follow one another without a break (finding 17).
 */
async function insertChunks<T>(items: T[], size: number, write: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += size) {
    await nextTurn();
    await write(items.slice(i, i + size));
  }
}

/**
 * The outbox rows of many new records in one statement: the same rows enqueueIndexing writes one
 * at a time, in the same transaction as the records, which is the outbox's whole contract.
 */
async function enqueueMany(tx: DbOrTx, type: IndexedAggregate, rows: { id: string; version: number }[]) {
  await insertChunks(rows, 2000, (chunk) =>
    tx
      .insert(outbox)
      .values(chunk.map((r) => ({ aggregateType: type, aggregateId: r.id, version: r.version }))),
  );
}

// ------------------------------------------------------------------------------------ profiles

function existingProfile(a: ProfileAggregate): ExistingRecord {
  const p = a.profile;
  const state: DbState = {
    columns: {
      firstName: p.firstName,
      lastName: p.lastName,
      email: p.email,
      phone: p.phone,
      municipalityCountry: p.municipalityCountry,
      municipalityCode: p.municipalityCode,
      lat: p.lat,
      lon: p.lon,
      eqfLevel: p.eqfLevel,
      mobilityKm: p.mobilityKm,
      availableFrom: p.availableFrom,
      employmentStatus: p.employmentStatus,
      desiredPaths: p.desiredPaths,
      supplyChains: p.supplyChains,
      naceDivisions: p.naceDivisions,
      drivingLicences: p.drivingLicences,
      crisisCaseId: p.crisisCaseId,
    },
    children: { occupations: a.occupations, skills: a.skills, languages: a.languages },
  };
  return {
    id: p.id,
    version: p.version,
    deskId: p.deskId,
    input: compact({
      deskId: p.deskId,
      externalRef: p.externalRef,
      firstName: p.firstName,
      lastName: p.lastName,
      email: p.email,
      phone: p.phone,
      municipality: muni(p),
      occupations: a.occupations,
      skills: a.skills,
      languages: a.languages,
      eqfLevel: p.eqfLevel,
      mobilityKm: p.mobilityKm,
      availableFrom: p.availableFrom,
      employmentStatus: p.employmentStatus,
      desiredPaths: p.desiredPaths,
      supplyChains: p.supplyChains,
      naceDivisions: p.naceDivisions,
      drivingLicences: p.drivingLicences,
      crisisCaseId: p.crisisCaseId,
    }),
    state,
  };
}

const profilesAdapter: EntityAdapter = {
  entity: 'profiles',
  indexAs: 'profile',
  schema: CreateProfileSchema,
  fileFieldOf: { crisisCaseId: 'crisisCaseRef' },
  fileKey: (r) => (r.externalRef === undefined ? undefined : String(r.externalRef)),
  async build(r, ctx) {
    const input: Input = {};
    copy(r, input, [
      'externalRef',
      'firstName',
      'lastName',
      'email',
      'phone',
      'eqfLevel',
      'mobilityKm',
      'availableFrom',
      'employmentStatus',
    ]);
    const m = await place(r, ctx);
    if (m) input.municipality = m;
    if (r.occupations)
      input.occupations = (await escoList('occupation', r.occupations, 'occupations', ctx, 'error')).map(
        (uri) => ({
          uri,
          years: 0,
        }),
      );
    if (r.skills)
      input.skills = (await escoList('skill', r.skills, 'skills', ctx)).map((uri) => ({
        uri,
        source: 'declared',
      }));
    if (r.languages) {
      const byCode = new Map((r.languages as LanguageLevel[]).map((l) => [l.language, l.level]));
      input.languages = [...byCode].map(([code, level]) => ({ code, level }));
    }
    if (r.drivingLicences)
      input.drivingLicences = (r.drivingLicences as string[]).map((s) => s.toUpperCase());
    if (r.desiredPaths) input.desiredPaths = mapCodes('desiredPaths', r.desiredPaths);
    if (r.supplyChains) input.supplyChains = mapCodes('supplyChains', r.supplyChains);
    await crisisRef(r, input, ctx);
    return input;
  },
  async findExisting(tx, input, deskId) {
    return (await profilesAdapter.findMany!(tx, [input], deskId))[0];
  },
  async findMany(tx, inputs, deskId) {
    const refs = [...new Set(inputs.map((i) => String(i.externalRef)))];
    if (refs.length === 0) return [];
    const rows = await tx
      .select()
      .from(profiles)
      .where(and(eq(profiles.deskId, deskId), inArray(profiles.externalRef, refs)));
    const byRef = new Map(
      (await loadProfileAggregates(tx, rows)).map((a) => [a.profile.externalRef, existingProfile(a)]),
    );
    return inputs.map((i) => byRef.get(String(i.externalRef)));
  },
  merge(existing, input, deskId) {
    const merged: Input = { ...(existing?.input ?? {}), ...compact(input), deskId };
    merged.occupations ??= [];
    // A file names occupations and skills, not years or provenance: keep what the desk recorded before.
    if (existing && input.occupations) {
      const years = new Map(
        (existing.input.occupations as { uri: string; years: number }[]).map((o) => [o.uri, o.years]),
      );
      merged.occupations = (input.occupations as { uri: string }[]).map((o) => ({
        uri: o.uri,
        years: years.get(o.uri) ?? 0,
      }));
    }
    if (existing && input.skills) {
      const sources = new Map(
        (existing.input.skills as { uri: string; source: string }[]).map((s) => [s.uri, s.source]),
      );
      merged.skills = (input.skills as { uri: string }[]).map((s) => ({
        uri: s.uri,
        source: sources.get(s.uri) ?? 'declared',
      }));
    }
    return merged;
  },
  toState(p, at) {
    const byUri = <T extends { uri: string }>(xs: T[]) => [...xs].sort((a, b) => a.uri.localeCompare(b.uri));
    return {
      columns: {
        firstName: p.firstName,
        lastName: p.lastName,
        email: p.email ?? null,
        phone: p.phone ?? null,
        ...placeColumns(at),
        eqfLevel: p.eqfLevel ?? null,
        mobilityKm: p.mobilityKm,
        availableFrom: p.availableFrom ?? null,
        employmentStatus: p.employmentStatus,
        desiredPaths: p.desiredPaths,
        supplyChains: p.supplyChains,
        naceDivisions: p.naceDivisions,
        drivingLicences: p.drivingLicences,
        crisisCaseId: p.crisisCaseId ?? null,
      },
      children: {
        occupations: byUri(p.occupations as { uri: string; years: number }[]),
        skills: byUri(p.skills as { uri: string; source: string }[]),
        languages: [...(p.languages as { code: string; level: string }[])].sort((a, b) =>
          a.code.localeCompare(b.code),
        ),
      },
    };
  },
  async insert(tx, parsed, state, deskId) {
    const [row] = await tx
      .insert(profiles)
      .values({
        ...(state.columns as object),
        code: newPseudonym(),
        deskId,
        externalRef: String(parsed.externalRef),
      } as typeof profiles.$inferInsert)
      .returning({ id: profiles.id, version: profiles.version });
    // A new profile has no children yet: insert them without the deletes a replace would run.
    const profileId = row!.id;
    const c = state.children as {
      occupations: { uri: string; years: number }[];
      skills: { uri: string; source: string }[];
      languages: { code: string; level: string }[];
    };
    if (c.occupations.length > 0)
      await tx
        .insert(profileOccupations)
        .values(c.occupations.map((o) => ({ profileId, occupationUri: o.uri, years: o.years })));
    if (c.skills.length > 0)
      await tx
        .insert(profileSkills)
        .values(c.skills.map((s) => ({ profileId, skillUri: s.uri, source: s.source })));
    if (c.languages.length > 0)
      await tx
        .insert(profileLanguages)
        .values(c.languages.map((l) => ({ profileId, language: l.code, level: l.level })));
    await enqueueIndexing(tx, 'profile', profileId, row!.version);
    return row!.id;
  },
  async insertMany(tx, items, deskId) {
    const rows: { id: string; externalRef: string; version: number }[] = [];
    await insertChunks(items, 500, async (chunk) => {
      rows.push(
        ...(await tx
          .insert(profiles)
          .values(
            chunk.map(
              ({ input, state }) =>
                ({
                  ...(state.columns as object),
                  code: newPseudonym(),
                  deskId,
                  externalRef: String(input.externalRef),
                }) as typeof profiles.$inferInsert,
            ),
          )
          .returning({ id: profiles.id, externalRef: profiles.externalRef, version: profiles.version })),
      );
    });
    const idOf = new Map(rows.map((r) => [r.externalRef, r.id]));
    const children = items.map(({ input, state }) => ({
      profileId: idOf.get(String(input.externalRef))!,
      c: state.children as {
        occupations: { uri: string; years: number }[];
        skills: { uri: string; source: string }[];
        languages: { code: string; level: string }[];
      },
    }));
    const occ = children.flatMap(({ profileId, c }) =>
      c.occupations.map((o) => ({ profileId, occupationUri: o.uri, years: o.years })),
    );
    const skills = children.flatMap(({ profileId, c }) =>
      c.skills.map((k) => ({ profileId, skillUri: k.uri, source: k.source })),
    );
    const langs = children.flatMap(({ profileId, c }) =>
      c.languages.map((l) => ({ profileId, language: l.code, level: l.level })),
    );
    await insertChunks(occ, 2000, (chunk) => tx.insert(profileOccupations).values(chunk));
    await insertChunks(skills, 2000, (chunk) => tx.insert(profileSkills).values(chunk));
    await insertChunks(langs, 2000, (chunk) => tx.insert(profileLanguages).values(chunk));
    await enqueueMany(tx, 'profile', rows);
  },
  async update(tx, existing, state) {
    await replaceProfileChildren(tx, existing.id, state.children as never);
    await bump(tx, profiles, existing, state.columns, 'profile');
  },
};

// -------------------------------------------------------------------------------------- assets

const ASSET_SCALARS = [
  'inventoryNumber',
  'title',
  'description',
  'kind',
  'brand',
  'model',
  'year',
  'powerKw',
  'coveredAreaM2',
  'landAreaM2',
  'heightM',
  'craneTonnage',
  'loadingBays',
  'powerKva',
  'quayAccess',
  'draftM',
  'slipway',
  'maritimeConcession',
  'distanceToPortKm',
  'lat',
  'lon',
  'priceEur',
  'rentEurMonth',
  'availableFrom',
  'availableUntil',
  'status',
] as const;
const ASSET_NULLABLE = [
  'brand',
  'model',
  'year',
  'condition',
  'powerKw',
  'coveredAreaM2',
  'landAreaM2',
  'heightM',
  'craneTonnage',
  'loadingBays',
  'powerKva',
  'draftM',
  'distanceToPortKm',
  'priceEur',
  'rentEurMonth',
  'availableFrom',
  'availableUntil',
  'ownerFirmId',
  'crisisCaseId',
] as const;

function existingAsset(a: typeof assets.$inferSelect): ExistingRecord {
  const columns: Record<string, unknown> = {
    kind: a.kind,
    category: a.category,
    title: a.title,
    description: a.description,
    quayAccess: a.quayAccess,
    slipway: a.slipway,
    maritimeConcession: a.maritimeConcession,
    ...placeColumns({ country: a.municipalityCountry, code: a.municipalityCode, lat: a.lat, lon: a.lon }),
    availability: a.availability,
    supplyChains: a.supplyChains,
    status: a.status,
    requiredSkillUris: a.requiredSkillUris,
  };
  for (const f of ASSET_NULLABLE) columns[f] = a[f];
  const { municipalityCountry: _c, municipalityCode: _m, ...rest } = columns;
  return {
    id: a.id,
    version: a.version,
    deskId: a.deskId,
    input: compact({
      ...rest,
      deskId: a.deskId,
      inventoryNumber: a.inventoryNumber,
      municipality: muni(a),
    }),
    state: { columns, children: {} },
  };
}

const assetsAdapter: EntityAdapter = {
  entity: 'assets',
  indexAs: 'asset',
  schema: CreateAssetSchema,
  fileFieldOf: { ownerFirmId: 'ownerFirmVat', crisisCaseId: 'crisisCaseRef', requiredSkillUris: 'skills' },
  fileKey: (r) => (r.inventoryNumber === undefined ? undefined : String(r.inventoryNumber)),
  async build(r, ctx) {
    const input: Input = {};
    copy(r, input, ASSET_SCALARS);
    if (r.category !== undefined) input.category = category(r.category, 'category', ctx);
    if (r.condition !== undefined) input.condition = toDomainCode('condition', String(r.condition));
    if (r.availability !== undefined)
      input.availability = toDomainCode('availability', String(r.availability));
    if (r.supplyChains) input.supplyChains = mapCodes('supplyChains', r.supplyChains);
    const m = await place(r, ctx);
    if (m) input.municipality = m;
    if (r.ownerFirmVat !== undefined) input.ownerFirmId = await firmRef(r.ownerFirmVat, 'ownerFirmVat', ctx);
    await crisisRef(r, input, ctx);
    if (r.skills) input.requiredSkillUris = await escoList('skill', r.skills, 'skills', ctx);
    return input;
  },
  async findExisting(tx, input, deskId) {
    return (await assetsAdapter.findMany!(tx, [input], deskId))[0];
  },
  async findMany(tx, inputs) {
    const numbers = [...new Set(inputs.map((i) => String(i.inventoryNumber)))];
    if (numbers.length === 0) return [];
    const rows = await tx.select().from(assets).where(inArray(assets.inventoryNumber, numbers));
    const byNumber = new Map(rows.map((a) => [a.inventoryNumber, existingAsset(a)]));
    return inputs.map((i) => byNumber.get(String(i.inventoryNumber)));
  },
  async insertMany(tx, items, deskId) {
    const rows: { id: string; version: number }[] = [];
    await insertChunks(items, 500, async (chunk) => {
      rows.push(
        ...(await tx
          .insert(assets)
          .values(
            chunk.map(
              ({ input, state }) =>
                ({
                  ...(state.columns as object),
                  deskId,
                  inventoryNumber: String(input.inventoryNumber),
                }) as typeof assets.$inferInsert,
            ),
          )
          .returning({ id: assets.id, version: assets.version })),
      );
    });
    await enqueueMany(tx, 'asset', rows);
  },
  merge(existing, input, deskId) {
    const merged: Input = { ...(existing?.input ?? {}), ...compact(input), deskId };
    // A new municipality without coordinates moves the asset to the municipality's point.
    const moved =
      existing &&
      input.municipality &&
      JSON.stringify(input.municipality) !== JSON.stringify(existing.input.municipality);
    if (moved && input.lat === undefined && input.lon === undefined) {
      delete merged.lat;
      delete merged.lon;
    }
    return merged;
  },
  toState(p, at) {
    const columns: Record<string, unknown> = {
      kind: p.kind,
      category: p.category,
      title: p.title,
      description: p.description ?? '',
      quayAccess: p.quayAccess ?? false,
      slipway: p.slipway ?? false,
      maritimeConcession: p.maritimeConcession ?? false,
      municipalityCountry: at.country,
      municipalityCode: at.code,
      lat: p.lat ?? at.lat,
      lon: p.lon ?? at.lon,
      availability: p.availability,
      supplyChains: p.supplyChains ?? [],
      status: p.status ?? 'available',
      requiredSkillUris: p.requiredSkillUris ?? [],
    };
    for (const f of ASSET_NULLABLE) columns[f] = p[f] ?? null;
    return { columns, children: {} };
  },
  async insert(tx, parsed, state, deskId) {
    const [row] = await tx
      .insert(assets)
      .values({
        ...(state.columns as object),
        deskId,
        inventoryNumber: String(parsed.inventoryNumber),
      } as typeof assets.$inferInsert)
      .returning({ id: assets.id, version: assets.version });
    await enqueueIndexing(tx, 'asset', row!.id, row!.version);
    return row!.id;
  },
  update: (tx, existing, state) => bump(tx, assets, existing, state.columns, 'asset'),
};

// --------------------------------------------------------------------------------------- firms

const firmsAdapter: EntityAdapter = {
  entity: 'firms',
  indexAs: 'firm',
  schema: CreateFirmSchema,
  fileFieldOf: { vatNumber: 'vat', siret: 'vat', country: 'vat' },
  fileKey: (r) => {
    if (r.vat === undefined) return undefined;
    const id = parseFirmIdentifier(String(r.vat));
    return id ? ('vatNumber' in id ? id.vatNumber : id.siret) : String(r.vat);
  },
  async build(r, ctx) {
    const input: Input = {};
    if (r.vat !== undefined) {
      const id = parseFirmIdentifier(String(r.vat));
      if (id) Object.assign(input, id);
      else ctx.issue('vat', 'FIRM_ID_INVALID', { value: r.vat });
    }
    copy(r, input, ['name', 'sizeBand', 'state']);
    if (r.naceCode !== undefined) {
      const found = await ctx.resolver.nace(String(r.naceCode));
      if (found.ok) input.naceCode = found.value;
      else ctx.issue('naceCode', found.code, { value: r.naceCode });
    }
    if (r.supplyChains) input.supplyChains = mapCodes('supplyChains', r.supplyChains);
    const m = await place(r, ctx);
    if (m) input.municipality = m;
    return input;
  },
  async findExisting(tx, input) {
    const where =
      typeof input.vatNumber === 'string'
        ? eq(firms.vatNumber, input.vatNumber)
        : typeof input.siret === 'string'
          ? eq(firms.siret, input.siret)
          : undefined;
    if (!where) return undefined;
    const [f] = await tx.select().from(firms).where(where);
    if (!f) return undefined;
    const columns = {
      name: f.name,
      country: f.country,
      vatNumber: f.vatNumber,
      siret: f.siret,
      naceCode: f.naceCode,
      supplyChains: f.supplyChains,
      municipalityCountry: f.municipalityCountry,
      municipalityCode: f.municipalityCode,
      lat: f.lat,
      lon: f.lon,
      sizeBand: f.sizeBand,
      state: f.state,
    };
    return {
      id: f.id,
      version: f.version,
      deskId: f.deskId,
      input: compact({
        deskId: f.deskId,
        country: f.country,
        vatNumber: f.vatNumber,
        siret: f.siret,
        name: f.name,
        naceCode: f.naceCode,
        supplyChains: f.supplyChains,
        municipality: f.municipalityCode
          ? { country: f.municipalityCountry, code: f.municipalityCode }
          : null,
        sizeBand: f.sizeBand,
        state: f.state,
      }),
      state: { columns, children: {} },
    };
  },
  merge: (existing, input, deskId) => ({
    ...(existing?.input ?? {}),
    ...compact(input),
    deskId: existing ? existing.deskId : deskId,
  }),
  toState(p, at) {
    return {
      columns: {
        name: p.name,
        country: p.country,
        vatNumber: p.vatNumber ?? null,
        siret: p.siret ?? null,
        naceCode: p.naceCode,
        supplyChains: p.supplyChains,
        ...placeColumns(at),
        sizeBand: p.sizeBand ?? null,
        state: p.state,
      },
      children: {},
    };
  },
  async insert(tx, _parsed, state, deskId) {
    const [row] = await tx
      .insert(firms)
      .values({ ...(state.columns as object), deskId } as typeof firms.$inferInsert)
      .returning({ id: firms.id, version: firms.version });
    await enqueueIndexing(tx, 'firm', row!.id, row!.version);
    return row!.id;
  },
  update: (tx, existing, state) => bump(tx, firms, existing, state.columns, 'firm'),
};

// --------------------------------------------------------------------------------------- needs

const NEED_JOB = ['occupationUri', 'positions', 'contractType', 'minEqf', 'startDate'] as const;
const NEED_ASSET = [
  'assetKind',
  'assetCategory',
  'minAreaM2',
  'maxAreaM2',
  'minPowerKw',
  'minCraneTonnage',
  'needsQuay',
  'mode',
  'budgetEur',
  'monthlyBudgetEur',
  'byDate',
] as const;
const NEED_COMMON = ['status', 'radiusKm', 'supplyChain', 'naceCode', 'expiresAt'] as const;

const needsAdapter: EntityAdapter = {
  entity: 'needs',
  indexAs: 'need',
  schema: CreateNeedSchema,
  fileFieldOf: {
    firmId: 'firmVat',
    type: 'needType',
    occupationUri: 'occupation',
    minEqf: 'minEqfLevel',
    minAreaM2: 'minCoveredAreaM2',
    maxAreaM2: 'maxCoveredAreaM2',
    needsQuay: 'quayAccess',
    mode: 'acquisition',
    byDate: 'neededBy',
    supplyChain: 'supplyChains',
  },
  fileKey: (r) => {
    if (r.externalRef === undefined || r.firmVat === undefined) return undefined;
    const id = parseFirmIdentifier(String(r.firmVat));
    return `${id ? ('vatNumber' in id ? id.vatNumber : id.siret) : String(r.firmVat)}|${String(r.externalRef)}`;
  },
  async build(r, ctx) {
    const input: Input = {};
    copy(r, input, [
      'externalRef',
      'title',
      'description',
      'positions',
      'radiusKm',
      'startDate',
      'expiresAt',
      'assetKind',
      'minPowerKw',
      'minCraneTonnage',
      'budgetEur',
      'monthlyBudgetEur',
      ['needType', 'type'],
      ['minEqfLevel', 'minEqf'],
      ['minCoveredAreaM2', 'minAreaM2'],
      ['maxCoveredAreaM2', 'maxAreaM2'],
      ['quayAccess', 'needsQuay'],
      ['acquisition', 'mode'],
      ['neededBy', 'byDate'],
    ]);
    if (r.firmVat !== undefined) input.firmId = await firmRef(r.firmVat, 'firmVat', ctx);
    if (r.occupation !== undefined)
      input.occupationUri = await escoOne('occupation', r.occupation, 'occupation', ctx);
    if (r.essentialSkills)
      input.essentialSkills = await escoList('skill', r.essentialSkills, 'essentialSkills', ctx);
    if (r.optionalSkills)
      input.optionalSkills = await escoList('skill', r.optionalSkills, 'optionalSkills', ctx);
    if (r.contractType !== undefined)
      input.contractType = toDomainCode('contractType', String(r.contractType));
    if (r.assetCategory !== undefined) input.assetCategory = category(r.assetCategory, 'assetCategory', ctx);
    if (r.languages)
      input.languages = [...new Map((r.languages as LanguageLevel[]).map((l) => [l.language, l.level]))].map(
        ([code, minLevel]) => ({ code, minLevel }),
      );
    singleChain(r, input, ctx);
    const m = await place(r, ctx);
    if (m) input.municipality = m;
    return input;
  },
  async findExisting(tx, input) {
    if (typeof input.firmId !== 'string') return undefined;
    const [n] = await tx
      .select()
      .from(needs)
      .where(and(eq(needs.firmId, input.firmId), eq(needs.externalRef, String(input.externalRef))));
    if (!n) return undefined;
    const [skills, langs] = await Promise.all([
      tx.select().from(needSkills).where(eq(needSkills.needId, n.id)),
      tx.select().from(needLanguages).where(eq(needLanguages.needId, n.id)),
    ]);
    const essentialSkills = skills
      .filter((s) => s.relation === 'essential')
      .map((s) => s.skillUri)
      .sort();
    const optionalSkills = skills
      .filter((s) => s.relation === 'optional')
      .map((s) => s.skillUri)
      .sort();
    const languages = langs
      .map((l) => ({ code: l.language, minLevel: l.minLevel }))
      .sort((a, b) => a.code.localeCompare(b.code));
    const columns: Record<string, unknown> = {
      type: n.type,
      title: n.title,
      description: n.description,
      ...placeColumns({ country: n.municipalityCountry, code: n.municipalityCode, lat: n.lat, lon: n.lon }),
    };
    for (const f of [...NEED_COMMON, ...NEED_JOB, ...NEED_ASSET]) columns[f] = n[f];
    const own = n.type === 'job' ? NEED_JOB : NEED_ASSET;
    const input2: Input = {
      type: n.type,
      firmId: n.firmId,
      title: n.title,
      description: n.description,
      municipality: muni(n),
    };
    for (const f of [...NEED_COMMON, ...own]) input2[f] = n[f];
    if (n.type === 'job') Object.assign(input2, { essentialSkills, optionalSkills, languages });
    return {
      id: n.id,
      version: n.version,
      deskId: n.deskId,
      input: compact(input2),
      state: { columns, children: { essentialSkills, optionalSkills, languages } },
    };
  },
  merge(existing, input) {
    // The API sets a need's reference through the route, not the body: the create schema has no such key.
    const { externalRef: _e, ...rest } = compact(input);
    return { ...(existing?.input ?? {}), ...rest };
  },
  toState(p, at) {
    const columns: Record<string, unknown> = {
      type: p.type,
      title: p.title,
      description: p.description ?? '',
      ...placeColumns(at),
    };
    for (const f of [...NEED_COMMON, ...NEED_JOB, ...NEED_ASSET]) columns[f] = p[f] ?? null;
    columns.status = p.status ?? 'open';
    columns.radiusKm = p.radiusKm ?? 30;
    if (p.type === 'job') columns.positions = p.positions ?? 1;
    const essential = [...new Set((p.essentialSkills as string[] | undefined) ?? [])].sort();
    const optional = [...new Set((p.optionalSkills as string[] | undefined) ?? [])]
      .filter((s) => !essential.includes(s))
      .sort();
    const languages = [...((p.languages as { code: string; minLevel: string }[] | undefined) ?? [])].sort(
      (a, b) => a.code.localeCompare(b.code),
    );
    return { columns, children: { essentialSkills: essential, optionalSkills: optional, languages } };
  },
  async insert(tx, parsed, state, deskId) {
    const [row] = await tx
      .insert(needs)
      .values({
        ...(state.columns as object),
        firmId: String(parsed.firmId),
        deskId,
        externalRef: String(parsed.externalRef),
      } as typeof needs.$inferInsert)
      .returning({ id: needs.id, version: needs.version });
    await replaceNeedChildren(tx, row!.id, state);
    await enqueueIndexing(tx, 'need', row!.id, row!.version);
    return row!.id;
  },
  async update(tx, existing, state) {
    await replaceNeedChildren(tx, existing.id, state);
    await bump(tx, needs, existing, state.columns, 'need');
  },
};

async function replaceNeedChildren(tx: DbOrTx, needId: string, state: DbState) {
  const c = state.children as {
    essentialSkills: string[];
    optionalSkills: string[];
    languages: { code: string; minLevel: string }[];
  };
  await tx.delete(needSkills).where(eq(needSkills.needId, needId));
  await tx.delete(needLanguages).where(eq(needLanguages.needId, needId));
  const skills = [
    ...c.essentialSkills.map((skillUri) => ({ needId, skillUri, relation: 'essential' })),
    ...c.optionalSkills.map((skillUri) => ({ needId, skillUri, relation: 'optional' })),
  ];
  if (skills.length > 0) await tx.insert(needSkills).values(skills);
  if (c.languages.length > 0)
    await tx
      .insert(needLanguages)
      .values(c.languages.map((l) => ({ needId, language: l.code, minLevel: l.minLevel })));
}

// ------------------------------------------------------------------------------- opportunities

const ROLE = /^(.*?)\s*(?:[x×*]\s*(\d+)|\((\d+)\))$/i;

const opportunitiesAdapter: EntityAdapter = {
  entity: 'opportunities',
  indexAs: 'opportunity',
  schema: CreateOpportunitySchema,
  fileFieldOf: {
    kind: 'opportunityType',
    sourceFirmId: 'sourceFirmVat',
    crisisCaseId: 'crisisCaseRef',
    supplyChain: 'supplyChains',
    assetIds: 'assets',
  },
  fileKey: (r) => (r.externalRef === undefined ? undefined : String(r.externalRef)),
  async build(r, ctx) {
    const input: Input = {};
    copy(r, input, ['externalRef', 'title', 'description', 'capitalNeededEur', 'deadline', 'status']);
    if (r.opportunityType !== undefined)
      input.kind = toDomainCode('opportunityType', String(r.opportunityType));
    if (r.sourceFirmVat !== undefined)
      input.sourceFirmId = await firmRef(r.sourceFirmVat, 'sourceFirmVat', ctx);
    await crisisRef(r, input, ctx);
    singleChain(r, input, ctx);
    const m = await place(r, ctx);
    if (m) input.municipality = m;
    if (r.roles) {
      const roles: { occupationUri: string; count: number; keySkills: string[] }[] = [];
      for (const item of r.roles as string[]) {
        const match = ROLE.exec(item.trim());
        const label = match ? match[1]! : item;
        const count = match ? Number(match[2] ?? match[3]) : 1;
        if (!label.trim()) {
          ctx.issue('roles', 'ROLE_INVALID', { value: item });
          continue;
        }
        const uri = await escoOne('occupation', label, 'roles', ctx);
        if (uri) roles.push({ occupationUri: uri, count, keySkills: [] });
      }
      input.roles = roles;
    }
    if (r.assets) {
      const numbers = r.assets as string[];
      const found = await ctx.resolver.assetIds(numbers);
      for (const n of numbers) if (!found.has(n)) ctx.issue('assets', 'ASSET_UNKNOWN', { value: n });
      input.assetIds = numbers.flatMap((n) => (found.has(n) ? [found.get(n)!] : []));
    }
    return input;
  },
  async findExisting(tx, input, deskId) {
    const [o] = await tx
      .select()
      .from(opportunities)
      .where(and(eq(opportunities.deskId, deskId), eq(opportunities.externalRef, String(input.externalRef))));
    if (!o) return undefined;
    const [roleRows, links] = await Promise.all([
      tx
        .select()
        .from(opportunityRoles)
        .where(eq(opportunityRoles.opportunityId, o.id))
        .orderBy(asc(opportunityRoles.id)),
      tx.select().from(opportunityAssets).where(eq(opportunityAssets.opportunityId, o.id)),
    ]);
    const roles = roleRows.map((r) => ({
      occupationUri: r.occupationUri,
      count: r.count,
      keySkills: r.keySkillUris,
    }));
    const assetIds = links.map((l) => l.assetId).sort();
    const columns = {
      kind: o.kind,
      title: o.title,
      description: o.description,
      sourceFirmId: o.sourceFirmId,
      crisisCaseId: o.crisisCaseId,
      ...placeColumns({ country: o.municipalityCountry, code: o.municipalityCode, lat: o.lat, lon: o.lon }),
      capitalNeededEur: o.capitalNeededEur,
      deadline: o.deadline,
      supplyChain: o.supplyChain,
      status: o.status,
    };
    return {
      id: o.id,
      version: o.version,
      deskId: o.deskId,
      input: compact({
        deskId: o.deskId,
        kind: o.kind,
        title: o.title,
        description: o.description,
        sourceFirmId: o.sourceFirmId,
        crisisCaseId: o.crisisCaseId,
        municipality: muni(o),
        capitalNeededEur: o.capitalNeededEur,
        deadline: o.deadline,
        supplyChain: o.supplyChain,
        status: o.status,
        roles,
        assetIds,
      }),
      state: { columns, children: { roles: sortRoles(roles), assetIds } },
    };
  },
  merge(existing, input, deskId) {
    const { externalRef: _e, ...rest } = compact(input);
    return { ...(existing?.input ?? {}), ...rest, deskId };
  },
  toState(p, at) {
    return {
      columns: {
        kind: p.kind,
        title: p.title,
        description: p.description ?? '',
        sourceFirmId: p.sourceFirmId ?? null,
        crisisCaseId: p.crisisCaseId ?? null,
        ...placeColumns(at),
        capitalNeededEur: p.capitalNeededEur ?? null,
        deadline: p.deadline ?? null,
        supplyChain: p.supplyChain ?? null,
        status: p.status ?? 'open',
      },
      children: {
        roles: sortRoles(
          (p.roles as { occupationUri: string; count: number; keySkills: string[] }[] | undefined) ?? [],
        ),
        assetIds: [...new Set((p.assetIds as string[] | undefined) ?? [])].sort(),
      },
    };
  },
  async insert(tx, input, state, deskId) {
    const [row] = await tx
      .insert(opportunities)
      .values({
        ...(state.columns as object),
        deskId,
        externalRef: String(input.externalRef),
      } as typeof opportunities.$inferInsert)
      .returning({ id: opportunities.id, version: opportunities.version });
    await replaceOpportunityChildren(tx, row!.id, state);
    await enqueueIndexing(tx, 'opportunity', row!.id, row!.version);
    return row!.id;
  },
  async update(tx, existing, state) {
    await replaceOpportunityChildren(tx, existing.id, state);
    await bump(tx, opportunities, existing, state.columns, 'opportunity');
  },
};

function sortRoles(roles: { occupationUri: string; count: number; keySkills: string[] }[]) {
  return [...roles]
    .map((r) => ({ occupationUri: r.occupationUri, count: r.count, keySkills: [...r.keySkills].sort() }))
    .sort((a, b) => a.occupationUri.localeCompare(b.occupationUri) || a.count - b.count);
}

async function replaceOpportunityChildren(tx: DbOrTx, opportunityId: string, state: DbState) {
  const c = state.children as {
    roles: { occupationUri: string; count: number; keySkills: string[] }[];
    assetIds: string[];
  };
  await tx.delete(opportunityRoles).where(eq(opportunityRoles.opportunityId, opportunityId));
  await tx.delete(opportunityAssets).where(eq(opportunityAssets.opportunityId, opportunityId));
  if (c.roles.length > 0)
    await tx.insert(opportunityRoles).values(
      c.roles.map((r) => ({
        opportunityId,
        occupationUri: r.occupationUri,
        count: r.count,
        keySkillUris: r.keySkills,
      })),
    );
  if (c.assetIds.length > 0)
    await tx.insert(opportunityAssets).values(c.assetIds.map((assetId) => ({ opportunityId, assetId })));
}

export const ADAPTERS: Readonly<Record<EntityName, EntityAdapter>> = {
  profiles: profilesAdapter,
  assets: assetsAdapter,
  firms: firmsAdapter,
  needs: needsAdapter,
  opportunities: opportunitiesAdapter,
};

/** Stable JSON (sorted keys) so two states compare equal whatever order their fields were set in. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
}
