import { $ZodError } from 'zod/v4/core';
import { AppError, type ErrorCode, retryAfterSecondsOf } from '../domain/errors/app-errors.ts';

/** The contract's error body. Every error any layer returns has exactly this shape. */
export interface ErrorEnvelope {
  success: false;
  error: string;
  error_code: ErrorCode;
  timestamp: string;
}

export interface HttpResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** What the caller reads for any error we did not expect; the details go to the log only. */
export const INTERNAL_ERROR_MESSAGE = 'internal error; the request was logged and can be retried';

/** ISO-8601 UTC to the second, as the contract's example shows (2026-06-15T12:00:00Z). */
export function isoTimestamp(now: Date = new Date()): string {
  return `${now.toISOString().slice(0, 19)}Z`;
}

export function buildErrorEnvelope(
  errorCode: ErrorCode,
  message: string,
  now: Date = new Date(),
): ErrorEnvelope {
  return { success: false, error: message, error_code: errorCode, timestamp: isoTimestamp(now) };
}

/**
 * Describes a zod failure in one specific sentence, without echoing the offending value. Any
 * zod error: zod/mini's (the functions') and the classic API's (the CLIs') share this class.
 */
export function describeZodError(error: $ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'validation failed';
  const path = issue.path.join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

/** Maps anything thrown to a known application error; unknown errors become INTERNAL_ERROR. */
export function toAppErrorDescription(error: unknown): {
  statusCode: number;
  errorCode: ErrorCode;
  message: string;
  retryAfterSeconds?: number;
} {
  if (error instanceof AppError) {
    const retryAfterSeconds = retryAfterSecondsOf(error);
    return {
      statusCode: error.statusCode,
      errorCode: error.errorCode,
      message: error.message,
      ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
    };
  }
  if (error instanceof $ZodError) {
    return { statusCode: 400, errorCode: 'VALIDATION_ERROR', message: describeZodError(error) };
  }
  return {
    statusCode: 500,
    errorCode: 'INTERNAL_ERROR',
    message: INTERNAL_ERROR_MESSAGE,
  };
}

/** The envelope as a body object, for callers that are not HTTP (direct invocation). */
export function errorBodyFor(error: unknown, now: Date = new Date()): ErrorEnvelope {
  const described = toAppErrorDescription(error);
  return buildErrorEnvelope(described.errorCode, described.message, now);
}

/** The envelope as an API Gateway proxy result. */
export function errorResponseFor(error: unknown, now: Date = new Date()): HttpResult {
  const described = toAppErrorDescription(error);
  const headers: Record<string, string> = {
    'Content-Type': JSON_CONTENT_TYPE,
    'Cache-Control': 'no-store',
  };
  if (described.retryAfterSeconds !== undefined) {
    headers['Retry-After'] = String(Math.max(1, Math.ceil(described.retryAfterSeconds)));
  }
  return {
    statusCode: described.statusCode,
    headers,
    body: JSON.stringify(buildErrorEnvelope(described.errorCode, described.message, now)),
  };
}
