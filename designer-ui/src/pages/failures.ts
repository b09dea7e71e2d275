// Dead letters and quarantine: what the platform gave up on, side by side, each with a Retry button
// (supervisors and admins; the server checks the role on every call).

import {
  errorMessage,
  fetchDeliveryDeadLetters,
  fetchOutboxDeadLetters,
  fetchQuarantine,
  retryFailure,
  type Credentials,
} from '../api';
import { h } from '../dom';
import { failureSections, retryOutcome, type FailureRow, type FailureSection } from '../lib/failures';
import { busy, button, formatInstant, poll, statusLine } from '../ui';

export function renderFailures(credentials: Credentials, signal: AbortSignal): HTMLElement {
  const board = h('div', { class: 'board failures', 'aria-live': 'polite' });
  const note = h('p', { class: 'muted', role: 'status' }, 'Loading dead letters and quarantine…');
  const status = statusLine();

  const refresh = async () => {
    try {
      const [outbox, deliveries, quarantine] = await Promise.all([
        fetchOutboxDeadLetters(credentials, signal),
        fetchDeliveryDeadLetters(credentials, signal),
        fetchQuarantine(credentials, signal),
      ]);
      const sections = failureSections(outbox, deliveries, quarantine);
      board.replaceChildren(...sections.map((section) => column(section)));
      const total = sections.reduce((sum, section) => sum + section.rows.length, 0);
      note.textContent = total === 0 ? 'Nothing is waiting for a person.' : `${total} item${total === 1 ? '' : 's'} waiting for a person.`;
    } catch (failure) {
      if (signal.aborted) return;
      note.textContent = `Could not load dead letters and quarantine: ${errorMessage(failure)}`;
    }
  };

  const column = (section: FailureSection): HTMLElement =>
    h('section', { class: 'board-column', 'aria-labelledby': `failures-${section.kind}` },
      h('h2', { id: `failures-${section.kind}` }, `${section.label} `, h('span', { class: 'badge' }, String(section.rows.length))),
      section.rows.length === 0 ? h('p', { class: 'muted small' }, section.empty) : h('ul', {}, section.rows.map(card)));

  const card = (row: FailureRow): HTMLLIElement => {
    const retry = button('Retry', () => {
      void busy(retry, status, async () => {
        let failure: unknown;
        try {
          await retryFailure(credentials, row.retryPath);
        } catch (refused) {
          failure = refused;
        }
        const outcome = retryOutcome(row, failure);
        if (outcome.ok) status.say(`${row.title}: ${outcome.text}`);
        else status.fail(new Error(`${row.title}: ${outcome.text}`));
        await refresh();
      });
    }, { 'aria-label': `Retry ${row.title}` });
    return h('li', { class: 'card failure-card' },
      h('h3', {}, row.title),
      h('p', { class: 'failure-reason' }, row.reason),
      h('p', { class: 'muted small' }, formatInstant(row.at), ` · ${row.attempts} attempt${row.attempts === 1 ? '' : 's'}`),
      retry);
  };

  poll(refresh, 10_000, signal);
  return h('section', { class: 'page' }, h('h1', { tabindex: '-1' }, 'Dead letters and quarantine'), note, status, board);
}
