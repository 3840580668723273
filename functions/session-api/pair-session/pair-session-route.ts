import type { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { SESSION_PAIR_PATH } from '../../api/api-routes.ts';
import { httpErrorBackstop, httpErrorEnvelope } from '../../api/error-envelope-middleware.ts';
import { identityFromAuthorizer } from '../../api/identity-from-authorizer.ts';
import { invocationDeadline } from '../../api/invocation-deadline.ts';
import {
  pairSessionResultBody,
  parsePairSessionBody,
  sessionSuccessResponse,
} from '../../api/session-bodies.ts';
import { NotFoundError } from '../../domain/errors/app-errors.ts';
import type { StartPairing } from './start-pairing.ts';

export interface PairSessionRouteDependencies {
  startPairing: StartPairing;
  logger: Logger;
  firstCodeWaitMs: number;
  now?: () => number;
}

/**
 * POST /session/pair: starts (or continues) pairing the caller's own session and answers the
 * current QR payload or pairing code. Neither, nor the phone, is ever logged.
 */
export function createPairSessionRoute(dependencies: PairSessionRouteDependencies) {
  const now = dependencies.now ?? Date.now;

  async function pairSession(
    event: APIGatewayProxyEvent,
    context: Context,
  ): Promise<APIGatewayProxyResult> {
    if (event.resource !== SESSION_PAIR_PATH || event.httpMethod !== 'POST') {
      throw new NotFoundError(
        `no route for ${event.httpMethod} ${event.path}; use POST ${SESSION_PAIR_PATH}`,
      );
    }
    const started = now();
    const identity = identityFromAuthorizer(event.requestContext.authorizer);
    const { phoneDigits } = parsePairSessionBody(event.body, event.isBase64Encoded);
    const view = await dependencies.startPairing(identity, {
      ...(phoneDigits ? { phoneDigits } : {}),
      waitUntil: invocationDeadline(started, dependencies.firstCodeWaitMs, context),
    });
    dependencies.logger.info('pairing answered', {
      tenantId: identity.tenantId,
      status: view.status,
      method: phoneDigits ? 'code' : 'qr',
      durationMs: now() - started,
    });
    return sessionSuccessResponse(pairSessionResultBody(view));
  }

  return middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
    .use(httpErrorBackstop())
    .use(httpErrorEnvelope(dependencies.logger))
    .handler(pairSession);
}

export type PairSessionRoute = ReturnType<typeof createPairSessionRoute>;
