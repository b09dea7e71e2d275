// The server push channel (GET /api/v1/live, server-sent events). Read with fetch rather than EventSource
// so it carries the same Authorization header as every API call. One stream per signed-in app; pages
// subscribe and refetch what they show when something they show changed, and on every (re)connect,
// which covers whatever was pushed while the stream was down.

import { buildHeaders, type Credentials } from './api';

export interface LiveChange {
  type: string;
  conversationId?: string | null;
  resolutionId?: string | null;
  agentId?: string | null;
  severity?: string | null;
  people?: { username: string; typing: boolean }[] | null;
  at?: string;
}

export type LiveSignal = { kind: 'ready' } | { kind: 'down' } | { kind: 'change'; change: LiveChange };

export interface SseEvent {
  event: string;
  data: string;
}

/** Splits a text/event-stream buffer into complete events; what follows the last blank line is kept for later. */
export function parseSse(buffer: string): { events: SseEvent[]; rest: string } {
  const normalised = buffer.replace(/\r\n?/g, '\n');
  const blocks = normalised.split('\n\n');
  const rest = blocks.pop() ?? '';
  const events: SseEvent[] = [];
  for (const block of blocks) {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':') || line === '') continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length > 0 || event !== 'message') events.push({ event, data: data.join('\n') });
  }
  return { events, rest };
}

/** Seconds to wait before reconnecting after the nth failure in a row: 1, 2, 4 … at most 30. */
export function reconnectDelay(failures: number): number {
  return Math.min(30, 2 ** Math.max(0, failures - 1));
}

const listeners = new Set<(signal: LiveSignal) => void>();
let stop: AbortController | undefined;

/** Opens the stream for the signed-in app; returns what closes it. */
export function startLive(credentials: Credentials): () => void {
  stop?.abort();
  const controller = new AbortController();
  stop = controller;
  void run(credentials, controller.signal);
  return () => controller.abort();
}

async function run(credentials: Credentials, signal: AbortSignal): Promise<void> {
  let failures = 0;
  while (!signal.aborted) {
    try {
      const headers = buildHeaders(credentials);
      headers.set('Accept', 'text/event-stream');
      const response = await fetch('/api/v1/live', { headers, signal, credentials: 'omit', cache: 'no-store' });
      if (!response.ok || !response.body) throw new Error(`live stream answered ${response.status}`);
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        const parsed = parseSse(buffer + value);
        buffer = parsed.rest;
        for (const event of parsed.events) {
          if (event.event === 'ready') {
            failures = 0;
            emit({ kind: 'ready' });
          } else if (event.event === 'change') {
            emit({ kind: 'change', change: JSON.parse(event.data) as LiveChange });
          }
        }
      }
    } catch {
      if (signal.aborted) return;
    }
    failures += 1;
    emit({ kind: 'down' });
    await new Promise((resolve) => setTimeout(resolve, reconnectDelay(failures) * 1000));
  }
}

function emit(signal: LiveSignal): void {
  for (const listener of listeners) listener(signal);
}

/** Calls listener with every signal until the page's signal aborts. */
export function onLive(listener: (signal: LiveSignal) => void, pageSignal: AbortSignal): void {
  listeners.add(listener);
  pageSignal.addEventListener('abort', () => listeners.delete(listener));
}

/**
 * Runs refresh now, on every (re)connect and whenever a change passes the filter; changes arriving
 * while a refresh runs are folded into one more run after it, never two at once.
 */
export function refreshOnLive(refresh: () => Promise<void>, relevant: (change: LiveChange) => boolean, pageSignal: AbortSignal): void {
  let running = false;
  let again = false;
  const run = async () => {
    if (pageSignal.aborted) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      await refresh();
    } finally {
      running = false;
      if (again) {
        again = false;
        void run();
      }
    }
  };
  onLive((signal) => {
    if (signal.kind === 'ready' || (signal.kind === 'change' && relevant(signal.change))) void run();
  }, pageSignal);
  void run();
}
