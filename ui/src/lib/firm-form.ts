// The firm form's values and the API bodies made from them; one form for "new" and "edit".
import type { CreateBody, Item, UpdateBody } from '$lib/api/types';
import { changes } from '$lib/forms';

export interface FirmValues {
  /** The desk that registers the firm: chosen only by a user who belongs to none (an administrator). */
  deskId: string | null;
  name: string;
  country: 'IT' | 'FR';
  /** Partita IVA (Italy) or SIRET (France): the firm's identity, set once at registration. */
  vatNumber: string;
  siret: string;
  naceCode: string;
  /** The activity's name, shown in the picker's box (the code is what the API keeps). */
  naceLabel: string;
  supplyChains: string[];
  municipalityName: string;
  municipality: { country: 'IT' | 'FR'; code: string } | null;
  sizeBand: string | null;
  state: string;
}

export const FIRM_FIELDS = [
  'deskId',
  'name',
  'country',
  'vatNumber',
  'siret',
  'naceCode',
  'supplyChains',
  'municipality',
  'sizeBand',
  'state',
] as const;

export function emptyFirm(): FirmValues {
  return {
    deskId: null,
    name: '',
    country: 'IT',
    vatNumber: '',
    siret: '',
    naceCode: '',
    naceLabel: '',
    supplyChains: [],
    municipalityName: '',
    municipality: null,
    sizeBand: null,
    state: 'active',
  };
}

export function fromFirm(f: Item<'firms'>, naceLabel: string): FirmValues {
  return {
    deskId: f.deskId,
    name: f.name,
    country: f.country === 'FR' ? 'FR' : 'IT',
    vatNumber: f.vatNumber ?? '',
    siret: f.siret ?? '',
    naceCode: f.naceCode ?? '',
    naceLabel,
    supplyChains: [...f.supplyChains],
    municipalityName: f.municipality?.name ?? '',
    municipality: f.municipality
      ? { country: f.municipality.country === 'FR' ? 'FR' : 'IT', code: f.municipality.code }
      : null,
    sizeBand: f.sizeBand,
    state: f.state,
  };
}

/** Spaces and dots people type in tax numbers (`IT 01234567890`, `123 456 789 00012`) are not part of it. */
export const taxDigits = (s: string) => s.replace(/^IT/i, '').replace(/[\s.\-\u00a0]/g, '');

/** The identity check the API makes, said before sending: 11 digits for a partita IVA, 14 for a SIRET. */
export function taxNumberProblem(v: FirmValues): 'vatNumber' | 'siret' | null {
  if (v.country === 'IT') return /^\d{11}$/.test(taxDigits(v.vatNumber)) ? null : 'vatNumber';
  return /^\d{14}$/.test(taxDigits(v.siret)) ? null : 'siret';
}

function common(v: FirmValues) {
  return {
    name: v.name.trim(),
    naceCode: v.naceCode,
    supplyChains: v.supplyChains,
    municipality: v.municipality!,
    sizeBand: v.sizeBand,
    state: v.state,
  };
}

export function createBody(v: FirmValues, deskId: string | null | undefined): CreateBody<'firms'> {
  const desk = deskId ?? v.deskId;
  return {
    ...(desk ? { deskId: desk } : {}),
    country: v.country,
    ...(v.country === 'IT' ? { vatNumber: taxDigits(v.vatNumber) } : { siret: taxDigits(v.siret) }),
    ...common(v),
  } as CreateBody<'firms'>;
}

export function updateBody(before: FirmValues, after: FirmValues, version: number): UpdateBody<'firms'> {
  return { ...changes(common(before), common(after)), version } as UpdateBody<'firms'>;
}

/** A NACE activity's name in the UI's language (Italian ATECO, French, else English). */
export function naceName(
  row: { labelEn: string; labelFr: string | null; labelIt: string | null },
  locale: string | null | undefined,
): string {
  const lang = (locale ?? 'it').slice(0, 2);
  return (lang === 'it' ? row.labelIt : lang === 'fr' ? row.labelFr : row.labelEn) ?? row.labelEn;
}

/** Who registers firms: the network's staff (a company account edits its own firm, registers none). */
/**
 * Whether the page offers to edit a firm, as the API's policy decides it (auth/policy.ts): an
 * administrator or a marketing officer any firm, an operator its own desk's, a company account its own.
 */
export function mayEditFirm(
  user: { role: string; deskId?: string | null; firmId?: string | null } | null | undefined,
  firm: { id: string; deskId: string | null },
): boolean {
  if (!user) return false;
  if (user.role === 'admin' || user.role === 'marketing') return true;
  if (user.role === 'operator') return !!user.deskId && firm.deskId === user.deskId;
  if (user.role === 'company') return !!user.firmId && firm.id === user.firmId;
  return false;
}
