import { describe, expect, it } from 'vitest';
import { highlightParts } from './highlight';

describe('highlightParts', () => {
  it('marks the ranges, in order, ignoring overlaps and ranges past the end', () => {
    expect(highlightParts('my parcel is late', [{ start: 13, end: 17 }, { start: 3, end: 9 }, { start: 5, end: 8 }, { start: 40, end: 44 }]))
      .toEqual([
        { text: 'my ', marked: false },
        { text: 'parcel', marked: true },
        { text: ' is ', marked: false },
        { text: 'late', marked: true },
      ]);
    expect(highlightParts('plain', [])).toEqual([{ text: 'plain', marked: false }]);
  });
});
