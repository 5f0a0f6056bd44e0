import { api } from '$lib/api/client';

let cached: Promise<GeoJSON.FeatureCollection> | undefined;

/** Region and province boundaries: from the API, else the copy bundled with the UI. */
export function loadBoundaries(): Promise<GeoJSON.FeatureCollection> {
  cached ??= api.boundaries().catch(async () => {
    const res = await fetch('/geo/boundaries.geojson');
    if (!res.ok) throw new Error(`boundaries ${res.status}`);
    return (await res.json()) as GeoJSON.FeatureCollection;
  });
  cached.catch(() => (cached = undefined));
  return cached;
}
