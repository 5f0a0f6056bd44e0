import { inArray } from 'drizzle-orm';
import { assets } from '../../../db/schema.js';
import { ASSET_SPEC, insertAssets } from '../../assets/index.js';
import { CreateAssetSchema } from '../../assets/index.js';
import {
  type Input,
  type ExistingRecord,
  type EntityAdapter,
  compact,
  copy,
  category,
  place,
  escoList,
  firmRef,
  crisisRef,
  muni,
  writeOver,
  placeColumns,
} from './common.js';

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
    owner: ASSET_SPEC.owned.owner(a),
    input: compact({
      ...rest,
      deskId: a.deskId,
      inventoryNumber: a.inventoryNumber,
      municipality: muni(a),
    }),
    state: { columns, children: {} },
  };
}

export const assetsAdapter: EntityAdapter = {
  entity: 'assets',
  spec: ASSET_SPEC as unknown as EntityAdapter['spec'],
  schema: CreateAssetSchema,
  fileFieldOf: { ownerFirmId: 'ownerFirmVat', crisisCaseId: 'crisisCaseRef', requiredSkillUris: 'skills' },
  fileKey: (r) => (r.inventoryNumber === undefined ? undefined : String(r.inventoryNumber)),
  async build(r, ctx) {
    const input: Input = {};
    copy(r, input, ASSET_SCALARS);
    if (r.category !== undefined) input.category = category(r.category, 'category', ctx);
    if (r.condition !== undefined) input.condition = r.condition;
    if (r.availability !== undefined) input.availability = r.availability;
    if (r.supplyChains) input.supplyChains = r.supplyChains;
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
    await insertAssets(
      tx,
      items.map(
        ({ input, state }) =>
          ({
            ...(state.columns as object),
            deskId,
            inventoryNumber: String(input.inventoryNumber),
          }) as typeof assets.$inferInsert,
      ),
    );
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
  update: (tx, existing, state, principal) => writeOver(assetsAdapter.spec)(tx, existing, state, principal),
};
