// Small building blocks shared by the pages: badges, times, SLA countdowns, polling.

import { errorMessage } from './api';
import { h } from './dom';
import { countdownText, slaLevel } from './lib/sla-clock';

export function stateBadge(state: string): HTMLElement {
  return h('span', { class: `badge state-${state}` }, state.replaceAll('_', ' '));
}

export function channelBadge(channel: string): HTMLElement {
  return h('span', { class: `badge channel channel-${channel}`, title: `Channel: ${channel}` }, channel.replaceAll('_', ' '));
}

export function formatInstant(iso: string | null | undefined): HTMLElement | string {
  if (!iso) return '—';
  const date = new Date(iso);
  const text = Number.isNaN(date.getTime()) ? iso : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  return h('time', { datetime: iso }, text);
}

/**
 * A live SLA countdown: green, amber in the last quarter, red once due. Every countdown on
 * the page is refreshed by one timer (see tickCountdowns).
 */
export function countdown(label: string, dueAt: string | null | undefined, startedAt?: string | null): HTMLElement {
  if (!dueAt) return h('span', { class: 'muted' }, '—');
  const element = h('span', { class: 'sla', 'data-due': dueAt, 'data-start': startedAt ?? undefined, 'data-label': label });
  renderCountdown(element, new Date());
  return element;
}

function renderCountdown(element: HTMLElement, now: Date): void {
  const due = new Date(element.dataset.due!);
  const start = element.dataset.start ? new Date(element.dataset.start) : undefined;
  const level = slaLevel(due, now, start);
  element.className = `sla sla-${level}`;
  const text = countdownText(due, now);
  element.textContent = text;
  element.setAttribute('aria-label', `${element.dataset.label}: ${text}${level === 'breached' ? ', breached' : level === 'warning' ? ', at risk' : ''}`);
  element.title = `${element.dataset.label} due ${due.toLocaleString()}`;
}

export function tickCountdowns(root: ParentNode): void {
  const now = new Date();
  root.querySelectorAll<HTMLElement>('.sla[data-due]').forEach((element) => renderCountdown(element, now));
}

/** Runs task now and every intervalMs until the signal aborts; never overlaps two runs. */
export function poll(task: () => Promise<void>, intervalMs: number, signal: AbortSignal): void {
  let timer: number | undefined;
  const run = async () => {
    if (signal.aborted) return;
    try {
      await task();
    } finally {
      if (!signal.aborted) timer = window.setTimeout(run, intervalMs);
    }
  };
  signal.addEventListener('abort', () => window.clearTimeout(timer));
  void run();
}

/** A polite live region for short confirmations ("Reply sent"). */
export function statusLine(): HTMLElement & { say: (text: string) => void; fail: (error: unknown) => void } {
  const element = h('p', { class: 'status-line', role: 'status', 'aria-live': 'polite' }) as unknown as HTMLElement & {
    say: (text: string) => void;
    fail: (error: unknown) => void;
  };
  element.say = (text) => {
    element.classList.remove('error');
    element.textContent = text;
  };
  element.fail = (error) => {
    element.classList.add('error');
    element.textContent = errorMessage(error);
  };
  return element;
}

export function button(label: string, onClick: (event: Event) => void, attrs: Record<string, string | boolean | undefined> = {}): HTMLButtonElement {
  const element = h('button', { type: 'button', class: 'button small', ...attrs }, label);
  element.addEventListener('click', onClick);
  return element;
}

/** Disables the button while the action runs and reports failure on the status line. */
export async function busy(control: HTMLButtonElement, status: ReturnType<typeof statusLine>, action: () => Promise<void>): Promise<void> {
  control.disabled = true;
  try {
    await action();
  } catch (failure) {
    status.fail(failure);
  } finally {
    control.disabled = false;
  }
}

export function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  const id = control.id || `f-${Math.random().toString(36).slice(2, 9)}`;
  control.id = id;
  return h('div', { class: 'field' }, h('label', { for: id }, label), control, hint ? h('small', { class: 'muted' }, hint) : null);
}

export function select(options: readonly (string | [string, string])[], value = ''): HTMLSelectElement {
  const element = h('select', {}, options.map((option) => {
    const [optionValue, text] = Array.isArray(option) ? option : [option, option || 'Any'];
    return h('option', { value: optionValue, selected: optionValue === value }, text);
  }));
  return element;
}

export const INTENTS = ['how_to_guidance', 'account_access_issue', 'transaction_system_failure', 'bug_technical_defect',
  'urgent_high_risk', 'noise_low_intent'] as const;
export const SEVERITIES = ['P0', 'P1', 'P2', 'P3'] as const;
export const QUEUES = ['trust-and-safety', 'payments', 'accounts', 'technical', 'general', 'self-service'] as const;
export const STATES = ['open', 'awaiting_agent', 'awaiting_customer', 'escalated', 'reopened', 'resolved'] as const;
