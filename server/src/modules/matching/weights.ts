import {
  ASSET_COMPONENTS,
  DEFAULT_CONFIG,
  JOB_COMPONENTS,
  OPERATOR_COMPONENTS,
  ROLE_COMPONENTS,
  weightsHash,
  type ScoringConfig,
} from '@rilancio/matcher';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client.js';
import { auditLog, settings } from '../../db/schema.js';

const KEY = 'matcher.weights';

/** A group of component weights: each in [0, 1], together exactly 1, so a score stays in [0, 1]. */
const group = <T extends readonly string[]>(names: T) =>
  z
    .strictObject(
      Object.fromEntries(names.map((n) => [n, z.number().min(0).max(1)])) as Record<T[number], z.ZodNumber>,
    )
    .refine((w) => Math.abs((Object.values(w) as number[]).reduce((a, b) => a + b, 0) - 1) < 1e-6, {
      message: 'the weights of a group add up to 1',
    });

export const WeightsSchema = z.strictObject({
  job: group(JOB_COMPONENTS),
  role: group(ROLE_COMPONENTS),
  asset: group(ASSET_COMPONENTS),
  operator: group(OPERATOR_COMPONENTS),
});
export type Weights = z.infer<typeof WeightsSchema>;

export const WEIGHTS_KEY = KEY;

export interface WeightsSnapshot {
  config: ScoringConfig;
  /** The hash of exactly this config: what a run logs and shows. */
  hash: string;
  isDefault: boolean;
}

/** The configuration a stored settings value gives (the defaults when absent or invalid). */
export function snapshotOf(stored: unknown): WeightsSnapshot {
  const parsed = stored === undefined ? undefined : WeightsSchema.safeParse(stored);
  const config = parsed?.success ? { ...DEFAULT_CONFIG, ...parsed.data } : DEFAULT_CONFIG;
  return { config, hash: weightsHash(config), isDefault: !parsed?.success };
}

const weightsOf = (c: ScoringConfig): Weights =>
  ({ job: c.job, role: c.role, asset: c.asset, operator: c.operator }) as Weights;

/**
 * The weights the network's admin set, over the engine's defaults. Every other rule stays in code with
 * the engine version; every run logs the hash of the configuration it actually used.
 */
export function createWeightsStore(db: Database) {
  async function effective(): Promise<WeightsSnapshot> {
    const [row] = await db.select().from(settings).where(eq(settings.key, KEY));
    return snapshotOf(row?.value);
  }
  return {
    effective,
    async view() {
      const { config, hash, isDefault } = await effective();
      return {
        engineVersion: config.engineVersion,
        weightsHash: hash,
        isDefault,
        weights: weightsOf(config),
      };
    },
    async set(weights: Weights | null, reason: string, actor: { userId: string | null; role: string }) {
      if (weights) {
        await db
          .insert(settings)
          .values({ key: KEY, value: weights, updatedBy: actor.userId })
          .onConflictDoUpdate({
            target: settings.key,
            set: { value: weights, updatedBy: actor.userId, updatedAt: new Date() },
          });
      } else {
        await db.delete(settings).where(eq(settings.key, KEY));
      }
      const after = await effective();
      await db.insert(auditLog).values({
        actorUserId: actor.userId,
        actorRole: actor.role,
        action: weights ? 'matcher.weights.changed' : 'matcher.weights.reset',
        subjectType: 'setting',
        subjectId: KEY,
        details: { reason, weightsHash: after.hash },
      });
      return this.view();
    },
  };
}
export type WeightsStore = ReturnType<typeof createWeightsStore>;
