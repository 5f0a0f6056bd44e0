import { z } from 'zod';

/**
 * The fixed travel-time budgets of the people counts (asset page and offer pack): counts are only given
 * for these, so two nearly equal budgets cannot be differenced to single out one person.
 */
export const NEARBY_MINUTES = [15, 30, 45, 60, 90, 120] as const;
export type NearbyMinutes = (typeof NEARBY_MINUTES)[number];

/** One of the budgets, from a query string; anything else is refused naming the parameter. */
export const NearbyMinutesSchema = z.coerce
  .number()
  .refine((m) => (NEARBY_MINUTES as readonly number[]).includes(m), {
    message: `one of ${NEARBY_MINUTES.join(', ')} minutes`,
  })
  .describe(`door-to-door travel time by road and ferry: one of ${NEARBY_MINUTES.join(', ')}`);
