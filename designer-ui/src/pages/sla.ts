// The SLA policy as a friendly table: a supervisor edits targets (durations people write as
// "15m" or "1h 30m"), and saving writes them into sla-policy.dmn's rule cells, stores the
// result as a new validated version and publishes it.

import { createVersion, fetchPolicies, fetchVersion, publish, type Credentials } from '../api';
import { h } from '../dom';
import { describeCondition, describeDuration, parseDuration, parseSlaTable, writeSlaTable, type SlaTable } from '../lib/sla-table';
import { hrefFor } from '../nav';
import { busy, button, field, statusLine } from '../ui';

const POLICY = 'sla-policy';
const LABELS: Record<string, string> = {
  firstResponseDue: 'First response',
  nextResponseDue: 'Next response',
  resolutionDue: 'Resolution',
  proactiveUpdateInterval: 'Update at least every',
  warningThreshold: 'Warn at (share elapsed)',
  calendar: 'Clock',
};

export function renderSlaPolicy(credentials: Credentials, signal: AbortSignal): HTMLElement {
  const status = statusLine();
  const info = h('p', { class: 'muted' }, 'Loading the live SLA policy…');
  const tableHost = h('div', { class: 'sla-table-host' });
  const comment = h('input', { type: 'text', placeholder: 'e.g. Faster first response for standard email', maxlength: '500' });
  const applyToOpen = h('input', { type: 'checkbox', id: 'apply-open' });
  let source = '';
  let table: SlaTable | undefined;
  let cells: { rule: number; output: number; control: HTMLInputElement | HTMLSelectElement; kind: string; initial: string }[] = [];

  const save = button('Save and publish', () => void busy(save, status, async () => {
    if (!table) return;
    if (!comment.value.trim()) {
      status.say('Say what changed in the comment first.');
      comment.focus();
      return;
    }
    let invalid: HTMLElement | undefined;
    for (const cell of cells) {
      if (cell.control.value === cell.initial) continue; // untouched cells keep their exact FEEL text
      const value = readCell(cell.kind, cell.control.value);
      cell.control.setAttribute('aria-invalid', value === null ? 'true' : 'false');
      if (value === null) invalid ??= cell.control;
      else table.rules[cell.rule]!.outputs[cell.output] = value;
    }
    if (invalid) {
      status.say('Some targets are not durations (write e.g. 15m, 1h 30m, 2d).');
      invalid.focus();
      return;
    }
    const xml = writeSlaTable(source, table);
    if (xml === source) {
      status.say('Nothing changed.');
      return;
    }
    const draft = await createVersion(credentials, POLICY, xml, comment.value.trim());
    const live = await publish(credentials, POLICY, draft.version, applyToOpen.checked);
    source = xml;
    info.textContent = `Live version: v${live.version}.`;
    status.say(`SLA policy v${live.version} is live${applyToOpen.checked ? ' and applied to open conversations' : ' for new conversations'}.`);
  }), { class: 'button', 'data-testid': 'sla-save' });

  void (async () => {
    try {
      const policy = (await fetchPolicies(credentials, signal)).find((p) => p.name === POLICY);
      if (!policy?.liveVersion) {
        info.textContent = 'The SLA policy has no live version.';
        return;
      }
      source = (await fetchVersion(credentials, POLICY, policy.liveVersion, signal)).source ?? '';
      table = parseSlaTable(source);
      info.textContent = `Live version: v${policy.liveVersion}. Each row is one combination of severity, customer tier and channel.`;
      cells = [];
      tableHost.replaceChildren(renderTable(table, cells));
    } catch (failure) {
      if (!signal.aborted) status.fail(failure);
    }
  })();

  return h('section', { class: 'page sla-page' },
    h('h1', { tabindex: '-1' }, 'SLA policy'),
    h('p', {}, 'How fast we answer, update and resolve. Targets are durations: ', h('code', {}, '15m'), ', ', h('code', {}, '1h 30m'), ', ',
      h('code', {}, '2d'), '. The DMN behind this table is in the ', h('a', { href: hrefFor('policies', POLICY) }, 'decision studio'), '.'),
    info, status, tableHost,
    h('div', { class: 'workflow panel' },
      field('Comment', comment, 'Stored with the new version.'),
      h('div', { class: 'field checkbox' }, applyToOpen, h('label', { for: 'apply-open' }, 'Also apply to open conversations')),
      save));
}

function readCell(kind: string, value: string): string | null {
  if (kind === 'days and time duration') return parseDuration(value);
  if (kind === 'number') return value.trim() !== '' && !Number.isNaN(Number(value)) ? String(Number(value)) : null;
  return `"${value.replaceAll('"', '')}"`;
}

function renderTable(table: SlaTable, cells: { rule: number; output: number; control: HTMLInputElement | HTMLSelectElement; kind: string; initial: string }[]): HTMLElement {
  return h('table', { class: 'table sla-table' },
    h('caption', { class: 'visually-hidden' }, 'SLA targets by severity, tier and channel'),
    h('thead', {}, h('tr', {},
      table.inputs.map((input) => h('th', { scope: 'col' }, input)),
      table.outputs.map((output) => h('th', { scope: 'col' }, LABELS[output.name] ?? output.name)))),
    h('tbody', {}, table.rules.map((rule, ruleIndex) => {
      const name = rule.conditions.map(describeCondition).join(' · ');
      return h('tr', { 'data-rule': rule.id, title: rule.description },
        rule.conditions.map((condition, i) => i === 0
          ? h('th', { scope: 'row' }, describeCondition(condition))
          : h('td', {}, describeCondition(condition))),
        table.outputs.map((output, outputIndex) => {
          const value = rule.outputs[outputIndex] ?? '';
          const label = `${LABELS[output.name] ?? output.name} for ${name}`;
          let control: HTMLInputElement | HTMLSelectElement;
          if (output.name === 'calendar') {
            control = h('select', { 'aria-label': label },
              ['24x7', 'business-hours'].map((option) => h('option', { value: option, selected: value === `"${option}"` }, option)));
          } else {
            control = h('input', {
              type: 'text', 'aria-label': label, size: '7',
              value: output.typeRef === 'days and time duration' ? describeDuration(value) : value,
              'data-output': output.name,
            });
          }
          cells.push({ rule: ruleIndex, output: outputIndex, control, kind: output.typeRef, initial: control.value });
          return h('td', {}, control);
        }));
    })));
}
