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
  placeColumns,
} from '../shared/references.js';
import { patchColumns } from '../shared/patch-columns.js';
import { recordReads, versionedWrites } from '../shared/record-service.js';
import { toIso } from '../shared/schemas.js';
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
      mergedInto: f.mergedInto,
      createdAt: toIso(f.createdAt)!,
      updatedAt: toIso(f.updatedAt)!,
      endedAt: toIso(f.endedAt),
      version: f.version,
    }));
  }

  const { get, viewPage } = recordReads({ db, spec: SPEC, views });
  const writes = versionedWrites({ db, spec: SPEC, get });

  return {
    get,
    /** The views of rows already read and authorised (a merge's preview shows rows not yet written). */
    views,

    async list(query: FirmListQuery, principal: Principal) {
      return viewPage(await listFirmRows(db, query, principal));
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

    update(id: string, patch: UpdateFirm, principal: Principal): Promise<FirmView> {
      return writes.update({
        id,
        version: patch.version,
        principal,
        columns: async (tx) => {
          await assertNaceExists(tx, patch.naceCode);
          return patchColumns(tx, patch);
        },
      });
    },

    end: writes.end,
  };
}
export type FirmsService = ReturnType<typeof createFirmsService>;
