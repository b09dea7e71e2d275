// The workspace's part of the header: whether live updates are connected, the agent's own status
// (available / busy / away: routing only offers work to available agents), the notifications automations raised
// for supervisors, and opt-in browser notifications for a conversation assigned to me or a new P0.

import { fetchAgents, setAgentStatus, type AgentProfile, type Credentials, type Me } from './api';
import { h } from './dom';
import { noticeFor } from './lib/notify';
import { onLive, startLive } from './live';
import { hrefFor } from './nav';
import { supervisorNotices } from './supervisor-notices';

const NOTIFY_KEY = 'continuum.notifications';
const STATUSES = ['available', 'busy', 'away'] as const;

/** Who may open the live stream (GET /api/v1/live): the people working conversations and Resolutions. */
const LIVE_ROLES = ['agent', 'supervisor', 'admin', 'engineer'];

export function workspaceHeader(credentials: Credentials, me: Me, signal: AbortSignal): HTMLElement {
  if (!me.roles.some((role) => LIVE_ROLES.includes(role))) return h('span', { class: 'workspace-header' });
  const stopLive = startLive(credentials);
  signal.addEventListener('abort', stopLive);

  const liveState = h('span', { class: 'live-state', role: 'status', 'data-testid': 'live-state' }, 'Connecting…');
  let myAgent: AgentProfile | null = null;

  const status = h('select', { id: 'my-status', 'aria-label': 'My status', disabled: true },
    STATUSES.map((s) => h('option', { value: s }, s)));
  status.addEventListener('change', () => {
    if (!myAgent) return;
    const previous = myAgent.status;
    setAgentStatus(credentials, myAgent.id, status.value).then(
      (agent) => { myAgent = agent; },
      () => { status.value = previous; },
    );
  });
  const isAgent = me.roles.some((role) => role === 'agent' || role === 'supervisor');
  if (isAgent) {
    fetchAgents(credentials, signal).then((agents) => {
      myAgent = agents.find((agent) => agent.username === me.username) ?? null;
      if (myAgent) {
        if (!STATUSES.includes(myAgent.status as (typeof STATUSES)[number])) {
          status.append(h('option', { value: myAgent.status }, myAgent.status));
        }
        status.value = myAgent.status;
        status.disabled = false;
      }
    }, () => undefined);
  }

  const canNotify = typeof Notification !== 'undefined';
  const notify = h('button', { type: 'button', class: 'button secondary small', 'aria-pressed': 'false' }, 'Notifications off');
  const showNotify = () => {
    const on = canNotify && Notification.permission === 'granted' && localStorage.getItem(NOTIFY_KEY) === 'on';
    notify.textContent = on ? 'Notifications on' : 'Notifications off';
    notify.setAttribute('aria-pressed', String(on));
    return on;
  };
  notify.hidden = !canNotify;
  notify.addEventListener('click', async () => {
    if (showNotify()) localStorage.setItem(NOTIFY_KEY, 'off');
    else if ((await Notification.requestPermission()) === 'granted') localStorage.setItem(NOTIFY_KEY, 'on');
    showNotify();
  });
  if (canNotify) showNotify();

  onLive((live) => {
    if (live.kind === 'ready') liveState.textContent = 'Live';
    else if (live.kind === 'down') liveState.textContent = 'Reconnecting…';
    else if (canNotify && showNotify()) {
      const notice = noticeFor(live.change, myAgent?.id ?? null);
      if (notice) {
        const shown = new Notification(notice.title, { body: notice.body, tag: notice.conversationId });
        shown.onclick = () => {
          window.focus();
          location.hash = hrefFor('conversations', notice.conversationId);
        };
      }
    }
  }, signal);

  const isSupervisor = me.roles.some((role) => role === 'supervisor' || role === 'admin');
  return h('div', { class: 'workspace-header' },
    liveState,
    isAgent ? h('label', { class: 'my-status', for: 'my-status' }, h('span', {}, 'Status'), status) : null,
    isSupervisor ? supervisorNotices(credentials, signal) : null,
    notify);
}
