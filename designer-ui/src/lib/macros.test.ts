import { describe, expect, it } from 'vitest';
import type { Macro } from '../api';
import { describeActions, fillKnown, knownPlaceholders, matchMacros } from './macros';

const macro = (name: string, body: string, shared = false, extra: Partial<Macro> = {}): Macro => ({
  id: name, name, body, shared, owner: 'agent', addTags: [], changeState: null, usageCount: 0, lastUsedAt: null,
  updatedAt: '2026-12-01T10:00:00Z', ...extra,
});

describe('matchMacros', () => {
  const macros = [
    macro('Refund issued', 'We refunded {{customer.name}}', true),
    macro('Late parcel', 'Your parcel is on its way'),
    macro('Address change', 'We changed the delivery ADDRESS'),
  ];

  it('finds macros by every word of the query in the name or the text, any case', () => {
    expect(matchMacros(macros, 'parcel').map((m) => m.name)).toEqual(['Late parcel']);
    expect(matchMacros(macros, 'we address').map((m) => m.name)).toEqual(['Address change']);
    expect(matchMacros(macros, 'REFUND').map((m) => m.name)).toEqual(['Refund issued']);
    expect(matchMacros(macros, 'nothing like this')).toEqual([]);
  });

  it('lists the agent’s own macros before the shared ones, each by name', () => {
    expect(matchMacros(macros, '').map((m) => m.name)).toEqual(['Address change', 'Late parcel', 'Refund issued']);
  });
});

describe('fillKnown', () => {
  const values = knownPlaceholders({ id: '1a2b3c4d-0000-4000-8000-000000000000', queue: 'payments' });

  it('fills what the page knows and keeps the rest for the server', () => {
    expect(fillKnown('Hi {{customer.name}}, case {{ conversation.token }} ({{conversation.queue}}) — {{agent.name}}', values))
      .toBe('Hi {{customer.name}}, case C-1a2b3c4d (payments) — {{agent.name}}');
    expect(fillKnown('{{conversation.id}}', values)).toBe('1a2b3c4d-0000-4000-8000-000000000000');
  });

  it('fills an unknown queue with nothing rather than the placeholder', () => {
    expect(fillKnown('queue: {{conversation.queue}}.', knownPlaceholders({ id: 'abcdef12-x', queue: null }))).toBe('queue: .');
  });
});

describe('describeActions', () => {
  it('says what else the macro does', () => {
    expect(describeActions({ addTags: ['refund', 'vip'], changeState: 'awaiting_customer' }))
      .toBe('tags the customer refund, vip and moves the conversation to awaiting customer');
    expect(describeActions({ addTags: [], changeState: null })).toBe('');
  });
});
