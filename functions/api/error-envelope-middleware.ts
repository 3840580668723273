import type { Logger } from '@aws-lambda-powertools/logger';
import type { MiddlewareObj } from '@middy/core';
import httpErrorHandler from '@middy/http-error-handler';
import {
  buildErrorEnvelope,
  type ErrorEnvelope,
  errorBodyFor,
  errorResponseFor,
  type HttpResult,
  INTERNAL_ERROR_MESSAGE,
  toAppErrorDescription,
} from './error-envelope.ts';

/** Unknown errors are logged here, once, and reach the caller only as INTERNAL_ERROR. */
function logIfUnexpected(logger: Logger, error: unknown): void {
  if (toAppErrorDescription(error).statusCode >= 500) {
    logger.error('request failed', { error: error as Error });
  }
}

/**
 * The one error middleware of an API Gateway handler: whatever the handler threw becomes the
 * contract's envelope as the HTTP response, set here.
 */
export function httpErrorEnvelope(logger: Logger): MiddlewareObj<unknown, HttpResult> {
  return {
    onError: (request) => {
      logIfUnexpected(logger, request.error);
      request.response = errorResponseFor(request.error);
    },
  };
}

/**
 * @middy/http-error-handler as the outermost backstop of an HTTP handler, registered first (so
 * it runs last on error). It does nothing when the envelope middleware has set a response; were
 * that ever skipped, the caller still gets an INTERNAL_ERROR envelope, never a stack trace.
 */
export function httpErrorBackstop() {
  return httpErrorHandler({
    logger: false,
    fallbackMessage: JSON.stringify(buildErrorEnvelope('INTERNAL_ERROR', INTERNAL_ERROR_MESSAGE)),
  });
}

/**
 * The one error middleware of a direct-invocation handler (Lambda Invoke, Step Functions,
 * EventBridge): the caller gets the envelope object as the function's result, so a state
 * machine can branch on `success` instead of handling a Lambda error.
 */
export function directErrorEnvelope(logger: Logger): MiddlewareObj<unknown, ErrorEnvelope> {
  return {
    onError: (request) => {
      logIfUnexpected(logger, request.error);
      request.response = errorBodyFor(request.error);
    },
  };
}
