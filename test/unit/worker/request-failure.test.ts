import { describe, expect, it } from 'vitest';
import { NotFoundError, RateLimitedError } from '../../../functions/domain/errors/app-errors.ts';
import {
  answerMessage,
  failureFields,
  failureOutcome,
} from '../../../functions/worker/request-failure.ts';

const BASE = { version: 1 as const, correlationId: 'corr-1' };
const MESSAGE = { tenantId: 'acme', userId: 'alice', correlationId: 'corr-1' };

describe('answerMessage', () => {
  it("answers ok with the answer's fields, asked for the user the message names", async () => {
    // prepare
    const asked: unknown[] = [];

    // act
    const outcome = await answerMessage(MESSAGE, async (identity) => {
      asked.push(identity);
      return { unlinked: true };
    });

    // assert
    expect(outcome).toEqual({ kind: 'reply', reply: { ...BASE, ok: true, unlinked: true } });
    expect(asked).toEqual([{ tenantId: 'acme', userId: 'alice' }]);
  });

  it('answers what the answer throws as failureOutcome does', async () => {
    // prepare
    const known = new NotFoundError('the number is not on WhatsApp');
    const unexpected = new Error('socket exploded');

    // act
    const answered = await answerMessage(MESSAGE, async () => Promise.reject(known));
    const retried = await answerMessage(MESSAGE, async () => Promise.reject(unexpected));

    // assert
    expect(answered).toEqual(failureOutcome(BASE, known));
    expect(retried).toEqual(failureOutcome(BASE, unexpected));
  });
});

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
