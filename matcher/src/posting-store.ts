import { distanceValue } from './components/distance.js';
import {
  cellOf,
  cellsWithin,
  cosLatitude,
  haversineRaw,
  haversineWithCosines,
  latitudeGapKm,
} from './geo.js';
import { runToEnd } from './steps.js';
import { BoundHeap, TopK } from './top-k.js';
import type { GeoPoint, MatchResult } from './types.js';
import { compareResults } from './rank.js';

/** A growable list of slot numbers (a postings list). */
class IntList {
  data = new Int32Array(4);
  length = 0;
  push(x: number): void {
    if (this.length === this.data.length) {
      const d = new Int32Array(this.data.length * 2);
      d.set(this.data);
      this.data = d;
    }
    this.data[this.length++] = x;
  }
}

/**
 * Records reaching farther than this (a weekly ferry commuter accepts 14 hours, about 750 km) are kept
 * in a list of their own instead of widening the grid search of every query to the whole area.
 */
const FAR_KM = 200;

/**
 * Postings are split into blocks by where a record lives (cells of BLOCK_DEG degrees) and how far it
 * reaches (the first of RADIUS_CLASSES_KM holding its radius), so a query reads only the blocks that can
 * hold a record within its reach: at a million profiles most people holding a need's skills live too
 * far away to be candidates, and reading their slots was most of a query's time.
 */
const BLOCK_DEG = 1;
const RADIUS_CLASSES_KM = [25, 50, 100, FAR_KM] as const;
/** The block of the records reaching beyond FAR_KM, read by every query. */
const FAR_BLOCK = -1;

function blockOf(point: GeoPoint, radiusKm: number): number {
  if (radiusKm > FAR_KM) return FAR_BLOCK;
  let c = 0;
  while (radiusKm > RADIUS_CLASSES_KM[c]!) c++;
  return cellOf(point.lat, point.lon, BLOCK_DEG) * RADIUS_CLASSES_KM.length + c;
}

/**
 * Every block that may hold a record within reach of `point`: a record of class c is within reach only
 * if it lies within max(radiusKm, that class's largest radius), so inside that circle's bounding box.
 */
function blocksWithin(point: GeoPoint, radiusKm: number): number[] {
  const out: number[] = [FAR_BLOCK];
  RADIUS_CLASSES_KM.forEach((classKm, c) => {
    for (const cell of cellsWithin(point, Math.max(radiusKm, classKm), BLOCK_DEG))
      out.push(cell * RADIUS_CLASSES_KM.length + c);
  });
  return out;
}

/**
 * Layout of a slot: 64 bytes, the size of a cache line, three views of the same memory. The record:
 * latitude, longitude, radius and skill total as float64 from byte 0 (`PostingStore.geo`), and the cosine
 * of the latitude at bytes 56–63 (for the distance test). The query scratch, 32-bit words from byte 32:
 * the epoch mark, the candidate's stage and the last skill group credited as integers (in `marks`), the
 * skill credit, occupation closeness and distance value as floats (in `sums`). A query reaches up to
 * 150,000 slots of a million in posting order, nearly each a cache miss; with the record and its scratch
 * in one line the first touch brings in what the reach test and the heap read.
 */
const SLOT_BYTES = 64;
const GEO_STRIDE = SLOT_BYTES / Float64Array.BYTES_PER_ELEMENT;
const LAT = 0;
const LON = 1;
const RADIUS = 2;
const SKILL_TOTAL = 3;
const COS_LAT = 7;
/** A mark no slot holds (epochs start at 1, and a slot never marked holds 0). */
const NO_SLOT_MARK = -1;
/** The radius of a removed slot (a live record's radius is never negative). */
const DEAD = -1;

const SCRATCH_STRIDE = SLOT_BYTES / Int32Array.BYTES_PER_ELEMENT;
const MARK = 8;
const ACC = 9;
const OCC = 10;
const DIST = 11;
/** The candidate's stage (NEEDS_DISTANCE…READY), an integer in `marks`. */
const STAGE = 12;
/** The last skill group (see SearchPlan.skillKeys) that credited the slot, an integer in `marks`. */
const GROUP = 13;

