import { api } from '$lib/api/client';

const counts = (index: 'profiles' | 'needs' | 'assets', facets: string, extra: Record<string, string> = {}) =>
  api.search(index, new URLSearchParams({ facets, limit: '0', ...extra }));

const value = <T>(r: PromiseSettledResult<T>) => (r.status === 'fulfilled' ? r.value : null);

export async function load() {
  const [profiles, needs, assets, activity] = await Promise.allSettled([
    counts('profiles', 'region,iscoGroups,employmentStatus'),
    counts('needs', 'region,status,type', { status: 'open' }),
    counts('assets', 'kind,region,status'),
    api.matchingActivity(12),
  ]);
  // Facets count one field at a time: the kind × region table takes one query per kind.
  const kinds = Object.keys(value(assets)?.facets?.kind ?? {});
  const perKind = await Promise.allSettled(kinds.map((k) => counts('assets', 'region', { kind: k })));
  const assetsByKindRegion = Object.fromEntries(
    kinds.map((k, i) => [k, value(perKind[i]!)?.facets?.region ?? {}]),
  );
  const error = [profiles, needs, assets].find((r) => r.status === 'rejected') as
    PromiseRejectedResult | undefined;
  return {
    profiles: value(profiles),
    needs: value(needs),
    assets: value(assets),
    assetsByKindRegion,
    activity: value(activity),
    error: (error?.reason as unknown) ?? null,
  };
}
