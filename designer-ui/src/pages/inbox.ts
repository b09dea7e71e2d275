// The agent workspace: the generated task list (claim, get next) and the inbox — every conversation
// as a triage row (customer, channel, what they last wrote, how long they waited, severity, SLA
// countdown, assignee, unread), filtered, sorted and saved as views, driven by the keyboard.

import {
  ApiError,
  claimTask,
  completeTask,
  deleteView,
  errorMessage,
  fetchInbox,
  fetchSavedViews,
  fetchTasks,
  saveView,
  transition,
  type Credentials,
  type InboxItem,
  type Me,
  type SavedView,
  type Task,
} from '../api';
import { h } from '../dom';
import {
  CHANNELS,
  channelLabel,
  customerLabel,
  FILTER_KEYS,
  filterToQuery,
  initials,
  KEYBOARD_HELP,
  keyCommand,
  queryToFilter,
  waitingText,
  type InboxFilter,
} from '../lib/inbox-list';
import { refreshOnLive } from '../live';
import { hrefFor, routeQuery } from '../nav';
import { busy, button, countdown, field, QUEUES, select, SEVERITIES, stateBadge, STATES, statusLine, tickCountdowns } from '../ui';

/** What adds, gives away or ends a task. */
const TASK_CHANGES = new Set(['conversation.assigned', 'conversation.state_changed', 'conversation.escalated', 'message.classified']);
const CLAIMED = new Set(['claimed', 'reserved', 'in_progress', 'active']);
const DONE = new Set(['completed', 'done', 'closed', 'cancelled', 'obsolete', 'aborted', 'exited', 'failed']);