/**
 * How far a candidate's bound has been tightened. Each step costs more than the one before and is
 * taken only when the candidate reaches the top of the heap: the door-to-door time, then the exact
 * components other than skills (`SearchPlan.partial`), then the full score.
 */
const NEEDS_DISTANCE = 0;
const NEEDS_PARTIAL = 1;
const READY = 2;

/**
 * One indexed record: its point and its own radius (mobility or need radius). Its keys are not
 * kept: a million profiles × twenty key strings would cost gigabytes; `keysOf` recomputes them.
 */
export interface StoreEntry<T> {
  readonly item: T;
  readonly id: string;
  readonly point: GeoPoint;
  readonly radiusKm: number;
  /** Total skill weight of the record when it is a need (0 for people). */
  readonly skillTotal: number;
}

/** Upper-bound pieces a query provides; see `search`. */
export interface SearchPlan<T> {
  readonly point: GeoPoint;
  readonly radiusKm: number;
  /**
   * Skill credit by key, in groups: a record gets, for each group, the largest `amount` among the keys of
   * the group it holds, and the sum over groups. A group is one requirement, reached by any of several
   * routes (the skill itself, a related skill, an occupation implying it), of which the score counts
   * only the best.
   */
  readonly skillKeys: readonly { key: string; amount: number; group: string }[];
  /** Per-slot maximum of occupation closeness for records holding `key`. */
  readonly occupationKeys: readonly { key: string; value: number }[];
  /** Occupation closeness bound for records matched by none of `occupationKeys`. */
  readonly occupationFloor: number;
  /** Skill weight of the query side when it is a need; 0 when the store holds needs. */
  readonly querySkillTotal: number;
  readonly weights: { readonly skills: number; readonly occupation: number; readonly distance: number };
  /** Sum of the weights of every component with no bound computed here (assumed 1). */
  readonly otherWeights: number;
  readonly score: (item: T) => MatchResult;
  /**
   * With travel times: the record's distance value, or −1 when the pair is excluded by distance. It
   * replaces the straight-line test; `radiusKm` and the records' radii are then straight-line
   * prefilters holding every record that could be accepted, and the straight-line value on them,
   * `distanceValue(km, radiusKm, record radius)`, must bound the travel value from above. It does for
   * `travelFit`: a trip of `km` takes at least km / maxStraightKmPerMinute, and the prefilter radii are
   * the time budgets times that speed.
   */
  readonly proximity?: ((item: T) => number) | undefined;
  readonly filter?: ((item: T) => boolean) | undefined;
  /**
   * The exact weighted sum of every component except skills and distance (occupation included), much
   * cheaper than `score`: with it, a bound is tightened once more before the full score. Without it the
   * bound keeps the occupation closeness from the postings and `otherWeights`.
   */
  readonly partial?: ((item: T) => number) | undefined;
  /** Rule on the scored result (besides having no exclusion) for it to be listed. */
  readonly accept?: ((r: MatchResult) => boolean) | undefined;
}

export interface SearchStats {
  /** Live records in the store. */
  readonly poolSize: number;
  /** Records that passed the geographic test and got an upper bound. */
  readonly candidates: number;
  /** Records fully scored. */
  readonly scored: number;
}

/**
 * A route worth at most this share of its requirement's best route (the skill itself) is read only when
 * the search needs it (see `search`). With the default weights that defers broader skills (0.5), siblings
 * (0.35) and occupations implying the skill (0.6 essential, 0.3 optional); the skill itself and narrower
 * skills (0.8) are read first. Measured at a million profiles (`index-match.bench.ts`, p95 in process):
 * nothing deferred 103 ms, 0.4 92 ms, 0.65 65 ms, 0.85 61 ms with twice as many people scored in full.
 */
const DEFERRED_SHARE = 0.65;

interface SkillGroup {
  /** Keys read first, best amount first. */
  readonly keys: { key: string; amount: number }[];
  /** Keys read only if needed, best amount first. */
  readonly deferred: { key: string; amount: number }[];
  /** The best deferred amount (0 without any): the most a record holding none of `keys` gets here. */
  readonly deferredMax: number;
}

