import { eq } from 'drizzle-orm';
import { firms } from '../../../db/schema.js';
import { FIRM_SPEC, insertFirms } from '../../firms/index.js';
import { CreateFirmSchema } from '../../firms/index.js';
import { parseFirmIdentifier } from '../reference-resolver.js';
import { type Input, type EntityAdapter, compact, copy, place, writeOver, placeColumns } from './common.js';

export const firmsAdapter: EntityAdapter = {
  entity: 'firms',
  spec: FIRM_SPEC as unknown as EntityAdapter['spec'],
  schema: CreateFirmSchema,
  fileFieldOf: { vatNumber: 'vat', siret: 'vat', country: 'vat' },
  fileKey: (r) => {
    if (r.vat === undefined) return undefined;
    const id = parseFirmIdentifier(String(r.vat));
    return id ? ('vatNumber' in id ? id.vatNumber : id.siret) : String(r.vat);
  },
  async build(r, ctx) {
    const input: Input = {};
    if (r.vat !== undefined) {
      const id = parseFirmIdentifier(String(r.vat));
      if (id) Object.assign(input, id);
      else ctx.issue('vat', 'FIRM_ID_INVALID', { value: r.vat });
    }
    copy(r, input, ['name', 'sizeBand', 'state']);
    if (r.naceCode !== undefined) {
      const found = await ctx.resolver.nace(String(r.naceCode));
      if (found.ok) input.naceCode = found.value;
      else ctx.issue('naceCode', found.code, { value: r.naceCode });
    }
    if (r.supplyChains) input.supplyChains = r.supplyChains;
    const m = await place(r, ctx);
    if (m) input.municipality = m;
    return input;
  },
  async findExisting(tx, input) {
    const where =
      typeof input.vatNumber === 'string'
        ? eq(firms.vatNumber, input.vatNumber)
        : typeof input.siret === 'string'
          ? eq(firms.siret, input.siret)
          : undefined;
    if (!where) return undefined;
    const [f] = await tx.select().from(firms).where(where);
    if (!f) return undefined;
    const columns = {
      name: f.name,
      country: f.country,
      vatNumber: f.vatNumber,
      siret: f.siret,
      naceCode: f.naceCode,
      supplyChains: f.supplyChains,
      municipalityCountry: f.municipalityCountry,
      municipalityCode: f.municipalityCode,
      lat: f.lat,
      lon: f.lon,
      sizeBand: f.sizeBand,
      state: f.state,
    };
    return {
      id: f.id,
      version: f.version,
      deskId: f.deskId,
      owner: FIRM_SPEC.owned.owner(f),
      input: compact({
        deskId: f.deskId,
        country: f.country,
        vatNumber: f.vatNumber,
        siret: f.siret,
        name: f.name,
        naceCode: f.naceCode,
        supplyChains: f.supplyChains,
        municipality: f.municipalityCode
          ? { country: f.municipalityCountry, code: f.municipalityCode }
          : null,
        sizeBand: f.sizeBand,
        state: f.state,
      }),
      state: { columns, children: {} },
    };
  },
  merge: (existing, input, deskId) => ({
    ...(existing?.input ?? {}),
    ...compact(input),
    deskId: existing ? existing.deskId : deskId,
  }),
  toState(p, at) {
    return {
      columns: {
        name: p.name,
        country: p.country,
        vatNumber: p.vatNumber ?? null,
        siret: p.siret ?? null,
        naceCode: p.naceCode,
        supplyChains: p.supplyChains,
        ...placeColumns(at),
        sizeBand: p.sizeBand ?? null,
        state: p.state,
      },
      children: {},
    };
  },
  async insertMany(tx, items, deskId) {
    await insertFirms(
      tx,
      items.map(({ state }) => ({ ...(state.columns as object), deskId }) as typeof firms.$inferInsert),
    );
  },
  update: (tx, existing, state, principal) => writeOver(firmsAdapter.spec)(tx, existing, state, principal),
};
