import { eq } from 'drizzle-orm';
import type { Principal } from '../../auth/principal.js';
import type { Database } from '../../db/client.js';
import { firms, naceCodes } from '../../db/schema.js';
import { ForbiddenError, ValidationError } from '../../errors.js';
import { enqueueIndexing } from '../../outbox/outbox.repository.js';
import type { DbOrTx } from '../../db/client.js';

import { loadMunicipalityViews, municipalityKey, resolveMunicipality } from '../shared/references.js';
import { toIso, type PageQuery } from '../shared/schemas.js';
import { changeVersioned, endVersioned, pageOfRows, rowOr404 } from '../shared/versioned.js';
import type { CreateFirm, FirmView, UpdateFirm } from './firms.schema.js';

type FirmRow = typeof firms.$inferSelect;
const SPEC = { entity: 'firm', table: firms, indexAs: 'firm' } as const;

async function assertNaceExists(tx: DbOrTx, code: string | undefined) {
  if (!code) return;
  const [row] = await tx.select({ code: naceCodes.code }).from(naceCodes).where(eq(naceCodes.code, code));
  if (!row) throw new ValidationError([{ path: 'naceCode', reason: `unknown NACE code ${code}` }]);
}

/** A company account may change only its own firm; staff may change any. */
function assertMayWrite(principal: Principal, firmId: string | null) {
  if (principal.role === 'admin' || principal.role === 'operator' || principal.role === 'marketing') return;
  if (principal.role === 'company' && firmId && principal.firmId === firmId) return;
  throw new ForbiddenError();
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

  async function get(id: string): Promise<FirmView> {
    return (await views([await rowOr404(db, firms, id, 'firm')]))[0]!;
  }

  return {
    get: (id: string, _principal: Principal) => get(id),

    async list(page: PageQuery, _principal: Principal) {
      const { items, nextCursor } = await pageOfRows(db, firms, page);
      return { items: await views(items), nextCursor };
    },

    async create(input: CreateFirm, principal: Principal): Promise<FirmView> {
      if (principal.role === 'company') throw new ForbiddenError('Firms are registered by the network staff');
      const id = await db.transaction(async (tx) => {
        const place = await resolveMunicipality(tx, input.municipality);
        await assertNaceExists(tx, input.naceCode);
        const [row] = await tx
          .insert(firms)
          .values({
            deskId: input.deskId ?? null,
            name: input.name,
            country: input.country,
            vatNumber: input.vatNumber ?? null,
            siret: input.siret ?? null,
            naceCode: input.naceCode,
            supplyChains: input.supplyChains,
            municipalityCountry: place.country,
            municipalityCode: place.code,
            lat: place.lat,
            lon: place.lon,
            sizeBand: input.sizeBand,
            state: input.state,
          })
          .returning({ id: firms.id, version: firms.version });
        await enqueueIndexing(tx, 'firm', row!.id, row!.version);
        return row!.id;
      });
      return get(id);
    },

    async update(id: string, patch: UpdateFirm, principal: Principal): Promise<FirmView> {
      await db.transaction(async (tx) => {
        await changeVersioned<FirmRow>(tx, SPEC, id, patch.version, async (current) => {
          assertMayWrite(principal, current.id);
          await assertNaceExists(tx, patch.naceCode);
          const place = patch.municipality ? await resolveMunicipality(tx, patch.municipality) : undefined;
          const { version: _v, municipality: _m, ...fields } = patch;
          return {
            ...fields,
            ...(place
              ? {
                  municipalityCountry: place.country,
                  municipalityCode: place.code,
                  lat: place.lat,
                  lon: place.lon,
                }
              : {}),
          };
        });
      });
      return get(id);
    },

    async end(id: string, version: number, principal: Principal): Promise<FirmView> {
      assertMayWrite(principal, id);
      await db.transaction((tx) => endVersioned<FirmRow>(tx, SPEC, id, version));
      return get(id);
    },
  };
}
export type FirmsService = ReturnType<typeof createFirmsService>;
