import { haversineRaw } from '../geo.js';
import type { GeoPoint } from '../types.js';
import type { FerryLink, FerryTable, Port } from './ferry-table.js';
import {
  landmassOf,
  roadMinutes,
  slowerTerrain,
  terrainAt,
  TERRAINS,
  type Landmass,
  type TerrainName,
} from './landmass.js';

/**
 * Door-to-door travel time between two points: by road on the same landmass, otherwise by road to a
 * port, boarding, a wait for the next departure, the crossing(s), and by road from the arrival port.
 * Pure and deterministic; built once from the ferry table (ports are few, about thirty, so every
 * port-to-port time is precomputed with Floyd–Warshall).
 */

/** A commuter plans by the timetable: the expected slack is a quarter of the mean headway, capped. */
const SERVICE_HOURS = 16;
const MAX_WAIT_MINUTES = 60;
/** A link is good for a daily commute when it runs all year at least this often. */
const DAILY_MIN_DEPARTURES = 4;
/** Longest door-to-door trip a "weekly ferry commute" covers: a night's crossing and the ports. */
export const WEEKLY_FERRY_MAX_MINUTES = 14 * 60;

export interface TravelRoute {
  /** Door-to-door minutes; Infinity when no all-year link reaches the other landmass. */
  readonly minutes: number;
  readonly mode: 'road' | 'ferry' | 'none';
  /** The crossings in order, e.g. ["Portoferraio", "Piombino"] for one crossing; empty by road. */
  readonly ports: readonly string[];
  /** Every crossing runs all year at least DAILY_MIN_DEPARTURES times a day. */
  readonly dailyCommute: boolean;
}

export interface TravelOptions {
  /** Include seasonal links (summer timetables); commuting uses all-year links only (the default). */
  readonly includeSeasonal?: boolean;
}

interface PortNode {
  readonly port: Port;
  readonly land: Landmass;
  readonly terrain: TerrainName;
}

export function expectedWaitMinutes(departuresPerDay: number): number {
  const headway = (SERVICE_HOURS * 60) / departuresPerDay;
  return Math.min(MAX_WAIT_MINUTES, headway / 4);
}

/** Minutes a link costs once at the port: boarding, expected wait, crossing. */
export function linkMinutes(l: FerryLink): number {
  return l.boardingMinutes + expectedWaitMinutes(l.departuresPerDay) + l.crossingMinutes;
}

export class TravelModel {
  readonly table: FerryTable;
  private readonly nodes: PortNode[];
  private readonly portsByLand = new Map<Landmass, number[]>();
  /** Port-to-port minutes (n × n) and the next port on the best path. */
  private readonly dist: Float64Array;
  private readonly next: Int32Array;
  /** Per port pair: 1 when the direct edge is a ferry link good for daily commuting, 2 otherwise, 0 none. */
  private readonly ferryEdge: Uint8Array;
  /** Fastest straight-line progress any leg allows, km per minute: bounds a reach in km. */
  readonly maxStraightKmPerMinute: number;

