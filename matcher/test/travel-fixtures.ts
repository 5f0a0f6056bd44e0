import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parseFerryTable } from '../src/travel/ferry-table.js';
import { TravelModel } from '../src/travel/model.js';
import type { GeoPoint } from '../src/types.js';

const ref = (name: string): URL => new URL(`../../seed/reference/${name}`, import.meta.url);

/** The bundled ferry table, as the server loads it. */
export const ferryJson = (): unknown => JSON.parse(readFileSync(ref('ferry_links.json'), 'utf8')) as unknown;
export const ferryTable = parseFerryTable(ferryJson());
export const travel = new TravelModel(ferryTable);

export interface Municipality extends GeoPoint {
  readonly code: string;
  readonly name: string;
  readonly region: string;
}

/** The area's 2,190 municipalities (the file has no quoted cells, checked by the server loader). */
export function municipalities(): Municipality[] {
  const lines = gunzipSync(readFileSync(ref('municipalities.csv.gz')))
    .toString('utf8')
    .trim()
    .split('\n');
  const head = lines[0]!.split(',');
  const col = (n: string): number => head.indexOf(n);
  return lines.slice(1).map((l) => {
    const c = l.split(',');
    return {
      code: c[col('code')]!,
      name: c[col('name')]!,
      region: c[col('region_code')]!,
      lat: Number(c[col('lat')]),
      lon: Number(c[col('lon')]),
    };
  });
}

/** Municipality points (municipalities.csv). */
export const TOWNS = {
  portoferraio: { lat: 42.7969, lon: 10.30072 },
  rio: { lat: 42.82389, lon: 10.40816 },
  piombino: { lat: 42.97885, lon: 10.5504 },
  livorno: { lat: 43.52454, lon: 10.36055 },
  bastia: { lat: 42.68641, lon: 9.42503 },
  olbia: { lat: 40.93537, lon: 9.45438 },
  genova: { lat: 44.42889, lon: 8.98934 },
  cagliari: { lat: 39.223, lon: 9.104 },
  nice: { lat: 43.71367, lon: 7.22902 },
  laMaddalena: { lat: 41.23229, lon: 9.41214 },
  palau: { lat: 41.16743, lon: 9.35552 },
  giglio: { lat: 42.35436, lon: 10.90082 },
  capraia: { lat: 43.03702, lon: 9.81877 },
} as const;