export function renderInbox(credentials: Credentials, me: Me, signal: AbortSignal): HTMLElement {
  const status = statusLine();
  const query = routeQuery(location.hash);

  // --- My tasks ---
  const taskBody = h('tbody');
  const taskTable = h('table', { class: 'table', 'aria-describedby': 'tasks-caption' },
    h('caption', { id: 'tasks-caption', class: 'visually-hidden' }, 'Your tasks, most urgent first'),
    h('thead', {}, h('tr', {}, ['Customer', 'Queue', 'Status', 'Severity', 'Due', 'Actions'].map((l) => h('th', { scope: 'col' }, l)))),
    taskBody);
  const taskNote = h('p', { class: 'muted' }, 'Loading your tasks…');
  let tasks: Task[] = [];
  const getNext = button('Get next', () => void busy(getNext, status, async () => {
    const next = tasks.find((task) => claimable(task, me));
    if (!next) {
      status.say('No unclaimed task is waiting.');
      return;
    }
    await claimTask(credentials, next.id);
    status.say('Task claimed.');
    location.hash = hrefFor('conversations', next.conversationId);
  }), { class: 'button', 'data-testid': 'get-next' });

  const renderTasks = () => {
    taskBody.replaceChildren(...tasks.map((task) => taskRow(task)));
    taskTable.hidden = tasks.length === 0;
    taskNote.textContent = tasks.length === 0 ? 'No tasks for you right now.' : `${tasks.length} task${tasks.length === 1 ? '' : 's'}.`;
  };
  const taskRow = (task: Task) => {
    const state = taskState(task);
    const actions = h('td', { class: 'actions' });
    if (claimable(task, me)) {
      const claim = button('Claim', () => void busy(claim, status, async () => {
        await claimTask(credentials, task.id);
        status.say('Task claimed.');
        await refreshTasks();
      }), { 'aria-label': `Claim task for conversation ${task.conversationId}` });
      actions.append(claim);
    } else if (!DONE.has(state)) {
      const complete = button('Complete', () => void busy(complete, status, async () => {
        await completeTask(credentials, task.id);
        status.say('Task completed.');
        await refreshTasks();
      }), { class: 'button small secondary', 'aria-label': `Complete task for conversation ${task.conversationId}` });
      actions.append(complete);
    }
    return h('tr', { 'data-task': task.id },
      h('td', {}, h('a', { href: hrefFor('conversations', task.conversationId) }, taskLabel(task)),
        task.name ? h('div', { class: 'muted small' }, task.name.replace(/([a-z])([A-Z])/g, '$1 $2')) : null),
      h('td', {}, task.queue ?? '—'),
      h('td', {}, h('span', { class: `badge task-${state}` }, state.replaceAll('_', ' '))),
      h('td', {}, taskSeverity(task)),
      h('td', {}, countdown('Task due', task.slaDueAt, task.createdAt)),
      actions);
  };
  const refreshTasks = async () => {
    try {
      tasks = sortTasks(await fetchTasks(credentials, signal));
      renderTasks();
    } catch (failure) {
      if (signal.aborted) return;
      taskTable.hidden = true;
      getNext.disabled = true;
      taskNote.textContent = failure instanceof ApiError && failure.status === 404
        ? 'The task list is not available on this server.'
        : `Could not load your tasks: ${errorMessage(failure)}`;
    }
  };

  // --- Conversations ---
  const filter = queryToFilter(query);
  const controls = {
    queue: select(['', ...QUEUES], filter.queue ?? ''),
    state: select([['', 'Any'], ['unresolved', 'Not resolved'], ...STATES.map((s): [string, string] => [s, s.replaceAll('_', ' ')])], filter.state ?? ''),
    severity: select(['', ...SEVERITIES], filter.severity ?? ''),
    channel: select([['', 'Any'], ...Object.entries(CHANNELS).map(([id, c]): [string, string] => [id, c.label])], filter.channel ?? ''),
    tag: h('input', { type: 'search', value: filter.tag ?? '', placeholder: 'vip', autocomplete: 'off' }),
    assignee: select([['', 'Anyone'], ['me', 'Me'], ['unassigned', 'Unassigned']], filter.assignee ?? ''),
    sort: select([['due', 'SLA due soonest'], ['waiting', 'Waiting longest'], ['recent', 'Latest message'], ['severity', 'Severity']], filter.sort ?? 'due'),
  };
  const currentFilter = (): InboxFilter => Object.fromEntries(
    FILTER_KEYS.map((key) => [key, controls[key].value.trim()]).filter(([, value]) => value !== '')) as InboxFilter;

  const list = h('ol', { class: 'inbox-list', 'aria-label': 'Conversations', 'data-testid': 'inbox-list' });
  const conversationNote = h('p', { class: 'muted', role: 'status' }, 'Loading conversations…');
  let items: InboxItem[] = [];
  let selected = -1;
  const select_ = (index: number, focus = true) => {
    selected = index;
    list.querySelectorAll('li').forEach((row, i) => row.classList.toggle('selected', i === index));
    if (focus) list.querySelectorAll<HTMLAnchorElement>('li a.inbox-open')[index]?.focus();
  };
  const refreshConversations = async () => {
    try {
      items = (await fetchInbox(credentials, currentFilter(), signal)).items;
      const selectedId = items[selected]?.id;
      list.replaceChildren(...items.map((item) => inboxRow(item, new Date())));
      if (selected >= 0) select_(Math.min(items.findIndex((item) => item.id === selectedId), items.length - 1), false);
      conversationNote.textContent = items.length === 0 ? 'No conversations match.' : `Showing ${items.length} conversations.`;
      renderTasks();
    } catch (failure) {
      if (signal.aborted) return;
      conversationNote.textContent = `Could not load conversations: ${errorMessage(failure)}`;
    }
  };
  const applyFilter = () => {
    const params = filterToQuery(currentFilter()).toString();
    history.replaceState(null, '', `${hrefFor('inbox')}${params ? `?${params}` : ''}`);
    void refreshConversations();
  };
  for (const control of Object.values(controls)) control.addEventListener('change', applyFilter);

  // --- Saved views ---
  const viewPicker = select([['', 'Saved views…']]);
  const savedViewsNote = h('span', { class: 'muted small' });
  let views: SavedView[] = [];
  const refreshViews = async () => {
    try {
      views = await fetchSavedViews(credentials, signal);
      viewPicker.replaceChildren(h('option', { value: '' }, 'Saved views…'), ...views.map((v) => h('option', { value: v.id }, v.name)));
    } catch (failure) {
      if (!signal.aborted) savedViewsNote.textContent = `Could not load saved views: ${errorMessage(failure)}`;
    }
  };
  viewPicker.addEventListener('change', () => {
    const view = views.find((v) => v.id === viewPicker.value);
    if (!view) return;
    for (const key of FILTER_KEYS) controls[key].value = view.filter[key] ?? (key === 'sort' ? 'due' : '');
    applyFilter();
  });
  const saveCurrent = button('Save view', () => void busy(saveCurrent, status, async () => {
    const name = window.prompt('Name this view');
    if (!name) return;
    await saveView(credentials, name, currentFilter());
    status.say(`View "${name}" saved.`);
    await refreshViews();
  }), { class: 'button small secondary' });
  const deleteCurrent = button('Delete view', () => void busy(deleteCurrent, status, async () => {
    const view = views.find((v) => v.id === viewPicker.value);
    if (!view) {
      status.say('Pick a saved view to delete.');
      return;
    }
    await deleteView(credentials, view.id);
    status.say(`View "${view.name}" deleted.`);
    await refreshViews();
  }), { class: 'button small secondary' });

  // --- Keyboard ---
  const help = h('dialog', { class: 'dialog', 'aria-labelledby': 'keys-heading' },
    h('h2', { id: 'keys-heading' }, 'Keyboard shortcuts'),
    h('dl', { class: 'keys' }, KEYBOARD_HELP.map(([key, what]) => h('div', {}, h('dt', {}, h('kbd', {}, key)), h('dd', {}, what)))),
    h('form', { method: 'dialog' }, h('button', { class: 'button small', type: 'submit' }, 'Close')));
  const onKey = (event: KeyboardEvent) => {
    if (event.ctrlKey || event.metaKey || event.altKey || help.open) return;
    const target = event.target as HTMLElement | null;
    const typing = !!target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
    // Enter on a button or link is that control's own action, not "open the selected conversation".
    if (event.key === 'Enter' && target && ['BUTTON', 'A'].includes(target.tagName)) return;
    const command = keyCommand(event.key, selected, items.length, typing);
    if (command.kind === 'none') return;
    event.preventDefault();
    if (command.kind === 'help') help.showModal();
    else if (command.kind === 'select') select_(command.index);
    else {
      const item = items[command.index]!;
      if (command.kind === 'open') location.hash = hrefFor('conversations', item.id);
      else if (command.kind === 'reply') location.hash = `${hrefFor('conversations', item.id)}?reply`;
      else void resolve(item);
    }
  };
  const resolve = async (item: InboxItem) => {
    try {
      await transition(credentials, item.id, 'resolved');
      status.say(`Resolved the conversation with ${customerLabel(item)}.`);
      await refreshConversations();
    } catch (failure) {
      status.fail(failure);
    }
  };
  document.addEventListener('keydown', onKey);
  signal.addEventListener('abort', () => document.removeEventListener('keydown', onKey));
  const showKeys = button('Keyboard shortcuts (?)', () => help.showModal(), { class: 'button small secondary' });

  const timer = window.setInterval(() => tickCountdowns(document), 1000);
  signal.addEventListener('abort', () => window.clearInterval(timer));
  refreshOnLive(refreshTasks, (change) => TASK_CHANGES.has(change.type), signal);
  refreshOnLive(refreshConversations, (change) => change.conversationId != null && change.type !== 'presence', signal);
  void refreshViews();

  return h('section', { class: 'page' },
    h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, 'Inbox'), h('div', { class: 'actions' }, showKeys, getNext)),
    status,
    h('section', { 'aria-labelledby': 'tasks-heading', class: 'panel' },
      h('h2', { id: 'tasks-heading' }, 'My tasks'), taskNote, taskTable),
    h('section', { 'aria-labelledby': 'conversations-heading', class: 'panel' },
      h('h2', { id: 'conversations-heading' }, 'Conversations'),
      h('div', { class: 'filters', role: 'group', 'aria-label': 'Saved views' },
        field('Saved view', viewPicker), saveCurrent, deleteCurrent, savedViewsNote),
      h('div', { class: 'filters', role: 'group', 'aria-label': 'Filters' },
        field('Queue', controls.queue), field('State', controls.state), field('Severity', controls.severity),
        field('Channel', controls.channel), field('Customer tag', controls.tag), field('Assignee', controls.assignee),
        field('Sort', controls.sort)),
      conversationNote, list),
    help);

  /** The conversation's customer when it is in the list: a task names who is waiting, not an id. */
  function taskLabel(task: Task): string {
    const item = items.find((candidate) => candidate.id === task.conversationId);
    return item ? customerLabel(item) : short(task.conversationId);
  }
}

