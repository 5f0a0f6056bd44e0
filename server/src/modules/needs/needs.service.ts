import { eq, inArray } from 'drizzle-orm';
import { authorize, authorizeCreate, deskForNewRecord } from '../../auth/policy.js';
import type { Principal } from '../../auth/principal.js';
import type { Database, DbOrTx } from '../../db/client.js';
import { firms, needLanguages, needSkills, needs } from '../../db/schema.js';
import { NotFoundError, ValidationError } from '../../errors.js';
import { insertNeeds, NEED_SPEC, needOwner, replaceNeedChildren, type NeedRow } from './needs.repository.js';
import { assertRecordsExist } from '../shared/owned-references.js';
import { assertEscoConceptsExist, resolveMunicipality, placeColumns } from '../shared/references.js';
import { placedViews } from '../shared/placed-views.js';
import { patchColumns } from '../shared/patch-columns.js';
import { versionedWrites } from '../shared/record-service.js';
import { listNeedRows } from './needs.list.js';
import { readAs } from '../../db/row-security.js';
import {
  ASSET_ONLY_FIELDS,
  JOB_ONLY_FIELDS,
  type CreateNeed,
  type NeedListQuery,
  type NeedView,
  type UpdateNeed,
} from './needs.schema.js';

export type { NeedRow };
const SPEC = NEED_SPEC;

/** Reading a need is the policy's call; a need the principal may not read answers 404, so ids reveal nothing. */
export function assertMayAccessNeed(principal: Principal, need: Pick<NeedRow, 'id' | 'deskId' | 'firmId'>) {
  authorize(principal, 'read', 'need', needOwner(need), { entity: 'need', id: need.id });
}

async function validateReferences(tx: DbOrTx, input: Partial<CreateNeed> & Partial<UpdateNeed>) {
  await assertRecordsExist(tx, [{ kind: 'firm', id: input.firmId, path: 'firmId' }]);
  if (input.occupationUri)
    await assertEscoConceptsExist(tx, 'occupation', [{ uri: input.occupationUri, path: 'occupationUri' }]);
  await assertEscoConceptsExist(tx, 'skill', [
    ...(input.essentialSkills ?? []).map((uri, i) => ({ uri, path: `essentialSkills.${i}` })),
    ...(input.optionalSkills ?? []).map((uri, i) => ({ uri, path: `optionalSkills.${i}` })),
  ]);
}

export function createNeedsService(db: Database) {
  async function views(rows: NeedRow[], conn: DbOrTx = db): Promise<NeedView[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const [placed, skills, langs] = await Promise.all([
      placedViews(conn, rows),
      conn.select().from(needSkills).where(inArray(needSkills.needId, ids)),
      conn.select().from(needLanguages).where(inArray(needLanguages.needId, ids)),
    ]);
    return rows.map((n) => ({
      ...placed(n),
      type: n.type as 'job' | 'asset',
      essentialSkills: skills
        .filter((s) => s.needId === n.id && s.relation === 'essential')
        .map((s) => s.skillUri)
        .sort(),
      optionalSkills: skills
        .filter((s) => s.needId === n.id && s.relation === 'optional')
        .map((s) => s.skillUri)
        .sort(),
      languages: langs
        .filter((l) => l.needId === n.id)
        .map((l) => ({ code: l.language, minLevel: l.minLevel })),
    }));
  }

  // Companies read through row-level security as a second line (db/row-security.ts).
  function get(id: string, principal: Principal): Promise<NeedView> {
    return readAs(db, principal, async (conn) => {
      const [row] = await conn.select().from(needs).where(eq(needs.id, id));
      if (!row) throw new NotFoundError('need', id);
      assertMayAccessNeed(principal, row);
      return (await views([row], conn))[0]!;
    });
  }

  const writes = versionedWrites<NeedRow, NeedView>({ db, spec: SPEC, get });

  return {
    get,

    list(query: NeedListQuery, principal: Principal) {
      return readAs(db, principal, async (conn) => {
        const { items, nextCursor, total } = await listNeedRows(conn, query, principal);
        return { items: await views(items, conn), nextCursor, total };
      });
    },

    async create(input: CreateNeed, principal: Principal): Promise<NeedView> {
      const id = await db.transaction(async (tx) => {
        await validateReferences(tx, input);
        // A desk-bound principal posts in its desk; a firm or the network coordinator, in the firm's desk.
        const [firm] = await tx
          .select({ deskId: firms.deskId })
          .from(firms)
          .where(eq(firms.id, input.firmId));
        const deskId = deskForNewRecord(principal, 'need', undefined) ?? firm?.deskId ?? null;
        authorizeCreate(principal, 'need', { deskId, firmId: input.firmId }, 'need');
        const m = await resolveMunicipality(tx, input.municipality);
        const { municipality: _m, ...rest } = input;
        // Job needs carry skills and languages in child tables; asset needs have none.
        const { essentialSkills, optionalSkills, languages, ...fields } = rest as typeof rest &
          Partial<
            Pick<Extract<CreateNeed, { type: 'job' }>, 'essentialSkills' | 'optionalSkills' | 'languages'>
          >;
        const [id] = await insertNeeds(tx, [
          {
            columns: {
              ...fields,
              positions: input.type === 'job' ? (input.positions ?? 1) : null,
              deskId,
              ...placeColumns(m),
            } as typeof needs.$inferInsert,
            children: { essentialSkills, optionalSkills, languages },
          },
        ]);
        return id!;
      });
      return get(id, principal);
    },

    update(id: string, patch: UpdateNeed, principal: Principal): Promise<NeedView> {
      return writes.update({
        id,
        version: patch.version,
        principal,
        columns: async (tx, current) => {
          const wrongType = (current.type === 'job' ? ASSET_ONLY_FIELDS : JOB_ONLY_FIELDS).filter(
            (f) => (patch as Record<string, unknown>)[f] !== undefined,
          );
          if (wrongType.length > 0)
            throw new ValidationError(
              wrongType.map((f) => ({ path: f, reason: `not a field of a ${current.type} need` })),
            );
          await validateReferences(tx, patch);
          await replaceNeedChildren(tx, id, patch);
          return patchColumns(tx, patch, ['essentialSkills', 'optionalSkills', 'languages']);
        },
      });
    },

    end: writes.end,
  };
}
export type NeedsService = ReturnType<typeof createNeedsService>;
