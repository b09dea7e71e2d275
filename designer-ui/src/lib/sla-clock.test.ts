import { describe, expect, it } from 'vitest';
import { countdownText, formatSeconds, slaLevel } from './sla-clock';

const at = (iso: string) => new Date(iso);

describe('slaLevel', () => {
  it('turns amber in the last quarter of the window and red once due', () => {
    const start = at('2026-01-01T10:00:00Z');
    const due = at('2026-01-01T14:00:00Z');
    expect(slaLevel(due, at('2026-01-01T12:59:00Z'), start)).toBe('ok');
    expect(slaLevel(due, at('2026-01-01T13:01:00Z'), start)).toBe('warning');
    expect(slaLevel(due, at('2026-01-01T14:00:00Z'), start)).toBe('breached');
  });

  it('warns in the last 30 minutes when the start is unknown', () => {
    const due = at('2026-01-01T14:00:00Z');
    expect(slaLevel(due, at('2026-01-01T13:29:00Z'))).toBe('ok');
    expect(slaLevel(due, at('2026-01-01T13:31:00Z'))).toBe('warning');
  });
});

describe('countdownText', () => {
  it('says how long is left or how long it is overdue', () => {
    const due = at('2026-01-01T14:00:00Z');
    expect(countdownText(due, at('2026-01-01T13:56:00Z'))).toBe('4m left');
    expect(countdownText(due, at('2026-01-01T11:55:00Z'))).toBe('2h 05m left');
    expect(countdownText(due, at('2025-12-29T10:00:00Z'))).toBe('3d 4h left');
    expect(countdownText(due, at('2026-01-01T14:12:30Z'))).toBe('overdue 12m');
  });

  it('formats metric durations', () => {
    expect(formatSeconds(45)).toBe('45s');
    expect(formatSeconds(3900)).toBe('1h 05m');
    expect(formatSeconds(null)).toBe('—');
  });
});
