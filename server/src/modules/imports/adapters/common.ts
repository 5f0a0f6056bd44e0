import type { z } from 'zod';
import type { Owner } from '../../../auth/policy.js';
import type { Principal } from '../../../auth/principal.js';
import type { DbOrTx } from '../../../db/client.js';
import { ASSET_CATEGORIES } from '../../../domain/vocabulary.js';
import { FORMER_CATEGORY_WORDS, wordsOf } from '../../../domain/vocabulary-labels.js';
import { normalizeKey, type EntityName, type ImportRecord } from '../../../files/index.js';
import { updateVersioned, type VersionedSpec } from '../../shared/versioned.js';
import { type ImportIssueCode, type Suggestion } from '../import-codes.js';
import type { Place, ReferenceResolver } from '../reference-resolver.js';

export type Input = Record<string, unknown>;

/** What a row becomes in the database: the entity's own columns and its child rows, comparable as JSON. */
export interface DbState {
  columns: Record<string, unknown>;
  children: Record<string, unknown[]>;
}

export interface ExistingRecord {
  id: string;
  /** The version read: the update is written only if it is still the stored one. */
  version: number;
  /** The desk that owns it (null for a firm shared by the network). */
  deskId: string | null;
  /** Its owner under the access policy, as read. */
  owner: Owner;
  /** The record in the API's create shape, nulls left out, to merge the file's columns over. */
  input: Input;
  state: DbState;
}

/** What an adapter needs from the running import while it builds one row. */
export interface RowContext {
  /** The ESCO URI the desk accepted for this cell text in this field (ImportOptions.corrections). */
  corrected(field: string, value: string): string | undefined;
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
  /** The entity's versioned spec, shared with its API service: the same policy, table and outbox. */
  spec: VersionedSpec<never> & { owned: NonNullable<VersionedSpec<never>['owned']> };
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
  /** Creates records through the entity's repository (the API's write path): `input` gives the natural key. */
  insertMany(tx: DbOrTx, items: { input: Input; state: DbState }[], deskId: string): Promise<void>;
  /** The existing record with the row's values over it; undefined values mean "keep". */
  merge(existing: ExistingRecord | undefined, input: Input, deskId: string): Input;
  toState(parsed: Input, place: Place): DbState;
  /**
   * Writes `state` over the record read as `existing`, as `principal` (the job's desk), only if its
   * version is still the one read: a change committed since answers 409 instead of being overwritten.
   */
  update(tx: DbOrTx, existing: ExistingRecord, state: DbState, principal: Principal): Promise<void>;
}

/** Drops null and undefined values: an existing record's empty fields must not fail the create schema. */
export function compact(input: Input): Input {
  const out: Input = {};
  for (const [k, v] of Object.entries(input)) if (v !== null && v !== undefined) out[k] = v;
  return out;
}

/** Copies the row's values of the given fields, renaming file fields to API fields. */
export function copy(record: ImportRecord, input: Input, fields: readonly (string | [string, string])[]) {
  for (const f of fields) {
    const [from, to] = typeof f === 'string' ? [f, f] : f;
    if (record[from] !== undefined) input[to] = record[from];
  }
}

export function singleChain(record: ImportRecord, input: Input, ctx: RowContext) {
  const chains = record.supplyChains as string[] | undefined;
  if (!chains) return;
  if (chains.length > 1) ctx.issue('supplyChains', 'SINGLE_VALUE_EXPECTED', { value: chains.join('; ') });
  input.supplyChain = chains[0];
}

export const CATEGORY_INDEX = (() => {
  const map = new Map<string, string>();
  for (const code of ASSET_CATEGORIES) {
    map.set(normalizeKey(code), code);
    for (const label of [...wordsOf('category', code), ...(FORMER_CATEGORY_WORDS[code] ?? [])])
      map.set(normalizeKey(label), code);
  }
  return map;
})();

export function category(raw: unknown, field: string, ctx: RowContext): string | undefined {
  const code = CATEGORY_INDEX.get(normalizeKey(String(raw)));
  if (!code) ctx.issue(field, 'CATEGORY_INVALID', { value: raw });
  return code;
}

export async function place(record: ImportRecord, ctx: RowContext) {
  if (record.municipality === undefined) return undefined;
  const found = await ctx.resolver.municipality(String(record.municipality));
  if (found.ok) return { country: found.value.country, code: found.value.code };
  ctx.issue('municipality', found.code, { value: record.municipality, suggestions: found.suggestions });
  return undefined;
}

/** Why an ESCO value did not resolve: an unknown URI and an ambiguous label say so; the rest is unrecognised. */
export const escoIssue = (code: ImportIssueCode, unrecognised: ImportIssueCode): ImportIssueCode =>
  code === 'ESCO_URI_UNKNOWN' || code === 'ESCO_AMBIGUOUS' ? code : unrecognised;

/**
 * ESCO list items: what the resolver reads for certain resolves; the rest is reported on the column with
 * the value, the reason and suggestions. `severity` 'warning' leaves the item out of a row that is still
 * written (skills); 'error' keeps the row out (a profile's occupations: a person imported without the
 * occupation they named could never be matched, issue 17).
 */
export async function escoList(
  kind: 'occupation' | 'skill',
  items: unknown,
  field: string,
  ctx: RowContext,
  severity: 'error' | 'warning' = 'warning',
) {
  const uris: string[] = [];
  for (const item of items as string[]) {
    const found = await ctx.resolver.esco(kind, ctx.corrected(field, item) ?? item);
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

export async function escoOne(kind: 'occupation' | 'skill', raw: unknown, field: string, ctx: RowContext) {
  const found = await ctx.resolver.esco(kind, ctx.corrected(field, String(raw)) ?? String(raw));
  if (found.ok) return found.value;
  ctx.issue(field, escoIssue(found.code, 'ESCO_REQUIRED_SUGGESTION'), {
    value: raw,
    suggestions: found.suggestions,
  });
  return undefined;
}

export async function firmRef(raw: unknown, field: string, ctx: RowContext) {
  const found = await ctx.resolver.firm(String(raw));
  if (found.ok) return found.value;
  ctx.issue(field, found.code, { value: raw });
  return undefined;
}

export async function crisisRef(record: ImportRecord, input: Input, ctx: RowContext) {
  if (record.crisisCaseRef === undefined) return;
  const found = await ctx.resolver.crisisCase(String(record.crisisCaseRef));
  if (found.ok) input.crisisCaseId = found.value;
  else ctx.issue('crisisCaseRef', found.code, { value: record.crisisCaseRef });
}

export const placeColumns = (p: Place) => ({
  municipalityCountry: p.country,
  municipalityCode: p.code,
  lat: p.lat,
  lon: p.lon,
});
export const muni = (row: { municipalityCountry: string; municipalityCode: string }) => ({
  country: row.municipalityCountry,
  code: row.municipalityCode,
});

/** The versioned update every adapter shares: the entity's spec, the policy, `WHERE version = $read`. */
export function writeOver(spec: EntityAdapter['spec']) {
  return (tx: DbOrTx, existing: ExistingRecord, state: DbState, principal: Principal) =>
    updateVersioned(tx, spec, {
      id: existing.id,
      expectedVersion: existing.version,
      owner: existing.owner,
      values: state.columns,
      principal,
    }).then(() => undefined);
}
