/**
 * The importer's view of each entity: how a file row becomes the API's create input (references
 * resolved, file codes mapped to domain codes), its natural key, and how it is written through the
 * entity's repository, the same write path as the API (adapters/*.ts, one file per entity).
 */
import type { EntityName } from '../../files/index.js';
import { assetsAdapter } from './adapters/assets.js';
import type { EntityAdapter } from './adapters/common.js';
import { firmsAdapter } from './adapters/firms.js';
import { needsAdapter } from './adapters/needs.js';
import { opportunitiesAdapter } from './adapters/opportunities.js';
import { profilesAdapter } from './adapters/profiles.js';

export type { DbState, EntityAdapter, ExistingRecord, RowContext } from './adapters/common.js';

export const ADAPTERS: Readonly<Record<EntityName, EntityAdapter>> = {
  profiles: profilesAdapter,
  assets: assetsAdapter,
  firms: firmsAdapter,
  needs: needsAdapter,
  opportunities: opportunitiesAdapter,
};

/** Stable JSON (sorted keys) so two states compare equal whatever order their fields were set in. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
}
