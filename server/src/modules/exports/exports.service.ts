import { and, eq, inArray } from 'drizzle-orm';
import type { Limits } from '../../auth/limits.js';
import type { Principal } from '../../auth/principal.js';
import { consumeDailyQuota } from '../../auth/quota.js';
import type { Database } from '../../db/client.js';
import { escoLabels } from '../../db/schema.js';
import {
  enumLabel,
  fieldsOf,
  NEED_STATUS,
  type EntityName,
  type EnumDefinition,
  type ExportCell,
  type Lang,
  type Localized,
} from '../../files/index.js';
import { naceLabels } from '../reference/index.js';
import { placeName, valueLabel } from '@rilancio/vocabulary';
import type { IndexName } from '../../search/documents.js';
import type { SearchService } from '../search/index.js';

/** An export holds at most this many rows: the search window (MAX_WINDOW) is the ceiling. */
export const EXPORT_MAX_ROWS = 10_000;
const PAGE = 1000;

interface Column {
  key: string;
  /** The files-layer field with the same meaning: its header and its enum labels are reused. */
  field?: string;
  label?: Localized;
  /** ESCO URIs rendered as preferred labels in the export's language. */
  esco?: boolean;
  /** A NACE code rendered as the activity's name in the export's language. */
  nace?: boolean;
  /** ISO 639 language codes rendered as language names ("it" → "italiano", "italien"). */
  languageNames?: boolean;
  /** A region's or province's official name, said as the export's language says it (Toscana → Toscane). */
  place?: boolean;
  /** A closed vocabulary the files layer does not import, worded by its labels. */
  enumValues?: EnumDefinition;
}

const L = (it: string, fr: string, en: string): Localized => ({ it, fr, en });
const PLACE: Column[] = [
  { key: 'municipality', field: 'municipality' },
  { key: 'province', label: L('Provincia', 'Département', 'Province'), place: true },
  { key: 'region', label: L('Regione', 'Région', 'Region'), place: true },
  { key: 'lat', label: L('Latitudine', 'Latitude', 'Latitude') },
  { key: 'lon', label: L('Longitudine', 'Longitude', 'Longitude') },
];

/**
 * What each export shows: the search index's documents, so an export is exactly the list the user
 * searched. Profiles are index documents too, hence pseudonymous: a code, never a name or contact.
 */
const COLUMNS: Record<IndexName, { entity: EntityName; columns: Column[] }> = {
  assets: {
    entity: 'assets',
    columns: [
      { key: 'title', field: 'title' },
      { key: 'kind', field: 'kind' },
      { key: 'category', field: 'category' },
      { key: 'status', field: 'status' },
      { key: 'availability', field: 'availability' },
      { key: 'condition', field: 'condition' },
      { key: 'coveredAreaM2', field: 'coveredAreaM2' },
      { key: 'landAreaM2', field: 'landAreaM2' },
      { key: 'heightM', field: 'heightM' },
      { key: 'craneTonnage', field: 'craneTonnage' },
      { key: 'powerKw', field: 'powerKw' },
      { key: 'powerKva', field: 'powerKva' },
      { key: 'quayAccess', field: 'quayAccess' },
      { key: 'draftM', field: 'draftM' },
      { key: 'priceEur', field: 'priceEur' },
      { key: 'rentEurMonth', field: 'rentEurMonth' },
      { key: 'availableFrom', field: 'availableFrom' },
      { key: 'availableUntil', field: 'availableUntil' },
      { key: 'supplyChains', field: 'supplyChains' },
      { key: 'description', field: 'description' },
      ...PLACE,
    ],
  },
  profiles: {
    entity: 'profiles',
    columns: [
      { key: 'code', label: L('Codice pseudonimo', 'Code pseudonyme', 'Pseudonymous code') },
      { key: 'occupationUris', field: 'occupations', esco: true },
      { key: 'skillUris', field: 'skills', esco: true },
      { key: 'languages', field: 'languages', languageNames: true },
      { key: 'eqfLevel', field: 'eqfLevel' },
      { key: 'drivingLicences', field: 'drivingLicences' },
      { key: 'employmentStatus', field: 'employmentStatus' },
      { key: 'desiredPaths', field: 'desiredPaths' },
      { key: 'supplyChains', field: 'supplyChains' },
      { key: 'mobilityKm', field: 'mobilityKm' },
      { key: 'availableFrom', field: 'availableFrom' },
      ...PLACE,
    ],
  },
  needs: {
    entity: 'needs',
    columns: [
      { key: 'title', field: 'title' },
      { key: 'type', field: 'needType' },
      { key: 'status', label: L('Stato', 'Statut', 'Status'), enumValues: NEED_STATUS },
      { key: 'occupationUri', field: 'occupation', esco: true },
      { key: 'skillUris', field: 'essentialSkills', esco: true },
      { key: 'positions', field: 'positions' },
      { key: 'assetKind', field: 'assetKind' },
      { key: 'assetCategory', field: 'assetCategory' },
      { key: 'radiusKm', field: 'radiusKm' },
      { key: 'startDate', field: 'startDate' },
      { key: 'expiresAt', field: 'expiresAt' },
      { key: 'supplyChain', field: 'supplyChains' },
      ...PLACE,
    ],
  },
  firms: {
    entity: 'firms',
    columns: [
      { key: 'name', field: 'name' },
      // The code is what a re-import reads (its header says it is a code); the name is for people.
      { key: 'naceCode', field: 'naceCode' },
      {
        key: 'naceCode',
        nace: true,
        label: L('Attività economica (ATECO / NACE)', 'Activité (NAF / NACE)', 'Economic activity (NACE)'),
      },
      { key: 'sizeBand', field: 'sizeBand' },
      { key: 'state', field: 'state' },
      { key: 'supplyChains', field: 'supplyChains' },
      ...PLACE,
    ],
  },
  opportunities: {
    entity: 'opportunities',
    columns: [
      { key: 'title', field: 'title' },
      { key: 'kind', field: 'opportunityType' },
      { key: 'status', field: 'status' },
      { key: 'roleOccupationUris', field: 'roles', esco: true },
      { key: 'capitalNeededEur', field: 'capitalNeededEur' },
      { key: 'deadline', field: 'deadline' },
      { key: 'supplyChain', field: 'supplyChains' },
      ...PLACE,
    ],
  },
};

