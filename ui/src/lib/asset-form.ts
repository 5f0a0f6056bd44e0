// The asset form's values, how an asset becomes them and how they become the API's bodies. One form for
// "new" and "edit". Numbers are kept as typed (text) and read in the UI's language (number-input.ts), so
// "1.500" and "2,5" mean what an Italian or French user means; a field that does not apply to the kind
// (a lathe has no covered area) is not sent, as the server would refuse it.
import { KIND_SPECIFIC_FIELDS } from '@rilancio/vocabulary';
import { ASSET_FORM_KINDS } from '$lib/api/enums';
import type { CreateBody, Item, UpdateBody } from '$lib/api/types';
import { changes, orNull } from '$lib/forms';
import { parseLocaleNumber } from '$lib/number-input';

/** An asset kind as the server's OpenAPI document lists them (a renamed kind fails the type check here). */
type AssetKind = (typeof ASSET_FORM_KINDS)[number];

/** Which kinds each kind-specific field applies to: the server's own rule, from the shared package. */
export const KIND_SPECIFIC: Readonly<Record<string, readonly AssetKind[]>> = KIND_SPECIFIC_FIELDS;

export const applies = (field: string, kind: string) =>
  !KIND_SPECIFIC[field] || (KIND_SPECIFIC[field] as readonly string[]).includes(kind);

/** Number fields with their unit, their upper bound (the server's) and whether they are whole numbers. */
export const NUMBER_FIELDS = {
  coveredAreaM2: { unit: 'm²', max: 10_000_000 },
  landAreaM2: { unit: 'm²', max: 100_000_000 },
  heightM: { unit: 'm', max: 200 },
  powerKw: { unit: 'kW', max: 1_000_000 },
  powerKva: { unit: 'kVA', max: 1_000_000 },
  craneTonnage: { unit: 't', max: 5_000 },
  loadingBays: { unit: '', max: 500, integer: true },
  draftM: { unit: 'm', max: 50 },
  distanceToPortKm: { unit: 'km', max: 1000 },
  priceEur: { unit: '€', max: 1e10 },
  rentEurMonth: { unit: '€', max: 1e8 },
  year: { unit: '', max: 2100, min: 1900, integer: true },
} as const satisfies Record<string, { unit: string; max: number; min?: number; integer?: boolean }>;
export type NumberField = keyof typeof NUMBER_FIELDS;
const FLAG_FIELDS = ['quayAccess', 'slipway', 'maritimeConcession'] as const;

export interface AssetValues {
  /** The desk that records the asset: chosen only by a user who belongs to none (marketing, admin). */
  deskId: string | null;
  inventoryNumber: string;
  title: string;
  description: string;
  kind: string;
  category: string;
  status: string;
  availability: string;
  condition: string | null;
  brand: string;
  model: string;
  numbers: Record<NumberField, string>;
  quayAccess: boolean;
  slipway: boolean;
  maritimeConcession: boolean;
  supplyChains: string[];
  municipalityName: string;
  municipality: { country: 'IT' | 'FR'; code: string } | null;
  availableFrom: string;
  availableUntil: string;
  crisisCaseId: string | null;
}

/** The fields a server message may name. */
export const ASSET_FIELDS = [
  'deskId',
  'inventoryNumber',
  'title',
  'description',
  'kind',
  'category',
  'status',
  'availability',
  'condition',
  'brand',
  'model',
  ...(Object.keys(NUMBER_FIELDS) as NumberField[]),
  ...FLAG_FIELDS,
  'supplyChains',
  'municipality',
  'availableFrom',
  'availableUntil',
  'crisisCaseId',
] as const;

const noNumbers = () =>
  Object.fromEntries(Object.keys(NUMBER_FIELDS).map((k) => [k, ''])) as Record<NumberField, string>;

export function emptyAsset(): AssetValues {
  return {
    deskId: null,
    inventoryNumber: '',
    title: '',
    description: '',
    kind: 'building',
    category: 'warehouse',
    status: 'available',
    availability: 'lease',
    condition: null,
    brand: '',
    model: '',
    numbers: noNumbers(),
    quayAccess: false,
    slipway: false,
    maritimeConcession: false,
    supplyChains: [],
    municipalityName: '',
    municipality: null,
    availableFrom: '',
    availableUntil: '',
    crisisCaseId: null,
  };
}

/** A number as the UI writes it in the user's language, for the edit form. */
const shown = (n: number | null, locale: string) =>
  n === null || n === undefined
    ? ''
    : new Intl.NumberFormat(locale, { useGrouping: false, maximumFractionDigits: 6 }).format(n);

