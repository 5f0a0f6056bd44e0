import { ApiError } from '$lib/api/client';
import type { Municipality } from '$lib/api/types';

/** Field → reason from a VALIDATION_FAILED answer (`details: [{ path: 'body.firstName', reason }]`). */
export function fieldErrors(e: unknown): Record<string, string> {
  if (!(e instanceof ApiError) || !Array.isArray(e.details)) return {};
  const out: Record<string, string> = {};
  for (const d of e.details as { path?: string; reason?: string }[]) {
    const key = (d.path ?? '').replace(/^body\.?/, '').split('.')[0] ?? '';
    if (!(key in out)) out[key] = d.reason ?? 'invalid';
  }
  return out;
}

/** ISTAT codes are 6 digits (Italy), INSEE codes 5 characters (France). */
export function municipalityRef(m: Municipality & { country?: string }): {
  country: 'IT' | 'FR';
  code: string;
} {
  const country = m.country === 'IT' || m.country === 'FR' ? m.country : m.code.length === 6 ? 'IT' : 'FR';
  return { country, code: m.code };
}
