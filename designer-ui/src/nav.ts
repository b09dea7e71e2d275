// Which pages each role sees. The server enforces access; this only decides
// what the navigation offers.

export type Role = 'admin' | 'supervisor' | 'analyst' | 'agent' | 'engineer' | 'api';

export type RouteId = 'inbox' | 'tasks' | 'policies' | 'dashboards';

export interface Page {
  id: RouteId;
  label: string;
  roles: readonly Role[];
}

export const PAGES: readonly Page[] = [
  { id: 'inbox', label: 'Inbox', roles: ['agent', 'supervisor'] },
  { id: 'tasks', label: 'Tasks', roles: ['agent', 'supervisor'] },
  { id: 'policies', label: 'Policies', roles: ['analyst', 'supervisor', 'admin'] },
  { id: 'dashboards', label: 'Dashboards', roles: ['supervisor', 'admin'] },
];

/** Shown to everyone, outside the hash routes. */
export const API_DOCS = { label: 'API docs', href: '/q/swagger-ui' } as const;

export function pagesFor(roles: readonly string[]): Page[] {
  return PAGES.filter((page) => page.roles.some((role) => roles.includes(role)));
}

export function canSee(roles: readonly string[], id: RouteId): boolean {
  return pagesFor(roles).some((page) => page.id === id);
}

/** `#/inbox` → 'inbox'; '' or '#/' → null (home); anything else → the unknown path. */
export function parseRoute(hash: string): RouteId | null | { unknown: string } {
  const path = hash.replace(/^#\/?/, '').split(/[?/]/)[0] ?? '';
  if (path === '') return null;
  const page = PAGES.find((p) => p.id === path);
  return page ? page.id : { unknown: path };
}

export function hrefFor(id: RouteId): string {
  return `#/${id}`;
}
