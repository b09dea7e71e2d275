import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, fetchDeliveryDeadLetters, fetchOutboxDeadLetters, fetchQuarantine, retryFailure } from '../api';
import { failureSections, retryOutcome } from './failures';

const json = (body: unknown, status = 200, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
const supervisor = { username: 'supervisor', password: 'supervisor' };

afterEach(() => vi.unstubAllGlobals());

const outboxLetter = {
  id: 'ob-1', consumer: 'outbound-delivery', eventId: 'ev-1', topic: 'message.sent', aggregateId: 'c-1', attempts: 12,
  lastError: 'IllegalStateException: boom', firstFailedAt: '2026-12-01T10:00:00Z', lastFailedAt: '2026-12-01T10:25:00Z',
  deadAt: '2026-12-01T10:25:00Z', retriedAt: null, retriedBy: null,
};
const deliveryLetter = {
  id: 'dl-1', messageId: 'm-1', conversationId: 'c-2', channel: 'email', fallbackFrom: 'whatsapp', status: 'dead_letter',
  attempts: 5, lastError: 'SMTP 550 mailbox unavailable', updatedAt: '2026-12-02T09:00:00Z',
};
const whatsappItem = {
  id: 'q-wa', channel: 'whatsapp', reference: 'wamid.1', reason: 'unknown message type', rawType: 'application/json',
  rawBytes: 412, status: 'quarantined', attempts: 0, receivedAt: '2026-12-03T08:00:00Z',
};
const oldMail = { ...whatsappItem, id: 'q-mail-old', channel: 'email', reference: '<a@b>', reason: 'no usable From', receivedAt: '2026-11-30T08:00:00Z' };
const newMail = { ...oldMail, id: 'q-mail-new', reference: null, receivedAt: '2026-12-04T08:00:00Z' };

describe('failureSections', () => {
  it('puts outbox and delivery dead letters, channel items and mails side by side, each with its own retry endpoint', () => {
    const sections = failureSections([outboxLetter], [deliveryLetter], [whatsappItem, oldMail, newMail]);

    expect(sections.map((section) => section.label))
      .toEqual(['Outbox dead letters', 'Delivery dead letters', 'Channel quarantine', 'Mail quarantine']);
    expect(sections[0]!.rows).toEqual([{
      kind: 'outbox', id: 'ob-1', title: 'message.sent → outbound-delivery', reason: 'IllegalStateException: boom',
      at: '2026-12-01T10:25:00Z', attempts: 12, retryPath: '/api/v1/outbox/dead-letters/ob-1/retry',
    }]);
    expect(sections[1]!.rows[0]).toMatchObject({ title: 'Reply by email (after whatsapp)', retryPath: '/api/v1/deliveries/dl-1/retry' });
    expect(sections[2]!.rows.map((row) => row.id)).toEqual(['q-wa']);
    expect(sections[2]!.rows[0]!.retryPath).toBe('/api/v1/channels/quarantine/q-wa/retry');
    expect(sections[3]!.rows.map((row) => row.id)).toEqual(['q-mail-new', 'q-mail-old']);
    expect(sections[3]!.rows[0]!.title).toBe('email (412 bytes)');
  });

  it('says what an empty list means', () => {
    expect(failureSections([], [], []).map((section) => [section.rows.length, section.empty])).toEqual([
      [0, 'Every event reached every consumer.'],
      [0, 'Every reply was delivered.'],
      [0, 'No channel item is waiting.'],
      [0, 'No mail is waiting.'],
    ]);
  });

  it('encodes ids in retry paths', () => {
    const [outbox] = failureSections([{ ...outboxLetter, id: 'a/b?c' }], [], []);
    expect(outbox!.rows[0]!.retryPath).toBe('/api/v1/outbox/dead-letters/a%2Fb%3Fc/retry');
  });
});

describe('retryOutcome', () => {
  const [outbox, , channel] = failureSections([outboxLetter], [], [whatsappItem]);

  it('tells a queued retry from a stored item', () => {
    expect(retryOutcome(outbox!.rows[0]!)).toEqual({ ok: true, text: 'Queued again with a new round of attempts.' });
    expect(retryOutcome(channel!.rows[0]!)).toEqual({ ok: true, text: 'Stored as a message.' });
  });

  it('explains a conflict and an item that still cannot be stored', () => {
    expect(retryOutcome(outbox!.rows[0]!, new ApiError({ title: 'Conflict', status: 409 })).ok).toBe(false);
    expect(retryOutcome(channel!.rows[0]!, new ApiError({ title: 'Unprocessable', status: 422, detail: 'no usable sender' })))
      .toEqual({ ok: false, text: 'Still cannot be stored: no usable sender' });
  });
});

describe('dead-letter endpoints', () => {
  it('lists the three sources as a supervisor', async () => {
    const fetchMock = vi.fn(async () => json([]));
    vi.stubGlobal('fetch', fetchMock);

    await fetchOutboxDeadLetters(supervisor);
    await fetchDeliveryDeadLetters(supervisor);
    await fetchQuarantine(supervisor);

    const paths = fetchMock.mock.calls.map((call) => (call as unknown as [string])[0]);
    expect(paths).toEqual(['/api/v1/outbox/dead-letters?limit=200', '/api/v1/deliveries/dead-letters?limit=200',
      '/api/v1/channels/quarantine?limit=200']);
  });

  it('retries with a POST to the row\'s endpoint and reports a refusal as an ApiError', async () => {
    const fetchMock = vi.fn(async () => json({ title: 'Conflict', status: 409, detail: 'not dead' }, 409, 'application/problem+json'));
    vi.stubGlobal('fetch', fetchMock);
    const [, delivery] = failureSections([], [deliveryLetter], []);

    const failure = await retryFailure(supervisor, delivery!.rows[0]!.retryPath).catch((e: unknown) => e);

    const [path, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(path).toBe('/api/v1/deliveries/dl-1/retry');
    expect(init.method).toBe('POST');
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).status).toBe(409);
  });
});
