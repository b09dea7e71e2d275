// The automation builder: every row of automations.dmn as "when … if … then …", switchable on and off
// without deleting it; new rows are built with pickers (the FEEL they make stays visible and editable);
// a change is simulated on the stored events before it can be published.

import {
  createVersion, fetchAgents, fetchPolicies, fetchSimulation, fetchVersion, publish, simulate, type Credentials, type Simulation,
} from '../api';
import { h } from '../dom';
import {
  ACTIONS, EVENT_TYPES, NUMBER_INPUTS, compare, describeRow, hasTag, oneOf, parseAutomations, rowId, writeAutomations,
  type AutomationRow, type Condition,
} from '../lib/automation-table';
import { hrefFor } from '../nav';
import { INTENTS, QUEUES, SEVERITIES, STATES, busy, button, field, select, statusLine } from '../ui';

const POLICY = 'automations';
const CHANNELS = ['email', 'web_chat', 'whatsapp', 'sms', 'messenger', 'instagram', 'x', 'voice'] as const;
const TIERS = ['free', 'standard', 'premium', 'enterprise'] as const;
const CHOICES: Partial<Record<Condition, readonly string[]>> = {
  channel: CHANNELS, state: STATES, tier: TIERS, intent: INTENTS, severity: SEVERITIES, queue: QUEUES,
};
const ARGUMENT_HINTS: Record<string, string> = {
  'add-tag': 'the tag', 'remove-tag': 'the tag', 'set-priority': '1 (highest) to 4', 'move-queue': 'the queue',
  'assign-agent': "an agent's username (while the conversation waits for an agent)",
  'send-template-reply': 'a communication template, e.g. automation-pending-reminder', 'add-note': 'the note',
  'notify-supervisor': 'the reason every supervisor sees', 'change-state': 'e.g. resolved (legal moves only)',
  'call-webhook': 'a URL on continuum.automations.webhook-allow-list',
  'request-csat': 'nothing: a survey of the resolved conversation',
};

