// The demo role lives here and only here, so that real sign-in can replace it later.
// It is sent to the server as the `x-rilancio-role` header and mirrored in a cookie.

export const ROLES = ['admin', 'operator', 'marketing', 'company'] as const;
export type Role = (typeof ROLES)[number];

const KEY = 'rilancio.role';

function initialRole(): Role {
  if (typeof localStorage === 'undefined') return 'marketing';
  const saved = localStorage.getItem(KEY);
  return (ROLES as readonly string[]).includes(saved ?? '') ? (saved as Role) : 'marketing';
}

export const session = $state<{ role: Role }>({ role: initialRole() });

export function setRole(role: Role): void {
  session.role = role;
  localStorage.setItem(KEY, role);
  document.cookie = `rilancio_role=${role}; path=/; SameSite=Lax`;
}

export function authHeaders(): Record<string, string> {
  return { 'x-rilancio-role': session.role };
}