export function fromAsset(a: Item<'assets'>, locale: string): AssetValues {
  const numbers = noNumbers();
  for (const k of Object.keys(NUMBER_FIELDS) as NumberField[])
    numbers[k] = shown(a[k] as number | null, locale);
  return {
    deskId: a.deskId,
    inventoryNumber: a.inventoryNumber,
    title: a.title,
    description: a.description,
    kind: a.kind,
    category: a.category,
    status: a.status,
    availability: a.availability,
    condition: a.condition,
    brand: a.brand ?? '',
    model: a.model ?? '',
    numbers,
    quayAccess: a.quayAccess,
    slipway: a.slipway,
    maritimeConcession: a.maritimeConcession,
    supplyChains: [...a.supplyChains],
    municipalityName: a.municipality?.name ?? '',
    municipality: a.municipality
      ? { country: a.municipality.country === 'FR' ? 'FR' : 'IT', code: a.municipality.code }
      : null,
    availableFrom: a.availableFrom?.slice(0, 10) ?? '',
    availableUntil: a.availableUntil?.slice(0, 10) ?? '',
    crisisCaseId: a.crisisCaseId,
  };
}

export type NumberProblem = {
  field: NumberField;
  kind: 'nan' | 'range' | 'integer';
  min: number;
  max: number;
};

/** The numbers read in the user's language, or the first problem of each field. */
export function readNumbers(v: AssetValues, locale: string) {
  const values: Partial<Record<NumberField, number | null>> = {};
  const problems: NumberProblem[] = [];
  for (const [field, spec] of Object.entries(NUMBER_FIELDS) as [
    NumberField,
    (typeof NUMBER_FIELDS)[NumberField],
  ][]) {
    if (!applies(field, v.kind)) continue;
    const text = v.numbers[field].trim();
    if (!text) {
      values[field] = null;
      continue;
    }
    const r = parseLocaleNumber(text, locale);
    const min = 'min' in spec ? spec.min : 0;
    if (!r.ok) problems.push({ field, kind: 'nan', min, max: spec.max });
    else if ('integer' in spec && !Number.isInteger(r.value))
      problems.push({ field, kind: 'integer', min, max: spec.max });
    else if (r.value < min || r.value > spec.max) problems.push({ field, kind: 'range', min, max: spec.max });
    else values[field] = r.value;
  }
  return { values, problems };
}

/**
 * What the likely-duplicate check compares of an asset being registered: its kind and town, with its
 * areas, brand and model when given. Null until the kind and the town are chosen.
 */
export function duplicateDraft(v: AssetValues, locale: string) {
  if (!v.municipality || !ASSET_KIND_SET.has(v.kind)) return null;
  const { values } = readNumbers(v, locale);
  return {
    entity: 'assets' as const,
    body: {
      kind: v.kind as AssetKind,
      municipality: v.municipality,
      coveredAreaM2: values.coveredAreaM2 ?? null,
      landAreaM2: values.landAreaM2 ?? null,
      brand: v.brand.trim() || null,
      model: v.model.trim() || null,
    },
  };
}
const ASSET_KIND_SET: ReadonlySet<string> = new Set(ASSET_FORM_KINDS);

type Body = CreateBody<'assets'>;

function common(v: AssetValues, locale: string) {
  const { values } = readNumbers(v, locale);
  const kindFields = Object.fromEntries(
    [...FLAG_FIELDS].filter((f) => applies(f, v.kind)).map((f) => [f, v[f]]),
  );
  return {
    title: v.title.trim(),
    description: v.description,
    kind: v.kind,
    category: v.category,
    status: v.status,
    availability: v.availability,
    condition: v.condition,
    ...(applies('brand', v.kind) ? { brand: orNull(v.brand) } : {}),
    ...(applies('model', v.kind) ? { model: orNull(v.model) } : {}),
    ...values,
    ...kindFields,
    supplyChains: v.supplyChains,
    municipality: v.municipality!,
    availableFrom: orNull(v.availableFrom),
    availableUntil: orNull(v.availableUntil),
    crisisCaseId: v.crisisCaseId,
  };
}

export function createBody(v: AssetValues, deskId: string | null | undefined, locale: string): Body {
  return {
    ...(deskId ? { deskId } : {}),
    inventoryNumber: v.inventoryNumber.trim(),
    ...common(v, locale),
  } as Body;
}

/**
 * Only what changed, with the version read. A field that no longer applies to a changed kind is sent as
 * null (false for a flag), so the stored record drops it rather than the server refusing the kind.
 */
export function updateBody(
  before: AssetValues,
  after: AssetValues,
  version: number,
  locale: string,
): UpdateBody<'assets'> {
  const b = common(before, locale) as Record<string, unknown>;
  const a = common(after, locale) as Record<string, unknown>;
  for (const field of Object.keys(KIND_SPECIFIC))
    if (!applies(field, after.kind) && applies(field, before.kind))
      a[field] = (FLAG_FIELDS as readonly string[]).includes(field) ? false : null;
  return { ...changes(b, a), version } as UpdateBody<'assets'>;
}
