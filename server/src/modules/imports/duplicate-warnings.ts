import { valueLabel, type VocabularyLang } from '@rilancio/vocabulary';
import type { Principal } from '../../auth/principal.js';
import type { DbOrTx } from '../../db/client.js';
import type { EntityName, Localized } from '../../files/index.js';
import {
  findAssets,
  findFirms,
  findPeople,
  findWithinBatch,
  visibleTo,
  type EarlierRows,
  type FileRow,
  type LookupOptions,
  type ReasonCode,
} from '../duplicates/index.js';
import type { ReportEntry } from './import-codes.js';

type Value = Record<string, unknown>;
type Place = { country: string; code: string };
const s = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
const n = (v: unknown) => (typeof v === 'number' ? v : null);

/** The words of a warning, in the report's three languages, with the reasons spelled out. */
function message(score: number, reasons: readonly ReasonCode[] | null): Localized {
  const percent = `${Math.round(score * 100)}%`;
  const why = (lang: VocabularyLang) =>
    reasons ? `: ${reasons.map((r) => valueLabel('duplicateReason', r, lang) ?? r).join(', ')}` : '';
  return reasons
    ? {
        it: `Probabile doppione di un record già registrato (${percent})${why('it')}. Riga importata: verificare e, se è lo stesso, unire.`,
        fr: `Doublon probable d’un enregistrement existant (${percent})${why('fr')}. Ligne importée : vérifier et, si c’est le même, fusionner.`,
        en: `Likely duplicate of an existing record (${percent})${why('en')}. Row imported: check it and merge if it is the same.`,
      }
    : {
        it: `Un probabile doppione è registrato presso un altro sportello (${percent}). Riga importata.`,
        fr: `Un doublon probable est enregistré auprès d’un autre guichet (${percent}). Ligne importée.`,
        en: `A likely duplicate is registered at another desk (${percent}). Row imported.`,
      };
}

const why = (reasons: readonly ReasonCode[], lang: VocabularyLang) =>
  reasons.map((r) => valueLabel('duplicateReason', r, lang) ?? r).join(', ');

/** The words of a warning about an earlier row of the same file. */
function inFileMessage(row: number, score: number, reasons: readonly ReasonCode[]): Localized {
  const percent = `${Math.round(score * 100)}%`;
  return {
    it: `Probabile doppione della riga ${row} di questo file (${percent}): ${why(reasons, 'it')}. Riga importata: verificare e, se è lo stesso, unire.`,
    fr: `Doublon probable de la ligne ${row} de ce fichier (${percent}) : ${why(reasons, 'fr')}. Ligne importée : vérifier et, si c’est le même, fusionner.`,
    en: `Likely duplicate of row ${row} of this file (${percent}): ${why(reasons, 'en')}. Row imported: check it and merge if it is the same.`,
  };
}

const placeOf = (v: Value) =>
  v.municipality ? `${(v.municipality as Place).country}:${(v.municipality as Place).code}` : '';

/** The records whose rows are compared with the file's other rows (people, assets and firms). */
export const isComparedInFile = (entity: EntityName): entity is 'profiles' | 'assets' | 'firms' =>
  entity === 'profiles' || entity === 'assets' || entity === 'firms';

/**
 * Warnings for rows that look like an earlier row of the same file: the file names the same person, asset
 * or firm twice (stored records are compared by `duplicateWarnings`). One query per batch. `earlier` holds
 * the file's earlier batches where they are not stored (a dry run); the rows to remember come back with
 * the warnings, for `earlier.remember` once the batch is through.
 */
