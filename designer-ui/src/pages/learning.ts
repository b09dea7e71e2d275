// What the first-contact AI learns from: the messages it was least sure of, labelled here in one click each,
// and every example-set version's effect on the fixed validation messages, with a revert for a version that hurt.

import {
  addLabel,
  errorMessage,
  fetchLearningReport,
  fetchUnsure,
  revertExampleVersion,
  type Credentials,
  type LearningVersion,
  type UnsureMessage,
} from '../api';
import { h } from '../dom';
import { hrefFor } from '../nav';
import { confidenceLabel, humanize } from '../lib/brief';
import { accuracyChangeText, newestFirst, percent, preview, verdict } from '../lib/learning';
import { INTENTS, busy, button, formatInstant, select, statusLine } from '../ui';

export function renderLearning(credentials: Credentials, signal: AbortSignal): HTMLElement {
  const status = statusLine();
  const unsureNote = h('p', { class: 'muted', role: 'status' }, 'Loading the messages the AI was least sure of…');
  const unsureBody = h('tbody');
  const reportNote = h('p', { class: 'muted', role: 'status' }, 'Loading the learning report…');
  const reportBody = h('tbody');

  const refreshReport = async () => {
    try {
      const versions = newestFirst(await fetchLearningReport(credentials, signal));
      reportBody.replaceChildren(...versions.map(versionRow));
      reportNote.textContent = versions.length === 0 ? 'No example-set version has been evaluated yet.'
        : 'Accuracy on the product\'s fixed validation messages after each version, newest first.';
    } catch (failure) {
      if (!signal.aborted) reportNote.textContent = `Could not load the learning report: ${errorMessage(failure)}`;
    }
  };

  const refreshUnsure = async () => {
    try {
      const messages = await fetchUnsure(credentials, 7, signal);
      unsureBody.replaceChildren(...messages.map(unsureRow));
      unsureNote.textContent = messages.length === 0 ? 'Nothing to label: the AI was sure of every message of the last 7 days.'
        : `${messages.length} message${messages.length === 1 ? '' : 's'} of the last 7 days, least sure first. A label becomes an example at once.`;
    } catch (failure) {
      if (!signal.aborted) unsureNote.textContent = `Could not load the messages to label: ${errorMessage(failure)}`;
    }
  };

  const unsureRow = (message: UnsureMessage): HTMLTableRowElement => {
    const intent = select(INTENTS.map((name) => [name, humanize(name)] as [string, string]), message.intent ?? '');
    intent.setAttribute('aria-label', `Intent for the message received ${message.receivedAt}`);
    const p0 = h('input', { type: 'checkbox', 'aria-label': 'Money, security or trust at stake (P0)' });
    const row = h('tr', {},
      h('td', {}, h('a', { href: hrefFor('conversations', message.conversationId) }, preview(message.text || '(no text)'))),
      h('td', {}, message.intent ? humanize(message.intent) : '—', h('br'),
        h('span', { class: 'muted small' }, confidenceLabel(message.confidence) ?? '')),
      h('td', {}, message.language ?? '—'),
      h('td', {}, formatInstant(message.receivedAt)),
      h('td', { class: 'label-cell' }, intent, h('label', { class: 'small' }, p0, ' P0'), null));
    const label = button('Label', () => {
      void busy(label, status, async () => {
        const added = await addLabel(credentials, message.messageId, intent.value, p0.checked);
        row.replaceChildren(h('td', { colspan: '5', class: 'muted' },
          `Labelled “${preview(message.text, 60)}” as ${humanize(intent.value)}: example-set version ${added.version}.`));
        status.say(`Labelled as ${humanize(intent.value)} (version ${added.version}).`);
        await refreshReport();
      });
    }, { 'aria-label': `Label the message “${preview(message.text, 40)}”` });
    row.lastElementChild!.append(label);
    return row;
  };

  const versionRow = (version: LearningVersion): HTMLTableRowElement => {
    const change = accuracyChangeText(version.accuracyChange);
    const kind = verdict(version);
    const revertible = version.examplesAdded > 0 && version.source !== 'builtin';
    const revert = revertible ? button('Revert', () => {
      if (!window.confirm(`Take back the ${version.examplesAdded} example(s) of version ${version.version}?`)) return;
      void busy(revert!, status, async () => {
        const reverted = await revertExampleVersion(credentials, version.version);
        status.say(`Version ${reverted.version} took back the ${reverted.examples} example(s) of version ${version.version}.`);
        await refreshReport();
      });
    }, { 'aria-label': `Revert example-set version ${version.version}` }) : null;
    return h('tr', { class: `learning-${kind}` },
      h('td', {}, String(version.version)),
      h('td', {}, humanize(version.source ?? '—'), h('br'), h('span', { class: 'muted small' }, version.createdBy ?? '')),
      h('td', {}, formatInstant(version.createdAt)),
      h('td', { class: 'numeric' }, version.examplesAdded > 0 ? `+${version.examplesAdded}` : String(version.examplesAdded)),
      h('td', { class: 'numeric' }, String(version.examples)),
      h('td', { class: 'numeric' }, percent(version.accuracy)),
      h('td', { class: 'numeric' }, percent(version.macroF1)),
      h('td', {}, change ?? 'first version', kind === 'hurt' ? h('span', { class: 'badge claimed' }, 'lowered the accuracy') : null),
      h('td', {}, revert));
  };

  void refreshUnsure();
  void refreshReport();
  return h('section', { class: 'page learning' },
    h('h1', { tabindex: '-1' }, 'AI learning'),
    status,
    h('section', { 'aria-labelledby': 'learning-unsure' },
      h('h2', { id: 'learning-unsure' }, 'Messages to label'),
      unsureNote,
      h('table', { class: 'table' },
        h('thead', {}, h('tr', {}, ['Message', 'AI read it as', 'Language', 'Received', 'Your label'].map((title) =>
          h('th', { scope: 'col' }, title)))),
        unsureBody)),
    h('section', { 'aria-labelledby': 'learning-report' },
      h('h2', { id: 'learning-report' }, 'Did the labels help?'),
      reportNote,
      h('table', { class: 'table' },
        h('thead', {}, h('tr', {}, ['Version', 'Source', 'When', 'Examples added', 'Examples', 'Accuracy', 'Macro-F1',
          'Change', ''].map((title) => h('th', { scope: 'col' }, title)))),
        reportBody)));
}