  constructor(table: FerryTable, options: TravelOptions = {}) {
    this.table = table;
    this.nodes = table.ports.map((port) => {
      const land = landmassOf(port.lat, port.lon);
      return { port, land, terrain: terrainAt(land, port.lat, port.lon) };
    });
    const n = this.nodes.length;
    this.nodes.forEach((node, i) => {
      const list = this.portsByLand.get(node.land) ?? [];
      list.push(i);
      this.portsByLand.set(node.land, list);
    });
    const index = new Map(this.nodes.map((nd, i) => [nd.port.id, i]));
    const dist = new Float64Array(n * n).fill(Infinity);
    const next = new Int32Array(n * n).fill(-1);
    const ferryEdge = new Uint8Array(n * n);
    let maxSpeed = 0;
    for (const t of Object.values(TERRAINS)) maxSpeed = Math.max(maxSpeed, t.speedKmh / t.detour / 60);
    for (let i = 0; i < n; i++) {
      dist[i * n + i] = 0;
      next[i * n + i] = i;
      for (let j = 0; j < n; j++) {
        if (i === j || this.nodes[i]!.land !== this.nodes[j]!.land) continue;
        dist[i * n + j] = this.landBetween(this.nodes[i]!, this.nodes[j]!);
        next[i * n + j] = j;
      }
    }
    for (const l of table.links) {
      if (!l.allYear && !options.includeSeasonal) continue;
      const a = index.get(l.from)!;
      const b = index.get(l.to)!;
      const m = linkMinutes(l);
      const pa = this.nodes[a]!.port;
      const pb = this.nodes[b]!.port;
      maxSpeed = Math.max(maxSpeed, haversineRaw(pa.lat, pa.lon, pb.lat, pb.lon) / m);
      const daily = l.allYear && l.departuresPerDay >= DAILY_MIN_DEPARTURES ? 1 : 2;
      for (const [x, y] of [
        [a, b],
        [b, a],
      ] as const) {
        if (m < dist[x * n + y]!) {
          dist[x * n + y] = m;
          next[x * n + y] = y;
          ferryEdge[x * n + y] = daily;
        }
      }
    }
    for (let k = 0; k < n; k++)
      for (let i = 0; i < n; i++) {
        const ik = dist[i * n + k]!;
        if (ik === Infinity) continue;
        for (let j = 0; j < n; j++) {
          const d = ik + dist[k * n + j]!;
          if (d < dist[i * n + j]!) {
            dist[i * n + j] = d;
            next[i * n + j] = next[i * n + k]!;
          }
        }
      }
    this.dist = dist;
    this.next = next;
    this.ferryEdge = ferryEdge;
    this.maxStraightKmPerMinute = maxSpeed;
  }

  get ports(): readonly Port[] {
    return this.table.ports;
  }

  private landBetween(a: PortNode, b: PortNode): number {
    const t = TERRAINS[slowerTerrain(a.terrain, b.terrain)];
    return roadMinutes(haversineRaw(a.port.lat, a.port.lon, b.port.lat, b.port.lon), t);
  }

  /** Minutes by road between two points of the same landmass. */
  roadMinutes(a: GeoPoint, b: GeoPoint, land: Landmass = landmassOf(a.lat, a.lon)): number {
    const t = TERRAINS[slowerTerrain(terrainAt(land, a.lat, a.lon), terrainAt(land, b.lat, b.lon))];
    return roadMinutes(haversineRaw(a.lat, a.lon, b.lat, b.lon), t);
  }

  /**
   * The time budget a radius in km stands for: driving that straight-line distance on the plain.
   * Needs state a radius in km, and people who gave no time state their mobility in km.
   */
  minutesForKm(km: number): number {
    return roadMinutes(km, TERRAINS.plain);
  }

  /** A straight-line radius that holds every point reachable within `minutes` (a prefilter). */
  kmWithin(minutes: number): number {
    return minutes * this.maxStraightKmPerMinute + 1e-6;
  }

  /** Fast repeated queries from one origin (a need's place, an asset): port costs are computed once. */
  from(origin: GeoPoint): (to: GeoPoint) => TravelRoute {
    const n = this.nodes.length;
    const land = landmassOf(origin.lat, origin.lon);
    // best[j]: minutes from the origin to port j (any landmass), and the departure port used.
    const best = new Float64Array(n).fill(Infinity);
    const via = new Int32Array(n).fill(-1);
    for (const i of this.portsByLand.get(land) ?? []) {
      const toPort = this.roadMinutes(origin, this.nodes[i]!.port, land);
      for (let j = 0; j < n; j++) {
        if (this.nodes[j]!.land === land) continue;
        const d = toPort + this.dist[i * n + j]!;
        if (d < best[j]!) {
          best[j] = d;
          via[j] = i;
        }
      }
    }
    return (to: GeoPoint): TravelRoute => {
      const toLand = landmassOf(to.lat, to.lon);
      if (toLand === land)
        return { minutes: this.roadMinutes(origin, to, land), mode: 'road', ports: [], dailyCommute: true };
      let minutes = Infinity;
      let arrival = -1;
      for (const j of this.portsByLand.get(toLand) ?? []) {
        const d = best[j]! + this.roadMinutes(this.nodes[j]!.port, to, toLand);
        if (d < minutes) {
          minutes = d;
          arrival = j;
        }
      }
      if (arrival < 0 || minutes === Infinity)
        return { minutes: Infinity, mode: 'none', ports: [], dailyCommute: false };
      return { minutes, mode: 'ferry', ...this.crossings(via[arrival]!, arrival) };
    };
  }

