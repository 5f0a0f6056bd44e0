import { api } from '$lib/api/client';

let cached: Promise<GeoJSON.FeatureCollection> | undefined;

/** Region and province boundaries from the server (the bundled GeoJSON), fetched once per session. */
export function loadBoundaries(): Promise<GeoJSON.FeatureCollection> {
  cached ??= api.boundaries();
  cached.catch(() => (cached = undefined));
  return cached;
}

export type FerryLinks = Awaited<ReturnType<typeof api.ferryLinks>>;
let ferries: Promise<FerryLinks> | undefined;

/** The ferry table (it changes only with a release), fetched once per session. */
export function loadFerryLinks(): Promise<FerryLinks> {
  ferries ??= api.ferryLinks();
  ferries.catch(() => (ferries = undefined));
  return ferries;
}
