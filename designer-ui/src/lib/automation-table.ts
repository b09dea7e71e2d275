// automations.dmn as "when … if … then …" rows: reads every rule of the decision table into a row a
// supervisor edits with pickers, and writes the rows back as the table's rules (FEEL in every cell), leaving the
// rest of the file (documentation, inputs, outputs) as it was.

import { children, decisionTable, serializeLike, textOf } from './dmn-xml';

/** The input columns in table order; the first is the on/off switch (its expression is the constant true). */
export const INPUTS = ['enabled', 'eventType', 'channel', 'state', 'tier', 'intent', 'severity', 'queue', 'tags',
  'language', 'businessHours', 'hoursSinceCustomerMessage', 'hoursSinceAgentMessage', 'hoursInState', 'sentiment',
  'csatScore'] as const;
export type Input = (typeof INPUTS)[number];
/** The inputs an "if" picks from (everything but the switch and the event). */
export type Condition = Exclude<Input, 'enabled' | 'eventType'>;

export const EVENT_TYPES = ['message-received', 'message-sent', 'state-changed', 'assigned', 'sla-warning', 'sla-breach',
  'csat-received', 'time-elapsed'] as const;
export const ACTIONS = ['add-tag', 'remove-tag', 'set-priority', 'move-queue', 'assign-agent', 'send-template-reply', 'add-note',
  'notify-supervisor', 'change-state', 'call-webhook', 'request-csat'] as const;
export const NUMBER_INPUTS: readonly Condition[] = ['hoursSinceCustomerMessage', 'hoursSinceAgentMessage', 'hoursInState', 'sentiment',
  'csatScore'];
/** A low satisfaction score, as the shipped low-CSAT rows test it: 1 or 2 of 5 (no rating never matches). */
export const LOW_CSAT = '<= 2';

export interface AutomationRow {
  id: string;
  description: string;
  enabled: boolean;
  /** The event type, or '' for any. */
  when: string;
  /** FEEL unary tests by input; an input not listed (or '-') matches anything. */
  conditions: Partial<Record<Condition, string>>;
  automation: string;
  action: string;
  argument: string;
}

const DMN_PARSER = () => new DOMParser();
const DMN_SERIALIZER = () => new XMLSerializer();

/** `"a"` → a; anything else (FEEL a power user wrote) stays as it is. */
export function unquote(feel: string): string {
  const match = /^"([^"]*)"$/.exec(feel.trim());
  return match ? match[1]! : feel.trim();
}

export function quote(text: string): string {
  return `"${text.replaceAll('"', '')}"`;
}

export function parseAutomations(xml: string, parser: DOMParser = DMN_PARSER()): AutomationRow[] {
  const document = parser.parseFromString(xml, 'application/xml');
  if (document.getElementsByTagName('parsererror').length > 0) throw new Error('The DMN is not well-formed XML.');
  const table = decisionTable(document);
  const columns = children(table, 'input').map((input) => input.getAttribute('label') ?? '');
  return children(table, 'rule').map((rule) => {
    const entries = children(rule, 'inputEntry').map((entry) => textOf(entry).trim());
    const outputs = children(rule, 'outputEntry').map((entry) => unquote(textOf(entry).trim()));
    const cell = (name: string) => entries[columns.indexOf(name)] ?? '-';
    const conditions: Partial<Record<Condition, string>> = {};
    for (const name of INPUTS) {
      if (name === 'enabled' || name === 'eventType') continue;
      const feel = cell(name);
      if (feel !== '-' && feel !== '') conditions[name] = feel;
    }
    const when = cell('eventType');
    return {
      id: rule.getAttribute('id') ?? '',
      description: children(rule, 'description')[0]?.textContent?.trim() ?? '',
      enabled: cell('enabled') !== 'false',
      when: when === '-' ? '' : unquote(when),
      conditions,
      automation: outputs[0] ?? '',
      action: outputs[1] ?? '',
      argument: outputs[2] ?? '',
    };
  });
}

