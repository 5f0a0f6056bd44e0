/**
 * Issue 18, item 3: what travel times between the area's municipalities cost, through the code the
 * matcher uses. Prints the municipalities, the model's build, the on-demand lookups matching and search
 * do (`TravelModel.from(origin)` once per query, then one call per candidate), and the precomputed
 * all-pairs matrix (`TravelMatrix`: memory, build time, lookup).
 *
 *   npx tsx matcher/bench/travel.bench.ts            (npm run bench:travel -w matcher)
 *
 * Run with --expose-gc (`node --expose-gc --import tsx …`) for exact heap deltas; without it the deltas
 * include garbage not yet collected. CPU time is printed next to wall time: on a shared machine it is the
 * figure to read.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFerryTable, TravelMatrix, TravelModel } from '../src/index.js';
import { readReference, REFERENCE_DIR } from './reference.js';

const gc = (globalThis as { gc?: () => void }).gc;
/** JS heap plus array buffers (a typed array's bytes live outside the heap). */
const heap = (): number => {
  gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};
const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
function measure<T>(f: () => T): { value: T; wallMs: number; cpuMs: number } {
  const c0 = cpu();
  const t0 = performance.now();
  const value = f();
  return { value, wallMs: performance.now() - t0, cpuMs: cpu() - c0 };
}
const mb = (b: number) => `${(b / 1e6).toFixed(1)} MB`;

// A deterministic pseudo-random sequence, so two runs look up the same pairs.
let seed = 18;
const rand = (n: number): number => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed % n;
};

const towns = readReference('municipalities').map((r) => ({ lat: Number(r.lat), lon: Number(r.lon) }));
const table = parseFerryTable(JSON.parse(readFileSync(join(REFERENCE_DIR, 'ferry_links.json'), 'utf8')));
console.log(
  `municipalities: ${towns.length}; ferry table: ${table.ports.length} ports, ${table.links.length} links`,
);

const h0 = heap();
const model = measure(() => new TravelModel(table));
console.log(
  `travel model (all-year links, Floyd–Warshall over the ports): built in ${model.wallMs.toFixed(1)} ms wall, ${model.cpuMs.toFixed(1)} ms CPU; heap and buffers +${mb(heap() - h0)}`,
);
const travel = model.value;

// On demand, as the matcher does per query: the origin's port costs once, then one call per candidate.
const ORIGINS = 2_000;
const PER_ORIGIN = 1_000;
const origins = Array.from({ length: ORIGINS }, () => towns[rand(towns.length)]!);
const targets = Array.from({ length: PER_ORIGIN }, () => towns[rand(towns.length)]!);
let sink = 0;
const fromCost = measure(() => {
  const fs = [];
  for (const o of origins) fs.push(travel.from(o));
  return fs;
});
const lookups = measure(() => {
  for (const f of fromCost.value) for (const t of targets) sink += f(t).minutes === Infinity ? 0 : 1;
});
const n = ORIGINS * PER_ORIGIN;
console.log(
  `on demand: from(origin) ${((fromCost.cpuMs * 1e6) / ORIGINS).toFixed(0)} ns CPU per query; ` +
    `then ${((lookups.cpuMs * 1e6) / n).toFixed(0)} ns CPU (${((lookups.wallMs * 1e6) / n).toFixed(0)} ns wall) per pair over ${n.toLocaleString('en')} random pairs; no memory held`,
);

const h1 = heap();
const matrix = measure(() => TravelMatrix.build(travel, towns));
const held = heap() - h1;
console.log(
  `all pairs (TravelMatrix.build): ${towns.length}² = ${(towns.length ** 2).toLocaleString('en')} Uint16 minutes = ${mb(matrix.value.bytes)}` +
    ` (heap and buffers +${mb(held)}${gc ? '' : ', without --expose-gc'}); built in ${(matrix.wallMs / 1000).toFixed(1)} s wall, ${(matrix.cpuMs / 1000).toFixed(1)} s CPU`,
);
const LOOKUPS = 20_000_000;
const is = Uint32Array.from({ length: 4096 }, () => rand(towns.length));
const js = Uint32Array.from({ length: 4096 }, () => rand(towns.length));
const at = measure(() => {
  for (let k = 0; k < LOOKUPS; k++) sink += matrix.value.at(is[k & 4095]!, js[(k >> 12) & 4095]!);
});
console.log(
  `matrix lookup (at): ${((at.cpuMs * 1e6) / LOOKUPS).toFixed(1)} ns CPU (${((at.wallMs * 1e6) / LOOKUPS).toFixed(1)} ns wall) over ${LOOKUPS.toLocaleString('en')} lookups`,
);
const within = measure(() => {
  for (let k = 0; k < 1000; k++) sink += matrix.value.within(is[k]!, 60).length;
});
console.log(
  `reachable set (within 60 min of a municipality): ${(within.cpuMs / 1000).toFixed(3)} ms CPU per call`,
);
console.log(`rss ${mb(process.memoryUsage().rss)}; load average ${os().toFixed(1)} (checksum ${sink % 997})`);

function os(): number {
  try {
    return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
  } catch {
    return NaN;
  }
}
