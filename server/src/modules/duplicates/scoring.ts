/**
 * Pure scoring of likely duplicates: no I/O, no clock. The repository finds candidates by normalised
 * keys (db/duplicate-keys.ts) and says which keys agree; this turns the agreements into a score from 0
 * to 1 and the reasons, as codes the UI words in its language (vocabulary/duplicates.json).
 *
 * Each reason carries a weight: the chance, on its own, that two records are the same. Independent
 * signals combine as 1 − Π(1 − w), so two weak signals make a stronger one and nothing reaches 1.
 * The weights favour what identifies a person or a firm (an e-mail, a tax id) over what many share
 * (a name like "Marco Rossi", a town): a common name alone stays below the threshold.
 */

export const REASON_WEIGHTS = {
  // People
  SAME_EMAIL: 0.6,
  SAME_PHONE: 0.5,
  SAME_NAME: 0.4,
  SAME_MUNICIPALITY: 0.2,
  // Assets
  SAME_KIND_AND_PLACE: 0.3,
  SIMILAR_AREA: 0.5,
  SAME_BRAND_MODEL: 0.4,
  SAME_YEAR: 0.15,
  SAME_OWNER_FIRM: 0.3,
  // Firms
  SAME_VAT: 0.95,
  SAME_SIRET: 0.95,
  SAME_SIREN: 0.7,
  SAME_FIRM_NAME: 0.45,
} as const;

export type ReasonCode = keyof typeof REASON_WEIGHTS;
export const REASON_CODES = Object.keys(REASON_WEIGHTS) as ReasonCode[];

/** Below this a pair is not shown: a shared name, a shared town, the same model elsewhere. */
export const DUPLICATE_THRESHOLD = 0.5;

export interface Scored {
  score: number;
  reasons: ReasonCode[];
}

/** The score of a set of reasons, rounded to two decimals so the same pair always shows the same figure. */
export function combine(reasons: readonly ReasonCode[]): number {
  const miss = reasons.reduce((p, r) => p * (1 - REASON_WEIGHTS[r]), 1);
  // Capped below 1: certainty is the operator's, after looking at both records.
  return Math.min(0.99, Math.round((1 - miss) * 100) / 100);
}

function scored(reasons: ReasonCode[]): Scored | null {
  const score = combine(reasons);
  return score >= DUPLICATE_THRESHOLD ? { score, reasons } : null;
}

/** Which of a person's keys agree (keys already normalised; null keys never agree). */
export interface PersonAgreement {
  sameName: boolean;
  sameEmail: boolean;
  samePhone: boolean;
  sameMunicipality: boolean;
}

export function scorePerson(a: PersonAgreement): Scored | null {
  const reasons: ReasonCode[] = [];
  if (a.sameEmail) reasons.push('SAME_EMAIL');
  if (a.samePhone) reasons.push('SAME_PHONE');
  if (a.sameName) reasons.push('SAME_NAME');
  // A town says little on its own; it only strengthens another signal.
  if (a.sameMunicipality && reasons.length > 0) reasons.push('SAME_MUNICIPALITY');
  return scored(reasons);
}

export interface AssetFacts {
  kind: string;
  municipality: string;
  coveredAreaM2: number | null;
  landAreaM2: number | null;
  /** The normalised brand and model (db/duplicate-keys.ts brandModelKey); null without a model. */
  brandModel: string | null;
  year: number | null;
  ownerFirmId: string | null;
}

/** Areas within 10% of the larger one: surveys of one shed differ by a few square metres, not by a tenth. */
export function similarArea(a: number | null, b: number | null): boolean {
  if (a === null || b === null || a <= 0 || b <= 0) return false;
  return Math.abs(a - b) <= 0.1 * Math.max(a, b);
}

export function scoreAsset(a: AssetFacts, b: AssetFacts): Scored | null {
  const reasons: ReasonCode[] = [];
  const samePlace = a.municipality === b.municipality;
  if (samePlace && a.kind === b.kind) reasons.push('SAME_KIND_AND_PLACE');
  // An area only means something for the same kind of thing in the same place.
  // The area compared is the covered one, or the land's for an open area (as the lookup's index has it).
  if (
    reasons.includes('SAME_KIND_AND_PLACE') &&
    similarArea(a.coveredAreaM2 ?? a.landAreaM2, b.coveredAreaM2 ?? b.landAreaM2)
  )
    reasons.push('SIMILAR_AREA');
  if (a.brandModel !== null && a.brandModel === b.brandModel) {
    reasons.push('SAME_BRAND_MODEL');
    if (a.year !== null && a.year === b.year) reasons.push('SAME_YEAR');
  }
  if (reasons.length > 0 && a.ownerFirmId !== null && a.ownerFirmId === b.ownerFirmId)
    reasons.push('SAME_OWNER_FIRM');
  return scored(reasons);
}

export interface FirmAgreement {
  sameVat: boolean;
  sameSiret: boolean;
  sameSiren: boolean;
  sameName: boolean;
  sameMunicipality: boolean;
}

export function scoreFirm(a: FirmAgreement): Scored | null {
  const reasons: ReasonCode[] = [];
  if (a.sameVat) reasons.push('SAME_VAT');
  if (a.sameSiret) reasons.push('SAME_SIRET');
  // The SIREN is implied by the SIRET: counted only when the establishments differ.
  else if (a.sameSiren) reasons.push('SAME_SIREN');
  if (a.sameName) reasons.push('SAME_FIRM_NAME');
  if (a.sameName && a.sameMunicipality) reasons.push('SAME_MUNICIPALITY');
  return scored(reasons);
}

/** Strongest first; equal scores by id so pages are stable. */
export function byScore<T extends { score: number; id: string }>(a: T, b: T): number {
  return b.score - a.score || a.id.localeCompare(b.id);
}