/** The entity's field definitions, plus shared ones an entity's file lacks (assets have no supply-chain column). */
function fieldMap(entity: EntityName) {
  return new Map([...fieldsOf('profiles'), ...fieldsOf(entity)].map((f) => [f.name, f]));
}

export function exportHeader(index: IndexName, lang: Lang): string[] {
  const spec = COLUMNS[index];
  const fields = fieldMap(spec.entity);
  return spec.columns.map((c) => (c.label ?? fields.get(c.field!)!.label)[lang]);
}

export function createExportService(
  db: Database,
  search: SearchService,
  limits: Pick<Limits, 'companyExportsPerDay'>,
) {
  async function preferredLabels(uris: string[], lang: Lang): Promise<Map<string, string>> {
    if (uris.length === 0) return new Map();
    const rows = await db
      .select({ uri: escoLabels.conceptUri, label: escoLabels.label, lang: escoLabels.lang })
      .from(escoLabels)
      .where(and(inArray(escoLabels.conceptUri, uris), eq(escoLabels.preferred, true)));
    const out = new Map<string, string>();
    // The user's language first, English when the reference data lacks it.
    for (const r of rows) if (r.lang === 'en' && !out.has(r.uri)) out.set(r.uri, r.label);
    for (const r of rows) if (r.lang === lang) out.set(r.uri, r.label);
    return out;
  }

  /**
   * The rows of an export, header first, paging through the same search the list page ran (same
   * filters, same role rules), up to EXPORT_MAX_ROWS. Lazy: one search page in memory at a time.
   */
  async function* rows(
    index: IndexName,
    query: Record<string, string | number | undefined>,
    principal: Principal,
    lang: Lang,
  ): AsyncGenerator<ExportCell[]> {
    // A company's exports are capped per day against scraping (C6): over the cap, 429 and a security event.
    // Counted on the first read, which the route makes before sending anything, so the 429 is clean.
    await consumeDailyQuota(db, principal, 'exports', limits.companyExportsPerDay);
    const spec = COLUMNS[index];
    const fields = fieldMap(spec.entity);
    // The first page is searched before the header is yielded: the route reads one item before it sends
    // a byte, so a bad filter (400), a refused role (403) or an outage (503) is a clean answer, not a
    // download cut off after its header (found by the fuzz run).
    let page = await search.search(index, { ...query, limit: PAGE, offset: 0 }, principal);
    yield exportHeader(index, lang);
    for (let offset = 0; offset < EXPORT_MAX_ROWS; offset += PAGE) {
      if (offset > 0) page = await search.search(index, { ...query, limit: PAGE, offset }, principal);
      const docs = page.hits.map((h) => h.doc);
      const uris = new Set<string>();
      for (const d of docs)
        for (const c of spec.columns)
          if (c.esco) for (const u of [d[c.key]].flat()) if (typeof u === 'string') uris.add(u);
      const labels = await preferredLabels([...uris], lang);
      const naceCodes = spec.columns.some((c) => c.nace)
        ? docs.map((d) => d.naceCode).filter((c): c is string => typeof c === 'string')
        : [];
      const activities = await naceLabels(db, naceCodes, lang);
      for (const d of docs) {
        yield spec.columns.map((c) => {
          const loc = d.location as { lat: number; lon: number } | undefined;
          const value = c.key === 'lat' ? loc?.lat : c.key === 'lon' ? loc?.lon : d[c.key];
          if (value === undefined || value === null) return null;
          if (c.esco)
            return [value]
              .flat()
              .map((u) => labels.get(String(u)))
              .filter((l): l is string => !!l)
              .join('; ');
          if (c.nace) return activities.get(String(value)) ?? null;
          if (c.languageNames)
            return [value]
              .flat()
              .map((code) => languageName(String(code), lang))
              .join('; ');
          if (c.enumValues) return enumLabel(c.enumValues, String(value), lang);
          if (c.place) return placeName(String(value), lang);
          const field = c.field ? fields.get(c.field) : undefined;
          const one = (v: unknown): string | number | boolean => {
            if (typeof v === 'number' || typeof v === 'boolean') return v;
            const s = String(v);
            if (field?.enumValues) return enumLabel(field.enumValues, s, lang);
            if (field?.type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(s) && lang !== 'en')
              return `${s.slice(8, 10)}/${s.slice(5, 7)}/${s.slice(0, 4)}`;
            return s;
          };
          if (Array.isArray(value)) return value.map((v) => String(one(v))).join('; ');
          if (c.key === 'category' || c.key === 'assetCategory')
            return valueLabel('category', String(value), lang) ?? String(value);
          return one(value);
        });
      }
      if (docs.length < PAGE || offset + PAGE >= page.total) break;
    }
  }

  return { rows };
}
export type ExportService = ReturnType<typeof createExportService>;

const LANGUAGE_NAMES = new Map<Lang, Intl.DisplayNames>();
/** A language's name in the export's language ("fr" → "francese"); the code when ICU does not know it. */
function languageName(code: string, lang: Lang): string {
  let names = LANGUAGE_NAMES.get(lang);
  if (!names) LANGUAGE_NAMES.set(lang, (names = new Intl.DisplayNames([lang], { type: 'language' })));
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}
