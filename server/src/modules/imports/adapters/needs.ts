import { and, eq } from 'drizzle-orm';
import { needLanguages, needSkills, needs } from '../../../db/schema.js';
import type { LanguageLevel } from '../../../files/index.js';
import { insertNeeds, NEED_SPEC, replaceNeedChildren } from '../../needs/index.js';
import { CreateNeedSchema } from '../../needs/index.js';
import { parseFirmIdentifier } from '../reference-resolver.js';
import {
  type Input,
  type EntityAdapter,
  compact,
  copy,
  singleChain,
  category,
  place,
  escoList,
  escoOne,
  firmRef,
  muni,
  writeOver,
  placeColumns,
} from './common.js';

const NEED_JOB = ['occupationUri', 'positions', 'contractType', 'minEqf', 'startDate'] as const;
const NEED_ASSET = [
  'assetKind',
  'assetCategory',
  'minAreaM2',
  'maxAreaM2',
  'minPowerKw',
  'minCraneTonnage',
  'needsQuay',
  'mode',
  'budgetEur',
  'monthlyBudgetEur',
  'byDate',
] as const;
const NEED_COMMON = ['status', 'radiusKm', 'supplyChain', 'naceCode', 'expiresAt'] as const;

export const needsAdapter: EntityAdapter = {
  entity: 'needs',
  spec: NEED_SPEC as unknown as EntityAdapter['spec'],
  schema: CreateNeedSchema,
  fileFieldOf: {
    firmId: 'firmVat',
    type: 'needType',
    occupationUri: 'occupation',
    minEqf: 'minEqfLevel',
    minAreaM2: 'minCoveredAreaM2',
    maxAreaM2: 'maxCoveredAreaM2',
    needsQuay: 'quayAccess',
    mode: 'acquisition',
    byDate: 'neededBy',
    supplyChain: 'supplyChains',
  },
  fileKey: (r) => {
    if (r.externalRef === undefined || r.firmVat === undefined) return undefined;
    const id = parseFirmIdentifier(String(r.firmVat));
    return `${id ? ('vatNumber' in id ? id.vatNumber : id.siret) : String(r.firmVat)}|${String(r.externalRef)}`;
  },
  async build(r, ctx) {
    const input: Input = {};
    copy(r, input, [
      'externalRef',
      'title',
      'description',
      'positions',
      'radiusKm',
      'startDate',
      'expiresAt',
      'assetKind',
      'minPowerKw',
      'minCraneTonnage',
      'budgetEur',
      'monthlyBudgetEur',
      ['needType', 'type'],
      ['minEqfLevel', 'minEqf'],
      ['minCoveredAreaM2', 'minAreaM2'],
      ['maxCoveredAreaM2', 'maxAreaM2'],
      ['quayAccess', 'needsQuay'],
      ['acquisition', 'mode'],
      ['neededBy', 'byDate'],
    ]);
    if (r.firmVat !== undefined) input.firmId = await firmRef(r.firmVat, 'firmVat', ctx);
    if (r.occupation !== undefined)
      input.occupationUri = await escoOne('occupation', r.occupation, 'occupation', ctx);
    if (r.essentialSkills)
      input.essentialSkills = await escoList('skill', r.essentialSkills, 'essentialSkills', ctx);
    if (r.optionalSkills)
      input.optionalSkills = await escoList('skill', r.optionalSkills, 'optionalSkills', ctx);
    if (r.contractType !== undefined) input.contractType = r.contractType;
    if (r.assetCategory !== undefined) input.assetCategory = category(r.assetCategory, 'assetCategory', ctx);
    if (r.languages)
      input.languages = [...new Map((r.languages as LanguageLevel[]).map((l) => [l.language, l.level]))].map(
        ([code, minLevel]) => ({ code, minLevel }),
      );
    singleChain(r, input, ctx);
    const m = await place(r, ctx);
    if (m) input.municipality = m;
    return input;
  },
  async findExisting(tx, input) {
    if (typeof input.firmId !== 'string') return undefined;
    const [n] = await tx
      .select()
      .from(needs)
      .where(and(eq(needs.firmId, input.firmId), eq(needs.externalRef, String(input.externalRef))));
    if (!n) return undefined;
    const [skills, langs] = await Promise.all([
      tx.select().from(needSkills).where(eq(needSkills.needId, n.id)),
      tx.select().from(needLanguages).where(eq(needLanguages.needId, n.id)),
    ]);
    const essentialSkills = skills
      .filter((s) => s.relation === 'essential')
      .map((s) => s.skillUri)
      .sort();
    const optionalSkills = skills
      .filter((s) => s.relation === 'optional')
      .map((s) => s.skillUri)
      .sort();
    const languages = langs
      .map((l) => ({ code: l.language, minLevel: l.minLevel }))
      .sort((a, b) => a.code.localeCompare(b.code));
    const columns: Record<string, unknown> = {
      type: n.type,
      title: n.title,
      description: n.description,
      ...placeColumns({ country: n.municipalityCountry, code: n.municipalityCode, lat: n.lat, lon: n.lon }),
    };
    for (const f of [...NEED_COMMON, ...NEED_JOB, ...NEED_ASSET]) columns[f] = n[f];
    const own = n.type === 'job' ? NEED_JOB : NEED_ASSET;
    const input2: Input = {
      type: n.type,
      firmId: n.firmId,
      title: n.title,
      description: n.description,
      municipality: muni(n),
    };
    for (const f of [...NEED_COMMON, ...own]) input2[f] = n[f];
    if (n.type === 'job') Object.assign(input2, { essentialSkills, optionalSkills, languages });
    return {
      id: n.id,
      version: n.version,
      deskId: n.deskId,
      owner: NEED_SPEC.owned.owner(n),
      input: compact(input2),
      state: { columns, children: { essentialSkills, optionalSkills, languages } },
    };
  },
  merge(existing, input) {
    // The API sets a need's reference through the route, not the body: the create schema has no such key.
    const { externalRef: _e, ...rest } = compact(input);
    return { ...(existing?.input ?? {}), ...rest };
  },
  toState(p, at) {
    const columns: Record<string, unknown> = {
      type: p.type,
      title: p.title,
      description: p.description ?? '',
      ...placeColumns(at),
    };
    for (const f of [...NEED_COMMON, ...NEED_JOB, ...NEED_ASSET]) columns[f] = p[f] ?? null;
    columns.status = p.status ?? 'open';
    columns.radiusKm = p.radiusKm ?? 30;
    if (p.type === 'job') columns.positions = p.positions ?? 1;
    const essential = [...new Set((p.essentialSkills as string[] | undefined) ?? [])].sort();
    const optional = [...new Set((p.optionalSkills as string[] | undefined) ?? [])]
      .filter((s) => !essential.includes(s))
      .sort();
    const languages = [...((p.languages as { code: string; minLevel: string }[] | undefined) ?? [])].sort(
      (a, b) => a.code.localeCompare(b.code),
    );
    return { columns, children: { essentialSkills: essential, optionalSkills: optional, languages } };
  },
  async insertMany(tx, items, deskId) {
    await insertNeeds(
      tx,
      items.map(({ input, state }) => ({
        columns: {
          ...(state.columns as object),
          firmId: String(input.firmId),
          deskId,
          externalRef: String(input.externalRef),
        } as typeof needs.$inferInsert,
        children: state.children,
      })),
    );
  },
  async update(tx, existing, state, principal) {
    await writeOver(needsAdapter.spec)(tx, existing, state, principal);
    await replaceNeedChildren(tx, existing.id, state.children);
  },
};
