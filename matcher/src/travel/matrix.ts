import type { GeoPoint } from '../types.js';
import type { TravelModel } from './model.js';

/** Minutes stored as Uint16: 65,535 stands for "not reachable by an all-year link". */
export const UNREACHABLE = 0xffff;

/**
 * Travel minutes between every pair of a fixed list of places (the area's municipalities),
 * row-major, rounded up to the minute. 2,190 places take 2,190² × 2 bytes = 9.6 MB.
 */
export class TravelMatrix {
  constructor(
    readonly size: number,
    readonly minutes: Uint16Array,
  ) {}

  static build(model: TravelModel, places: readonly GeoPoint[]): TravelMatrix {
    const n = places.length;
    const minutes = new Uint16Array(n * n);
    for (let i = 0; i < n; i++) {
      const from = model.from(places[i]!);
      const row = i * n;
      for (let j = 0; j < n; j++) {
        const m = from(places[j]!).minutes;
        minutes[row + j] = m === Infinity ? UNREACHABLE : Math.min(UNREACHABLE - 1, Math.ceil(m));
      }
    }
    return new TravelMatrix(n, minutes);
  }

  get bytes(): number {
    return this.minutes.byteLength;
  }

  at(from: number, to: number): number {
    const m = this.minutes[from * this.size + to]!;
    return m === UNREACHABLE ? Infinity : m;
  }

  /** Indexes of the places within `budget` minutes of `from` (the reachable set; grows with the budget). */
  within(from: number, budget: number): number[] {
    const out: number[] = [];
    const row = from * this.size;
    for (let j = 0; j < this.size; j++) if (this.minutes[row + j]! <= budget) out.push(j);
    return out;
  }
}
