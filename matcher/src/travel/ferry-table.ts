/**
 * The ferry table: ports and the scheduled links between them. The server reads the bundled JSON
 * (`seed/reference/ferry_links.json`); this module only checks it and gives it a type, so a bad table
 * fails at start-up with the row and field named instead of producing wrong travel times.
 */

export interface Port {
  /** Stable code, e.g. "piombino". */
  readonly id: string;
  /** What people call it ("Piombino", "Porto Santo Stefano"). */
  readonly name: string;
  /** ISTAT / INSEE code of the municipality the port is in. */
  readonly municipality: string;
  /** The passenger terminal, WGS84 degrees. */
  readonly lat: number;
  readonly lon: number;
}

export interface FerryLink {
  readonly from: string;
  readonly to: string;
  readonly operators: readonly string[];
  /** Where the row's figures come from: the operators' timetable pages (https URLs). */
  readonly sources: readonly string[];
  /** The date the row was written from those timetables (YYYY-MM-DD). */
  readonly asOf: string;
  /** Scheduled sailing time, minutes. */
  readonly crossingMinutes: number;
  /** Check-in / boarding time to be at the port before departure, minutes. */
  readonly boardingMinutes: number;
  /** Typical departures per day in each direction in the low season (0.5 = every other day). */
  readonly departuresPerDay: number;
  /** True when the link runs all year; seasonal links are drawn on the map but not used for commuting. */
  readonly allYear: boolean;
  /** First and last month of service (1–12) of a seasonal link; null when it runs all year. */
  readonly seasonMonths: readonly [number, number] | null;
  /** What the timetables add (an operator that runs only in summer…), for the reader of the file. */
  readonly note: string | null;
}

export interface FerryTable {
  readonly compiledOn: string;
  readonly sources: readonly string[];
  readonly ports: readonly Port[];
  readonly links: readonly FerryLink[];
}

/** A refused table: `field` is a JSON path like `links[3].crossingMinutes`. */
export class FerryTableError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
    this.name = 'FerryTableError';
  }
}

type Obj = Record<string, unknown>;

function obj(v: unknown, field: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new FerryTableError(field, 'must be an object');
  return v as Obj;
}

function arr(v: unknown, field: string): unknown[] {
  if (!Array.isArray(v)) throw new FerryTableError(field, 'must be a list');
  return v;
}

function str(o: Obj, key: string, at: string): string {
  const v = o[key];
  if (v === undefined || v === null) throw new FerryTableError(`${at}.${key}`, 'is missing');
  if (typeof v !== 'string' || v.trim() === '') throw new FerryTableError(`${at}.${key}`, 'must be a text');
  return v.trim();
}

function num(o: Obj, key: string, at: string, min: number, max: number, positive = false): number {
  const v = o[key];
  if (v === undefined || v === null) throw new FerryTableError(`${at}.${key}`, 'is missing');
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw new FerryTableError(`${at}.${key}`, 'must be a number');
  if (v < 0) throw new FerryTableError(`${at}.${key}`, 'must not be negative');
  if (positive && v === 0) throw new FerryTableError(`${at}.${key}`, 'must be greater than zero');
  if (v < min || v > max) throw new FerryTableError(`${at}.${key}`, `must be between ${min} and ${max}`);
  return v;
}

function parsePort(v: unknown, at: string): Port {
  const o = obj(v, at);
  return {
    id: str(o, 'id', at),
    name: str(o, 'name', at),
    municipality: str(o, 'municipality', at),
    lat: num(o, 'lat', at, 30, 50),
    lon: num(o, 'lon', at, 0, 20),
  };
}

