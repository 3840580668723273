/**
 * Every error a client can see is one of these classes. Each carries the HTTP status and the
 * contract's error code, so no layer ever maps errors by name strings.
 */
import { type AccountRestriction, describeRestriction } from '../session/account-restriction.ts';
import type { ErrorCode } from './error-codes.ts';

export type { ErrorCode };

export abstract class AppError extends Error {
  abstract readonly statusCode: number;
  abstract readonly errorCode: ErrorCode;
  /** Message safe to show to the caller: specific, never internals, never a token. */
  readonly expose = true;
}

/** The base of one kind of AppError: its HTTP status, its contract code and its class name. */
function appErrorKind(statusCode: number, errorCode: ErrorCode, name: string) {
  return class extends AppError {
    readonly statusCode = statusCode;
    readonly errorCode = errorCode;
    override readonly name = name;
  };
}

export class ValidationError extends appErrorKind(400, 'VALIDATION_ERROR', 'ValidationError') {}

export class UnauthorizedError extends appErrorKind(401, 'UNAUTHORIZED', 'UnauthorizedError') {}

/** An authenticated caller without the right role (a user token on an admin route). */
export class ForbiddenError extends appErrorKind(403, 'FORBIDDEN', 'ForbiddenError') {}

export class NotFoundError extends appErrorKind(404, 'NOT_FOUND', 'NotFoundError') {}

export class RateLimitedError extends appErrorKind(429, 'RATE_LIMITED', 'RateLimitedError') {
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds: number) {
    super(message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/**
 * WhatsApp restricts the session's account (a temporary ban, the reach-out time lock): the
 * contract's RATE_LIMITED, whose message names the reason and whose Retry-After is the
 * restriction's end (or, without one, how long the worker holds lookups back).
 */
export class AccountRestrictedError extends RateLimitedError {
  override readonly name = 'AccountRestrictedError';
  readonly restriction: AccountRestriction;
  constructor(restriction: AccountRestriction, retryAfterSeconds: number) {
    super(describeRestriction(restriction), retryAfterSeconds);
    this.restriction = restriction;
  }
}

export class InternalError extends appErrorKind(500, 'INTERNAL_ERROR', 'InternalError') {}

export class SessionUnavailableError extends appErrorKind(
  503,
  'SESSION_UNAVAILABLE',
  'SessionUnavailableError',
) {}

/**
 * The API's own storage, queue or authorizer failed (DynamoDB or SQS unreachable or
 * overloaded): nothing the caller or the operator must do but retry, hence `Retry-After`.
 * SESSION_UNAVAILABLE stays for "the user's session needs pairing, or no worker holds it".
 */
export class ServiceUnavailableError extends appErrorKind(
  503,
  'SERVICE_UNAVAILABLE',
  'ServiceUnavailableError',
) {
  readonly retryAfterSeconds: number;
  constructor(message: string, options?: ErrorOptions & { retryAfterSeconds?: number }) {
    super(message, options);
    this.retryAfterSeconds = options?.retryAfterSeconds ?? SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS;
  }
}

/** How long a caller should wait before retrying after SERVICE_UNAVAILABLE. */
export const SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS = 1;

/** The seconds after which a caller may retry, for the errors that say so. */
export function retryAfterSecondsOf(error: AppError): number | undefined {
  return error instanceof RateLimitedError || error instanceof ServiceUnavailableError
    ? error.retryAfterSeconds
    : undefined;
}

export class UpstreamTimeoutError extends appErrorKind(
  504,
  'UPSTREAM_TIMEOUT',
  'UpstreamTimeoutError',
) {}

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
    case 'FORBIDDEN':
      return new ForbiddenError(message);
    case 'NOT_FOUND':
      return new NotFoundError(message);
    case 'RATE_LIMITED':
      return new RateLimitedError(message, retryAfterSeconds ?? 1);
    case 'SESSION_UNAVAILABLE':
      return new SessionUnavailableError(message);
    case 'SERVICE_UNAVAILABLE':
      return new ServiceUnavailableError(
        message,
        retryAfterSeconds === undefined ? {} : { retryAfterSeconds },
      );
    case 'UPSTREAM_TIMEOUT':
      return new UpstreamTimeoutError(message);
    case 'INTERNAL_ERROR':
      return new InternalError(message);
  }
}
