import { describe, expect, it } from 'vitest';
import { customerLabel, filterToQuery, initials, keyCommand, queryToFilter, waitingText } from './inbox-list';

describe('customerLabel', () => {
  it('names the customer, a nameless visitor by channel, and never an erased customer', () => {
    expect(customerLabel({ customerName: 'Maria Lopez', channel: 'whatsapp' })).toBe('Maria Lopez');
    expect(customerLabel({ customerName: '  ', channel: 'web_chat' })).toBe('Visitor from Web chat');
    expect(customerLabel({ customerName: null, channel: 'whatsapp' })).toBe('Visitor from WhatsApp');
    expect(customerLabel({ customerName: 'Leaked', customerErased: true, channel: 'email' })).toBe('Erased customer');
  });
});

describe('waitingText', () => {
  const now = new Date('2026-12-05T12:00:00Z');
  it('counts minutes, hours and days, nothing when nobody waits', () => {
    expect(waitingText('2026-12-05T11:59:40Z', now)).toBe('just now');
    expect(waitingText('2026-12-05T11:56:00Z', now)).toBe('4m');
    expect(waitingText('2026-12-05T09:55:00Z', now)).toBe('2h 5m');
    expect(waitingText('2026-12-02T08:00:00Z', now)).toBe('3d 4h');
    expect(waitingText(null, now)).toBe('');
  });
});

describe('initials', () => {
  it('takes first and last name, or two letters of a single name', () => {
    expect(initials('Sam Lee')).toBe('SL');
    expect(initials('Ana Maria de Souza')).toBe('AS');
    expect(initials('agent')).toBe('AG');
    expect(initials(null)).toBe('?');
  });
});

describe('filter round trip', () => {
  it('drops empty values and reads back what it wrote', () => {
    const query = filterToQuery({ channel: 'whatsapp', severity: 'P0', tag: ' ', sort: 'waiting' });
    expect(query.toString()).toBe('severity=P0&channel=whatsapp&sort=waiting');
    expect(queryToFilter(query)).toEqual({ channel: 'whatsapp', severity: 'P0', sort: 'waiting' });
  });
});

describe('keyCommand', () => {
  it('moves with j/k within the list and acts on the selection', () => {
    expect(keyCommand('j', -1, 3, false)).toEqual({ kind: 'select', index: 0 });
    expect(keyCommand('j', 2, 3, false)).toEqual({ kind: 'select', index: 2 });
    expect(keyCommand('k', 0, 3, false)).toEqual({ kind: 'select', index: 0 });
    expect(keyCommand('k', 2, 3, false)).toEqual({ kind: 'select', index: 1 });
    expect(keyCommand('Enter', 1, 3, false)).toEqual({ kind: 'open', index: 1 });
    expect(keyCommand('r', 1, 3, false)).toEqual({ kind: 'reply', index: 1 });
    expect(keyCommand('e', 2, 3, false)).toEqual({ kind: 'resolve', index: 2 });
  });
  it('does nothing without a selection, in an empty list or while typing; ? always helps', () => {
    expect(keyCommand('Enter', -1, 3, false)).toEqual({ kind: 'none' });
    expect(keyCommand('e', -1, 3, false)).toEqual({ kind: 'none' });
    expect(keyCommand('j', -1, 0, false)).toEqual({ kind: 'none' });
    expect(keyCommand('j', 0, 3, true)).toEqual({ kind: 'none' });
    expect(keyCommand('?', -1, 0, false)).toEqual({ kind: 'help' });
  });
});
