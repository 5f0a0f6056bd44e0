import type { ScoringConfig } from '../config.js';
import { daysBetween } from '../dates.js';
import type { IsoDate } from '../types.js';
import type { ComponentValue } from './value.js';

/** Available by the start date = 1; later loses credit linearly, 0 after `lateDaysToZero` days. */
export function scoreAvailability(
  availableFrom: IsoDate,
  startDate: IsoDate | null,
  config: ScoringConfig,
): ComponentValue {
  if (startDate === null) return { value: 1, reason: { code: 'no_start_date', params: {} } };
  const late = daysBetween(startDate, availableFrom);
  if (late <= 0) return { value: 1, reason: { code: 'available', params: { startDate } } };
  return {
    value: Math.max(0, 1 - late / config.lateDaysToZero),
    reason: { code: 'late', params: { days: late, startDate } },
  };
}