  /**
   * Fast repeated queries to one destination (a workplace) from many origins (people's homes): the route
   * equals `route(origin, destination)` exactly — the same sums in the same order, only the ports the
   * destination's landmass arrives at are visited and the arrival legs are computed once.
   */
  toward(destination: GeoPoint): (origin: GeoPoint) => TravelRoute {
    const n = this.nodes.length;
    const toLand = landmassOf(destination.lat, destination.lon);
    const arrivals = this.portsByLand.get(toLand) ?? [];
    const back = arrivals.map((j) => this.roadMinutes(this.nodes[j]!.port, destination, toLand));
    return (origin: GeoPoint): TravelRoute => {
      const land = landmassOf(origin.lat, origin.lon);
      if (land === toLand)
        return {
          minutes: this.roadMinutes(origin, destination, land),
          mode: 'road',
          ports: [],
          dailyCommute: true,
        };
      const departures = this.portsByLand.get(land) ?? [];
      const toPort = departures.map((i) => this.roadMinutes(origin, this.nodes[i]!.port, land));
      let minutes = Infinity;
      let arrival = -1;
      let departure = -1;
      for (let a = 0; a < arrivals.length; a++) {
        const j = arrivals[a]!;
        // best[j] of `from`: the first departure port reaching j fastest (strict <, in the same order).
        let best = Infinity;
        let via = -1;
        for (let d = 0; d < departures.length; d++) {
          const x = toPort[d]! + this.dist[departures[d]! * n + j]!;
          if (x < best) {
            best = x;
            via = departures[d]!;
          }
        }
        const total = best + back[a]!;
        if (total < minutes) {
          minutes = total;
          arrival = j;
          departure = via;
        }
      }
      if (arrival < 0 || minutes === Infinity)
        return { minutes: Infinity, mode: 'none', ports: [], dailyCommute: false };
      return { minutes, mode: 'ferry', ...this.crossings(departure, arrival) };
    };
  }

  route(a: GeoPoint, b: GeoPoint): TravelRoute {
    // The same answer as `from(a)(b)` without its table of port costs, which a road trip never reads
    // (scoring calls this once per person scored: thousands per query at a million profiles).
    const land = landmassOf(a.lat, a.lon);
    if (landmassOf(b.lat, b.lon) === land)
      return { minutes: this.roadMinutes(a, b, land), mode: 'road', ports: [], dailyCommute: true };
    return this.from(a)(b);
  }

  /** The ports where the path between two ports boards or lands a ferry, in order. */
  private crossings(start: number, end: number): { ports: string[]; dailyCommute: boolean } {
    const n = this.nodes.length;
    const ports: string[] = [];
    let daily = true;
    let at = start;
    while (at !== end) {
      const step = this.next[at * n + end]!;
      const kind = this.ferryEdge[at * n + step]!;
      if (kind !== 0) {
        const name = this.nodes[at]!.port.name;
        if (ports[ports.length - 1] !== name) ports.push(name);
        ports.push(this.nodes[step]!.port.name);
        if (kind === 2) daily = false;
      }
      at = step;
    }
    return { ports, dailyCommute: daily };
  }
}
