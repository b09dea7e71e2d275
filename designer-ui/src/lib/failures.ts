// What the platform could not do on its own, in one place: outbox events a consumer gave up on,
// replies that could not be delivered, and inbound items (WhatsApp, e-mail) that could not become
// messages. Each row knows the endpoint that retries it; the page shows the four lists side by side.

import { ApiError, type DeliveryDeadLetter, type OutboxDeadLetter, type QuarantinedItem } from '../api';

export type FailureKind = 'outbox' | 'delivery' | 'channel' | 'mail';

export interface FailureRow {
  kind: FailureKind;
  id: string;
  title: string;
  /** Why it failed, as the server recorded it. */
  reason: string;
  /** When it last failed (or arrived, for a quarantined item), ISO-8601. */
  at: string | null;
  attempts: number;
  /** POST here to retry it. */
  retryPath: string;
}

export interface FailureSection {
  kind: FailureKind;
  label: string;
  /** Said when the list is empty. */
  empty: string;
  rows: FailureRow[];
}

const enc = encodeURIComponent;

export function outboxRow(letter: OutboxDeadLetter): FailureRow {
  return {
    kind: 'outbox',
    id: letter.id,
    title: `${letter.topic} → ${letter.consumer}`,
    reason: letter.lastError || 'no error recorded',
    at: letter.deadAt ?? letter.lastFailedAt ?? null,
    attempts: letter.attempts,
    retryPath: `/api/v1/outbox/dead-letters/${enc(letter.id)}/retry`,
  };
}

export function deliveryRow(delivery: DeliveryDeadLetter): FailureRow {
  return {
    kind: 'delivery',
    id: delivery.id,
    title: `Reply by ${delivery.channel}${delivery.fallbackFrom ? ` (after ${delivery.fallbackFrom})` : ''}`,
    reason: delivery.lastError || 'no error recorded',
    at: delivery.updatedAt ?? null,
    attempts: delivery.attempts,
    retryPath: `/api/v1/deliveries/${enc(delivery.id)}/retry`,
  };
}

export function quarantineRow(item: QuarantinedItem): FailureRow {
  return {
    kind: item.channel === 'email' ? 'mail' : 'channel',
    id: item.id,
    title: `${item.channel}${item.reference ? ` ${item.reference}` : ''} (${item.rawBytes} bytes)`,
    reason: item.reason,
    at: item.receivedAt ?? null,
    attempts: item.attempts,
    retryPath: `/api/v1/channels/quarantine/${enc(item.id)}/retry`,
  };
}

/** Newest first, as the server lists them; a row without a time goes last. */
function newestFirst(rows: FailureRow[]): FailureRow[] {
  return [...rows].sort((a, b) => (b.at ?? '').localeCompare(a.at ?? ''));
}

export function failureSections(
  outbox: readonly OutboxDeadLetter[],
  deliveries: readonly DeliveryDeadLetter[],
  quarantine: readonly QuarantinedItem[],
): FailureSection[] {
  const items = quarantine.map(quarantineRow);
  return [
    { kind: 'outbox', label: 'Outbox dead letters', empty: 'Every event reached every consumer.', rows: newestFirst(outbox.map(outboxRow)) },
    { kind: 'delivery', label: 'Delivery dead letters', empty: 'Every reply was delivered.', rows: newestFirst(deliveries.map(deliveryRow)) },
    { kind: 'channel', label: 'Channel quarantine', empty: 'No channel item is waiting.', rows: newestFirst(items.filter((row) => row.kind === 'channel')) },
    { kind: 'mail', label: 'Mail quarantine', empty: 'No mail is waiting.', rows: newestFirst(items.filter((row) => row.kind === 'mail')) },
  ];
}

/** What to tell the supervisor after pressing Retry, from the answer (or the refusal). */
export function retryOutcome(row: FailureRow, failure?: unknown): { ok: boolean; text: string } {
  if (failure === undefined) {
    return row.kind === 'channel' || row.kind === 'mail'
      ? { ok: true, text: 'Stored as a message.' }
      : { ok: true, text: 'Queued again with a new round of attempts.' };
  }
  if (failure instanceof ApiError && failure.status === 409) {
    return { ok: false, text: 'Already retried or no longer failed; the list is refreshed.' };
  }
  if (failure instanceof ApiError && failure.status === 422) {
    return { ok: false, text: `Still cannot be stored: ${failure.message}` };
  }
  return { ok: false, text: failure instanceof Error && failure.message ? failure.message : 'The retry failed.' };
}
