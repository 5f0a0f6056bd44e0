// What the opportunity form edits, and how it maps to the API (`POST /opportunities`).
import type { CreateBody } from '$lib/api/types';
import { orNull } from '$lib/forms';

type Body = CreateBody<'opportunities'>;

export type RoleValues = {
  key: number;
  occupation: { uri: string; label: string } | null;
  occupationName: string;
  count: number;
  skills: { uri: string; label: string }[];
};

export type OpportunityValues = {
  kind: Body['kind'];
  title: string;
  description: string;
  municipality: { country: 'IT' | 'FR'; code: string } | null;
  municipalityName: string;
  crisisCaseId: string;
  sourceFirmId: string;
  deadline: string;
  capitalNeededEur: number | null;
  supplyChain: NonNullable<Body['supplyChain']> | '';
  roles: RoleValues[];
  assetIds: string[];
};

/** A crisis case to start from: what it already knows fills the form. */
export type CrisisOption = {
  id: string;
  title: string;
  firmId: string | null;
  supplyChain: OpportunityValues['supplyChain'] | null;
  municipality: { country: string; code: string; name: string } | null;
};

/** The fields a server message can name (`details[].path`). */
export const OPPORTUNITY_FIELDS = [
  'kind',
  'title',
  'description',
  'municipality',
  'crisisCaseId',
  'sourceFirmId',
  'deadline',
  'capitalNeededEur',
  'supplyChain',
  'roles',
  'assetIds',
] as const;

let nextKey = 1;
export const newRole = (): RoleValues => ({
  key: nextKey++,
  occupation: null,
  occupationName: '',
  count: 1,
  skills: [],
});

export function emptyOpportunity(crisisCaseId = ''): OpportunityValues {
  return {
    kind: 'wbo',
    title: '',
    description: '',
    municipality: null,
    municipalityName: '',
    crisisCaseId,
    sourceFirmId: '',
    deadline: '',
    capitalNeededEur: null,
    supplyChain: '',
    roles: [newRole()],
    assetIds: [],
  };
}

export function createBody(v: OpportunityValues, deskId: string): Body {
  return {
    deskId,
    kind: v.kind,
    title: v.title.trim(),
    ...(v.description.trim() ? { description: v.description.trim() } : {}),
    municipality: v.municipality!,
    crisisCaseId: orNull(v.crisisCaseId),
    sourceFirmId: orNull(v.sourceFirmId),
    deadline: orNull(v.deadline),
    capitalNeededEur: v.capitalNeededEur ?? null,
    supplyChain: v.supplyChain || null,
    roles: v.roles.map((r) => ({
      occupationUri: r.occupation!.uri,
      count: r.count,
      keySkills: r.skills.map((s) => s.uri),
    })),
    assetIds: v.assetIds,
  };
}