function parseLink(v: unknown, at: string, ports: ReadonlySet<string>): FerryLink {
  const o = obj(v, at);
  const from = str(o, 'from', at);
  const to = str(o, 'to', at);
  if (!ports.has(from)) throw new FerryTableError(`${at}.from`, `unknown port "${from}"`);
  if (!ports.has(to)) throw new FerryTableError(`${at}.to`, `unknown port "${to}"`);
  if (from === to) throw new FerryTableError(`${at}.to`, 'must differ from the departure port');
  const operators = arr(o['operators'], `${at}.operators`).map((x, i) => {
    if (typeof x !== 'string' || x.trim() === '')
      throw new FerryTableError(`${at}.operators[${i}]`, 'must be a text');
    return x.trim();
  });
  if (operators.length === 0) throw new FerryTableError(`${at}.operators`, 'must name at least one operator');
  // A row nobody can trace back to a timetable cannot be checked or refreshed: each names its sources.
  const sources = arr(o['sources'], `${at}.sources`).map((x, i) => {
    if (typeof x !== 'string' || !/^https:\/\/\S+$/.test(x.trim()))
      throw new FerryTableError(`${at}.sources[${i}]`, 'must be an https address');
    return x.trim();
  });
  if (sources.length === 0) throw new FerryTableError(`${at}.sources`, 'must name at least one source');
  const asOf = str(o, 'asOf', at);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(asOf)))
    throw new FerryTableError(`${at}.asOf`, 'must be a date YYYY-MM-DD');
  const allYear = o['allYear'];
  if (typeof allYear !== 'boolean') throw new FerryTableError(`${at}.allYear`, 'must be true or false');
  const months = o['seasonMonths'];
  let seasonMonths: [number, number] | null = null;
  if (allYear) {
    if (months !== null && months !== undefined)
      throw new FerryTableError(`${at}.seasonMonths`, 'must be null for a link that runs all year');
  } else {
    if (!Array.isArray(months) || months.length !== 2)
      throw new FerryTableError(`${at}.seasonMonths`, 'a seasonal link needs [first month, last month]');
    months.forEach((m, i) => {
      if (!Number.isInteger(m) || (m as number) < 1 || (m as number) > 12)
        throw new FerryTableError(`${at}.seasonMonths[${i}]`, 'must be a month from 1 to 12');
    });
    seasonMonths = [months[0] as number, months[1] as number];
  }
  const note = o['note'];
  if (note !== undefined && (typeof note !== 'string' || note.trim() === ''))
    throw new FerryTableError(`${at}.note`, 'must be a text when present');
  return {
    from,
    to,
    operators,
    sources,
    asOf,
    crossingMinutes: num(o, 'crossingMinutes', at, 1, 2880, true),
    boardingMinutes: num(o, 'boardingMinutes', at, 0, 240),
    departuresPerDay: num(o, 'departuresPerDay', at, 0.05, 200, true),
    allYear,
    seasonMonths,
    note: typeof note === 'string' ? note.trim() : null,
  };
}

/** Checks a parsed JSON ferry table; throws FerryTableError naming the first bad field. */
export function parseFerryTable(json: unknown): FerryTable {
  const root = obj(json, 'table');
  const compiledOn = str(root, 'compiledOn', 'table');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(compiledOn))
    throw new FerryTableError('table.compiledOn', 'must be a date YYYY-MM-DD');
  const sources = arr(root['sources'], 'table.sources').map((s, i) => {
    if (typeof s !== 'string' || s.trim() === '')
      throw new FerryTableError(`sources[${i}]`, 'must be a text');
    return s;
  });
  if (sources.length === 0) throw new FerryTableError('table.sources', 'must list at least one source');
  const ports = arr(root['ports'], 'table.ports').map((p, i) => parsePort(p, `ports[${i}]`));
  const ids = new Set<string>();
  ports.forEach((p, i) => {
    if (ids.has(p.id)) throw new FerryTableError(`ports[${i}].id`, `duplicate port "${p.id}"`);
    ids.add(p.id);
  });
  const links = arr(root['links'], 'table.links').map((l, i) => parseLink(l, `links[${i}]`, ids));
  const seen = new Set<string>();
  links.forEach((l, i) => {
    const key = [l.from, l.to].sort().join('|');
    if (seen.has(key)) throw new FerryTableError(`links[${i}]`, `duplicate link ${l.from}–${l.to}`);
    seen.add(key);
  });
  return { compiledOn, sources, ports, links };
}
