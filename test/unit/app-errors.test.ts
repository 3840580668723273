import { describe, expect, it } from 'vitest';
import { errorCodeSchema } from '../../functions/contracts/shard-messages.ts';
import {
  type AppError,
  appErrorFromCode,
  type ErrorCode,
  InternalError,
  NotFoundError,
  RateLimitedError,
  ServiceUnavailableError,
  SessionUnavailableError,
  UnauthorizedError,
  UpstreamTimeoutError,
  ValidationError,
} from '../../functions/domain/errors/app-errors.ts';

const EXPECTED: Record<ErrorCode, { status: number; type: new (...args: never[]) => AppError }> = {
  VALIDATION_ERROR: { status: 400, type: ValidationError },
  UNAUTHORIZED: { status: 401, type: UnauthorizedError },
  NOT_FOUND: { status: 404, type: NotFoundError },
  RATE_LIMITED: { status: 429, type: RateLimitedError },
  INTERNAL_ERROR: { status: 500, type: InternalError },
  SESSION_UNAVAILABLE: { status: 503, type: SessionUnavailableError },
  SERVICE_UNAVAILABLE: { status: 503, type: ServiceUnavailableError },
  UPSTREAM_TIMEOUT: { status: 504, type: UpstreamTimeoutError },
};

describe('appErrorFromCode', () => {
  it.each(errorCodeSchema.options)('round-trips %s to its class, status and message', (code) => {
    // act
    const error = appErrorFromCode(code, `message for ${code}`);

    // assert
    expect(error).toBeInstanceOf(EXPECTED[code].type);
    expect(error).toBeInstanceOf(Error);
    expect(error.errorCode).toBe(code);
    expect(error.statusCode).toBe(EXPECTED[code].status);
    expect(error.message).toBe(`message for ${code}`);
    expect(error.expose).toBe(true);
  });

  it('covers every error code the worker may send', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...errorCodeSchema.options].sort());
  });

  it('carries retryAfterSeconds into a RateLimitedError', () => {
    // act
    const error = appErrorFromCode('RATE_LIMITED', 'slow down', 12);

    // assert
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterSeconds).toBe(12);
  });

  it('defaults retryAfterSeconds to one second', () => {
    expect(
      (appErrorFromCode('RATE_LIMITED', 'slow down') as RateLimitedError).retryAfterSeconds,
    ).toBe(1);
  });
});

describe('app-errors', () => {
  it('names each error after its class, for logs', () => {
    expect(new NotFoundError('x').name).toBe('NotFoundError');
    expect(new RateLimitedError('x', 1).name).toBe('RateLimitedError');
  });
});
