// The SLA policy as a friendly table: reads the decision table of sla-policy.dmn,
// lets a supervisor change output cells (targets), and writes the same XML back with
// only those <text> contents changed, so comments, ids and everything else round-trip.

import { children, decisionTable, serializeLike, textOf } from './dmn-xml';

export interface SlaColumn {
  name: string;
  typeRef: string;
}

export interface SlaRule {
  id: string;
  description: string;
  /** Input conditions in FEEL, one per input column. */
  conditions: string[];
  /** Output cells in FEEL, one per output column. */
  outputs: string[];
}

export interface SlaTable {
  inputs: string[];
  outputs: SlaColumn[];
  rules: SlaRule[];
}

const DMN_PARSER = () => new DOMParser();
const DMN_SERIALIZER = () => new XMLSerializer();

export function parseSlaTable(xml: string, parser: DOMParser = DMN_PARSER()): SlaTable {
  const document = parser.parseFromString(xml, 'application/xml');
  if (document.getElementsByTagName('parsererror').length > 0) throw new Error('The DMN is not well-formed XML.');
  const table = decisionTable(document);
  return {
    inputs: children(table, 'input').map((input) => input.getAttribute('label') || textOf(children(input, 'inputExpression')[0])),
    outputs: children(table, 'output').map((output) => ({
      name: output.getAttribute('name') ?? '',
      typeRef: output.getAttribute('typeRef') ?? '',
    })),
    rules: children(table, 'rule').map((rule) => ({
      id: rule.getAttribute('id') ?? '',
      description: children(rule, 'description')[0]?.textContent ?? '',
      conditions: children(rule, 'inputEntry').map((entry) => textOf(entry)),
      outputs: children(rule, 'outputEntry').map((entry) => textOf(entry)),
    })),
  };
}

/** The same XML with every rule's output cells replaced by the table's (matched by rule id). */
export function writeSlaTable(
  xml: string,
  edited: SlaTable,
  parser: DOMParser = DMN_PARSER(),
  serializer: XMLSerializer = DMN_SERIALIZER(),
): string {
  const document = parser.parseFromString(xml, 'application/xml');
  const byId = new Map(edited.rules.map((rule) => [rule.id, rule]));
  for (const rule of children(decisionTable(document), 'rule')) {
    const change = byId.get(rule.getAttribute('id') ?? '');
    if (!change) continue;
    children(rule, 'outputEntry').forEach((entry, index) => {
      const text = children(entry, 'text')[0];
      const value = change.outputs[index];
      if (text && value !== undefined && text.textContent !== value) text.textContent = value;
    });
  }
  return serializeLike(xml, document, serializer);
}

// --- Friendly cells ---------------------------------------------------------------

/** `"P0"` → P0; `"enterprise","premium"` → enterprise, premium; `not("a","b")` → not a, b; `-` → any. */
export function describeCondition(feel: string): string {
  const trimmed = feel.trim();
  if (trimmed === '-' || trimmed === '') return 'any';
  const negated = /^not\((.*)\)$/s.exec(trimmed);
  const list = (negated ? negated[1]! : trimmed).replaceAll('"', '').split(',').map((part) => part.trim()).join(', ');
  return negated ? `not ${list}` : list;
}

const DURATION = /^duration\(\s*"(P[^"]*)"\s*\)$/;
const ISO = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** `duration("PT1H30M")` → "1h 30m"; other FEEL is shown as is. */
export function describeDuration(feel: string): string {
  const iso = DURATION.exec(feel.trim())?.[1];
  const parts = iso ? ISO.exec(iso) : null;
  if (!parts) return feel;
  const [, d, hours, minutes, seconds] = parts;
  const text = [d && `${d}d`, hours && `${hours}h`, minutes && `${minutes}m`, seconds && `${seconds}s`].filter(Boolean).join(' ');
  return text || '0m';
}

/** "1h 30m", "90m", "2d", "45 min", "PT4H" → `duration("PT1H30M")`; null when not a duration. */
export function parseDuration(text: string): string | null {
  const input = text.trim().toLowerCase();
  if (/^p/.test(input)) {
    const upper = input.toUpperCase();
    return ISO.test(upper) && upper !== 'P' && upper !== 'PT' ? `duration("${upper}")` : null;
  }
  const unit: Record<string, number> = { d: 86_400, day: 86_400, days: 86_400, h: 3_600, hr: 3_600, hrs: 3_600, hour: 3_600, hours: 3_600,
    m: 60, min: 60, mins: 60, minute: 60, minutes: 60, s: 1, sec: 1, second: 1, seconds: 1 };
  const pattern = /(\d+)\s*([a-z]+)/g;
  let seconds = 0;
  let consumed = '';
  for (const match of input.matchAll(pattern)) {
    const factor = unit[match[2]!];
    if (factor === undefined) return null;
    seconds += Number(match[1]) * factor;
    consumed += match[0];
  }
  if (seconds <= 0 || consumed.replace(/\s/g, '') !== input.replace(/\s/g, '')) return null;
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3_600);
  const minutes = Math.floor((seconds % 3_600) / 60);
  const rest = seconds % 60;
  const time = [hours && `${hours}H`, minutes && `${minutes}M`, rest && `${rest}S`].filter(Boolean).join('');
  return `duration("P${days ? `${days}D` : ''}${time ? `T${time}` : ''}")`;
}
