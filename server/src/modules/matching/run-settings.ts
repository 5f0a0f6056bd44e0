import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { settings } from '../../db/schema.js';
import { snapshotOf, WEIGHTS_KEY, type WeightsSnapshot } from './weights.js';

const RANKING_KEY = 'ranking';

export interface RunSettings {
  /** The stop switch (ranking-switch.ts). */
  ranked: boolean;
  weights: WeightsSnapshot;
}

/**
 * Everything a match run reads from settings, in one query and once: the run scores, logs and shows
 * the same weights, even when an admin changes them while it runs.
 */
export async function readRunSettings(db: DbOrTx): Promise<RunSettings> {
  const rows = await db
    .select()
    .from(settings)
    .where(inArray(settings.key, [RANKING_KEY, WEIGHTS_KEY]));
  const value = (key: string) => rows.find((r) => r.key === key)?.value;
  return {
    ranked: (value(RANKING_KEY) as { enabled?: boolean } | undefined)?.enabled ?? true,
    weights: snapshotOf(value(WEIGHTS_KEY)),
  };
}
