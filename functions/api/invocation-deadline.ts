import type { Context } from 'aws-lambda';

/** Time kept back from the Lambda's own limit so the handler always answers itself. */
const RESPONSE_MARGIN_MS = 500;

/** `started + waitMs`, or what the invocation has left (less a margin), whichever is first. */
export function invocationDeadline(
  started: number,
  waitMs: number,
  context: Pick<Context, 'getRemainingTimeInMillis'>,
): number {
  return Math.min(
    started + waitMs,
    started + context.getRemainingTimeInMillis() - RESPONSE_MARGIN_MS,
  );
}
