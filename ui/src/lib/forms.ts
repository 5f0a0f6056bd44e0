import { ApiError } from '$lib/api/client';
import type { Municipality } from '$lib/api/types';

const camel = (s: string) => s.trim().replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

type Translate = (key: string, options?: { values?: Record<string, string | number> }) => string;

/** Columns that scope a natural key (a reference is unique within its desk or firm): not what was repeated. */
const KEY_SCOPES = new Set(['deskId', 'firmId']);

/**
 * The server's reason for one field (English, from the API's validation) said in the user's language:
 * the rule it broke with its limit where the reason gives one, else "not valid: check this field".
 */
export function reasonMessage(reason: string, code: string | undefined, t: Translate): string {
  const limit = (re: RegExp) => re.exec(reason)?.[1];
  let n: string | undefined;
  if (code === 'ALREADY_EXISTS' || /already used/i.test(reason)) return t('form.alreadyUsed');
  if ((n = limit(/expected string to have >=?(\d+) characters?/)))
    return t('form.tooShort', { values: { n } });
  if ((n = limit(/expected string to have <=?(\d+) characters?/)))
    return t('form.tooLong', { values: { n } });
  if ((n = limit(/Too small: expected number to be >=?(-?[\d.]+)/)))
    return t('form.atLeast', { values: { n } });
  if ((n = limit(/Too big: expected number to be <=?(-?[\d.]+)/))) return t('form.atMost', { values: { n } });
  if ((n = limit(/expected array to have <=?(\d+) items?/))) return t('form.tooMany', { values: { n } });
  if (/email/i.test(reason)) return t('form.invalidEmail');
  if (/ISO date|Invalid date|YYYY-MM-DD/i.test(reason)) return t('form.invalidDate');
  if (/^unknown |does not exist|refers to something/i.test(reason)) return t('form.unknownReference');
  if (/has ended/i.test(reason)) return t('form.ended');
  if (/Invalid option|expected one of/i.test(reason)) return t('form.notAnOption');
  return t('form.invalidValue');
}

/**
 * Field → message for a refused write, so each field shows its own: a 400's `details: [{ path:
 * 'body.firstName', reason }]`, or a 409 ALREADY_EXISTS naming the columns of the key it repeats
 * (`desk_id, external_ref`: the message goes to the reference, not to the desk that scopes it). Only the
 * fields the form shows (`fields`) are named; the server's reason becomes the rule broken, in the
 * user's language (`reasonMessage`).
 */
export function fieldErrors(e: unknown, fields: readonly string[], t: Translate): Record<string, string> {
  if (!(e instanceof ApiError) || !Array.isArray(e.details)) return {};
  const out: Record<string, string> = {};
  for (const d of e.details as { path?: string; reason?: string }[]) {
    const path = (d.path ?? '').replace(/^body\.?/, '');
    const keys = path
      .split(',')
      .map((part) => camel(part.split('.')[0] ?? ''))
      .filter((k) => fields.includes(k));
    const repeated = keys.filter((k) => !KEY_SCOPES.has(k));
    for (const key of repeated.length ? repeated : keys)
      if (!(key in out)) out[key] = reasonMessage(d.reason ?? '', e.code, t);
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

/** A record chosen in a form's list by its name (a desk, a firm). */
export type NamedOption = { id: string; name: string };

/**
 * What every entity form is given by its "new" and "edit" pages: the starting values, whether it creates,
 * the desks to record it for when the user belongs to none (null otherwise) and what saving means
 * (`onsave` throws the server's refusal).
 */
export interface DeskFormProps<V> {
  initial: V;
  creating: boolean;
  desks?: NamedOption[] | null;
  onsave: (values: V) => Promise<void>;
}