export function renderAutomations(credentials: Credentials, signal: AbortSignal): HTMLElement {
  const status = statusLine();
  const info = h('p', { class: 'muted' }, 'Loading the live automations…');
  const list = h('ol', { class: 'automation-rows', 'data-testid': 'automation-rows' });
  const report = h('div', { class: 'simulation-report', 'data-testid': 'automation-simulation' });
  const comment = h('input', { type: 'text', placeholder: 'e.g. Tag VIP chats', maxlength: '500' });
  let source = '';
  let rows: AutomationRow[] = [];
  /** The stored draft of exactly these rows, once simulated: only it can be published. */
  let simulated: { xml: string; version: number } | undefined;

  const changed = () => {
    simulated = undefined;
    publishButton.disabled = true;
    report.replaceChildren(h('p', { class: 'muted' }, 'Simulate the change to see what it would have done, then publish it.'));
    renderRows();
  };

  const renderRows = () => {
    list.replaceChildren(...rows.map((row, index) => {
      const toggle = h('input', { type: 'checkbox', id: `on-${row.id}`, checked: row.enabled, 'aria-label': `${row.automation}: on` });
      toggle.addEventListener('change', () => {
        rows[index] = { ...row, enabled: toggle.checked };
        changed();
      });
      const feel = h('table', { class: 'table feel' }, h('tbody', {},
        h('tr', {}, h('th', { scope: 'row' }, 'eventType'), h('td', {}, h('code', {}, row.when ? `"${row.when}"` : '-'))),
        Object.entries(row.conditions).map(([input, value]) => {
          const cell = h('input', { type: 'text', value: value ?? '', 'aria-label': `FEEL of ${input} in ${row.automation}` });
          cell.addEventListener('change', () => {
            rows[index] = { ...row, conditions: { ...row.conditions, [input]: cell.value.trim() || '-' } };
            changed();
          });
          return h('tr', {}, h('th', { scope: 'row' }, input), h('td', {}, cell));
        })));
      return h('li', { class: row.enabled ? 'automation-row' : 'automation-row off', 'data-row': row.id },
        h('div', { class: 'field checkbox' }, toggle, h('label', { for: `on-${row.id}` }, h('strong', {}, row.automation))),
        h('p', { class: 'sentence' }, describeRow(row)),
        h('details', {}, h('summary', {}, 'FEEL'), feel),
        button('Delete', () => {
          rows = rows.filter((_, i) => i !== index);
          changed();
        }, { 'aria-label': `Delete ${row.automation}` }));
    }));
  };

  const builder = renderBuilder(credentials, signal, (row) => {
    rows = [...rows, { ...row, id: rowId(row.automation, new Set(rows.map((r) => r.id))) }];
    changed();
    status.say(`Added "${row.automation}". Simulate, then publish.`);
  }, status);

  const simulateButton = button('Simulate', () => void busy(simulateButton, status, async () => {
    const xml = writeAutomations(source, rows);
    const draft = await createVersion(credentials, POLICY, xml, comment.value.trim() || 'automation builder');
    status.say(`Simulating v${draft.version} on the stored events…`);
    let run = await simulate(credentials, POLICY, draft.version);
    while (run.status === 'running' && !signal.aborted) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      run = await fetchSimulation(credentials, POLICY, run.id, signal);
    }
    report.replaceChildren(renderReport(run, rows));
    if (run.status === 'completed') {
      simulated = { xml, version: draft.version };
      publishButton.disabled = false;
      status.say(`v${draft.version} simulated on ${run.report?.replayed ?? 0} stored events.`);
    } else {
      status.say(`The simulation ${run.status}.`);
    }
  }), { class: 'button', 'data-testid': 'automation-simulate' });

  const publishButton = button('Publish', () => void busy(publishButton, status, async () => {
    if (!simulated) return;
    const live = await publish(credentials, POLICY, simulated.version);
    source = simulated.xml;
    info.textContent = `Live version: v${live.version}.`;
    status.say('status' in live && live.status === 'pending'
      ? `v${simulated.version} waits for a second person's approval.`
      : `Automations v${live.version} are live.`);
  }), { class: 'button', 'data-testid': 'automation-publish', disabled: true });

  void (async () => {
    try {
      const policy = (await fetchPolicies(credentials, signal)).find((p) => p.name === POLICY);
      if (!policy?.liveVersion) {
        info.textContent = 'Automations have no live version.';
        return;
      }
      source = (await fetchVersion(credentials, POLICY, policy.liveVersion, signal)).source ?? '';
      rows = parseAutomations(source);
      info.textContent = `Live version: v${policy.liveVersion}. Every row whose conditions match fires, top to bottom.`;
      renderRows();
    } catch (failure) {
      if (!signal.aborted) status.fail(failure);
    }
  })();

  return h('section', { class: 'page automations-page' },
    h('h1', { tabindex: '-1' }, 'Automations'),
    h('p', {}, 'What happens without a person when something happens to a conversation. Automations never run on what they did ',
      'themselves, and only so many of their actions run per conversation and hour. The DMN behind this page is in the ',
      h('a', { href: hrefFor('policies', POLICY) }, 'decision studio'), '.'),
    info, status, list, builder,
    h('div', { class: 'workflow panel' }, field('Comment', comment, 'Stored with the new version.'), simulateButton, report, publishButton));
}