/**
 * A query's skill keys by group, each group's keys best amount first and a key repeated within a group
 * kept once (its best amount): the records holding it were credited at its first read. With `defer`, a
 * group's weak routes (DEFERRED_SHARE) are set apart.
 */
function skillGroups(
  keys: readonly { key: string; amount: number; group: string }[],
  defer: boolean,
): SkillGroup[] {
  const groups = new Map<string, Map<string, number>>();
  for (const { key, amount, group } of keys) {
    let g = groups.get(group);
    if (!g) groups.set(group, (g = new Map()));
    g.set(key, Math.max(g.get(key) ?? -Infinity, amount));
  }
  return [...groups.values()].map((g) => {
    const sorted = [...g].map(([key, amount]) => ({ key, amount })).sort((a, b) => b.amount - a.amount);
    const cut = defer ? sorted[0]!.amount * DEFERRED_SHARE : -Infinity;
    const weak = sorted.findIndex((k) => k.amount <= cut);
    if (weak < 0) return { keys: sorted, deferred: [], deferredMax: 0 };
    return {
      keys: sorted.slice(0, weak),
      deferred: sorted.slice(weak),
      deferredMax: Math.max(0, sorted[weak]!.amount),
    };
  });
}

/** A query's occupation keys, the highest value of a repeated key kept (closeness is a maximum). */
function valueByKey(keys: readonly { key: string; value: number }[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const { key, value } of keys) out.set(key, Math.max(out.get(key) ?? -Infinity, value));
  return out;
}

/**
 * Shared machinery of the two indexes: slots with columnar coordinates, postings lists by
 * string key and block (see BLOCK_DEG), a lat/lon grid, and an exact top-k search by upper bounds.
 *
 * Removal leaves stale slot numbers in postings; they are skipped on read (the slot is empty)
 * and dropped when the store compacts, so add/remove/update stay O(keys).
 */
export class PostingStore<T> {
  private entries: (StoreEntry<T> | undefined)[] = [];
  private readonly slotOf = new Map<string, number>();
  /** Per key, its postings lists by block number (`blockNumber`): an array, read by index. */
  private readonly postings = new Map<string, (IntList | undefined)[]>();
  /** Blocks numbered densely in order of first use, so that the arrays of `postings` stay short. */
  private readonly blockNumber = new Map<number, number>();
  private readonly grid = new Map<number, IntList>();
  /** Room for this many slots in `geo`, `marks` and `sums` (see SLOT_BYTES). */
  private slotCapacity = 0;
  private geo = new Float64Array(0);
  // Query scratch space, reused between queries (the store is single-threaded).
  private marks = new Int32Array(0);
  private sums = new Float32Array(0);
  private maxRadius = 0;
  /** Slots whose radius exceeds FAR_KM (flagged in `far`), visited one by one by the grid pass. */
  private farSlots = new IntList();
  private far = new Uint8Array(16);
  private live = 0;
  private scratchCapacity = 0;
  private touched = new Int32Array(0);
  private heapSlots = new Int32Array(0);
  private heapBounds = new Float64Array(0);
  private epoch = 0;
  private groupStamp = 0;

  constructor(private readonly keysOf: (item: T) => readonly string[]) {}

  get size(): number {
    return this.live;
  }

  get(id: string): T | undefined {
    const s = this.slotOf.get(id);
    return s === undefined ? undefined : this.entries[s]?.item;
  }

  has(id: string): boolean {
    return this.slotOf.has(id);
  }

