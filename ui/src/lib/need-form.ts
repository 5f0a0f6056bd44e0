// What the need form edits, and how it maps to the API (`POST /needs`: a job or an asset need).
import type { CreateBody } from '$lib/api/types';
import { orNull } from '$lib/forms';

type Body = CreateBody<'needs'>;
type JobBody = Extract<Body, { type: 'job' }>;
type AssetBody = Extract<Body, { type: 'asset' }>;

export type NeedValues = {
  type: Body['type'];
  firmId: string | null;
  title: string;
  description: string;
  municipality: { country: 'IT' | 'FR'; code: string } | null;
  municipalityName: string;
  radiusKm: number;
  expiresAt: string;
  // A job
  occupation: { uri: string; label: string } | null;
  occupationName: string;
  skills: { uri: string; label: string; relation: 'essential' | 'optional' }[];
  positions: number;
  contractType: NonNullable<JobBody['contractType']>;
  minEqf: number | null;
  startDate: string;
  // An asset
  assetKind: AssetBody['assetKind'];
  assetCategory: NonNullable<AssetBody['assetCategory']>;
  minAreaM2: number | null;
  minPowerKw: number | null;
  minCraneTonnage: number | null;
  needsQuay: boolean;
  mode: NonNullable<AssetBody['mode']>;
  budgetEur: number | null;
  /** What a month's rent may cost; the budget above is then the purchase budget (docs/scoring-spec.md). */
  monthlyBudgetEur: number | null;
  byDate: string;
};

/** The fields a server message can name (`details[].path`). */
export const NEED_FIELDS = [
  'firmId',
  'title',
  'description',
  'municipality',
  'radiusKm',
  'expiresAt',
  'occupationUri',
  'essentialSkills',
  'optionalSkills',
  'positions',
  'contractType',
  'minEqf',
  'startDate',
  'assetKind',
  'assetCategory',
  'minAreaM2',
  'minPowerKw',
  'minCraneTonnage',
  'needsQuay',
  'mode',
  'budgetEur',
  'monthlyBudgetEur',
  'byDate',
] as const;

export function emptyNeed(): NeedValues {
  return {
    type: 'job',
    firmId: null,
    title: '',
    description: '',
    municipality: null,
    municipalityName: '',
    radiusKm: 30,
    expiresAt: '',
    occupation: null,
    occupationName: '',
    skills: [],
    positions: 1,
    contractType: 'permanent',
    minEqf: null,
    startDate: '',
    assetKind: 'building',
    assetCategory: 'warehouse',
    minAreaM2: null,
    minPowerKw: null,
    minCraneTonnage: null,
    needsQuay: false,
    mode: 'either',
    budgetEur: null,
    monthlyBudgetEur: null,
    byDate: '',
  };
}

export function createBody(v: NeedValues): Body {
  const common = {
    firmId: v.firmId!,
    title: v.title.trim(),
    description: v.description,
    municipality: v.municipality!,
    radiusKm: v.radiusKm,
    expiresAt: orNull(v.expiresAt),
  };
  return v.type === 'job'
    ? {
        ...common,
        type: 'job',
        occupationUri: v.occupation!.uri,
        essentialSkills: v.skills.filter((s) => s.relation === 'essential').map((s) => s.uri),
        optionalSkills: v.skills.filter((s) => s.relation === 'optional').map((s) => s.uri),
        positions: v.positions,
        contractType: v.contractType,
        minEqf: v.minEqf,
        startDate: orNull(v.startDate),
      }
    : {
        ...common,
        type: 'asset',
        assetKind: v.assetKind,
        assetCategory: v.assetCategory,
        minAreaM2: v.minAreaM2,
        minPowerKw: v.minPowerKw,
        minCraneTonnage: v.minCraneTonnage,
        needsQuay: v.needsQuay,
        mode: v.mode,
        budgetEur: v.mode === 'lease' ? null : v.budgetEur,
        monthlyBudgetEur: v.mode === 'buy' ? null : v.monthlyBudgetEur,
        byDate: orNull(v.byDate),
      };
}
