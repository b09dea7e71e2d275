import { describe, expect, it } from 'vitest';
import { parseSse, reconnectDelay } from './live';

describe('parseSse', () => {
  it('reads named events with their data and keeps an unfinished event for the next chunk', () => {
    const { events, rest } = parseSse('event: ready\ndata: {}\n\n: heartbeat\n\nevent: change\ndata: {"type":"message.received"}\n\nevent: cha');
    expect(events).toEqual([
      { event: 'ready', data: '{}' },
      { event: 'change', data: '{"type":"message.received"}' },
    ]);
    expect(rest).toBe('event: cha');
    expect(parseSse(`${rest}nge\ndata: {"type":"sla.warning"}\n\n`).events).toEqual([{ event: 'change', data: '{"type":"sla.warning"}' }]);
  });

  it('accepts CRLF line ends and joins multi-line data', () => {
    expect(parseSse('event: change\r\ndata: a\r\ndata: b\r\n\r\n').events).toEqual([{ event: 'change', data: 'a\nb' }]);
  });
});

describe('reconnectDelay', () => {
  it('backs off by doubling up to 30 seconds', () => {
    expect([1, 2, 3, 4, 5, 6, 9].map(reconnectDelay)).toEqual([1, 2, 4, 8, 16, 30, 30]);
  });
});
