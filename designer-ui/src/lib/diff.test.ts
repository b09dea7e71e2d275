import { describe, expect, it } from 'vitest';
import { changedHunks, diffLines } from './diff';

describe('diffLines', () => {
  it('marks removed and added lines and keeps the common ones', () => {
    expect(diffLines('a\nb\nc', 'a\nx\nc')).toEqual([
      { op: ' ', text: 'a' },
      { op: '-', text: 'b' },
      { op: '+', text: 'x' },
      { op: ' ', text: 'c' },
    ]);
  });

  it('shows only changes with context', () => {
    const lines = diffLines('1\n2\n3\n4\n5\n6\n7', '1\n2\n3\n4\n5\n6\nseven');
    expect(changedHunks(lines, 1)).toEqual(['gap', { op: ' ', text: '6' }, { op: '-', text: '7' }, { op: '+', text: 'seven' }]);
  });
});
