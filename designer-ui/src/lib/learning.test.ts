import { describe, expect, it } from 'vitest';
import type { LearningVersion } from '../api';
import { accuracyChangeText, newestFirst, percent, preview, verdict } from './learning';

const version = (n: number, change: number | null): LearningVersion => ({
  version: n, source: 'api', createdBy: 'analyst', createdAt: '2026-12-06T00:00:00Z', examplesAdded: 3, examples: 900 + n,
  validationMessages: 120, accuracy: 0.9, macroF1: 0.88, accuracyChange: change,
});

describe('accuracyChangeText', () => {
  it.each([
    [0.024, '+2.4 points'],
    [-0.008, '−0.8 points'],
    [0.00004, 'no change'],
    [null, null],
  ])('%s → %s', (change, text) => {
    expect(accuracyChangeText(change)).toBe(text);
  });
});

describe('verdict', () => {
  it('names what a version did to the accuracy', () => {
    expect(verdict(version(1, null))).toBe('first');
    expect(verdict(version(2, 0.01))).toBe('helped');
    expect(verdict(version(3, -0.01))).toBe('hurt');
    expect(verdict(version(4, 0.0001))).toBe('unchanged');
  });
});

describe('formatting', () => {
  it('shows percentages with one decimal', () => {
    expect(percent(0.8766)).toBe('87.7%');
    expect(percent(1)).toBe('100.0%');
  });

  it('puts the newest version first without changing the input', () => {
    const versions = [version(1, null), version(3, 0.01), version(2, 0)];
    expect(newestFirst(versions).map((v) => v.version)).toEqual([3, 2, 1]);
    expect(versions.map((v) => v.version)).toEqual([1, 3, 2]);
  });

  it('flattens and shortens a long message', () => {
    expect(preview('one\n\ntwo   three')).toBe('one two three');
    expect(preview('x'.repeat(200), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});
