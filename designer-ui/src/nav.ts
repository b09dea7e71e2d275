// Which pages each role sees. The server enforces access; this only decides
// what the navigation offers.

export type Role = 'admin' | 'supervisor' | 'analyst' | 'agent' | 'engineer' | 'api' | 'developer';

export type RouteId = 'inbox' | 'search' | 'customers' | 'conversations' | 'policies' | 'sla' | 'automations' | 'resolutions'
  | 'dashboard' | 'learning' | 'failures';

export interface Page {
  id: RouteId;
  label: string;
  roles: readonly Role[];
  /** Reached from other pages (a conversation), not listed in the navigation. */
  hiddenFromNav?: boolean;
}

export const PAGES: readonly Page[] = [
  { id: 'inbox', label: 'Inbox', roles: ['agent', 'supervisor', 'admin'] },
  { id: 'search', label: 'Search', roles: ['agent', 'supervisor', 'admin'] },
  { id: 'customers', label: 'Customer', roles: ['agent', 'supervisor', 'admin', 'engineer'], hiddenFromNav: true },
  { id: 'conversations', label: 'Conversation', roles: ['agent', 'supervisor', 'admin', 'analyst', 'engineer'], hiddenFromNav: true },
  { id: 'resolutions', label: 'Resolutions', roles: ['engineer', 'agent', 'supervisor', 'admin'] },
  { id: 'policies', label: 'Decision studio', roles: ['analyst', 'supervisor', 'admin', 'developer'] },
  { id: 'sla', label: 'SLA policy', roles: ['supervisor', 'analyst', 'admin'] },
  { id: 'automations', label: 'Automations', roles: ['supervisor', 'analyst', 'admin'] },
  { id: 'dashboard', label: 'Dashboard', roles: ['supervisor', 'analyst', 'admin'] },
  { id: 'learning', label: 'AI learning', roles: ['supervisor', 'analyst', 'admin'] },
  { id: 'failures', label: 'Dead letters', roles: ['supervisor', 'admin'] },
];

/** Shown to everyone, outside the hash routes. */
export const API_DOCS = { label: 'API docs', href: '/q/swagger-ui' } as const;

export function pagesFor(roles: readonly string[]): Page[] {
  return PAGES.filter((page) => page.roles.some((role) => roles.includes(role)));
}

export function navFor(roles: readonly string[]): Page[] {
  return pagesFor(roles).filter((page) => !page.hiddenFromNav);
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

/** The path segments after the route: `#/policies/sla-policy` → ['sla-policy']. */
export function routeParams(hash: string): string[] {
  const path = hash.replace(/^#\/?/, '').split('?')[0] ?? '';
  return path.split('/').slice(1).filter((part) => part !== '').map(decodeURIComponent);
}

/** The query of a hash route: `#/inbox?queue=payments` → queue=payments. */
export function routeQuery(hash: string): URLSearchParams {
  const index = hash.indexOf('?');
  return new URLSearchParams(index < 0 ? '' : hash.slice(index + 1));
}

export function hrefFor(id: RouteId, ...params: string[]): string {
  return `#/${[id, ...params.map(encodeURIComponent)].join('/')}`;
}
