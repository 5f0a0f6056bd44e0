import { error } from '@sveltejs/kit';
import type { Role } from '$lib/session.svelte';

/** The records that have a "new" form. */
export type Creatable = 'profiles' | 'needs' | 'assets' | 'firms' | 'opportunities' | 'crisis-cases';

/**
 * Who may register each kind of record, as the API decides it (each module's write roles, then
 * server/src/auth/policy.ts). A company account writes only within its own firm, so it posts needs but
 * registers no firm; marketing officers manage assets and firms, never people. The server still refuses a
 * save it does not allow: this only spares a user a form they could never send.
 */
const CREATORS: Readonly<Record<Creatable, readonly Role[]>> = {
  profiles: ['admin', 'operator'],
  needs: ['admin', 'operator', 'company'],
  assets: ['admin', 'operator', 'marketing'],
  firms: ['admin', 'operator', 'marketing'],
  opportunities: ['admin', 'operator'],
  'crisis-cases': ['admin', 'operator'],
};

export function mayCreate(role: Role | null | undefined, what: Creatable): boolean {
  return !!role && CREATORS[what].includes(role);
}

/** In a "new" page's load, after the session is read: a 403 page instead of a form that cannot be saved. */
export function requireCreate(role: Role | null | undefined, what: Creatable): void {
  if (!mayCreate(role, what)) error(403, { message: 'forbidden' });
}
