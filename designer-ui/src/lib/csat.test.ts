import { describe, expect, it } from 'vitest';
import { groupLine, scoreBars } from './csat';

describe('scoreBars', () => {
  it('shows every score from 1 to 5 with its share of the answers', () => {
    expect(scoreBars({ '2': 1, '5': 3 })).toEqual([
      { score: 1, answers: 0, share: 0 },
      { score: 2, answers: 1, share: 0.25 },
      { score: 3, answers: 0, share: 0 },
      { score: 4, answers: 0, share: 0 },
      { score: 5, answers: 3, share: 0.75 },
    ]);
  });

  it('gives no share to anything when nobody answered', () => {
    expect(scoreBars({}).map((bar) => bar.share)).toEqual([0, 0, 0, 0, 0]);
  });
});

describe('groupLine', () => {
  it('says the average and how many of the surveys were answered', () => {
    expect(groupLine({ average: 3.5, answered: 2, sent: 3 })).toBe('3.50 from 2 of 3 surveys');
    expect(groupLine({ average: null, answered: 0, sent: 1 })).toBe('no answers of 1 survey');
  });
});
