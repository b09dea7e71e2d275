import type { Credentials, Me } from './api';
import { h } from './dom';
import { API_DOCS, canSee, hrefFor, navFor, PAGES, parseRoute, routeParams, type RouteId } from './nav';
import { renderAutomations } from './pages/automations';
import { renderConversation } from './pages/conversation';
import { renderCustomer } from './pages/customer';
import { renderSearch } from './pages/search';
import { renderDashboard } from './pages/dashboard';
import { renderFailures } from './pages/failures';
import { renderLearning } from './pages/learning';
import { renderInbox } from './pages/inbox';
import { renderMessagePage } from './pages/placeholder';
import { renderResolutions } from './pages/resolutions';
import { renderSlaPolicy } from './pages/sla';
import { workspaceHeader } from './workspace-header';

export interface ShellOptions {
  credentials: Credentials;
  me: Me;
  onSignOut: () => void;
}

/** Renders the signed-in app into root; returns a function that tears it down. */
export function mountShell(root: HTMLElement, { credentials, me, onSignOut }: ShellOptions): () => void {
  const visible = navFor(me.roles);
  const links = new Map<RouteId, HTMLAnchorElement>(
    visible.map((page) => [page.id, h('a', { href: hrefFor(page.id) }, page.label)]),
  );
  const main = h('main', { id: 'main', class: 'content', tabindex: '-1' });
  const skip = h('a', { class: 'skip-link', href: '#main' }, 'Skip to content');
  // With hash routing, '#main' would be read as a route: move focus by hand instead.
  skip.addEventListener('click', (event) => {
    event.preventDefault();
    main.focus();
  });

  const shellAbort = new AbortController();
  const signOut = h('button', { type: 'button', class: 'button secondary small' }, 'Sign out');
  signOut.addEventListener('click', onSignOut);

  root.replaceChildren(
    skip,
    h('header', { class: 'app-header' },
      h('a', { class: 'brand', href: '#/' }, 'Continuum'),
      h('nav', { 'aria-label': 'Main' },
        h('ul', {},
          [...links.values()].map((link) => h('li', {}, link)),
          h('li', {}, h('a', { href: API_DOCS.href, target: '_blank', rel: 'noopener' }, API_DOCS.label)),
        ),
      ),
      h('div', { class: 'user' },
        workspaceHeader(credentials, me, shellAbort.signal),
        h('span', { class: 'user-name' }, h('span', { class: 'visually-hidden' }, 'Signed in as '), me.username),
        h('span', { class: 'visually-hidden' }, ', roles: '),
        h('ul', { class: 'roles', 'aria-label': 'Roles' }, me.roles.map((role) => h('li', { class: 'badge' }, role))),
        signOut,
      ),
    ),
    main,
  );

  let pageAbort = new AbortController();
  let first = true;
  const render = () => {
    pageAbort.abort();
    pageAbort = new AbortController();
    const route = parseRoute(location.hash);

    if (route === null && visible.length > 0) {
      location.replace(hrefFor(visible[0]!.id)); // fires hashchange, which renders
      return;
    }
    for (const [id, link] of links) {
      if (id === route || (route === 'conversations' && id === 'inbox')) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
    const { title, content } = pageFor(route, me, credentials, pageAbort.signal);
    document.title = `${title} · Continuum`;
    main.replaceChildren(content);
    // Move focus to the new page's heading so screen readers announce it, but
    // leave the initial page load alone.
    if (!first) content.querySelector<HTMLElement>('h1')?.focus();
    first = false;
  };

  window.addEventListener('hashchange', render);
  render();
  return () => {
    window.removeEventListener('hashchange', render);
    pageAbort.abort();
    shellAbort.abort();
  };
}

function pageFor(
  route: ReturnType<typeof parseRoute>,
  me: Me,
  credentials: Credentials,
  signal: AbortSignal,
): { title: string; content: HTMLElement } {
  if (route === null) {
    return {
      title: 'Home',
      content: renderMessagePage(
        `Welcome, ${me.username}`,
        'There are no pages for your roles in the web app yet. The API docs describe everything you can do through the API.',
      ),
    };
  }
  if (typeof route === 'object') {
    return { title: 'Not found', content: renderMessagePage('Page not found', `There is no page "${route.unknown}".`) };
  }
  const label = PAGES.find((page) => page.id === route)!.label;
  if (!canSee(me.roles, route)) {
    return { title: label, content: renderMessagePage(label, 'Your roles do not give you access to this page.') };
  }
  const params = routeParams(location.hash);
  switch (route) {
    case 'inbox':
      return { title: label, content: renderInbox(credentials, me, signal) };
    case 'search':
      return { title: label, content: renderSearch(credentials, signal) };
    case 'customers':
      return params[0]
        ? { title: label, content: renderCustomer(credentials, me, params[0], signal) }
        : { title: label, content: renderMessagePage(label, 'Open a customer from a conversation.') };
    case 'conversations':
      return params[0]
        ? { title: label, content: renderConversation(credentials, params[0], signal, me.username) }
        : { title: label, content: renderMessagePage(label, 'Open a conversation from the inbox.') };
    case 'policies':
      // The DMN and DRL editors are large: load them only when the studio opens.
      return { title: label, content: lazy(import('./pages/studio').then((m) => m.renderStudio(credentials, me, params[0], signal))) };
    case 'sla':
      return { title: label, content: renderSlaPolicy(credentials, signal) };
    case 'automations':
      return { title: label, content: renderAutomations(credentials, signal) };
    case 'resolutions':
      return { title: label, content: renderResolutions(credentials, signal) };
    case 'dashboard':
      return { title: label, content: renderDashboard(credentials, signal) };
    case 'learning':
      return { title: label, content: renderLearning(credentials, signal) };
    case 'failures':
      return { title: label, content: renderFailures(credentials, signal) };
  }
}

function lazy(page: Promise<HTMLElement>): HTMLElement {
  const holder = h('section', { class: 'page' }, h('h1', { tabindex: '-1' }, 'Decision studio'), h('p', { class: 'loading', role: 'status' }, 'Loading the editors…'));
  page.then(
    (content) => holder.replaceWith(content),
    () => holder.replaceChildren(h('h1', { tabindex: '-1' }, 'Decision studio'), h('p', { class: 'error-panel', role: 'alert' }, 'Could not load the editors. Reload the page.')),
  );
  return holder;
}
