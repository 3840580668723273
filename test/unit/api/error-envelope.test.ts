import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  buildErrorEnvelope,
  describeZodError,
  errorBodyFor,
  errorResponseFor,
  isoTimestamp,
  JSON_CONTENT_TYPE,
  toAppErrorDescription,
} from '../../../functions/api/error-envelope.ts';
import {
  NotFoundError,
  RateLimitedError,
  SessionUnavailableError,
  ValidationError,
} from '../../../functions/domain/errors/app-errors.ts';

const ISO_SECOND_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const NOW = new Date('2026-06-15T12:00:00.789Z');

function zodErrorFrom(schema: z.ZodType, value: unknown): z.ZodError {
  const result = schema.safeParse(value);
  if (result.success) throw new Error('expected the schema to reject the value');
  return result.error;
}

describe('isoTimestamp', () => {
  it('formats a time as ISO-8601 UTC to the second', () => {
    // act
    const timestamp = isoTimestamp(NOW);

    // assert
    expect(timestamp).toBe('2026-06-15T12:00:00Z');
  });

  it('formats the current time as YYYY-MM-DDTHH:MM:SSZ by default', () => {
    expect(isoTimestamp()).toMatch(ISO_SECOND_UTC);
  });
});

describe('buildErrorEnvelope', () => {
  it('builds exactly the contract envelope', () => {
    // act
    const envelope = buildErrorEnvelope('NOT_FOUND', 'the contact is not on WhatsApp', NOW);

    // assert
    expect(envelope).toStrictEqual({
      success: false,
      error: 'the contact is not on WhatsApp',
      error_code: 'NOT_FOUND',
      timestamp: '2026-06-15T12:00:00Z',
    });
  });
});

describe('describeZodError', () => {
  it('names the path of the first issue', () => {
    // prepare
    const error = zodErrorFrom(z.object({ refresh: z.enum(['true'], 'must be true') }), {
      refresh: 'x',
    });

    // act
    const message = describeZodError(error);

    // assert
    expect(message).toBe('refresh: must be true');
  });

  it('gives the bare message for a top-level issue', () => {
    expect(describeZodError(zodErrorFrom(z.string('must be text'), 1))).toBe('must be text');
  });

  it('falls back to a generic message when there are no issues', () => {
    expect(describeZodError(new z.ZodError([]))).toBe('validation failed');
  });

  it('does not echo the offending value', () => {
    const error = zodErrorFrom(z.object({ jid: z.string().max(3, 'is too long') }), {
      jid: 'secret-5511999999999',
    });
    expect(describeZodError(error)).not.toContain('5511999999999');
  });
});

describe('toAppErrorDescription', () => {
  it('keeps the status, code and message of an application error', () => {
    expect(toAppErrorDescription(new SessionUnavailableError('the session is not paired'))).toEqual(
      {
        statusCode: 503,
        errorCode: 'SESSION_UNAVAILABLE',
        message: 'the session is not paired',
      },
    );
  });

  it('carries retryAfterSeconds for a rate-limited error', () => {
    expect(toAppErrorDescription(new RateLimitedError('slow down', 7))).toMatchObject({
      statusCode: 429,
      retryAfterSeconds: 7,
    });
  });
});

describe('errorResponseFor', () => {
  it('renders an application error as its status and the envelope', () => {
    // prepare
    const error = new NotFoundError('the contact is not on WhatsApp');

    // act
    const response = errorResponseFor(error, NOW);

    // assert
    expect(response.statusCode).toBe(404);
    expect(response.headers).toEqual({
      'Content-Type': JSON_CONTENT_TYPE,
      'Cache-Control': 'no-store',
    });
    expect(JSON.parse(response.body)).toStrictEqual({
      success: false,
      error: 'the contact is not on WhatsApp',
      error_code: 'NOT_FOUND',
      timestamp: '2026-06-15T12:00:00Z',
    });
  });

  it('maps a zod error to 400 VALIDATION_ERROR', () => {
    // prepare
    const error = zodErrorFrom(z.object({ number: z.string('is required') }), {});

    // act
    const response = errorResponseFor(error, NOW);

    // assert
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({
      error_code: 'VALIDATION_ERROR',
      error: 'number: is required',
    });
  });

  it('maps an unknown error to 500 INTERNAL_ERROR without leaking its message', () => {
    // prepare
    const error = new Error('ECONNREFUSED 10.0.0.12:8000 table tokens-prod');

    // act
    const response = errorResponseFor(error, NOW);

    // assert
    expect(response.statusCode).toBe(500);
    const body = JSON.parse(response.body);
    expect(body.error_code).toBe('INTERNAL_ERROR');
    expect(body.error).toBe('internal error; the request was logged and can be retried');
    expect(response.body).not.toContain('ECONNREFUSED');
    expect(response.body).not.toContain('tokens-prod');
  });

  it.each([null, undefined, 'a string', 42, { statusCode: 400, message: 'fake' }])(
    'maps the non-error value %s to 500 INTERNAL_ERROR',
    (thrown) => {
      const response = errorResponseFor(thrown, NOW);
      expect(response.statusCode).toBe(500);
      expect(JSON.parse(response.body).error_code).toBe('INTERNAL_ERROR');
    },
  );

  it('adds Retry-After for a rate-limited error', () => {
    expect(errorResponseFor(new RateLimitedError('slow down', 30), NOW).headers).toMatchObject({
      'Retry-After': '30',
    });
  });

  it('rounds a fractional Retry-After up to whole seconds', () => {
    expect(
      errorResponseFor(new RateLimitedError('slow down', 2.1), NOW).headers['Retry-After'],
    ).toBe('3');
  });

  it('never sends a Retry-After below one second', () => {
    expect(errorResponseFor(new RateLimitedError('slow down', 0), NOW).headers['Retry-After']).toBe(
      '1',
    );
  });

  it('sends no Retry-After for other errors', () => {
    expect(errorResponseFor(new ValidationError('bad'), NOW).headers).not.toHaveProperty(
      'Retry-After',
    );
  });

  it('stamps the envelope with the current time by default', () => {
    expect(JSON.parse(errorResponseFor(new ValidationError('bad')).body).timestamp).toMatch(
      ISO_SECOND_UTC,
    );
  });
});

describe('errorBodyFor', () => {
  it('returns the envelope object for a non-HTTP caller', () => {
    expect(
      errorBodyFor(new ValidationError('either jid or number is required'), NOW),
    ).toStrictEqual({
      success: false,
      error: 'either jid or number is required',
      error_code: 'VALIDATION_ERROR',
      timestamp: '2026-06-15T12:00:00Z',
    });
  });
});
