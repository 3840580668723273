import { describe, expect, it } from 'vitest';
import { NotFoundError, RateLimitedError } from '../../../functions/domain/errors/app-errors.ts';
import { failureFields, failureOutcome } from '../../../functions/worker/request-failure.ts';

const BASE = { version: 1 as const, correlationId: 'corr-1' };

describe('failureOutcome', () => {
  it('answers an AppError as it is, with its code and client-safe message', () => {
    const outcome = failureOutcome(BASE, new NotFoundError('the number is not on WhatsApp'));

    expect(outcome).toEqual({
      kind: 'reply',
      reply: {
        ...BASE,
        ok: false,
        errorCode: 'NOT_FOUND',
        message: 'the number is not on WhatsApp',
      },
    });
  });

  it('retries anything else, carrying the error and an INTERNAL_ERROR reply that hides it', () => {
    const error = new Error('socket exploded with a secret inside');

    const outcome = failureOutcome(BASE, error);

    expect(outcome.kind).toBe('retry');
    expect(outcome).toMatchObject({
      error,
      reply: { ...BASE, ok: false, errorCode: 'INTERNAL_ERROR' },
    });
    expect(JSON.stringify(outcome.reply)).not.toContain('secret');
  });
});

describe('failureFields', () => {
  it('carries Retry-After only when the error has one', () => {
    expect(failureFields(new RateLimitedError('slow down', 7))).toEqual({
      ok: false,
      errorCode: 'RATE_LIMITED',
      message: 'slow down',
      retryAfterSeconds: 7,
    });
    expect(failureFields(new NotFoundError('gone'))).not.toHaveProperty('retryAfterSeconds');
  });
});
