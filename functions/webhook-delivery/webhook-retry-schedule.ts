import { WEBHOOK_DELIVERIES_QUEUE } from '../resources/queue-definitions.ts';

/** Delays between attempts double from the base up to this cap. */
export const WEBHOOK_RETRY_CAP_SECONDS = 2 * 3600;
export const DEFAULT_WEBHOOK_RETRY_BASE_SECONDS = 30;

/**
 * How long a delivery waits after its `attempt`-th attempt failed (1-based): base, 2 x base,
 * 4 x base, ... capped at two hours, so with the default base of 30 s and the queue's 20
 * attempts, the last one is about 24 h after the first. SQS visibility is at most 12 h.
 */
export function retryDelaySeconds(
  attempt: number,
  baseSeconds = DEFAULT_WEBHOOK_RETRY_BASE_SECONDS,
): number {
  const exponent = Math.min(Math.max(attempt, 1) - 1, 30);
  return Math.min(baseSeconds * 2 ** exponent, WEBHOOK_RETRY_CAP_SECONDS);
}

/** Seconds from the first attempt to the last one the queue allows before dead-lettering. */
export function retryWindowSeconds(
  baseSeconds = DEFAULT_WEBHOOK_RETRY_BASE_SECONDS,
  attempts: number = WEBHOOK_DELIVERIES_QUEUE.maxReceiveCount,
): number {
  let total = 0;
  for (let attempt = 1; attempt < attempts; attempt++) {
    total += retryDelaySeconds(attempt, baseSeconds);
  }
  return total;
}
