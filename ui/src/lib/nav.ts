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
  { href: '/crisis-cases', key: 'nav.crisisCases', roles: ['admin', 'operator', 'marketing'] },
  { href: '/imports', key: 'nav.imports', roles: ['admin', 'operator'] },
  { href: '/admin/users', key: 'nav.users', roles: ['admin'] },
  { href: '/admin/reindex', key: 'nav.reindex', roles: ['admin'] },
];

export function navFor(role: Role): NavItem[] {
  return NAV.filter((n) => n.roles.includes(role));
}
