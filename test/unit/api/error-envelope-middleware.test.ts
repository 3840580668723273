import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import {
  directErrorEnvelope,
  httpErrorBackstop,
  httpErrorEnvelope,
} from '../../../functions/api/error-envelope-middleware.ts';
import { NotFoundError } from '../../../functions/domain/errors/app-errors.ts';
import { ISO_SECOND_UTC } from '../../support/contacts/recording-get-contact-profile.ts';
import { fixedLambdaContext } from '../../support/lambda/lambda-context.ts';
import { silentLogger } from '../../support/logging/silent-logger.ts';

const context: Context = fixedLambdaContext('test');

function failingWith(error: unknown) {
  return async (): Promise<never> => {
    throw error;
  };
}

/** A route as ours are built (backstop first, then the envelope) whose handler throws `error`. */
function httpRouteFailingWith(error: unknown) {
  const logger = silentLogger();
  const logged = vi.spyOn(logger, 'error');
  const handler = middy()
    .use(httpErrorBackstop())
    .use(httpErrorEnvelope(logger))
    .handler(failingWith(error));
  return { handler, logged };
}

describe('httpErrorEnvelope', () => {
  it('answers an AppError with its status and envelope, without logging it', async () => {
    // prepare
    const { handler, logged } = httpRouteFailingWith(
      new NotFoundError('5511…99 is not on WhatsApp'),
    );

    // act
    const response = await handler({}, context);

    // assert
    expect(response.statusCode).toBe(404);
    expect(JSON.parse(response.body)).toEqual({
      success: false,
      error: '5511…99 is not on WhatsApp',
      error_code: 'NOT_FOUND',
      timestamp: expect.stringMatching(ISO_SECOND_UTC),
    });
    expect(logged).not.toHaveBeenCalled();
  });

  it('logs an unexpected error once and answers only INTERNAL_ERROR', async () => {
    // prepare
    const failure = new Error('secret detail of a bug');
    const { handler, logged } = httpRouteFailingWith(failure);

    // act
    const response = await handler({}, context);

    // assert
    expect(response.statusCode).toBe(500);
    expect(JSON.parse(response.body).error_code).toBe('INTERNAL_ERROR');
    expect(response.body).not.toContain('secret detail');
    expect(logged).toHaveBeenCalledTimes(1);
    expect(logged).toHaveBeenCalledWith('request failed', { error: failure });
  });
});

describe('httpErrorBackstop', () => {
  it('answers the INTERNAL_ERROR envelope, not a stack trace, when nothing set a response', async () => {
    // prepare
    const handler = middy()
      .use(httpErrorBackstop())
      .handler(failingWith(new Error('at line 12 of a file')));

    // act
    const response = await handler({}, context);

    // assert
    expect(response.statusCode).toBe(500);
    expect(JSON.parse(response.body)).toMatchObject({
      success: false,
      error_code: 'INTERNAL_ERROR',
    });
    expect(response.body).not.toContain('line 12');
  });
});

describe('directErrorEnvelope', () => {
  it('returns the envelope object itself as the result', async () => {
    // prepare
    const handler = middy()
      .use(directErrorEnvelope(silentLogger()))
      .handler(failingWith(new NotFoundError('not on WhatsApp')));

    // act
    const result = await handler({}, context);

    // assert
    expect(result).toEqual({
      success: false,
      error: 'not on WhatsApp',
      error_code: 'NOT_FOUND',
      timestamp: expect.stringMatching(ISO_SECOND_UTC),
    });
  });
});
