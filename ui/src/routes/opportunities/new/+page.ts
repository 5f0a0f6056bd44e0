import { api } from '$lib/api/client';
import type { Entity } from '$lib/api/types';

export type CrisisOption = {
  id: string;
  title: string;
  firmId: string | null;
  supplyChain: string | null;
  municipality: { country: string; code: string; name: string } | null;
};

export async function load({ url, fetch }) {
  const [crises, firms] = await Promise.allSettled([
    api.list<Entity>('crisis-cases', { limit: 100 }, fetch),
    api.list<Entity>('firms', { limit: 100 }, fetch),
  ]);
  return {
    preselected: url.searchParams.get('crisisCaseId') ?? '',
    crises:
      crises.status === 'fulfilled'
        ? crises.value.items.map((c): CrisisOption => ({
            id: c.id,
            title: String(c.title ?? c.id),
            firmId: (c.firmId as string | null | undefined) ?? null,
            supplyChain: (c.supplyChain as string | null | undefined) ?? null,
            municipality: (c.municipality as CrisisOption['municipality'] | undefined) ?? null,
          }))
        : [],
    firms:
      firms.status === 'fulfilled'
        ? firms.value.items.map((f) => ({ id: f.id, name: String(f.name ?? f.id) }))
        : [],
    error: crises.status === 'rejected' ? (crises.reason as unknown) : null,
  };
}
