import { describe, expect, it } from 'vitest';
import { briefView, confidenceLabel, fileSize, isPreviewableImage } from './brief';

describe('briefView', () => {
  it('reads like a note: labelled intent, confidence words, signals that fired as chips, entities, other facts', () => {
    const view = briefView({
      intent: 'billing_charge_issue', confidence: 0.91, severity: 'P1', summary: 'Charged twice for order 4411',
      signals: { money: true, security: false, legal: false, outage: true },
      entities: [{ type: 'card_last4', value: '4242' }], sentiment: -0.6,
      aiTried: 'Answered from the refunds article', fallbacksApplied: [], suggestedQueue: 'payments', requiredSkills: ['refunds', 'lang-en'],
    });
    expect(view.intent).toBe('Billing charge issue');
    expect(view.confidence).toBe('High confidence (91%)');
    expect(view.signals).toEqual(['Money', 'Outage']);
    expect(view.entities).toEqual(['Card last4: 4242']);
    expect(view.sentiment).toBe('Negative');
    expect(view.facts).toEqual([
      ['Ai tried', 'Answered from the refunds article'],
      ['Suggested queue', 'payments'],
      ['Required skills', 'Refunds, Lang en'],
    ]);
  });
});

describe('labels', () => {
  it('grades confidence and sizes files; only common image types preview inline', () => {
    expect(confidenceLabel(0.5)).toBe('Medium confidence (50%)');
    expect(confidenceLabel(0.2)).toBe('Low confidence (20%)');
    expect(confidenceLabel('x')).toBeNull();
    expect(fileSize(2048)).toBe('2.0 KB');
    expect(isPreviewableImage('image/png')).toBe(true);
    expect(isPreviewableImage('image/svg+xml')).toBe(false);
    expect(isPreviewableImage('application/pdf')).toBe(false);
  });
});
