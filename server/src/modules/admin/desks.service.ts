import type { Database } from '../../db/client.js';
import { desks } from '../../db/schema.js';
import { changeVersioned, endVersioned, rowOr404 } from '../shared/versioned.js';

type DeskRow = typeof desks.$inferSelect;
const SPEC = { entity: 'desk', table: desks } as const;

const view = (d: DeskRow) => ({
  id: d.id,
  code: d.code,
  name: d.name,
  country: d.country,
  regionName: d.regionName,
  municipalityCode: d.municipalityCode,
  endedAt: d.endedAt ? d.endedAt.toISOString() : null,
  version: d.version,
});

/** The network's desks (sportelli, centres): the admin opens, renames and closes them. */
export function createDesksService(db: Database) {
  const get = async (id: string) => view(await rowOr404(db, desks, id, 'desk'));
  return {
    async create(input: {
      code: string;
      name: string;
      country: 'IT' | 'FR';
      regionName: string;
      municipalityCode?: string | null;
    }) {
      const [row] = await db.insert(desks).values(input).returning();
      return view(row!);
    },
    async update(
      id: string,
      patch: { version: number; name?: string; regionName?: string; municipalityCode?: string | null },
    ) {
      await db.transaction((tx) =>
        changeVersioned<DeskRow>(tx, SPEC, id, patch.version, () => {
          const { version: _v, ...fields } = patch;
          return fields;
        }),
      );
      return get(id);
    },
    async end(id: string, version: number) {
      await db.transaction((tx) => endVersioned<DeskRow>(tx, SPEC, id, version));
      return get(id);
    },
    get,
  };
}
export type DesksService = ReturnType<typeof createDesksService>;
