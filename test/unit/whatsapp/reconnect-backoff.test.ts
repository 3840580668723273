import { describe, expect, it } from 'vitest';
import { reconnectDelayMs } from '../../../functions/whatsapp/reconnect-backoff.ts';

describe('reconnectDelayMs', () => {
  const options = { baseMs: 1_000, maxMs: 60_000 };

  it('doubles the ceiling per attempt up to the cap', () => {
    const ceilings = [0, 1, 2, 5, 6, 20].map((attempt) =>
      reconnectDelayMs(attempt, options, () => 1),
    );

    expect(ceilings).toEqual([1_000, 2_000, 4_000, 32_000, 60_000, 60_000]);
  });

  it('jitters between half the ceiling and the ceiling', () => {
    expect(reconnectDelayMs(3, options, () => 0)).toBe(4_000);
    expect(reconnectDelayMs(3, options, () => 0.5)).toBe(6_000);
  });
});
