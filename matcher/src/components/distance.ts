import { haversineKm } from '../geo.js';
import type { Exclusion, GeoPoint } from '../types.js';
import type { ComponentValue } from './value.js';

export interface DistanceOutcome extends ComponentValue {
  readonly km: number;
  readonly exclusion: Exclusion | null;
}

/** Value falls linearly from 1 at the door to 0 at the farther of the two radii. */
export function distanceValue(km: number, needRadiusKm: number, mobilityKm: number): number {
  const reach = Math.max(needRadiusKm, mobilityKm, 1e-9);
  return km >= reach ? 0 : 1 - km / reach;
}

/**
 * Home (municipality centroid) to workplace. Beyond BOTH the need's radius and the person's own
 * mobility radius the pair is excluded: neither side accepted that distance.
 */
export function scoreDistance(
  home: GeoPoint,
  place: GeoPoint,
  needRadiusKm: number,
  mobilityKm: number,
): DistanceOutcome {
  const km = haversineKm(home, place);
  const value = distanceValue(km, needRadiusKm, mobilityKm);
  const r = Math.round(km * 10) / 10;
  const params = { km: r, radiusKm: needRadiusKm, mobilityKm };
  const inNeed = km <= needRadiusKm;
  const inMobility = km <= mobilityKm;
  if (!inNeed && !inMobility)
    return {
      value,
      km,
      reason: { code: 'beyond_both', params },
      exclusion: { code: 'distance_beyond_both', params },
    };
  const code = inNeed && inMobility ? 'within_both' : inNeed ? 'within_need_radius' : 'within_mobility';
  return { value, km, reason: { code, params }, exclusion: null };
}
