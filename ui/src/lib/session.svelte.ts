// Who is signed in. The server keeps the session in an httpOnly cookie; the UI keeps the user and the
// CSRF token that every write must carry (`x-csrf-token`). In demo mode the role switch signs in as the
// demo account of that role (the server creates them only in demo mode; their credentials are public).

import type { GetJson } from '$lib/api/types';

export const ROLES = ['admin', 'operator', 'marketing', 'company'] as const;
export type Role = (typeof ROLES)[number];

export type SessionUser = GetJson<'/api/v1/auth/me'>['user'];

export const DEMO_PASSWORD = 'rilancio-demo';
export const DEMO_EMAILS: Record<Role, string> = {
  admin: 'admin@demo.rilancio.eu',
  operator: 'operator@demo.rilancio.eu',
  marketing: 'marketing@demo.rilancio.eu',
  company: 'company@demo.rilancio.eu',
};

export const session = $state<{
  user: SessionUser | null;
  csrfToken: string | null;
  role: Role | null;
}>({ user: null, csrfToken: null, role: null });

export function setSession(user: SessionUser | null, csrfToken: string | null): void {
  session.user = user;
  session.csrfToken = csrfToken;
  session.role = user && (ROLES as readonly string[]).includes(user.role) ? (user.role as Role) : null;
}

export function authHeaders(method: string): Record<string, string> {
  return method !== 'GET' && session.csrfToken ? { 'x-csrf-token': session.csrfToken } : {};
}
