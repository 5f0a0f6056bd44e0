import type { GeoPoint } from './types.js';

/**
 * The one earth radius of the product: search (both engines), the SQL candidate box and the matcher all
 * measure with it, so a person on a radius boundary is inside for all of them or for none.
 */
export const EARTH_RADIUS_KM = 6371;
const RAD = Math.PI / 180;
/** Kilometres per degree of latitude on that sphere (≈ 111.19). */
export const KM_PER_DEGREE = EARTH_RADIUS_KM * RAD;

/** Great-circle distance in km (haversine; errors under 0.5 % are irrelevant at commuting scale). */
export function haversineKm(a: GeoPoint, b: GeoPoint): number {
  return haversineRaw(a.lat, a.lon, b.lat, b.lon);
}

/** The same distance from bare coordinates. */
export function haversineRaw(lat1: number, lon1: number, lat2: number, lon2: number): number {
  return haversineWithCosines(lat1, lon1, cosLatitude(lat1), lat2, lon2, cosLatitude(lat2));
}

/** The cosine of a latitude in degrees, as `haversineWithCosines` takes it. */
export function cosLatitude(lat: number): number {
  return Math.cos(lat * RAD);
}

/**
 * `haversineRaw` with the cosines of both latitudes given: a search testing one point against a hundred
 * thousand stored ones computes the query's cosine once and keeps each stored point's. Same operations,
 * so the same result to the last bit.
 */
export function haversineWithCosines(
  lat1: number,
  lon1: number,
  cosLat1: number,
  lat2: number,
  lon2: number,
  cosLat2: number,
): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const s = Math.sin(dLat / 2) ** 2 + cosLat1 * cosLat2 * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(s)));
}

/**
 * A lower bound of the great-circle distance from the latitudes alone (no path between two parallels is
 * shorter than the meridian arc): rejects a far point north or south without a trigonometric call.
 */
export function latitudeGapKm(lat1: number, lat2: number): number {
  return Math.abs(lat2 - lat1) * KM_PER_DEGREE;
}

/**
 * The latitude/longitude box holding every point within `km` of a point: what lets a (lat, lon) index
 * narrow a radius query before the exact distance decides. Never smaller than the circle.
 */
export function boundingBox(lat: number, lon: number, km: number) {
  const dLat = km / KM_PER_DEGREE;
  const cosLat = Math.max(0.01, Math.cos(Math.min(89, Math.abs(lat) + dLat) * RAD));
  const dLon = Math.min(180, km / (KM_PER_DEGREE * cosLat));
  // A hair wider (about 0.1 mm) so rounding never leaves a point exactly on the circle outside the box.
  const pad = 1e-9;
  return {
    minLat: lat - dLat - pad,
    maxLat: lat + dLat + pad,
    minLon: lon - dLon - pad,
    maxLon: lon + dLon + pad,
  };
}

/** Grid cell size in degrees (~22 km of latitude): a few cells cover a commuting radius. */
export const CELL_DEG = 0.2;

export function cellOf(lat: number, lon: number, cellDeg = CELL_DEG): number {
  const row = Math.floor((lat + 90) / cellDeg);
  const col = Math.floor((lon + 180) / cellDeg);
  return row * 2000 + col;
}

/** Every cell (of `cellDeg` degrees, as `cellOf`) whose box may hold a point within `radiusKm` of the centre. */
export function cellsWithin(center: GeoPoint, radiusKm: number, cellDeg = CELL_DEG): number[] {
  const box = boundingBox(center.lat, center.lon, radiusKm);
  const r0 = Math.floor((Math.max(-90, box.minLat) + 90) / cellDeg);
  const r1 = Math.floor((Math.min(90, box.maxLat) + 90) / cellDeg);
  const c0 = Math.floor((box.minLon + 180) / cellDeg);
  const c1 = Math.floor((box.maxLon + 180) / cellDeg);
  const cols = Math.round(360 / cellDeg);
  const out: number[] = [];
  for (let r = r0; r <= r1; r++)
    for (let c = c0; c <= c1; c++) out.push(r * 2000 + (((c % cols) + cols) % cols));
  return out;
}
