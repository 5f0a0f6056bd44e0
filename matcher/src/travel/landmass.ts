/**
 * Which piece of land a point is on, and how fast one crosses it by road.
 *
 * Landmasses are told apart by latitude/longitude boxes, smallest island first. The boxes are wide
 * enough for every municipality point and port of the five regions and narrow enough not to catch
 * the facing coast (a server test checks all 2,190 municipalities against their region). They are an
 * approximation for arbitrary coordinates right on a strait (e.g. Punta Sardegna facing La Maddalena).
 * Sant'Antioco and Calasetta are joined to Sardinia by a causeway, so they are Sardinia.
 */

export type Landmass =
  'mainland' | 'sardinia' | 'corsica' | 'elba' | 'capraia' | 'giglio' | 'la_maddalena' | 'san_pietro';

export const LANDMASSES: readonly Landmass[] = [
  'mainland',
  'sardinia',
  'corsica',
  'elba',
  'capraia',
  'giglio',
  'la_maddalena',
  'san_pietro',
];

interface Box {
  readonly id: Landmass;
  readonly lat0: number;
  readonly lat1: number;
  readonly lon0: number;
  readonly lon1: number;
}

/** Checked in order: small islands first, then the two large ones; anything else is the mainland. */
const BOXES: readonly Box[] = [
  { id: 'elba', lat0: 42.7, lat1: 42.89, lon0: 10.08, lon1: 10.45 },
  { id: 'capraia', lat0: 43.0, lat1: 43.09, lon0: 9.78, lon1: 9.86 },
  { id: 'giglio', lat0: 42.3, lat1: 42.4, lon0: 10.85, lon1: 10.95 },
  // South of 41.195 is Palau on Sardinia; the archipelago's southern shore is at about 41.20.
  { id: 'la_maddalena', lat0: 41.195, lat1: 41.33, lon0: 9.34, lon1: 9.5 },
  // San Pietro ends at about 8.34 E; Calasetta (Sant'Antioco, joined to Sardinia) is at 8.37.
  { id: 'san_pietro', lat0: 39.08, lat1: 39.21, lon0: 8.21, lon1: 8.345 },
  // The Strait of Bonifacio: Corsica's southern tip is at 41.36, Sardinia's northern at 41.26.
  { id: 'corsica', lat0: 41.34, lat1: 43.05, lon0: 8.5, lon1: 9.6 },
  { id: 'sardinia', lat0: 38.8, lat1: 41.34, lon0: 8.0, lon1: 9.9 },
];

export function landmassOf(lat: number, lon: number): Landmass {
  for (const b of BOXES) if (lat >= b.lat0 && lat < b.lat1 && lon >= b.lon0 && lon < b.lon1) return b.id;
  return 'mainland';
}

/**
 * Road model of one terrain: the road distance is the straight line times `detour`, driven at
 * `speedKmh` on average (door to door, towns and junctions included). Figures in docs/travel-time.md.
 */
export interface Terrain {
  readonly detour: number;
  readonly speedKmh: number;
}

export type TerrainName = 'plain' | 'alpine' | 'corsica' | 'sardinia' | 'small_island';

export const TERRAINS: Readonly<Record<TerrainName, Terrain>> = {
  // Coastal plains and valleys of Liguria, Tuscany and Provence, with the A10, A12, A8 and A7 motorways.
  plain: { detour: 1.3, speedKmh: 70 },
  // Southern Alps (Alpes-de-Haute-Provence, Hautes-Alpes, Alpes-Maritimes hinterland): valley roads and passes.
  alpine: { detour: 1.55, speedKmh: 50 },
  // Mountain island, no motorway: the T roads wind along the coast and over passes.
  corsica: { detour: 1.5, speedKmh: 55 },
  // Dual carriageways (SS131, SS131 DCN) between the main towns, slower roads elsewhere.
  sardinia: { detour: 1.35, speedKmh: 65 },
  // Elba, Capraia, Giglio, La Maddalena, San Pietro: short winding island roads.
  small_island: { detour: 1.4, speedKmh: 40 },
};

/** The Southern Alps box: north of the Riviera (43.75 N) and east of the Durance valley (5.7 E). */
function isAlpine(lat: number, lon: number): boolean {
  return lat >= 43.75 && lon >= 5.7 && lon <= 7.8;
}

export function terrainAt(land: Landmass, lat: number, lon: number): TerrainName {
  if (land === 'mainland') return isAlpine(lat, lon) ? 'alpine' : 'plain';
  if (land === 'corsica' || land === 'sardinia') return land;
  return 'small_island';
}

const ORDER: Readonly<Record<TerrainName, number>> = {
  plain: 0,
  sardinia: 1,
  corsica: 2,
  alpine: 3,
  small_island: 4,
};

/** A trip takes the slower terrain of its two ends (a mountain village is as slow to leave as to reach). */
export function slowerTerrain(a: TerrainName, b: TerrainName): TerrainName {
  return ORDER[a] >= ORDER[b] ? a : b;
}

/** Minutes by road for a straight-line distance on one terrain. */
export function roadMinutes(straightKm: number, t: Terrain): number {
  return ((straightKm * t.detour) / t.speedKmh) * 60;
}
