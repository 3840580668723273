import type { Logger } from '@aws-lambda-powertools/logger';
import type { MiddlewareObj } from '@middy/core';
import { errorResponseFor } from './error-envelope.ts';

/**
 * Turns whatever a handler threw into the contract's envelope, as an http error that
 * @middy/http-error-handler (registered before this middleware, so it runs after it on error)
 * renders. Unknown errors are logged here and reach the client only as INTERNAL_ERROR.
 */
export function errorEnvelopeMiddleware(logger: Logger): MiddlewareObj {
  return {
    onError: (request) => {
      const response = errorResponseFor(request.error);
      if (response.statusCode >= 500) {
        logger.error('request failed', { error: request.error as Error });
      }
      request.error = Object.assign(new Error(response.body), {
        statusCode: response.statusCode,
        expose: true,
        headers: response.headers,
      });
    },
  };
}