  add(e: StoreEntry<T>): void {
    if (this.slotOf.has(e.id)) this.remove(e.id);
    const slot = this.entries.length;
    this.entries.push(e);
    this.slotOf.set(e.id, slot);
    const n = slot + 1;
    if (n > this.slotCapacity) this.growSlots(Math.max(n, this.slotCapacity * 2, 16));
    if (n > this.far.length) {
      const f = new Uint8Array(Math.max(n, this.far.length * 2));
      f.set(this.far);
      this.far = f;
    }
    const at = slot * GEO_STRIDE;
    this.geo[at + LAT] = e.point.lat;
    this.geo[at + LON] = e.point.lon;
    this.geo[at + RADIUS] = e.radiusKm;
    this.geo[at + SKILL_TOTAL] = e.skillTotal;
    this.geo[at + COS_LAT] = cosLatitude(e.point.lat);
    if (e.radiusKm > FAR_KM) {
      this.far[slot] = 1;
      this.farSlots.push(slot);
    } else {
      this.far[slot] = 0;
      this.maxRadius = Math.max(this.maxRadius, e.radiusKm);
    }
    const blockId = blockOf(e.point, e.radiusKm);
    let block = this.blockNumber.get(blockId);
    if (block === undefined) this.blockNumber.set(blockId, (block = this.blockNumber.size));
    for (const key of new Set(this.keysOf(e.item))) {
      let lists = this.postings.get(key);
      if (!lists) this.postings.set(key, (lists = []));
      (lists[block] ??= new IntList()).push(slot);
    }
    const cell = cellOf(e.point.lat, e.point.lon);
    let g = this.grid.get(cell);
    if (!g) this.grid.set(cell, (g = new IntList()));
    g.push(slot);
    this.live++;
  }

  remove(id: string): boolean {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return false;
    this.entries[slot] = undefined;
    // Marked dead beside its coordinates, where a query looks (see `search`'s reach).
    this.geo[slot * GEO_STRIDE + RADIUS] = DEAD;
    this.slotOf.delete(id);
    this.live--;
    if (this.entries.length > 1024 && this.live < this.entries.length / 2) this.compact();
    return true;
  }

  /** Records within `radiusKm` of a point (straight line), in no particular order. */
  near(point: GeoPoint, radiusKm: number): T[] {
    return runToEnd(this.nearSteps(point, radiusKm));
  }

  /** `near` in steps of `slice` records tested: a wide radius at regional scale holds hundreds of thousands. */
  *nearSteps(point: GeoPoint, radiusKm: number, slice = 20_000): Generator<void, T[], void> {
    const out: T[] = [];
    let tested = 0;
    for (const cell of cellsWithin(point, radiusKm)) {
      const g = this.grid.get(cell);
      if (!g) continue;
      for (let i = 0; i < g.length; i++) {
        const s = g.data[i]!;
        const e = this.entries[s];
        if (e && haversineRaw(point.lat, point.lon, e.point.lat, e.point.lon) <= radiusKm) out.push(e.item);
        if (++tested % slice === 0) yield;
      }
    }
    return out;
  }

  /** Records holding a key (e.g. a crisis case), in insertion order. */
  withKey(key: string): T[] {
    const slots: number[] = [];
    for (const l of this.postings.get(key) ?? [])
      if (l) for (let i = 0; i < l.length; i++) if (this.entries[l.data[i]!]) slots.push(l.data[i]!);
    // Slots are handed out in insertion order (compaction keeps it); the blocks interleave them.
    return slots.sort((a, b) => a - b).map((s) => this.entries[s]!.item);
  }

  /** The postings lists of a key within the blocks a query reads (block numbers). */
  private listsOf(key: string, blocks: readonly number[]): IntList[] {
    const lists = this.postings.get(key);
    const out: IntList[] = [];
    if (lists)
      for (const b of blocks) {
        const l = lists[b];
        if (l) out.push(l);
      }
    return out;
  }

  all(): T[] {
    const out: T[] = [];
    for (const e of this.entries) if (e) out.push(e.item);
    return out;
  }

  private compact(): void {
    const old = this.entries.filter((e): e is StoreEntry<T> => e !== undefined);
    this.entries = [];
    this.slotOf.clear();
    this.postings.clear();
    this.blockNumber.clear();
    this.grid.clear();
    this.live = 0;
    this.maxRadius = 0;
    this.farSlots = new IntList();
    for (const e of old) this.add(e);
  }

