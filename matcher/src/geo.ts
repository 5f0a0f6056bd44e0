import type { GeoPoint } from './types.js';

const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;

/** Great-circle distance in km (haversine; errors under 0.5 % are irrelevant at commuting scale). */
export function haversineKm(a: GeoPoint, b: GeoPoint): number {
  return haversineRaw(a.lat, a.lon, b.lat, b.lon);
}

export function haversineRaw(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(s)));
}

/** Grid cell size in degrees (~22 km of latitude): a few cells cover a commuting radius. */
export const CELL_DEG = 0.2;

export function cellOf(lat: number, lon: number): number {
  const row = Math.floor((lat + 90) / CELL_DEG);
  const col = Math.floor((lon + 180) / CELL_DEG);
  return row * 2000 + col;
}

/** Every cell whose box may hold a point within `radiusKm` of the centre. */
export function cellsWithin(center: GeoPoint, radiusKm: number): number[] {
  const dLat = radiusKm / 111.2;
  const cosLat = Math.max(0.01, Math.cos(Math.min(89, Math.abs(center.lat) + dLat) * RAD));
  const dLon = Math.min(180, radiusKm / (111.2 * cosLat));
  const r0 = Math.floor((Math.max(-90, center.lat - dLat) + 90) / CELL_DEG);
  const r1 = Math.floor((Math.min(90, center.lat + dLat) + 90) / CELL_DEG);
  const c0 = Math.floor((center.lon - dLon + 180) / CELL_DEG);
  const c1 = Math.floor((center.lon + dLon + 180) / CELL_DEG);
  const out: number[] = [];
  for (let r = r0; r <= r1; r++)
    for (let c = c0; c <= c1; c++) out.push(r * 2000 + (((c % 1800) + 1800) % 1800));
  return out;
}
