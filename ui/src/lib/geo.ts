import { api } from '$lib/api/client';

let cached: Promise<GeoJSON.FeatureCollection> | undefined;

/** Region and province boundaries from the server (the bundled GeoJSON), fetched once per session. */
export function loadBoundaries(): Promise<GeoJSON.FeatureCollection> {
  cached ??= api.boundaries();
  cached.catch(() => (cached = undefined));
  return cached;
}
