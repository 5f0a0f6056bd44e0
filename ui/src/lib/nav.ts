import type { Role } from '$lib/session.svelte';

export interface NavItem {
  href: string;
  key: string;
  roles: readonly Role[];
}

export const NAV: NavItem[] = [
  { href: '/', key: 'nav.home', roles: ['admin', 'operator', 'marketing', 'company'] },
  { href: '/dashboard', key: 'nav.dashboard', roles: ['admin', 'operator', 'marketing'] },
  { href: '/assets', key: 'nav.assets', roles: ['admin', 'operator', 'marketing'] },
  { href: '/profiles', key: 'nav.profiles', roles: ['admin', 'operator'] },
  { href: '/needs', key: 'nav.needs', roles: ['admin', 'operator', 'company'] },
  { href: '/opportunities', key: 'nav.opportunities', roles: ['admin', 'operator'] },
  // A company account sees its own firm there; the network's staff see every firm.
  { href: '/firms', key: 'nav.firms', roles: ['admin', 'operator', 'marketing', 'company'] },
  { href: '/crisis-cases', key: 'nav.crisisCases', roles: ['admin', 'operator', 'marketing'] },
  { href: '/imports', key: 'nav.imports', roles: ['admin', 'operator'] },
  { href: '/admin/users', key: 'nav.users', roles: ['admin'] },
  { href: '/admin/reindex', key: 'nav.reindex', roles: ['admin'] },
];

/** The home page's one-line description of a menu entry: `/admin/users` → `home.describe.admin.users`. */
export const describeKey = (item: NavItem): string => `home.describe.${item.href.slice(1).replace('/', '.')}`;

export function navFor(role: Role): NavItem[] {
  return NAV.filter((n) => n.roles.includes(role));
}

/** Pages anyone may open, signed in or not. */
export const PUBLIC_PATHS = ['/sign-in', '/forgot-password', '/reset-password'] as const;
export const isPublicPath = (path: string): boolean => (PUBLIC_PATHS as readonly string[]).includes(path);

/**
 * Whether the role may open a path: the most specific section of the menu that holds the path decides
 * (`/profiles/123/edit` belongs to `/profiles`). Paths outside the menu are left to the server.
 */
export function pathAllowed(role: Role, path: string): boolean {
  const section = NAV.filter(
    (n) => n.href !== '/' && (path === n.href || path.startsWith(n.href + '/')),
  ).sort((a, b) => b.href.length - a.href.length)[0];
  return !section || section.roles.includes(role);
}