/** A row id DMN accepts, from the automation's name: "Tag VIP chats" → tag_vip_chats (made unique). */
export function rowId(name: string, taken: ReadonlySet<string>): string {
  const base = (name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'automation').replace(/^(\d)/, 'r_$1');
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}_${n}`;
  return id;
}

/** The same XML with the table's rules replaced by these rows, in this order. */
export function writeAutomations(
  xml: string,
  rows: readonly AutomationRow[],
  parser: DOMParser = DMN_PARSER(),
  serializer: XMLSerializer = DMN_SERIALIZER(),
): string {
  const document = parser.parseFromString(xml, 'application/xml');
  const table = decisionTable(document);
  const namespace = table.namespaceURI;
  const columns = children(table, 'input').map((input) => input.getAttribute('label') ?? '');
  for (const row of rows) {
    const missing = Object.keys(row.conditions).filter((input) => !columns.includes(input));
    if (missing.length > 0) {
      // an older live table (before csatScore, say): writing the row without the condition would widen it silently
      throw new Error(`The table has no ${missing.join(', ')} column, so "${row.automation}" cannot test it: `
        + 'upload the current decision-tables/automations.dmn as a new version first.');
    }
  }
  const make = (name: string, text?: string) => {
    const element = document.createElementNS(namespace, name);
    if (text !== undefined) {
      const body = document.createElementNS(namespace, 'text');
      body.textContent = text;
      element.appendChild(body);
    }
    return element;
  };
  children(table, 'rule').forEach((rule) => table.removeChild(rule));
  for (const row of rows) {
    const rule = make('rule');
    rule.setAttribute('id', row.id);
    const description = make('description');
    description.textContent = row.description || row.automation;
    rule.appendChild(description);
    columns.forEach((column, index) => {
      const entry = make('inputEntry', cellOf(row, column));
      entry.setAttribute('id', `${row.id}_i${index}`);
      rule.appendChild(entry);
    });
    [row.automation, row.action, row.argument].forEach((value, index) => {
      const entry = make('outputEntry', quote(value));
      entry.setAttribute('id', `${row.id}_o${index + 1}`);
      rule.appendChild(entry);
    });
    table.appendChild(rule);
  }
  return serializeLike(xml, document, serializer);
}

function cellOf(row: AutomationRow, column: string): string {
  if (column === 'enabled') return row.enabled ? 'true' : 'false';
  if (column === 'eventType') return row.when ? quote(row.when) : '-';
  return row.conditions[column as Condition]?.trim() || '-';
}

// --- Pickers to FEEL and back ----------------------------------------------------

/** Chosen values → `"a","b"`; none → any. */
export function oneOf(values: readonly string[]): string {
  const chosen = values.map((value) => value.trim()).filter((value) => value !== '');
  return chosen.length === 0 ? '-' : chosen.map(quote).join(',');
}

/** A tag the conversation must have. */
export function hasTag(tag: string): string {
  return tag.trim() === '' ? '-' : `list contains(?, ${quote(tag.trim())})`;
}

/** A comparison with a number: `>= 48`; null when not a number. */
export function compare(operator: '>=' | '<=' | '>' | '<' | '=', value: string): string | null {
  const number = Number(value.trim());
  if (value.trim() === '' || Number.isNaN(number)) return null;
  return operator === '=' ? String(number) : `${operator} ${number}`;
}

const LABELS: Record<string, string> = {
  channel: 'channel', state: 'state', tier: 'tier', intent: 'intent', severity: 'severity', queue: 'queue', tags: 'tags',
  language: 'language', businessHours: 'business hours', hoursSinceCustomerMessage: 'hours since the customer wrote',
  hoursSinceAgentMessage: 'hours since an agent wrote', hoursInState: 'hours in this state', sentiment: 'sentiment',
  csatScore: 'CSAT score',
};

/** One condition in words: channel is web_chat or sms; tags include vip; hours in this state ≥ 48. */
export function describeCondition(input: Condition, feel: string): string {
  const label = LABELS[input] ?? input;
  const tag = /^list contains\(\?,\s*"([^"]*)"\)$/.exec(feel);
  if (tag) return `${label} include ${tag[1]}`;
  const comparison = /^(>=|<=|>|<)\s*(-?[\d.]+)$/.exec(feel);
  if (comparison) return `${label} ${comparison[1]!.replace('>=', '≥').replace('<=', '≤')} ${comparison[2]}`;
  if (feel === 'true' || feel === 'false') return `${label}: ${feel === 'true' ? 'yes' : 'no'}`;
  if (/^("[^"]*",?\s*)+$/.test(feel)) return `${label} is ${feel.split(',').map(unquote).join(' or ')}`;
  return `${label} matches ${feel}`;
}

/** The row as a sentence: when message received if channel is web_chat then add-tag chat. */
export function describeRow(row: AutomationRow): string {
  const when = `when ${row.when ? row.when.replaceAll('-', ' ') : 'anything happens'}`;
  const conditions = Object.entries(row.conditions).map(([input, feel]) => describeCondition(input as Condition, feel!));
  const condition = conditions.length ? ` if ${conditions.join(' and ')}` : '';
  return `${when}${condition} then ${row.action.replaceAll('-', ' ')}${row.argument ? ` ${row.argument}` : ''}`;
}
