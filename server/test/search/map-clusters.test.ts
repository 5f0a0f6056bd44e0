import { describe, expect, it } from 'vitest';
import { gridClusters, MAX_LISTED, type MapPoint } from '../../src/modules/search/map-clusters.js';

const p = (id: string, lat: number, lon: number): MapPoint => ({ id, lat, lon, title: `Asset ${id}` });

describe('grid clusters for the map', () => {
  const laSpezia = [p('a', 44.1, 9.82), p('b', 44.11, 9.83), p('c', 44.12, 9.84)];
  const marseille = [p('m1', 43.3, 5.37), p('m2', 43.31, 5.38)];

  it('counts every point once, in one cluster per place at a regional zoom', () => {
    const c = gridClusters([...laSpezia, ...marseille], 7);
    expect(c.map((x) => x.count)).toEqual([3, 2]);
    expect(c.reduce((n, x) => n + x.count, 0)).toBe(5);
    expect(c[0]!.bounds).toEqual([44.1, 9.82, 44.12, 9.84]);
    expect(c[0]!.points).toBeUndefined();
  });

  it('splits clusters as the map zooms in, down to single points with their card', () => {
    const c = gridClusters(laSpezia, 16);
    expect(c).toHaveLength(3);
    for (const x of c) expect(x.points).toEqual([laSpezia.find((q) => q.lat === x.lat)]);
  });

  it('lists points that share one location, which no zoom separates', () => {
    const same = Array.from({ length: MAX_LISTED + 5 }, (_, i) => p(`s${i}`, 44.1, 9.82));
    const [c] = gridClusters(same, 18);
    expect(c!.count).toBe(MAX_LISTED + 5);
    expect(c!.points).toHaveLength(MAX_LISTED);
  });
});
