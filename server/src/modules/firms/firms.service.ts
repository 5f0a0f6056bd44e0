import { eq } from 'drizzle-orm';
import { authorizeCreate, deskForNewRecord } from '../../auth/policy.js';
import type { Principal } from '../../auth/principal.js';
import type { Database } from '../../db/client.js';
import { naceCodes } from '../../db/schema.js';
import { ValidationError } from '../../errors.js';
import { FIRM_SPEC, insertFirms, type FirmRow } from './firms.repository.js';
import type { DbOrTx } from '../../db/client.js';

import {
  loadMunicipalityViews,
  municipalityKey,
  resolveMunicipality,
  movedTo,
  placeColumns,
} from '../shared/references.js';
import { toIso } from '../shared/schemas.js';
import { changeVersioned, endVersioned, readableRowOr404 } from '../shared/versioned.js';
import { listFirmRows } from './firms.list.js';
import type { CreateFirm, FirmListQuery, FirmView, UpdateFirm } from './firms.schema.js';

const SPEC = FIRM_SPEC;

async function assertNaceExists(tx: DbOrTx, code: string | undefined) {
  if (!code) return;
  const [row] = await tx.select({ code: naceCodes.code }).from(naceCodes).where(eq(naceCodes.code, code));
  if (!row) throw new ValidationError([{ path: 'naceCode', reason: `unknown NACE code ${code}` }]);
}

export function createFirmsService(db: Database) {
  async function views(rows: FirmRow[]): Promise<FirmView[]> {
    const places = await loadMunicipalityViews(
      db,
      rows.map((r) => ({ country: r.municipalityCountry, code: r.municipalityCode })),
    );
    return rows.map((f) => ({
      id: f.id,
      deskId: f.deskId,
      name: f.name,
      country: f.country,
      vatNumber: f.vatNumber,
      siret: f.siret,
      naceCode: f.naceCode,
      supplyChains: f.supplyChains,
      municipality: places.get(municipalityKey(f.municipalityCountry, f.municipalityCode)) ?? null,
      sizeBand: f.sizeBand,
      state: f.state,
      createdAt: toIso(f.createdAt)!,
      updatedAt: toIso(f.updatedAt)!,
      endedAt: toIso(f.endedAt),
      version: f.version,
    }));
  }

  async function get(id: string, principal: Principal): Promise<FirmView> {
    return (await views([await readableRowOr404(db, SPEC, id, principal)]))[0]!;
  }

  return {
    get,

    async list(query: FirmListQuery, principal: Principal) {
      const { items, nextCursor, total } = await listFirmRows(db, query, principal);
      return { items: await views(items), nextCursor, total };
    },

    async create(input: CreateFirm, principal: Principal): Promise<FirmView> {
      // Firms are registered by the network's staff, in their own desk; a company account registers none.
      const deskId = deskForNewRecord(principal, 'firm', input.deskId);
      authorizeCreate(principal, 'firm', { deskId, firmId: null }, 'firm');
      const id = await db.transaction(async (tx) => {
        const place = await resolveMunicipality(tx, input.municipality);
        await assertNaceExists(tx, input.naceCode);
        const [id] = await insertFirms(tx, [
          {
            deskId,
            name: input.name,
            country: input.country,
            vatNumber: input.vatNumber ?? null,
            siret: input.siret ?? null,
            naceCode: input.naceCode,
            supplyChains: input.supplyChains,
            ...placeColumns(place),
            sizeBand: input.sizeBand,
            state: input.state,
          },
        ]);
        return id!;
      });
      return get(id, principal);
    },

    async update(id: string, patch: UpdateFirm, principal: Principal): Promise<FirmView> {
      await db.transaction(async (tx) => {
        await changeVersioned<FirmRow>(
          tx,
          SPEC,
          id,
          patch.version,
          async () => {
            await assertNaceExists(tx, patch.naceCode);
            const { version: _v, municipality: _m, ...fields } = patch;
            return {
              ...fields,
              ...(await movedTo(tx, patch.municipality)),
            };
          },
          { principal },
        );
      });
      return get(id, principal);
    },

    async end(id: string, version: number, principal: Principal): Promise<FirmView> {
      await db.transaction((tx) => endVersioned<FirmRow>(tx, SPEC, id, version, principal));
      return get(id, principal);
    },
  };
}
export type FirmsService = ReturnType<typeof createFirmsService>;
