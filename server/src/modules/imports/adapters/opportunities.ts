import { and, asc, eq } from 'drizzle-orm';
import { opportunities, opportunityAssets, opportunityRoles } from '../../../db/schema.js';
import {
  insertOpportunities,
  OPPORTUNITY_SPEC,
  replaceOpportunityChildren,
} from '../../opportunities/index.js';
import { CreateOpportunitySchema } from '../../opportunities/index.js';
import {
  type Input,
  type EntityAdapter,
  compact,
  copy,
  singleChain,
  place,
  escoOne,
  firmRef,
  crisisRef,
  muni,
  writeOver,
  placeColumns,
} from './common.js';

const ROLE = /^(.*?)\s*(?:[x×*]\s*(\d+)|\((\d+)\))$/i;

export const opportunitiesAdapter: EntityAdapter = {
  entity: 'opportunities',
  spec: OPPORTUNITY_SPEC as unknown as EntityAdapter['spec'],
  schema: CreateOpportunitySchema,
  fileFieldOf: {
    kind: 'opportunityType',
    sourceFirmId: 'sourceFirmVat',
    crisisCaseId: 'crisisCaseRef',
    supplyChain: 'supplyChains',
    assetIds: 'assets',
  },
  fileKey: (r) => (r.externalRef === undefined ? undefined : String(r.externalRef)),
  async build(r, ctx) {
    const input: Input = {};
    copy(r, input, ['externalRef', 'title', 'description', 'capitalNeededEur', 'deadline', 'status']);
    if (r.opportunityType !== undefined) input.kind = r.opportunityType;
    if (r.sourceFirmVat !== undefined)
      input.sourceFirmId = await firmRef(r.sourceFirmVat, 'sourceFirmVat', ctx);
    await crisisRef(r, input, ctx);
    singleChain(r, input, ctx);
    const m = await place(r, ctx);
    if (m) input.municipality = m;
    if (r.roles) {
      const roles: { occupationUri: string; count: number; keySkills: string[] }[] = [];
      for (const item of r.roles as string[]) {
        const match = ROLE.exec(item.trim());
        const label = match ? match[1]! : item;
        const count = match ? Number(match[2] ?? match[3]) : 1;
        if (!label.trim()) {
          ctx.issue('roles', 'ROLE_INVALID', { value: item });
          continue;
        }
        const uri = await escoOne('occupation', label, 'roles', ctx);
        if (uri) roles.push({ occupationUri: uri, count, keySkills: [] });
      }
      input.roles = roles;
    }
    if (r.assets) {
      const numbers = r.assets as string[];
      const found = await ctx.resolver.assetIds(numbers);
      for (const n of numbers) if (!found.has(n)) ctx.issue('assets', 'ASSET_UNKNOWN', { value: n });
      input.assetIds = numbers.flatMap((n) => (found.has(n) ? [found.get(n)!] : []));
    }
    return input;
  },
  async findExisting(tx, input, deskId) {
    const [o] = await tx
      .select()
      .from(opportunities)
      .where(and(eq(opportunities.deskId, deskId), eq(opportunities.externalRef, String(input.externalRef))));
    if (!o) return undefined;
    const [roleRows, links] = await Promise.all([
      tx
        .select()
        .from(opportunityRoles)
        .where(eq(opportunityRoles.opportunityId, o.id))
        .orderBy(asc(opportunityRoles.id)),
      tx.select().from(opportunityAssets).where(eq(opportunityAssets.opportunityId, o.id)),
    ]);
    const roles = roleRows.map((r) => ({
      occupationUri: r.occupationUri,
      count: r.count,
      keySkills: r.keySkillUris,
    }));
    const assetIds = links.map((l) => l.assetId).sort();
    const columns = {
      kind: o.kind,
      title: o.title,
      description: o.description,
      sourceFirmId: o.sourceFirmId,
      crisisCaseId: o.crisisCaseId,
      ...placeColumns({ country: o.municipalityCountry, code: o.municipalityCode, lat: o.lat, lon: o.lon }),
      capitalNeededEur: o.capitalNeededEur,
      deadline: o.deadline,
      supplyChain: o.supplyChain,
      status: o.status,
    };
    return {
      id: o.id,
      version: o.version,
      deskId: o.deskId,
      owner: OPPORTUNITY_SPEC.owned.owner(o),
      input: compact({
        deskId: o.deskId,
        kind: o.kind,
        title: o.title,
        description: o.description,
        sourceFirmId: o.sourceFirmId,
        crisisCaseId: o.crisisCaseId,
        municipality: muni(o),
        capitalNeededEur: o.capitalNeededEur,
        deadline: o.deadline,
        supplyChain: o.supplyChain,
        status: o.status,
        roles,
        assetIds,
      }),
      state: { columns, children: { roles: sortRoles(roles), assetIds } },
    };
  },
  merge(existing, input, deskId) {
    const { externalRef: _e, ...rest } = compact(input);
    return { ...(existing?.input ?? {}), ...rest, deskId };
  },
  toState(p, at) {
    return {
      columns: {
        kind: p.kind,
        title: p.title,
        description: p.description ?? '',
        sourceFirmId: p.sourceFirmId ?? null,
        crisisCaseId: p.crisisCaseId ?? null,
        ...placeColumns(at),
        capitalNeededEur: p.capitalNeededEur ?? null,
        deadline: p.deadline ?? null,
        supplyChain: p.supplyChain ?? null,
        status: p.status ?? 'open',
      },
      children: {
        roles: sortRoles(
          (p.roles as { occupationUri: string; count: number; keySkills: string[] }[] | undefined) ?? [],
        ),
        assetIds: [...new Set((p.assetIds as string[] | undefined) ?? [])].sort(),
      },
    };
  },
  async insertMany(tx, items, deskId) {
    await insertOpportunities(
      tx,
      items.map(({ input, state }) => ({
        columns: {
          ...(state.columns as object),
          deskId,
          externalRef: String(input.externalRef),
        } as typeof opportunities.$inferInsert,
        children: state.children,
      })),
    );
  },
  async update(tx, existing, state, principal) {
    await writeOver(opportunitiesAdapter.spec)(tx, existing, state, principal);
    await replaceOpportunityChildren(tx, existing.id, state.children);
  },
};

function sortRoles(roles: { occupationUri: string; count: number; keySkills: string[] }[]) {
  return [...roles]
    .map((r) => ({ occupationUri: r.occupationUri, count: r.count, keySkills: [...r.keySkills].sort() }))
    .sort((a, b) => a.occupationUri.localeCompare(b.occupationUri) || a.count - b.count);
}
