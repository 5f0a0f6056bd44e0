// What the opportunity form edits, and how it maps to the API (`POST /opportunities`, and the PATCH of an
// edit: one form for both).
import type { CreateBody, UpdateBody } from '$lib/api/types';
import { changes, municipalityRef, orNull } from '$lib/forms';

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

/** A stored opportunity as the form's values; `labels` names its ESCO concepts in the UI's language. */
export function fromOpportunity(
  o: {
    kind: string;
    title: string;
    description: string;
    municipality: { country: string; code: string; name: string } | null;
    crisisCaseId: string | null;
    sourceFirmId: string | null;
    deadline: string | null;
    capitalNeededEur: number | null;
    supplyChain: string | null;
    roles: { occupationUri: string; count: number; keySkills: string[] }[];
    assetIds: string[];
  },
  labels: Record<string, string>,
): OpportunityValues {
  const label = (uri: string) => labels[uri] ?? uri;
  return {
    kind: o.kind as Body['kind'],
    title: o.title,
    description: o.description,
    municipality: o.municipality ? municipalityRef(o.municipality) : null,
    municipalityName: o.municipality?.name ?? '',
    crisisCaseId: o.crisisCaseId ?? '',
    sourceFirmId: o.sourceFirmId ?? '',
    deadline: o.deadline?.slice(0, 10) ?? '',
    capitalNeededEur: o.capitalNeededEur,
    supplyChain: (o.supplyChain ?? '') as OpportunityValues['supplyChain'],
    roles: o.roles.map((r) => ({
      key: nextKey++,
      occupation: { uri: r.occupationUri, label: label(r.occupationUri) },
      occupationName: label(r.occupationUri),
      count: r.count,
      skills: r.keySkills.map((uri) => ({ uri, label: label(uri) })),
    })),
    assetIds: [...o.assetIds],
  };
}

/** Only what changed since `before`, with the version read (the edit PATCHes the changed fields). */
export function updateBody(
  before: OpportunityValues,
  after: OpportunityValues,
  version: number,
): UpdateBody<'opportunities'> | null {
  const { deskId: _deskId, ...a } = createBody(after, '');
  const { deskId: _unused, ...b } = createBody(before, '');
  const diff = changes(b as Record<string, unknown>, a as Record<string, unknown>);
  return Object.keys(diff).length ? ({ ...diff, version } as UpdateBody<'opportunities'>) : null;
}
