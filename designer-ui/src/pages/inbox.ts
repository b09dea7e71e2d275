import { errorMessage, fetchConversations, type ConversationSummary, type Credentials } from '../api';
import { h } from '../dom';

const PAGE_SIZE = 20;

export function renderInbox(credentials: Credentials, signal: AbortSignal): HTMLElement {
  const status = h('p', { class: 'muted', role: 'status' }, 'Loading conversations…');
  const body = h('tbody');
  const table = h(
    'table',
    { class: 'table', hidden: true },
    h('caption', { class: 'visually-hidden' }, 'Conversations, most recently updated first'),
    h('thead', {}, h('tr', {},
      ['Conversation', 'Customer', 'State', 'Channel', 'Updated'].map((label) => h('th', { scope: 'col' }, label)),
    )),
    body,
  );
  const error = h('div', { class: 'error-panel', role: 'alert', hidden: true });
  const more = h('button', { type: 'button', class: 'button secondary', hidden: true }, 'Load more');

  let cursor: string | undefined;
  const load = async () => {
    more.disabled = true;
    error.hidden = true;
    try {
      const page = await fetchConversations(credentials, { limit: PAGE_SIZE, after: cursor }, signal);
      body.append(...page.items.map(row));
      table.hidden = body.rows.length === 0;
      const count = body.rows.length;
      status.textContent = count === 0 ? 'No conversations.' : `Showing ${count} conversation${count === 1 ? '' : 's'}.`;
      cursor = page.nextCursor ?? undefined;
      more.hidden = !cursor;
    } catch (failure) {
      if (signal.aborted) return;
      status.textContent = '';
      error.replaceChildren(h('strong', {}, 'Could not load conversations. '), errorMessage(failure));
      error.hidden = false;
    } finally {
      more.disabled = false;
    }
  };
  more.addEventListener('click', () => void load());
  void load();

  return h('section', { class: 'page' }, h('h1', { tabindex: '-1' }, 'Inbox'), status, error, table, more);
}

function row(conversation: ConversationSummary): HTMLTableRowElement {
  return h('tr', {},
    h('td', { class: 'mono' }, conversation.id),
    h('td', { class: 'mono' }, conversation.customerId),
    h('td', {}, h('span', { class: `badge state-${conversation.state}` }, conversation.state.replaceAll('_', ' '))),
    h('td', {}, conversation.currentChannel),
    h('td', {}, formatInstant(conversation.updatedAt)),
  );
}

function formatInstant(iso: string): HTMLElement {
  const date = new Date(iso);
  const text = Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  return h('time', { datetime: iso }, text);
}
