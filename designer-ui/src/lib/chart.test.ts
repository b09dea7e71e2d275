import { describe, expect, it } from 'vitest';
import { linePath } from './chart';

describe('linePath', () => {
  it('scales values into the box and breaks the line where a day has no data', () => {
    expect(linePath([0, 5, null, 10], 300, 100, 10)).toBe('M0.0,100.0 L100.0,50.0 M300.0,0.0');
  });

  it('centres a single point', () => {
    expect(linePath([2], 300, 100, 4)).toBe('M150.0,50.0');
  });
});