/** The "when … if … then …" form: a picker for every input and action. */
function renderBuilder(credentials: Credentials, signal: AbortSignal, add: (row: AutomationRow) => void,
  status: ReturnType<typeof statusLine>): HTMLElement {
  const name = h('input', { type: 'text', placeholder: 'e.g. Tag VIP chats', 'data-testid': 'automation-name' });
  const when = select([['', 'anything happens'], ...EVENT_TYPES.map((type): [string, string] => [type, type.replaceAll('-', ' ')])]);
  when.setAttribute('data-testid', 'automation-when');
  const choices = Object.fromEntries(Object.entries(CHOICES).map(([input, values]) => {
    const control = select(['', ...values!]);
    control.setAttribute('data-testid', `automation-if-${input}`);
    return [input, control];
  })) as Record<string, HTMLSelectElement>;
  const tag = h('input', { type: 'text', placeholder: 'e.g. vip', 'data-testid': 'automation-if-tags' });
  const language = h('input', { type: 'text', placeholder: 'e.g. en', size: '4' });
  const businessHours = select([['', 'Any'], ['true', 'yes'], ['false', 'no']]);
  const numbers = Object.fromEntries(NUMBER_INPUTS.map((input) => {
    const operator = select(['>=', '<=', '>', '<', '=']);
    operator.setAttribute('aria-label', `${input} comparison`);
    return [input, { operator, value: h('input', { type: 'number', step: 'any', size: '5', 'aria-label': `${input} value` }) }];
  }));
  const action = select([...ACTIONS]);
  action.setAttribute('data-testid', 'automation-then');
  // assign-agent names an agent: their usernames are offered while typing
  const agentNames = h('datalist', { id: 'automation-agents' });
  fetchAgents(credentials, signal).then((agents) => {
    agentNames.replaceChildren(...agents.map((agent) => h('option', { value: agent.username }, agent.name)));
  }, () => undefined);
  const argument = h('input', { type: 'text', placeholder: ARGUMENT_HINTS['add-tag'], 'data-testid': 'automation-argument' });
  action.addEventListener('change', () => {
    argument.placeholder = ARGUMENT_HINTS[action.value] ?? '';
    if (action.value === 'assign-agent') argument.setAttribute('list', agentNames.id);
    else argument.removeAttribute('list');
  });
  const preview = h('code', { class: 'feel-preview', 'data-testid': 'automation-feel' });

  const conditions = (): Partial<Record<Condition, string>> | null => {
    const result: Partial<Record<Condition, string>> = {};
    for (const [input, control] of Object.entries(choices)) if (control.value) result[input as Condition] = oneOf([control.value]);
    if (tag.value.trim()) result.tags = hasTag(tag.value);
    if (language.value.trim()) result.language = oneOf([language.value]);
    if (businessHours.value) result.businessHours = businessHours.value;
    for (const [input, { operator, value }] of Object.entries(numbers)) {
      if (value.value.trim() === '') continue;
      const feel = compare(operator.value as '>=', value.value);
      if (feel === null) return null;
      result[input as Condition] = feel;
    }
    return result;
  };
  const showFeel = () => {
    const current = conditions();
    preview.textContent = current === null ? 'not a number'
      : [`eventType: ${when.value ? `"${when.value}"` : '-'}`, ...Object.entries(current).map(([input, feel]) => `${input}: ${feel}`)].join('  ·  ');
  };

  const form = h('form', { class: 'panel automation-builder', 'aria-label': 'New automation' },
    h('h2', {}, 'New automation'),
    field('Name', name),
    field('When', when),
    h('fieldset', {}, h('legend', {}, 'If'),
      Object.entries(choices).map(([input, control]) => field(input, control)),
      field('has tag', tag), field('language', language), field('in business hours', businessHours),
      Object.entries(numbers).map(([input, { operator, value }]) => h('div', { class: 'field' },
        h('label', { for: value.id = `n-${input}` }, input), operator, value))),
    h('fieldset', {}, h('legend', {}, 'Then'), field('Action', action), field('Argument', argument), agentNames),
    h('p', {}, 'FEEL: ', preview),
    button('Add row', () => {
      const current = conditions();
      if (!name.value.trim()) {
        status.say('Name the automation first.');
        name.focus();
        return;
      }
      if (current === null) {
        status.say('The hours, sentiment and CSAT score conditions need numbers.');
        return;
      }
      add({ id: '', description: name.value.trim(), enabled: true, when: when.value, conditions: current,
        automation: name.value.trim(), action: action.value, argument: argument.value.trim() });
      form.reset();
      showFeel();
    }, { class: 'button', 'data-testid': 'automation-add' }));
  form.addEventListener('input', showFeel);
  form.addEventListener('change', showFeel);
  showFeel();
  return form;
}

function renderReport(run: Simulation, rows: readonly AutomationRow[]): HTMLElement {
  const fired = run.report?.rows ?? {};
  return h('div', {},
    h('p', {}, `Replayed ${run.report?.replayed ?? 0} stored events with this version:`),
    h('ul', {}, rows.filter((row) => row.enabled).map((row) => {
      const firing = fired[row.id];
      return h('li', { 'data-row': row.id },
        `${row.automation}: would have fired ${firing?.fired ?? 0} times`,
        firing?.conversations.length ? [' on ', ...firing.conversations.slice(0, 5).flatMap((id, i) => [
          i ? ', ' : '', h('a', { href: hrefFor('conversations', id) }, id.slice(0, 8))])] : '');
    })));
}
