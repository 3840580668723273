import { describe, expect, it } from 'vitest';
import { spread } from '../../../bench/sample-statistics.ts';

describe('spread', () => {
  it('returns the quartiles and an interval around the median of 30 samples', () => {
    const samples = Array.from({ length: 30 }, (_, index) => 30 - index);

    const result = spread(samples);

    expect(result.p25).toBe(8);
    expect(result.p75).toBe(23);
    expect(result.ci95[0]).toBeLessThan(15.5);
    expect(result.ci95[1]).toBeGreaterThan(15.5);
    expect(result.ci95).toEqual([10, 21]);
  });
});
