// Search what customers and agents wrote — messages and internal notes —, customers (by a whole identifier: names
// are sealed) and Resolutions (by title): every word must be there (case and accents ignored), the exact phrase
// first, matches highlighted; filtered by channel, state and dates.

import { errorMessage, searchMessages, type Credentials, type CustomerHit, type NoteHit, type ResolutionHit, type SearchHit } from '../api';
import { h } from '../dom';
import { highlightParts } from '../lib/highlight';
import { CHANNELS, channelLabel } from '../lib/inbox-list';
import { hrefFor, routeQuery } from '../nav';
import { field, formatInstant, select, stateBadge, STATES } from '../ui';

export function renderSearch(credentials: Credentials, signal: AbortSignal): HTMLElement {
  const query = routeQuery(location.hash);
  const q = h('input', { type: 'search', value: query.get('q') ?? '', placeholder: 'parcel wrong address', autocomplete: 'off' });
  const channel = select([['', 'Any'], ...Object.entries(CHANNELS).map(([id, c]): [string, string] => [id, c.label])], query.get('channel') ?? '');
  const state = select(['', ...STATES], query.get('state') ?? '');
  const from = h('input', { type: 'date', value: query.get('from') ?? '' });
  const to = h('input', { type: 'date', value: query.get('to') ?? '' });
  const note = h('p', { class: 'muted', role: 'status' }, 'Type words to find the messages and notes that hold them all, an e-mail address or phone number to find a customer.');
  const results = h('ol', { class: 'search-results', 'aria-label': 'Search results', 'data-testid': 'search-results' });
  const others = h('div', { class: 'search-others' });

  const run = async () => {
    if (!q.value.trim()) return;
    const params = new URLSearchParams({ q: q.value.trim() });
    if (channel.value) params.set('channel', channel.value);
    if (state.value) params.set('state', state.value);
    if (from.value) params.set('from', from.value);
    if (to.value) params.set('to', to.value);
    history.replaceState(null, '', `${hrefFor('search')}?${params}`);
    note.textContent = 'Searching…';
    try {
      const found = await searchMessages(credentials, {
        q: q.value.trim(), channel: channel.value || undefined, state: state.value || undefined,
        from: from.value ? `${from.value}T00:00:00Z` : undefined,
        to: to.value ? new Date(Date.parse(`${to.value}T00:00:00Z`) + 86_400_000).toISOString() : undefined,
      }, signal);
      results.replaceChildren(...found.items.map(hit));
      others.replaceChildren(
        ...group('Internal notes', found.notes ?? [], noteHit),
        ...group('Customers', found.customers ?? [], customerHit),
        ...group('Resolutions', found.resolutions ?? [], resolutionHit));
      note.textContent = summary(found.items.length, (found.notes ?? []).length, (found.customers ?? []).length,
        (found.resolutions ?? []).length);
    } catch (failure) {
      if (!signal.aborted) note.textContent = `Could not search: ${errorMessage(failure)}`;
    }
  };
  const form = h('form', { class: 'filters', role: 'search' },
    field('Words', q), field('Channel', channel), field('State', state), field('From', from), field('To', to),
    h('button', { type: 'submit', class: 'button' }, 'Search'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void run();
  });
  void run();

  return h('section', { class: 'page' },
    h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, 'Search')),
    h('section', { class: 'panel', 'aria-label': 'Search messages' }, form, note, results, others));
}

function summary(messages: number, notes: number, customers: number, resolutions: number): string {
  const counted: [number, string][] = [[messages, 'message'], [notes, 'note'], [customers, 'customer'], [resolutions, 'Resolution']];
  const parts = counted.filter(([count]) => count > 0).map(([count, what]) => `${count} ${what}${count === 1 ? '' : 's'}`);
  return parts.length === 0 ? 'Nothing found.' : `${parts.join(', ')} found.`;
}

function group<T>(title: string, hits: T[], render: (hit: T) => HTMLLIElement): HTMLElement[] {
  if (hits.length === 0) return [];
  return [h('h2', {}, title), h('ol', { class: 'search-results', 'aria-label': title }, ...hits.map(render))];
}

function marked(text: string, highlights: { start: number; end: number }[]): (HTMLElement | string)[] {
  return highlightParts(text, highlights).map((part) => (part.marked ? h('mark', {}, part.text) : part.text));
}

function noteHit(item: NoteHit): HTMLLIElement {
  return h('li', { class: 'search-hit' },
    h('div', { class: 'entry-head' },
      h('a', { href: hrefFor('conversations', item.conversationId) }, item.customerName ?? 'Conversation'),
      h('span', { class: 'badge' }, 'note'),
      stateBadge(item.state),
      h('span', { class: 'muted small' }, `by ${item.author}`),
      formatInstant(item.createdAt),
      item.phrase ? h('span', { class: 'badge' }, 'exact phrase') : null),
    h('p', { class: 'entry-body' }, ...marked(item.snippet, item.highlights)));
}

function customerHit(item: CustomerHit): HTMLLIElement {
  return h('li', { class: 'search-hit' },
    h('div', { class: 'entry-head' },
      h('a', { href: hrefFor('customers', item.customerId) }, item.name ?? 'Customer without a name'),
      h('span', { class: 'badge' }, item.tier),
      h('span', { class: 'muted small' }, 'customer since'),
      formatInstant(item.createdAt)));
}

function resolutionHit(item: ResolutionHit): HTMLLIElement {
  return h('li', { class: 'search-hit' },
    h('div', { class: 'entry-head' },
      h('a', { href: hrefFor('resolutions') }, item.caseRef),
      h('span', { class: 'badge' }, item.status),
      h('span', { class: 'muted small' }, item.owningTeam),
      formatInstant(item.createdAt)),
    h('p', { class: 'entry-body' }, ...marked(item.title, item.highlights)));
}

function hit(item: SearchHit): HTMLLIElement {
  return h('li', { class: 'search-hit' },
    h('div', { class: 'entry-head' },
      h('a', { href: hrefFor('conversations', item.conversationId) }, item.customerName ?? `Visitor from ${channelLabel(item.channel)}`),
      h('span', { class: 'badge channel' }, channelLabel(item.channel)),
      stateBadge(item.state),
      h('span', { class: 'muted small' }, item.direction === 'inbound' ? 'customer wrote' : 'we wrote'),
      formatInstant(item.receivedAt),
      item.phrase ? h('span', { class: 'badge' }, 'exact phrase') : null),
    h('p', { class: 'entry-body' }, ...marked(item.snippet, item.highlights)));
}