/** One conversation as a triage row: who, where, what they wrote, how long they waited, how urgent, who holds it. */
export function inboxRow(item: InboxItem, now: Date): HTMLLIElement {
  const who = customerLabel(item);
  const channel = CHANNELS[item.channel];
  const waiting = waitingText(item.waitingSince, now);
  const preview = item.customerErased ? 'Content erased' : item.preview ?? '';
  return h('li', { class: `inbox-item${item.unread ? ' unread' : ''}`, 'data-conversation': item.id },
    h('span', { class: 'unread-dot', 'aria-hidden': 'true' }),
    h('span', { class: `channel-icon channel-${item.channel}`, role: 'img', 'aria-label': channelLabel(item.channel), title: channelLabel(item.channel) },
      channel?.badge ?? item.channel.slice(0, 4)),
    h('div', { class: 'inbox-main' },
      h('a', { class: 'inbox-open', href: hrefFor('conversations', item.id) },
        item.unread ? h('span', { class: 'visually-hidden' }, 'Unread: ') : null,
        h('strong', { class: 'customer' }, who)),
      h('p', { class: 'preview' }, item.lastMessageDirection === 'outbound' ? h('span', { class: 'muted' }, 'You: ') : null, preview)),
    h('div', { class: 'inbox-meta' },
      item.severity ? h('span', { class: `badge severity-${item.severity}`, title: 'Severity' }, item.severity) : null,
      stateBadge(item.state),
      waiting ? h('span', { class: 'waiting', 'data-since': item.waitingSince ?? undefined }, `waiting ${waiting}`) : null,
      item.state === 'resolved' ? null : countdown('SLA', item.dueAt, item.lastMessageAt),
      item.assignee
        ? h('span', { class: 'avatar', title: `Assigned to ${item.assignee.name ?? item.assignee.username ?? item.assignee.id}` },
          h('span', { 'aria-hidden': 'true' }, initials(item.assignee.name ?? item.assignee.username)),
          h('span', { class: 'visually-hidden' }, `Assigned to ${item.assignee.name ?? item.assignee.username ?? 'an agent'}`))
        : h('span', { class: 'avatar unassigned', title: 'Unassigned' },
          h('span', { 'aria-hidden': 'true' }, '–'), h('span', { class: 'visually-hidden' }, 'Unassigned'))));
}

function taskState(task: Task): string {
  return String(task.state ?? 'ready').toLowerCase();
}

/** The severity first contact gave the conversation, else the task's priority. */
function taskSeverity(task: Task): HTMLElement | string {
  const severity = task.brief?.severity;
  if (severity) return h('span', { class: `badge severity-${severity}` }, severity);
  return task.priority != null ? `priority ${task.priority}` : '—';
}

/** Offered to the agent and owned by nobody yet (a task the agent owns is theirs to complete). */
function claimable(task: Task, me: Me): boolean {
  const state = taskState(task);
  return !DONE.has(state) && !CLAIMED.has(state) && (task.owner == null || task.owner === '') && me.username !== '';
}

/** Most urgent first: priority (1 is highest), then the earliest due time. */
export function sortTasks(tasks: Task[]): Task[] {
  const due = (task: Task) => Date.parse(String(task.slaDueAt ?? '')) || Number.MAX_SAFE_INTEGER;
  return [...tasks].sort((a, b) => (a.priority ?? 99) - (b.priority ?? 99) || due(a) - due(b));
}

function short(id: string): string {
  return id.slice(0, 8);
}
