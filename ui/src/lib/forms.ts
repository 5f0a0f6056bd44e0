import { ApiError } from '$lib/api/client';
import type { Municipality } from '$lib/api/types';

const camel = (s: string) => s.trim().replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

/**
 * Field → message for a refused write, so each field shows its own: a 400's `details: [{ path:
 * 'body.firstName', reason }]`, or a 409 ALREADY_EXISTS naming the columns of the key it repeats
 * (`desk_id, external_ref`). Only the fields the form shows (`fields`) are named; the server's reasons are
 * English, so the field gets `message` (or `messages[code]` for a duplicate key).
 */
export function fieldErrors(
  e: unknown,
  fields: readonly string[],
  messages: { invalid: string; alreadyUsed: string },
): Record<string, string> {
  if (!(e instanceof ApiError) || !Array.isArray(e.details)) return {};
  const out: Record<string, string> = {};
  const message = e.code === 'ALREADY_EXISTS' ? messages.alreadyUsed : messages.invalid;
  for (const d of e.details as { path?: string }[]) {
    const path = (d.path ?? '').replace(/^body\.?/, '');
    for (const part of path.split(',')) {
      const key = camel(part.split('.')[0] ?? '');
      if (fields.includes(key) && !(key in out)) out[key] = message;
    }
  }
  return out;
}

/** Moves focus to the control of the first field with a message (`f-<name>`, or `first` for a group). */
export function focusFirst(errors: Record<string, string>, ids: Record<string, string> = {}): void {
  const first = Object.keys(errors)[0];
  if (first) document.getElementById(ids[first] ?? `f-${first}`)?.focus();
}

/** Only the keys whose value changed (compared as JSON), for a PATCH. */
export function changes<T extends Record<string, unknown>>(before: T, after: T): Partial<T> {
  const out: Partial<T> = {};
  for (const k of Object.keys(after) as (keyof T)[])
    if (JSON.stringify(after[k]) !== JSON.stringify(before[k])) out[k] = after[k];
  return out;
}

/** Adds or removes a value of a multi-valued field (checkbox groups). */
export function toggle<T>(list: readonly T[], value: T, on: boolean): T[] {
  return on ? [...list.filter((x) => x !== value), value] : list.filter((x) => x !== value);
}

/** Empty text is no value. */
export const orNull = (s: string | null | undefined): string | null => (s && s.trim() ? s.trim() : null);

/** ISTAT codes are 6 digits (Italy), INSEE codes 5 characters (France). */
export function municipalityRef(m: { code: string; country?: string }): {
  country: 'IT' | 'FR';
  code: string;
} {
  const country = m.country === 'IT' || m.country === 'FR' ? m.country : m.code.length === 6 ? 'IT' : 'FR';
  return { country, code: m.code };
}
export type { Municipality };
