// Search what customers and agents wrote: every word must be there (case and accents ignored), the
// exact phrase first, matches highlighted; filtered by channel, state and dates.

import { errorMessage, searchMessages, type Credentials, type SearchHit } from '../api';
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
  const note = h('p', { class: 'muted', role: 'status' }, 'Type words to find the messages that hold them all.');
  const results = h('ol', { class: 'search-results', 'aria-label': 'Search results', 'data-testid': 'search-results' });

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
      note.textContent = found.items.length === 0 ? 'Nothing found.' : `${found.items.length} message${found.items.length === 1 ? '' : 's'} found.`;
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
    h('section', { class: 'panel', 'aria-label': 'Search messages' }, form, note, results));
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
    h('p', { class: 'entry-body' }, highlightParts(item.snippet, item.highlights)
      .map((part) => (part.marked ? h('mark', {}, part.text) : part.text))));
}
