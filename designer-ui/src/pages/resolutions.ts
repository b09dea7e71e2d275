// The Resolutions board: long-running issues by status, each with its linked conversations,
// the next customer update due (a countdown), the ETA window and the swarm link.

import { ApiError, errorMessage, fetchResolutions, type Credentials, type Resolution } from '../api';
import { h } from '../dom';
import { hrefFor } from '../nav';
import { refreshOnLive } from '../live';
import { countdown, formatInstant, tickCountdowns } from '../ui';

const ORDER = ['investigating', 'awaiting_fix', 'fix_in_progress', 'awaiting_deploy', 'monitoring', 'resolved'];

export function renderResolutions(credentials: Credentials, signal: AbortSignal): HTMLElement {
  const board = h('div', { class: 'board', 'aria-live': 'polite' });
  const note = h('p', { class: 'muted', role: 'status' }, 'Loading resolutions…');

  const refresh = async () => {
    try {
      const resolutions = await fetchResolutions(credentials, undefined, signal);
      const statuses = [...new Set(resolutions.map((r) => r.status))]
        .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
      board.replaceChildren(...statuses.map((status) => {
        const items = resolutions.filter((r) => r.status === status);
        return h('section', { class: 'board-column', 'aria-labelledby': `col-${status}` },
          h('h2', { id: `col-${status}` }, `${status.replaceAll('_', ' ')} `, h('span', { class: 'badge' }, String(items.length))),
          h('ul', {}, items.map(card)));
      }));
      note.textContent = resolutions.length === 0 ? 'No resolutions: nothing long-running is open.' : `${resolutions.length} resolution${resolutions.length === 1 ? '' : 's'}.`;
    } catch (failure) {
      if (signal.aborted) return;
      note.textContent = failure instanceof ApiError && failure.status === 404
        ? 'Resolutions are not available on this server.'
        : `Could not load resolutions: ${errorMessage(failure)}`;
    }
  };
  const timer = window.setInterval(() => tickCountdowns(board), 1000);
  signal.addEventListener('abort', () => window.clearInterval(timer));
  refreshOnLive(refresh, (change) => change.resolutionId != null || change.type === 'conversation.state_changed', signal);

  return h('section', { class: 'page' }, h('h1', { tabindex: '-1' }, 'Resolutions'), note, board);
}

function rank(status: string): number {
  const index = ORDER.indexOf(status.toLowerCase());
  return index < 0 ? ORDER.length : index;
}

function card(resolution: Resolution): HTMLLIElement {
  const conversations = (resolution.conversations ?? []).map((link) => link.conversationId);
  const swarm = resolution.swarm?.link;
  const eta = resolution.etaWindow?.start || resolution.etaWindow?.end
    ? [formatInstant(resolution.etaWindow.start), ' – ', formatInstant(resolution.etaWindow.end)]
    : ['not committed'];
  return h('li', { class: 'card resolution-card' },
    h('h3', {}, resolution.title ?? `Resolution ${resolution.id.slice(0, 8)}`),
    resolution.caseRef ? h('p', { class: 'muted small' }, `${resolution.caseRef}${resolution.issueType ? ` · ${resolution.issueType}` : ''}`) : null,
    h('dl', { class: 'facts compact' },
      h('div', {}, h('dt', {}, 'Team'), h('dd', {}, resolution.owningTeam ?? '—')),
      h('div', {}, h('dt', {}, 'Next update'), h('dd', {}, countdown('Next update', resolution.nextUpdateDueAt))),
      h('div', {}, h('dt', {}, 'ETA'), h('dd', {}, eta)),
      h('div', {}, h('dt', {}, 'Conversations'), h('dd', {}, conversations.length === 0 ? '—'
        : conversations.map((id, i) => [i > 0 ? ', ' : '', h('a', { href: hrefFor('conversations', id) }, id.slice(0, 8))]).flat()))),
    swarm ? h('a', { href: swarm, target: '_blank', rel: 'noopener', class: 'button small secondary' }, 'Open swarm')
      : resolution.swarm?.channelId ? h('p', { class: 'muted small' }, `Swarm channel ${resolution.swarm.channelId}`) : null);
}
