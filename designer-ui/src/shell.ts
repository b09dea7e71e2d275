import type { Credentials, Me } from './api';
import { h } from './dom';
import { API_DOCS, canSee, hrefFor, PAGES, pagesFor, parseRoute, type RouteId } from './nav';
import { renderInbox } from './pages/inbox';
import { renderMessagePage, renderPlaceholder } from './pages/placeholder';

export interface ShellOptions {
  credentials: Credentials;
  me: Me;
  onSignOut: () => void;
}

/** Renders the signed-in app into root; returns a function that tears it down. */
export function mountShell(root: HTMLElement, { credentials, me, onSignOut }: ShellOptions): () => void {
  const visible = pagesFor(me.roles);
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
      if (id === route) link.setAttribute('aria-current', 'page');
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
  switch (route) {
    case 'inbox':
      return { title: label, content: renderInbox(credentials, signal) };
    case 'tasks':
      return { title: label, content: renderPlaceholder(label, 'Your open tasks: conversations and resolutions waiting on you.') };
    case 'policies':
      return { title: label, content: renderPlaceholder(label, 'Routing, escalation and SLA policies: edit, simulate and publish.') };
    case 'dashboards':
      return { title: label, content: renderPlaceholder(label, 'Key metrics for queues, SLAs and automation.') };
  }
}
