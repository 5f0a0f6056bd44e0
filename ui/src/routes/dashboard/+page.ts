import { api } from '$lib/api/client';

const counts = (index: 'profiles' | 'needs' | 'assets', facets: string, extra: Record<string, string> = {}) =>
  api.search(index, new URLSearchParams({ facets, limit: '0', ...extra }));

const value = <T>(r: PromiseSettledResult<T>) => (r.status === 'fulfilled' ? r.value : null);

export async function load() {
  // Job demand and asset demand are counted apart: a firm looking for a shed is not a vacancy.
  const [profiles, needs, assetNeeds, assets, activity, bySupplyChain, byPath] = await Promise.allSettled([
    counts('profiles', 'region,iscoGroups,employmentStatus,supplyChains'),
    counts('needs', 'region,supplyChain', { status: 'open', type: 'job' }),
    counts('needs', 'region,supplyChain', { status: 'open', type: 'asset' }),
    counts('assets', 'kind,region,status,supplyChains'),
    api.matchingActivity(12),
    api.outcomeStats('supplyChain', 12),
    api.outcomeStats('path', 12),
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
    assetNeeds: value(assetNeeds),
    assets: value(assets),
    outcomesBySupplyChain: value(bySupplyChain),
    outcomesByPath: value(byPath),
    assetsByKindRegion,
    activity: value(activity),
    error: (error?.reason as unknown) ?? null,
  };
}
