// The agent workspace: the generated task list (claim, get next) and the conversations
// the agent can pick from, filtered by queue and state, with live SLA countdowns. Both
// refresh every few seconds without a reload.

import {
  ApiError,
  claimTask,
  completeTask,
  errorMessage,
  fetchConversations,
  fetchTasks,
  type ConversationSummary,
  type Credentials,
  type Me,
  type Task,
} from '../api';
import { h } from '../dom';
import { hrefFor, routeQuery } from '../nav';
import { busy, button, channelBadge, countdown, field, poll, QUEUES, select, stateBadge, STATES, statusLine, tickCountdowns } from '../ui';

const REFRESH_MS = 4000;
const CLAIMED = new Set(['claimed', 'reserved', 'in_progress', 'active']);
const DONE = new Set(['completed', 'done', 'closed', 'cancelled', 'obsolete', 'aborted', 'exited', 'failed']);

export function renderInbox(credentials: Credentials, me: Me, signal: AbortSignal): HTMLElement {
  const status = statusLine();
  const query = routeQuery(location.hash);

  // --- My tasks ---
  const taskBody = h('tbody');
  const taskTable = h('table', { class: 'table', 'aria-describedby': 'tasks-caption' },
    h('caption', { id: 'tasks-caption', class: 'visually-hidden' }, 'Your tasks, most urgent first'),
    h('thead', {}, h('tr', {}, ['Conversation', 'Queue', 'Status', 'Priority', 'Due', 'Actions'].map((l) => h('th', { scope: 'col' }, l)))),
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
      h('td', {}, h('a', { href: hrefFor('conversations', task.conversationId) }, short(task.conversationId)),
        task.name ? h('div', { class: 'muted small' }, task.name.replace(/([a-z])([A-Z])/g, '$1 $2')) : null),
      h('td', {}, task.queue ?? '—'),
      h('td', {}, h('span', { class: `badge task-${state}` }, state.replaceAll('_', ' '))),
      h('td', {}, task.priority != null ? String(task.priority) : '—'),
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
  const queueFilter = select(['', ...QUEUES], query.get('queue') ?? '');
  const stateFilter = select(['', ...STATES], query.get('state') ?? '');
  const mine = h('input', { type: 'checkbox', id: 'only-mine' });
  const conversationBody = h('tbody');
  const conversationTable = h('table', { class: 'table' },
    h('caption', { class: 'visually-hidden' }, 'Conversations, most recently updated first'),
    h('thead', {}, h('tr', {}, ['Conversation', 'State', 'Channels', 'Queue', 'Severity', 'First response', 'Resolution', 'Owner']
      .map((l) => h('th', { scope: 'col' }, l)))),
    conversationBody);
  const conversationNote = h('p', { class: 'muted', role: 'status' }, 'Loading conversations…');
  const refreshConversations = async () => {
    try {
      const page = await fetchConversations(credentials, {
        limit: 50,
        queue: queueFilter.value || undefined,
        state: stateFilter.value || undefined,
        assignee: mine.checked ? me.username : undefined,
      }, signal);
      conversationBody.replaceChildren(...page.items.map(conversationRow));
      conversationTable.hidden = page.items.length === 0;
      conversationNote.textContent = page.items.length === 0 ? 'No conversations match.' : `Showing ${page.items.length} conversations.`;
    } catch (failure) {
      if (signal.aborted) return;
      conversationNote.textContent = `Could not load conversations: ${errorMessage(failure)}`;
    }
  };
  for (const control of [queueFilter, stateFilter, mine]) control.addEventListener('change', () => void refreshConversations());

  const timer = window.setInterval(() => tickCountdowns(document), 1000);
  signal.addEventListener('abort', () => window.clearInterval(timer));
  poll(refreshTasks, REFRESH_MS, signal);
  poll(refreshConversations, REFRESH_MS, signal);

  return h('section', { class: 'page' },
    h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, 'Inbox'), getNext),
    status,
    h('section', { 'aria-labelledby': 'tasks-heading', class: 'panel' },
      h('h2', { id: 'tasks-heading' }, 'My tasks'), taskNote, taskTable),
    h('section', { 'aria-labelledby': 'conversations-heading', class: 'panel' },
      h('h2', { id: 'conversations-heading' }, 'Conversations'),
      h('div', { class: 'filters', role: 'group', 'aria-label': 'Filters' },
        field('Queue', queueFilter), field('State', stateFilter),
        h('div', { class: 'field checkbox' }, mine, h('label', { for: 'only-mine' }, 'Only mine'))),
      conversationNote, conversationTable));
}

function conversationRow(c: ConversationSummary & { severity?: string | null; sla?: { firstResponseDueAt?: string | null; resolutionDueAt?: string | null } | null }): HTMLTableRowElement {
  const resolved = c.state === 'resolved';
  return h('tr', {},
    h('td', {}, h('a', { href: hrefFor('conversations', c.id) }, short(c.id))),
    h('td', {}, stateBadge(c.state)),
    h('td', {}, (c.channelsUsed ?? [c.currentChannel]).map(channelBadge)),
    h('td', {}, c.queue ?? '—'),
    h('td', {}, c.severity ? h('span', { class: `badge severity-${c.severity}` }, c.severity) : '—'),
    h('td', {}, resolved ? '—' : countdown('First response', c.sla?.firstResponseDueAt, c.createdAt)),
    h('td', {}, resolved ? '—' : countdown('Resolution', c.sla?.resolutionDueAt, c.createdAt)),
    h('td', {}, c.assignedAgentId ?? h('span', { class: 'muted' }, 'unassigned')));
}

function taskState(task: Task): string {
  return String(task.state ?? 'ready').toLowerCase();
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