export async function inFileWarnings(
  tx: DbOrTx,
  entity: EntityName,
  rows: readonly { row: number; field: string; value: Value }[],
  earlier?: EarlierRows,
): Promise<{ warnings: ReportEntry[]; remember: FileRow[] }> {
  if (!isComparedInFile(entity)) return { warnings: [], remember: [] };
  if (rows.length === 0 || (rows.length === 1 && !earlier)) return { warnings: [], remember: [] };
  const { found, rows: keyed } = await findWithinBatch(
    tx,
    entity,
    rows.map(({ row, value: v }) => ({
      rowNumber: row,
      text: {
        firstName: s(v.firstName),
        lastName: s(v.lastName),
        email: s(v.email),
        phone: s(v.phone),
        name: s(v.name),
        vatNumber: s(v.vatNumber),
        siret: s(v.siret),
        brand: s(v.brand),
        model: s(v.model),
      },
      place: placeOf(v),
      ...(entity === 'assets'
        ? {
            asset: {
              kind: String(v.kind),
              area: n(v.coveredAreaM2) ?? n(v.landAreaM2),
              year: n(v.year),
              ownerFirmId: s(v.ownerFirmId),
            },
          }
        : {}),
    })),
    earlier,
  );
  const warnings = rows.flatMap((r, i) => {
    const first = found[i];
    if (!first) return [];
    return [
      {
        row: r.row,
        field: r.field,
        value: String(first.rowNumber),
        code: 'LIKELY_DUPLICATE_IN_FILE',
        message: inFileMessage(first.rowNumber, first.score, first.reasons as ReasonCode[]),
        score: first.score,
        reasons: first.reasons,
        severity: 'warning' as const,
      },
    ];
  });
  return { warnings, remember: keyed };
}

/**
 * Warnings for rows that look like records already stored: one lookup per batch, whatever its size.
 * The row is written all the same (a warning, not an error). What the report names follows the same
 * policy as the duplicates page: a record the job's principal may see by its reference (a person by
 * pseudonymous code, never by name, since reports are kept and exported); another desk's person as a flag.
 */
export async function duplicateWarnings(
  tx: DbOrTx,
  entity: EntityName,
  rows: readonly { row: number; field: string; value: Value; excludeId: string | null }[],
  principal: Principal,
  /** How to ask; `skip`: stored records not to name (another batch of the file updates them). */
  lookup: LookupOptions = {},
): Promise<ReportEntry[]> {
  if (rows.length === 0) return [];
  const found =
    entity === 'profiles'
      ? await findPeople(
          tx,
          rows.map(({ value: v, excludeId }) => ({
            firstName: String(v.firstName ?? ''),
            lastName: String(v.lastName ?? ''),
            email: s(v.email),
            phone: s(v.phone),
            municipality: v.municipality
              ? `${(v.municipality as Place).country}:${(v.municipality as Place).code}`
              : '',
            excludeId,
          })),
          lookup,
        )
      : entity === 'assets'
        ? await findAssets(
            tx,
            rows.map(({ value: v, excludeId }) => ({
              kind: String(v.kind),
              municipality: v.municipality as Place,
              coveredAreaM2: n(v.coveredAreaM2),
              landAreaM2: n(v.landAreaM2),
              brand: s(v.brand),
              model: s(v.model),
              year: n(v.year),
              ownerFirmId: s(v.ownerFirmId),
              excludeId,
            })),
            lookup,
          )
        : entity === 'firms'
          ? await findFirms(
              tx,
              rows.map(({ value: v, excludeId }) => ({
                name: String(v.name ?? ''),
                vatNumber: s(v.vatNumber),
                siret: s(v.siret),
                municipality: v.municipality
                  ? `${(v.municipality as Place).country}:${(v.municipality as Place).code}`
                  : null,
                excludeId,
              })),
              lookup,
            )
          : rows.map(() => []);
  return rows.flatMap((r, i) => {
    const list = found[i]!;
    if (list.length === 0) return [];
    const view = visibleTo(principal, list);
    const best = view.items[0];
    if (best) {
      const shown = list.find((f) => f.id === best.id)!;
      return [
        {
          row: r.row,
          field: r.field,
          value: (entity === 'profiles' ? shown.code : shown.reference) ?? shown.label,
          code: 'LIKELY_DUPLICATE',
          message: message(best.score, best.reasons),
          score: best.score,
          reasons: best.reasons,
          severity: 'warning' as const,
        },
      ];
    }
    return [
      {
        row: r.row,
        field: r.field,
        code: 'LIKELY_DUPLICATE_ELSEWHERE',
        message: message(view.elsewhere!.score, null),
        score: view.elsewhere!.score,
        severity: 'warning' as const,
      },
    ];
  });
}
