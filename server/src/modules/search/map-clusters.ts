/**
 * Grid clustering of search results for a map: the whole result set, not the page on screen, in cells of
 * about 60 px at the requested zoom. A cell with one result carries what a popup card needs; a cell with
 * more carries its count and extent (the map zooms there on click). Pure: the service feeds it points.
 */
export interface MapPoint {
  id: string;
  lat: number;
  lon: number;
  title: string;
  kind?: string;
  status?: string;
  municipality?: string;
  province?: string;
}

export interface MapCluster {
  lat: number;
  lon: number;
  count: number;
  /** south, west, north, east of the results in the cell. */
  bounds: [number, number, number, number];
  /**
   * The results themselves, for a popup card: given for a single result, and for results that share
   * one point (assets placed at their municipality's point), which no zoom level can separate.
   */
  points?: MapPoint[];
}

export interface BBox {
  south: number;
  west: number;
  north: number;
  east: number;
}

/** Cells per 256 px tile side: about 64 px cells. */
const CELLS_PER_TILE = 4;
/** Co-located results listed in a popup, at most. */
export const MAX_LISTED = 20;

export function inBox(p: { lat: number; lon: number }, b: BBox): boolean {
  return p.lat >= b.south && p.lat <= b.north && p.lon >= b.west && p.lon <= b.east;
}

/** Web Mercator y of a latitude in [0, 1). */
function mercatorY(lat: number): number {
  const s = Math.sin((Math.max(-85, Math.min(85, lat)) * Math.PI) / 180);
  return 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
}

export function gridClusters(points: readonly MapPoint[], zoom: number): MapCluster[] {
  const cells = 2 ** zoom * CELLS_PER_TILE;
  const groups = new Map<string, MapPoint[]>();
  for (const p of points) {
    const key = `${Math.floor(((p.lon + 180) / 360) * cells)}:${Math.floor(mercatorY(p.lat) * cells)}`;
    const g = groups.get(key);
    if (g) g.push(p);
    else groups.set(key, [p]);
  }
  const out: MapCluster[] = [];
  for (const g of groups.values()) {
    let lat = 0;
    let lon = 0;
    const bounds: [number, number, number, number] = [90, 180, -90, -180];
    for (const p of g) {
      lat += p.lat;
      lon += p.lon;
      bounds[0] = Math.min(bounds[0], p.lat);
      bounds[1] = Math.min(bounds[1], p.lon);
      bounds[2] = Math.max(bounds[2], p.lat);
      bounds[3] = Math.max(bounds[3], p.lon);
    }
    const cluster: MapCluster = { lat: lat / g.length, lon: lon / g.length, count: g.length, bounds };
    if (bounds[0] === bounds[2] && bounds[1] === bounds[3])
      cluster.points = [...g].sort((a, b) => a.title.localeCompare(b.title)).slice(0, MAX_LISTED);
    out.push(cluster);
  }
  // Biggest first, then by place: a stable order for clients and tests.
  return out.sort((a, b) => b.count - a.count || a.lat - b.lat || a.lon - b.lon);
}