  /**
   * Exact top-k by a threshold search. For every candidate we compute an upper bound of its
   * score from the postings (skills, occupation) and where it lives; candidates are then scored in
   * decreasing order of bound, and the search stops as soon as the next bound cannot beat the k-th
   * best full score. Records matched by no key are only visited (through the grid) when their best
   * possible score could still enter the top k.
   *
   * With travel times the door-to-door time is the costly part (a hundred haversines), so it is
   * computed lazily: a record within the straight-line reach first gets the bound of its straight-line
   * distance value, and only when it reaches the top of the heap is its travel time computed and the
   * record put back with its exact bound. At a million profiles a need's postings within reach hold up
   * to 150,000 people; a few thousand of them ever reach the top.
   */
  search(plan: SearchPlan<T>, k: number): { results: MatchResult[]; stats: SearchStats } {
    const n = this.entries.length;
    if (this.scratchCapacity < n) this.growScratch(n);
    const { marks, sums, touched, geo } = this;
    /** Marks the slots the current pass has reached; the deferred pass takes a new one. */
    let epoch = ++this.epoch;
    const firstEpoch = epoch;
    const blocks: number[] = [];
    for (const id of blocksWithin(plan.point, plan.radiusKm)) {
      const b = this.blockNumber.get(id);
      if (b !== undefined) blocks.push(b);
    }
    // A requirement's weak routes (broader and sibling skills, occupations implying it) reach many people
    // who hold nothing better. The first pass leaves them unread and bounds every record as if it held
    // the best weak route of each requirement it was not credited better for. Only if someone reached by
    // weak routes alone could still enter is the deferred pass run. Without a query skill total (needs
    // searched for a person) a record's skill total is its own, the untouched have no skill bound below
    // 1, and nothing is deferred.
    const groups = skillGroups(plan.skillKeys, plan.querySkillTotal > 0);
    let touchedCount = 0;
    /** The scratch offset of a slot, its sums reset the first time this query reaches it. */
    const touch = (s: number): number => {
      const at = s * SCRATCH_STRIDE;
      if (marks[at + MARK] !== epoch) {
        marks[at + MARK] = epoch;
        sums[at + ACC] = 0;
        sums[at + OCC] = plan.occupationFloor;
        touched[touchedCount++] = s;
      }
      return at;
    };
    /**
     * Credits the slots holding `keys` (one group's, best amount first) once, by their best amount less
     * `base`, skipping slots marked `skip`. A fresh stamp per group: a record's first credit in the group is
     * its best one and later keys of the group pass it by.
     */
    const credit = (keys: readonly { key: string; amount: number }[], base: number, skip: number): void => {
      const stamp = this.nextGroupStamp();
      for (const { key, amount } of keys) {
        const add = amount - base;
        for (const l of this.listsOf(key, blocks))
          for (let i = 0; i < l.length; i++) {
            const s = l.data[i]!;
            if (marks[s * SCRATCH_STRIDE + MARK] === skip) continue;
            const at = touch(s);
            if (marks[at + GROUP] !== stamp) {
              marks[at + GROUP] = stamp;
              sums[at + ACC] = sums[at + ACC]! + add;
            }
          }
      }
    };
    /** Skill credit any record may hold through keys not read: Σ over groups of `deferredMax`. */
    let unread = 0;
    for (const g of groups) {
      unread += g.deferredMax;
      credit(g.keys, g.deferredMax, NO_SLOT_MARK);
    }
    for (const [key, value] of valueByKey(plan.occupationKeys))
      for (const l of this.listsOf(key, blocks))
        for (let i = 0; i < l.length; i++) {
          const at = touch(l.data[i]!);
          if (value > sums[at + OCC]!) sums[at + OCC] = value;
        }
    const w = plan.weights;
    // Float32 accumulation rounds; the margin keeps the bound an upper bound.
    const slack = 1e-6;
    /**
     * Upper bound of a slot's skill contribution: its credit so far and what unread keys may add
     * (untouched slots, no key in common, have no credit of their own).
     */
    const skillBound = (s: number): number => {
      const at = s * SCRATCH_STRIDE;
      const skillAcc = (marks[at + MARK] === epoch ? sums[at + ACC]! : 0) + unread;
      const total = plan.querySkillTotal > 0 ? plan.querySkillTotal : geo[s * GEO_STRIDE + SKILL_TOTAL]!;
      return w.skills * (total === 0 ? 1 : Math.min(1, skillAcc / total + slack));
    };
    /** Upper bound of a slot's score from the postings and a distance value; untouched slots have the floor. */
    const bound = (s: number, distance: number): number => {
      const at = s * SCRATCH_STRIDE;
      const occupation = marks[at + MARK] === epoch ? sums[at + OCC]! : plan.occupationFloor;
      return skillBound(s) + w.occupation * occupation + w.distance * distance + plan.otherWeights + slack;
    };
    const p = plan.point;
    const proximity = plan.proximity;
    const partial = plan.partial;
    const firstStage = proximity ? NEEDS_DISTANCE : partial ? NEEDS_PARTIAL : READY;
    /**
     * The distance value of a live record within the straight-line reach, or a bound of it while its
     * travel time is not known yet (stage NEEDS_DISTANCE); −1 when distance excludes it or it was
     * removed. Liveness is read from the slot's radius, not from `entries`: at a million records each
     * read of either misses the cache, and this one shares its line with the coordinates read anyway.
     */
    const cosP = cosLatitude(p.lat);
    const reach = (s: number): number => {
      const g = s * GEO_STRIDE;
      const radius = geo[g + RADIUS]!;
      if (radius === DEAD) return -1;
      const lat = geo[g + LAT]!;
      const within = Math.max(plan.radiusKm, radius);
      // Over half the slots a query touches lie beyond its reach; those north or south of it are told by
      // latitude alone, without a trigonometric call. The margin leaves a point at the boundary (a rounding
      // apart) to the exact distance.
      if (latitudeGapKm(p.lat, lat) > within * (1 + 1e-9)) return -1;
      const km = haversineWithCosines(p.lat, p.lon, cosP, lat, geo[g + LON]!, geo[g + COS_LAT]!);
      if (km > within) return -1;
      const at = s * SCRATCH_STRIDE;
      marks[at + STAGE] = firstStage;
      // With travel times this is an upper bound of the value (see SearchPlan.proximity), exact without.
      return (sums[at + DIST] = distanceValue(km, plan.radiusKm, radius));
    };

    const best = new TopK<MatchResult>(k, (a, b) => compareResults(a, b) < 0);
    let scored = 0;
    let candidates = 0;
    const drain = (heap: BoundHeap): void => {
      while (heap.size > 0) {
        const worst = best.peekWorst();
        if (best.full && worst && heap.peekBound() < worst.score) return;
        const s = heap.pop();
        const e = this.entries[s]!;
        const at = s * SCRATCH_STRIDE;
        /** Back into the heap unless it still holds the best bound (then its next step comes at once). */
        const later = (tighter: number): boolean => {
          if (heap.size > 0 && tighter < heap.peekBound()) {
            heap.push(s, tighter);
            return true;
          }
          return best.full && worst !== undefined && tighter < worst.score;
        };
        // The caller's filter once, at a record's first pop: most candidates never get there.
        if (marks[at + STAGE] === firstStage && plan.filter && !plan.filter(e.item)) continue;
        if (marks[at + STAGE] === NEEDS_DISTANCE) {
          const d = proximity!(e.item);
          sums[at + DIST] = d;
          if (d < 0) continue;
          marks[at + STAGE] = partial ? NEEDS_PARTIAL : READY;
          if (later(bound(s, d))) continue;
        }
        if (marks[at + STAGE] === NEEDS_PARTIAL) {
          marks[at + STAGE] = READY;
          if (later(skillBound(s) + partial!(e.item) + w.distance * sums[at + DIST]! + slack)) continue;
        }
        const r = plan.score(e.item);
        scored++;
        if (r.exclusions.length === 0 && (!plan.accept || plan.accept(r))) best.offer(r);
      }
    };

    const { heapSlots, heapBounds } = this;
    /** Bounds the touched slots from `from` on within reach, and scores them in order of bound. */
    const drainTouched = (from: number): void => {
      let m = 0;
      for (let i = from; i < touchedCount; i++) {
        const s = touched[i]!;
        const d = reach(s);
        if (d < 0) continue;
        heapSlots[m] = s;
        heapBounds[m] = bound(s, d);
        m++;
      }
      candidates += m;
      drain(new BoundHeap(heapSlots, heapBounds, m));
    };
    /**
     * Whether a record no pass has reached could still enter: it has no skill credit beyond `unread`
     * when the query has skills, and the occupation floor.
     */
    const untouchedMayEnter = (): boolean => {
      const untouchedSkill =
        plan.querySkillTotal > 0 ? Math.min(1, unread / plan.querySkillTotal + slack) : 1;
      const untouchedMax =
        w.skills * untouchedSkill +
        w.occupation * plan.occupationFloor +
        w.distance +
        plan.otherWeights +
        slack;
      const worst = best.peekWorst();
      return !best.full || (worst !== undefined && untouchedMax >= worst.score);
    };
    drainTouched(0);

    if (groups.some((g) => g.deferred.length > 0) && untouchedMayEnter()) {
      // The deferred pass: the slots the first pass reached are settled (their bounds held every weak
      // route); the slots only weak routes reach are credited exactly and searched in turn.
      const firstReached = touchedCount;
      epoch = ++this.epoch;
      unread = 0;
      for (const g of groups) credit(g.deferred, 0, firstEpoch);
      drainTouched(firstReached);
    }

    // Untouched records: no skill or occupation key in common, so no skill credit when the query has
    // skills. Visit them only if one could still enter.
    if (untouchedMayEnter()) {
      let rest = 0;
      const visit = (s: number): void => {
        const mark = marks[s * SCRATCH_STRIDE + MARK];
        if (mark === firstEpoch || mark === epoch) return;
        const d = reach(s);
        if (d < 0) return;
        heapSlots[rest] = s;
        heapBounds[rest] = bound(s, d);
        rest++;
      };
      // Far-reaching records are visited from their own list, so the grid covers the ordinary radii only.
      for (const cell of cellsWithin(p, Math.max(plan.radiusKm, this.maxRadius))) {
        const g = this.grid.get(cell);
        if (!g) continue;
        for (let i = 0; i < g.length; i++) if (this.far[g.data[i]!] === 0) visit(g.data[i]!);
      }
      for (let i = 0; i < this.farSlots.length; i++) {
        const s = this.farSlots.data[i]!;
        if (this.far[s] === 1) visit(s);
      }
      candidates += rest;
      drain(new BoundHeap(heapSlots, heapBounds, rest));
    }
    return { results: best.sorted(), stats: { poolSize: this.live, candidates, scored } };
  }

