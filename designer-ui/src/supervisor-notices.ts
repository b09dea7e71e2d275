// Supervisors see what automations asked them to look at (notify-supervisor): a button in the header with the
// number of open notifications, opening the list; each links to its conversation and can be acknowledged, which
// takes it off every supervisor's list. The list refetches on every (re)connect and whenever one is raised.

import {
  acknowledgeSupervisorNotification, fetchSupervisorNotifications, type Credentials, type SupervisorNotification,
} from './api';
import { h } from './dom';
import { changesNotices, noticesLabel } from './lib/supervisor-notices';
import { refreshOnLive } from './live';
import { hrefFor } from './nav';

export function supervisorNotices(credentials: Credentials, signal: AbortSignal): HTMLElement {
  const list = h('ul', { class: 'supervisor-notices', 'data-testid': 'supervisor-notices', hidden: true });
  const toggle = h('button', {
    type: 'button', class: 'button secondary small', 'aria-expanded': 'false', 'data-testid': 'supervisor-notices-toggle',
  }, noticesLabel(0));
  toggle.addEventListener('click', () => {
    list.hidden = !list.hidden;
    toggle.setAttribute('aria-expanded', String(!list.hidden));
  });

  const show = (open: SupervisorNotification[]) => {
    toggle.textContent = noticesLabel(open.length);
    toggle.classList.toggle('attention', open.length > 0);
    list.replaceChildren(...(open.length === 0 ? [h('li', { class: 'muted' }, 'Nothing to look at.')] : open.map((notice) => {
      const acknowledge = h('button', { type: 'button', class: 'button secondary small' }, 'Acknowledge');
      acknowledge.addEventListener('click', () => {
        acknowledge.disabled = true;
        acknowledgeSupervisorNotification(credentials, notice.id).then(
          () => show(open.filter((other) => other.id !== notice.id)),
          () => { acknowledge.disabled = false; },
        );
      });
      return h('li', { 'data-conversation': notice.conversationId },
        h('a', { href: hrefFor('conversations', notice.conversationId) }, notice.reason),
        h('span', { class: 'muted' }, ` (${notice.automation}, ${new Date(notice.createdAt).toLocaleString()}) `),
        acknowledge);
    })));
  };

  refreshOnLive(async () => show(await fetchSupervisorNotifications(credentials, signal)), changesNotices, signal);
  return h('div', { class: 'supervisor-notices-menu' }, toggle, list);
}
