import { describe, expect, it } from 'vitest';
import { sortTasks } from './inbox';

describe('sortTasks', () => {
  it('puts the highest priority first, then the earliest due time, tasks without either last', () => {
    const tasks = [
      { id: 'later', conversationId: 'c1', priority: 2, slaDueAt: '2026-01-01T12:00:00Z' },
      { id: 'none', conversationId: 'c2' },
      { id: 'urgent', conversationId: 'c3', priority: 1, slaDueAt: '2026-01-01T15:00:00Z' },
      { id: 'sooner', conversationId: 'c4', priority: 2, slaDueAt: '2026-01-01T09:00:00Z' },
    ];
    expect(sortTasks(tasks).map((t) => t.id)).toEqual(['urgent', 'sooner', 'later', 'none']);
  });
});
