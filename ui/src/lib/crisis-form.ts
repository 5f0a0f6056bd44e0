// The crisis dossier form's values and the API bodies made from them; one form for "new" and "edit".
import type { CreateBody, Item, UpdateBody } from '$lib/api/types';
import { changes, orNull } from '$lib/forms';

export interface CrisisValues {
  /** The desk that opens the dossier: chosen only by a user who belongs to none (an administrator). */
  deskId: string | null;
  externalRef: string;
  title: string;
  description: string;
  procedure: string;
  status: string;
  supplyChain: string | null;
  firmId: string | null;
  municipalityName: string;
  municipality: { country: 'IT' | 'FR'; code: string } | null;
  openedOn: string;
  closedOn: string;
  workersAffected: string;
}

export const CRISIS_FIELDS = [
  'deskId',
  'externalRef',
  'title',
  'description',
  'procedure',
  'status',
  'supplyChain',
  'firmId',
  'municipality',
  'openedOn',
  'closedOn',
  'workersAffected',
] as const;

export function emptyCrisis(): CrisisValues {
  return {
    deskId: null,
    externalRef: '',
    title: '',
    description: '',
    procedure: 'liquidazione_giudiziale',
    status: 'open',
    supplyChain: null,
    firmId: null,
    municipalityName: '',
    municipality: null,
    openedOn: '',
    closedOn: '',
    workersAffected: '0',
  };
}

export function fromCrisis(c: Item<'crisis-cases'>): CrisisValues {
  return {
    deskId: c.deskId,
    externalRef: c.externalRef,
    title: c.title,
    description: c.description,
    procedure: c.procedure,
    status: c.status,
    supplyChain: c.supplyChain,
    firmId: c.firmId,
    municipalityName: c.municipality?.name ?? '',
    municipality: c.municipality
      ? { country: c.municipality.country === 'FR' ? 'FR' : 'IT', code: c.municipality.code }
      : null,
    openedOn: c.openedOn?.slice(0, 10) ?? '',
    closedOn: c.closedOn?.slice(0, 10) ?? '',
    workersAffected: String(c.workersAffected),
  };
}

/** Workers affected: a whole number from 0 to 100,000, spaces and thousands dots allowed. */
export function readWorkers(text: string): number | null {
  const s = text.replace(/[\s\u00a0\u202f.,']/g, '');
  if (!/^\d+$/.test(s)) return null;
  const n = Number(s);
  return n <= 100_000 ? n : null;
}

function common(v: CrisisValues) {
  return {
    title: v.title.trim(),
    description: v.description,
    procedure: v.procedure,
    status: v.status,
    supplyChain: v.supplyChain,
    firmId: v.firmId,
    municipality: v.municipality!,
    openedOn: orNull(v.openedOn),
    closedOn: orNull(v.closedOn),
    workersAffected: readWorkers(v.workersAffected) ?? 0,
  };
}

export function createBody(v: CrisisValues, deskId: string | null | undefined): CreateBody<'crisis-cases'> {
  const desk = deskId ?? v.deskId;
  return {
    ...(desk ? { deskId: desk } : {}),
    externalRef: v.externalRef.trim(),
    ...common(v),
  } as CreateBody<'crisis-cases'>;
}

export function updateBody(
  before: CrisisValues,
  after: CrisisValues,
  version: number,
): UpdateBody<'crisis-cases'> {
  return { ...changes(common(before), common(after)), version } as UpdateBody<'crisis-cases'>;
}
