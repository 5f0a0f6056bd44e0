// The demo identity lives here and only here, so that real sign-in can replace it later.
// It is sent to the server as the `x-rilancio-role` header (plus `x-rilancio-desk` / `x-rilancio-firm`
// when a desk or firm is chosen) and mirrored in cookies for plain links such as exports.

export const ROLES = ['admin', 'operator', 'marketing', 'company'] as const;
export type Role = (typeof ROLES)[number];

const KEY = 'rilancio.role';
const DESK = 'rilancio.desk';
const FIRM = 'rilancio.firm';

function stored(key: string): string | null {
  return typeof localStorage === 'undefined' ? null : localStorage.getItem(key);
}

function initialRole(): Role {
  const saved = stored(KEY);
  return (ROLES as readonly string[]).includes(saved ?? '') ? (saved as Role) : 'marketing';
}

export const session = $state<{ role: Role; deskId: string | null; firmId: string | null }>({
  role: initialRole(),
  deskId: stored(DESK),
  firmId: stored(FIRM),
});

function cookie(name: string, value: string | null) {
  document.cookie = value
    ? `${name}=${encodeURIComponent(value)}; path=/; SameSite=Lax`
    : `${name}=; path=/; max-age=0; SameSite=Lax`;
}

export function setRole(role: Role): void {
  session.role = role;
  localStorage.setItem(KEY, role);
  cookie('rilancio_role', role);
  cookie('rilancio_desk', session.deskId);
  cookie('rilancio_firm', session.firmId);
}

export function authHeaders(): Record<string, string> {
  const h: Record<string, string> = { 'x-rilancio-role': session.role };
  if (session.deskId) h['x-rilancio-desk'] = session.deskId;
  if (session.firmId) h['x-rilancio-firm'] = session.firmId;
  return h;
}

export function setActing(acting: { deskId?: string | null; firmId?: string | null }): void {
  if (acting.deskId !== undefined) {
    session.deskId = acting.deskId;
    if (acting.deskId) localStorage.setItem(DESK, acting.deskId);
    else localStorage.removeItem(DESK);
    cookie('rilancio_desk', acting.deskId);
  }
  if (acting.firmId !== undefined) {
    session.firmId = acting.firmId;
    if (acting.firmId) localStorage.setItem(FIRM, acting.firmId);
    else localStorage.removeItem(FIRM);
    cookie('rilancio_firm', acting.firmId);
  }
}
