import { describe, expect, it } from 'vitest';
import { invocationDeadline } from '../../../functions/api/invocation-deadline.ts';

const STARTED = 1_000_000;

describe('invocationDeadline', () => {
  it('allows the whole wait when the function has time to spare', () => {
    // prepare
    const context = { getRemainingTimeInMillis: () => 30_000 };

    // act
    const deadline = invocationDeadline(STARTED, 10_000, context);

    // assert
    expect(deadline).toBe(STARTED + 10_000);
  });

  it('ends half a second before the function’s own timeout when that comes first', () => {
    // prepare
    const context = { getRemainingTimeInMillis: () => 4_000 };

    // act
    const deadline = invocationDeadline(STARTED, 10_000, context);

    // assert
    expect(deadline).toBe(STARTED + 3_500);
  });
});
