import { api } from '$lib/api/client';
import type { AssetDoc, Entity, ProfileDoc, SearchResult } from '$lib/api/types';

type Loose = Record<string, unknown>;

function settle<T>(p: PromiseSettledResult<T>): { value: T | null; error: unknown } {
  return p.status === 'fulfilled' ? { value: p.value, error: null } : { value: null, error: p.reason };
}

export async function load({ params, fetch }) {
  let crisis: Entity;
  try {
    crisis = await api.get('crisis-cases', params.id, fetch);
  } catch (error) {
    return {
      id: params.id,
      crisis: null,
      error,
      workers: null,
      assets: null,
      opportunities: null,
      needs: null,
    };
  }
  const by = (extra: Record<string, string>) => new URLSearchParams({ crisisCaseId: params.id, ...extra });
  const lat = crisis.lat as number | undefined;
  const lon = crisis.lon as number | undefined;
  const [workers, assets, opportunities, needs] = await Promise.allSettled([
    api.search<ProfileDoc>(
      'profiles',
      by({ facets: 'iscoGroups,employmentStatus,desiredPaths', limit: '24' }),
      fetch,
    ),
    api.search<AssetDoc>('assets', by({ facets: 'kind', limit: '50' }), fetch),
    api.search<Loose>('opportunities', by({ limit: '20' }), fetch),
    lat !== undefined && lat !== null && lon !== undefined && lon !== null
      ? api.search<Loose>(
          'needs',
          new URLSearchParams({
            lat: String(lat),
            lon: String(lon),
            radiusKm: '50',
            sort: 'distance',
            limit: '10',
          }),
          fetch,
        )
      : Promise.resolve(null as SearchResult<Loose> | null),
  ]);
  return {
    id: params.id,
    crisis,
    error: null,
    workers: settle(workers),
    assets: settle(assets),
    opportunities: settle(opportunities),
    needs: settle(needs),
  };
}
