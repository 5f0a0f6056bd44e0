import type { TravelModel } from './travel/model.js';

/**
 * Reference knowledge from ESCO, built once by a pure function from rows the server loads.
 * Every URI is interned to a small integer and adjacency is stored in typed arrays, so all of
 * ESCO (≈14k skills + 640 groups, 3k occupations, 124k relations) fits in a few MB.
 */

export interface SkillBroaderRow {
  readonly conceptUri: string;
  readonly broaderUri: string;
}

export interface OccupationRow {
  readonly uri: string;
  readonly iscoGroup: string;
}

export interface OccupationSkillRow {
  readonly occupationUri: string;
  readonly skillUri: string;
  readonly relation: 'essential' | 'optional';
}

export interface KnowledgeRows {
  readonly skillBroader: readonly SkillBroaderRow[];
  readonly occupations: readonly OccupationRow[];
  readonly occupationSkills: readonly OccupationSkillRow[];
}

export interface Knowledge {
  /**
   * Travel times across land and sea (ferry links). Absent: distances are straight lines, as in tests
   * that are about something else; the server always supplies it.
   */
  readonly travel?: TravelModel | null;
  /** Skill and skill-group URI → interned id. */
  readonly skillId: ReadonlyMap<string, number>;
  readonly skillUri: readonly string[];
  /** Per skill id: direct broader concepts (skills or groups). */
  readonly broader: readonly Int32Array[];
  /** Per skill id: direct narrower concepts. */
  readonly narrower: readonly Int32Array[];
  readonly occupationId: ReadonlyMap<string, number>;
  readonly occupationUri: readonly string[];
  readonly occupationIsco: readonly string[];
  /** Per occupation id: skill ids, sorted ascending (binary-searchable). */
  readonly essentialSkills: readonly Int32Array[];
  readonly optionalSkills: readonly Int32Array[];
  /** Per skill id: occupation ids listing it as essential / optional (reverse of the above). */
  readonly occupationsWithEssential: readonly Int32Array[];
  readonly occupationsWithOptional: readonly Int32Array[];
}

const EMPTY = new Int32Array(0);

function intern(map: Map<string, number>, list: string[], uri: string): number {
  let id = map.get(uri);
  if (id === undefined) {
    id = list.length;
    map.set(uri, id);
    list.push(uri);
  }
  return id;
}

function freeze(lists: number[][], n: number): Int32Array[] {
  const out: Int32Array[] = new Array<Int32Array>(n);
  for (let i = 0; i < n; i++) {
    const l = lists[i];
    out[i] = l && l.length > 0 ? Int32Array.from(new Set(l)).sort() : EMPTY;
  }
  return out;
}

export function buildKnowledge(rows: KnowledgeRows): Knowledge {
  const skillId = new Map<string, number>();
  const skillUri: string[] = [];
  const up: number[][] = [];
  const down: number[][] = [];
  for (const r of rows.skillBroader) {
    const c = intern(skillId, skillUri, r.conceptUri);
    const b = intern(skillId, skillUri, r.broaderUri);
    if (c === b) continue;
    (up[c] ??= []).push(b);
    (down[b] ??= []).push(c);
  }
  const occupationId = new Map<string, number>();
  const occupationUri: string[] = [];
  const occupationIsco: string[] = [];
  for (const o of rows.occupations) {
    const id = intern(occupationId, occupationUri, o.uri);
    occupationIsco[id] = o.iscoGroup;
  }
  const ess: number[][] = [];
  const opt: number[][] = [];
  const revEss: number[][] = [];
  const revOpt: number[][] = [];
  for (const r of rows.occupationSkills) {
    const o = intern(occupationId, occupationUri, r.occupationUri);
    const s = intern(skillId, skillUri, r.skillUri);
    if (r.relation === 'essential') {
      (ess[o] ??= []).push(s);
      (revEss[s] ??= []).push(o);
    } else {
      (opt[o] ??= []).push(s);
      (revOpt[s] ??= []).push(o);
    }
  }
  const nS = skillUri.length;
  const nO = occupationUri.length;
  for (let i = 0; i < nO; i++) occupationIsco[i] ??= '';
  return {
    skillId,
    skillUri,
    broader: freeze(up, nS),
    narrower: freeze(down, nS),
    occupationId,
    occupationUri,
    occupationIsco,
    essentialSkills: freeze(ess, nO),
    optionalSkills: freeze(opt, nO),
    occupationsWithEssential: freeze(revEss, nS),
    occupationsWithOptional: freeze(revOpt, nS),
  };
}

/** Knowledge with no ESCO rows: exact skill matching only. Useful for tests and as a fallback. */
export const EMPTY_KNOWLEDGE: Knowledge = buildKnowledge({
  skillBroader: [],
  occupations: [],
  occupationSkills: [],
});

export function sortedHas(arr: Int32Array, x: number): boolean {
  let lo = 0;
  let hi = arr.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = arr[mid]!;
    if (v === x) return true;
    if (v < x) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/**
 * Concepts reachable upward (or downward) within `depth` steps, with their distance.
 * Depth is small (2), so a plain BFS is fine.
 */
export function within(adj: readonly Int32Array[], start: number, depth: number): Map<number, number> {
  const seen = new Map<number, number>();
  let frontier = [start];
  for (let d = 1; d <= depth && frontier.length > 0; d++) {
    const next: number[] = [];
    for (const n of frontier) {
      for (const m of adj[n] ?? EMPTY) {
        if (m !== start && !seen.has(m)) {
          seen.set(m, d);
          next.push(m);
        }
      }
    }
    frontier = next;
  }
  return seen;
}

/** Skills sharing a direct parent with `s`, where that parent is small enough to be meaningful. */
export function siblings(k: Knowledge, s: number, maxGroupSize: number): Set<number> {
  const out = new Set<number>();
  for (const p of k.broader[s] ?? EMPTY) {
    const kids = k.narrower[p] ?? EMPTY;
    if (kids.length > maxGroupSize) continue;
    for (const c of kids) if (c !== s) out.add(c);
  }
  return out;
}
