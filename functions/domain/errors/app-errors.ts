/**
 * Every error a client can see is one of these classes. Each carries the HTTP status and the
 * contract's error code, so no layer ever maps errors by name strings.
 */
import type { ErrorCode } from './error-codes.ts';

export type { ErrorCode };

export abstract class AppError extends Error {
  abstract readonly statusCode: number;
  abstract readonly errorCode: ErrorCode;
  /** Message safe to show to the caller: specific, never internals, never a token. */
  readonly expose = true;
}

export class ValidationError extends AppError {
  readonly statusCode = 400;
  readonly errorCode = 'VALIDATION_ERROR';
  override readonly name = 'ValidationError';
}

export class UnauthorizedError extends AppError {
  readonly statusCode = 401;
  readonly errorCode = 'UNAUTHORIZED';
  override readonly name = 'UnauthorizedError';
}

export class NotFoundError extends AppError {
  readonly statusCode = 404;
  readonly errorCode = 'NOT_FOUND';
  override readonly name = 'NotFoundError';
}

export class RateLimitedError extends AppError {
  readonly statusCode = 429;
  readonly errorCode = 'RATE_LIMITED';
  override readonly name = 'RateLimitedError';
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds: number) {
    super(message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export class InternalError extends AppError {
  readonly statusCode = 500;
  readonly errorCode = 'INTERNAL_ERROR';
  override readonly name = 'InternalError';
}

export class SessionUnavailableError extends AppError {
  readonly statusCode = 503;
  readonly errorCode = 'SESSION_UNAVAILABLE';
  override readonly name = 'SessionUnavailableError';
}

export class UpstreamTimeoutError extends AppError {
  readonly statusCode = 504;
  readonly errorCode = 'UPSTREAM_TIMEOUT';
  override readonly name = 'UpstreamTimeoutError';
}

/** Rebuilds an error from the code a worker reply carries (the code, not a class name). */
export function appErrorFromCode(
  errorCode: ErrorCode,
  message: string,
  retryAfterSeconds?: number,
): AppError {
  switch (errorCode) {
    case 'VALIDATION_ERROR':
      return new ValidationError(message);
    case 'UNAUTHORIZED':
      return new UnauthorizedError(message);
    case 'NOT_FOUND':
      return new NotFoundError(message);
    case 'RATE_LIMITED':
      return new RateLimitedError(message, retryAfterSeconds ?? 1);
    case 'SESSION_UNAVAILABLE':
      return new SessionUnavailableError(message);
    case 'UPSTREAM_TIMEOUT':
      return new UpstreamTimeoutError(message);
    case 'INTERNAL_ERROR':
      return new InternalError(message);
  }
}
