import { describe, expect, it } from 'vitest';
import { presenceText } from './presence';

describe('presenceText', () => {
  it('names the others, typing first, and leaves me out', () => {
    expect(presenceText([{ username: 'me', typing: true }], 'me')).toBe('');
    expect(presenceText([{ username: 'me', typing: false }, { username: 'sam', typing: false }], 'me')).toBe('sam is viewing');
    expect(presenceText([{ username: 'sam', typing: true }], 'me')).toBe('sam is typing a reply');
    expect(presenceText([{ username: 'sam', typing: true }, { username: 'ana', typing: false }, { username: 'bo', typing: false }], 'me'))
      .toBe('sam is typing a reply; ana and bo are viewing');
  });
});