  /** A stamp no slot holds yet in its GROUP word (after 2³¹ groups, every slot's is cleared). */
  private nextGroupStamp(): number {
    if (this.groupStamp === 0x7fffffff) {
      for (let s = 0; s < this.slotCapacity; s++) this.marks[s * SCRATCH_STRIDE + GROUP] = 0;
      this.groupStamp = 0;
    }
    return ++this.groupStamp;
  }

  /** Room for `capacity` slots, the records' numbers and the scratch copied over. */
  private growSlots(capacity: number): void {
    const bytes = new Uint8Array(capacity * SLOT_BYTES);
    bytes.set(new Uint8Array(this.geo.buffer));
    this.geo = new Float64Array(bytes.buffer);
    this.marks = new Int32Array(bytes.buffer);
    this.sums = new Float32Array(bytes.buffer);
    this.slotCapacity = capacity;
  }

  /** Per-query lists for `n` slots (and room to grow), allocated once rather than per query. */
  private growScratch(n: number): void {
    const capacity = Math.max(n, Math.ceil(this.scratchCapacity * 1.5));
    this.touched = new Int32Array(capacity);
    this.heapSlots = new Int32Array(capacity);
    this.heapBounds = new Float64Array(capacity);
    this.scratchCapacity = capacity;
  }
}
