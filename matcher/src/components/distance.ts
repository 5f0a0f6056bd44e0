import { haversineKm } from '../geo.js';
import { WEEKLY_FERRY_MAX_MINUTES, type TravelModel, type TravelRoute } from '../travel/model.js';
import type { Exclusion, GeoPoint } from '../types.js';
import type { ComponentValue } from './value.js';

export interface DistanceOutcome extends ComponentValue {
  readonly km: number;
  readonly exclusion: Exclusion | null;
}

/** How far a person will go: kilometres always, a time and a weekly ferry commute when stated. */
export interface Mobility {
  readonly mobilityKm: number;
  readonly maxTravelMinutes?: number | null | undefined;
  readonly weeklyFerryCommute?: boolean | undefined;
}

/** Value falls linearly from 1 at the door to 0 at the farther of the two radii. */
export function distanceValue(km: number, needRadiusKm: number, mobilityKm: number): number {
  const reach = Math.max(needRadiusKm, mobilityKm, 1e-9);
  return km >= reach ? 0 : 1 - km / reach;
}

/** The person's own time budget: the stated minutes, otherwise their km driven on the plain. */
export function mobilityMinutes(m: Mobility, travel: TravelModel): number {
  return m.maxTravelMinutes ?? travel.minutesForKm(m.mobilityKm);
}

/** The widest time any route may take for this person to accept it (the weekly ferry commute included). */
export function widestMinutes(m: Mobility, travel: TravelModel): number {
  const own = mobilityMinutes(m, travel);
  return m.weeklyFerryCommute ? Math.max(own, WEEKLY_FERRY_MAX_MINUTES) : own;
}

export interface TravelFit {
  readonly value: number;
  readonly inNeed: boolean;
  readonly inMobility: boolean;
  /** Within mobility only because the person accepts a weekly ferry commute. */
  readonly weekly: boolean;
  readonly needMinutes: number;
  readonly personMinutes: number;
}

/** The distance value and the two acceptances for a route, in time. Shared by scoring and the index bound. */
export function travelFit(
  route: TravelRoute,
  needRadiusKm: number,
  m: Mobility,
  travel: TravelModel,
): TravelFit {
  const t = route.minutes;
  const needMinutes = needRadiusKm > 0 ? travel.minutesForKm(needRadiusKm) : 0;
  const personMinutes = mobilityMinutes(m, travel);
  const ownOk = t <= personMinutes;
  const weekly = !ownOk && !!m.weeklyFerryCommute && route.mode === 'ferry' && t <= WEEKLY_FERRY_MAX_MINUTES;
  const reach = Math.max(needMinutes, personMinutes, weekly ? WEEKLY_FERRY_MAX_MINUTES : 0, 1e-9);
  return {
    value: t >= reach ? 0 : 1 - t / reach,
    inNeed: t <= needMinutes,
    inMobility: ownOk || weekly,
    weekly,
    needMinutes,
    personMinutes,
  };
}

/** "road", or the crossing ports joined by an en dash ("Portoferraio–Piombino"); rendered per language. */
export function routeParam(route: TravelRoute): string {
  return route.mode === 'ferry' ? `ferry:${route.ports.join('–')}` : route.mode;
}

function byTime(
  home: GeoPoint,
  place: GeoPoint,
  needRadiusKm: number,
  m: Mobility,
  travel: TravelModel,
  route: TravelRoute,
): DistanceOutcome {
  const km = haversineKm(home, place);
  if (route.mode === 'none') {
    const params = { km: Math.round(km * 10) / 10 };
    return {
      value: 0,
      km,
      reason: { code: 'no_route', params },
      exclusion: { code: 'travel_no_route', params },
    };
  }
  const fit = travelFit(route, needRadiusKm, m, travel);
  const params = {
    minutes: Math.ceil(route.minutes),
    route: routeParam(route),
    needMinutes: Math.round(fit.needMinutes),
    mobilityMinutes: Math.round(fit.personMinutes),
    radiusKm: needRadiusKm,
    mobilityKm: m.mobilityKm,
  };
  if (!fit.inNeed && !fit.inMobility)
    return {
      value: fit.value,
      km,
      reason: { code: 'time_beyond_both', params },
      exclusion: { code: 'travel_beyond_both', params },
    };
  const code = fit.weekly
    ? 'time_weekly_ferry'
    : fit.inNeed && fit.inMobility
      ? 'time_within_both'
      : fit.inNeed
        ? 'time_within_need'
        : 'time_within_mobility';
  return { value: fit.value, km, reason: { code, params }, exclusion: null };
}

/**
 * Home (municipality centroid) to workplace. Beyond BOTH the need's radius and the person's own
 * mobility the pair is excluded: neither side accepted that distance. With a travel model the test is
 * on door-to-door time (road and ferries); without one, on the straight line in km.
 */
export function scoreDistance(
  home: GeoPoint,
  place: GeoPoint,
  needRadiusKm: number,
  mobility: Mobility,
  travel?: TravelModel | null,
  route?: TravelRoute,
): DistanceOutcome {
  if (travel) return byTime(home, place, needRadiusKm, mobility, travel, route ?? travel.route(home, place));
  const mobilityKm = mobility.mobilityKm;
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
