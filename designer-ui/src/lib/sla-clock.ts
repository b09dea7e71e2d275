// SLA countdowns as agents see them: green while there is time, amber in the last
// quarter of the window (or the last 30 minutes when the start is unknown), red once due.

export type SlaLevel = 'ok' | 'warning' | 'breached';

const MINUTE = 60_000;

export function slaLevel(dueAt: Date, now: Date, startedAt?: Date): SlaLevel {
  const left = dueAt.getTime() - now.getTime();
  if (left <= 0) return 'breached';
  const window = startedAt ? dueAt.getTime() - startedAt.getTime() : 0;
  const warnWithin = window > 0 ? window / 4 : 30 * MINUTE;
  return left <= warnWithin ? 'warning' : 'ok';
}

/** "4m left", "2h 05m left", "3d 4h left", "overdue 12m". */
export function countdownText(dueAt: Date, now: Date): string {
  const left = dueAt.getTime() - now.getTime();
  const span = formatSpan(Math.abs(left));
  return left > 0 ? `${span} left` : `overdue ${span}`;
}

export function formatSpan(milliseconds: number): string {
  const minutes = Math.floor(milliseconds / MINUTE);
  if (minutes < 1) return `${Math.max(0, Math.floor(milliseconds / 1000))}s`;
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h ${String(minutes % 60).padStart(2, '0')}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

/** Seconds as "45s", "12m", "1h 05m", "2d 3h" for metrics; "—" when unknown. */
export function formatSeconds(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || Number.isNaN(seconds)) return '—';
  return formatSpan(seconds * 1000);
}
