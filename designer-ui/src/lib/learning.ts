// The learning page's wording: whether a new example-set version helped, and what an unsure message looks like.

import type { LearningVersion } from '../api';

/** "+2.4 points", "−0.8 points", "no change"; null for the first version (nothing to compare with). */
export function accuracyChangeText(change: number | null): string | null {
  if (change === null || Number.isNaN(change)) return null;
  const points = Math.round(change * 1000) / 10;
  if (points === 0) return 'no change';
  return `${points > 0 ? '+' : '−'}${Math.abs(points).toFixed(1)} points`;
}

/** Whether a version helped, hurt or left the classifier as it was: the row's colour and its words. */
export function verdict(version: LearningVersion): 'helped' | 'hurt' | 'unchanged' | 'first' {
  if (version.accuracyChange === null) return 'first';
  const points = Math.round(version.accuracyChange * 1000) / 10;
  return points > 0 ? 'helped' : points < 0 ? 'hurt' : 'unchanged';
}

export function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

/** The versions newest first: the one an analyst just added is on top. */
export function newestFirst(versions: readonly LearningVersion[]): LearningVersion[] {
  return [...versions].sort((a, b) => b.version - a.version);
}

/** A message as the list shows it: one line, at most `max` characters. */
export function preview(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
