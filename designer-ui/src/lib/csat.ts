// Customer satisfaction on the dashboard: the answers per score as shares of all answers, and one line of
// text for an agent's or a queue's figures.

import type { CsatGroup } from '../api';

export interface ScoreBar {
  score: number;
  answers: number;
  /** Of all answers, 0 to 1. */
  share: number;
}

/** Scores 1 to 5 in order, each with its answers and share; every score is shown, answered or not. */
export function scoreBars(distribution: Record<string, number>): ScoreBar[] {
  const total = [1, 2, 3, 4, 5].reduce((sum, score) => sum + (distribution[String(score)] ?? 0), 0);
  return [1, 2, 3, 4, 5].map((score) => {
    const answers = distribution[String(score)] ?? 0;
    return { score, answers, share: total === 0 ? 0 : answers / total };
  });
}

/** "4.50 from 2 of 3 surveys", or "no answers of 3 surveys". */
export function groupLine(group: Pick<CsatGroup, 'average' | 'answered' | 'sent'>): string {
  return group.average === null
    ? `no answers of ${group.sent} survey${group.sent === 1 ? '' : 's'}`
    : `${group.average.toFixed(2)} from ${group.answered} of ${group.sent} survey${group.sent === 1 ? '' : 's'}`;
}
