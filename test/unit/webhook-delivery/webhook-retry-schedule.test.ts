import { describe, expect, it } from 'vitest';
import { WEBHOOK_DELIVERIES_QUEUE } from '../../../functions/resources/queue-definitions.ts';
import {
  retryDelaySeconds,
  retryWindowSeconds,
  WEBHOOK_RETRY_CAP_SECONDS,
} from '../../../functions/webhook-delivery/webhook-retry-schedule.ts';

describe('retryDelaySeconds', () => {
  it('doubles from the base after each failed attempt', () => {
    expect([1, 2, 3, 4, 5].map((attempt) => retryDelaySeconds(attempt, 30))).toEqual([
      30, 60, 120, 240, 480,
    ]);
  });

  it('never waits longer than the cap, nor past what SQS visibility allows', () => {
    expect(retryDelaySeconds(19, 30)).toBe(WEBHOOK_RETRY_CAP_SECONDS);
    expect(retryDelaySeconds(1000, 30)).toBe(WEBHOOK_RETRY_CAP_SECONDS);
    expect(WEBHOOK_RETRY_CAP_SECONDS).toBeLessThanOrEqual(12 * 3600);
  });
});

describe('retryWindowSeconds', () => {
  it('keeps retrying for at least 24 hours before the queue dead-letters the event', () => {
    const window = retryWindowSeconds(30, WEBHOOK_DELIVERIES_QUEUE.maxReceiveCount);

    expect(window).toBeGreaterThanOrEqual(24 * 3600);
    // ...and not much longer: the last attempt lands within about a day and an hour.
    expect(window).toBeLessThan(25 * 3600);
  });
});
