import type { Principal } from '../../auth/principal.js';
import type { AssetsService } from '../assets/index.js';
import type { MatchFeed } from '../matching/index.js';
import { protectCount, protectFacets } from '../search/index.js';

/** Protected counts of the people living within a travel time of a point. */
export interface PeopleNearbyCounts {
  minutes: number;
  /** Suppressed under 5 and rounded to 5. */
  total: number;
  /** ISCO-08 unit group → people (same protection). */
  iscoGroups: Record<string, number>;
  /** ESCO occupation URI → people (same protection). */
  occupationUris: Record<string, number>;
}

/**
 * "Skilled people nearby", one copy for the asset page and the offer pack: people living within a
 * door-to-door time of a point by road and all-year ferries (the matcher's travel model over the
 * in-memory match index), not within a circle, so Elba counts for Piombino only once the ferry fits and
 * Bastia never counts for Livorno within an hour. Counts only, each suppressed and rounded like every
 * people aggregate (docs/decisions/0004-people-in-aggregate.md).
 */
export function createPeopleNearby(assets: AssetsService, feed: MatchFeed) {
  async function count(point: { lat: number; lon: number }, minutes: number): Promise<PeopleNearbyCounts> {
    const ix = await feed.index();
    const people = ix.peopleWithinMinutes(point, minutes);
    const iscoGroups: Record<string, number> = {};
    const occupationUris: Record<string, number> = {};
    for (const p of people) {
      // A person with two occupations of the same group counts once in it.
      for (const g of new Set(p.occupations.map((o) => o.iscoGroup).filter(Boolean)))
        iscoGroups[g] = (iscoGroups[g] ?? 0) + 1;
      for (const uri of new Set(p.occupations.map((o) => o.uri)))
        occupationUris[uri] = (occupationUris[uri] ?? 0) + 1;
    }
    const protectedCells = protectFacets({ iscoGroups, occupationUris });
    return {
      minutes,
      total: protectCount(people.length),
      iscoGroups: protectedCells.iscoGroups ?? {},
      occupationUris: protectedCells.occupationUris ?? {},
    };
  }

  return {
    count,
    /** The counts around an asset the principal may read (404/403 as reading the asset). */
    async forAsset(id: string, minutes: number, principal: Principal): Promise<PeopleNearbyCounts> {
      const asset = await assets.get(id, principal);
      return count({ lat: asset.lat, lon: asset.lon }, minutes);
    },
  };
}
export type PeopleNearby = ReturnType<typeof createPeopleNearby>;
