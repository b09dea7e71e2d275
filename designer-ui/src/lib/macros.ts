// Macros in the composer: finding one as the agent types, and filling the placeholders the page already
// knows. The rest ({{customer.name}}, {{agent.name}}) stay for the server, which fills every placeholder
// when the macro is sent (POST …/macros/{id}/apply), exactly as it fills a macro sent without edits.

import type { Macro } from '../api';

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_.]+)\s*}}/g;

/** Macros whose name or text contains every word of the query (any case); the agent's own first, then by name. */
export function matchMacros(macros: readonly Macro[], query: string): Macro[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return macros
    .filter((macro) => words.every((word) => `${macro.name}\n${macro.body}`.toLowerCase().includes(word)))
    .sort((a, b) => Number(a.shared) - Number(b.shared) || a.name.localeCompare(b.name));
}

/** What the conversation page knows of a macro's placeholders. */
export function knownPlaceholders(conversation: { id: string; queue?: string | null }): Record<string, string> {
  return {
    'conversation.id': conversation.id,
    'conversation.token': `C-${conversation.id.slice(0, 8)}`,
    'conversation.queue': conversation.queue ?? '',
  };
}

/** Fills the placeholders named in {@code values}; the others stay as written, for the server to fill. */
export function fillKnown(body: string, values: Record<string, string>): string {
  return body.replace(PLACEHOLDER, (written, name: string) => (name in values ? values[name]! : written));
}

/** What else sending the macro does, in words, or '' when it only replies. */
export function describeActions(macro: Pick<Macro, 'addTags' | 'changeState'>): string {
  const actions: string[] = [];
  if (macro.addTags.length > 0) actions.push(`tags the customer ${macro.addTags.join(', ')}`);
  if (macro.changeState) actions.push(`moves the conversation to ${macro.changeState.replaceAll('_', ' ')}`);
  return actions.join(' and ');
}
