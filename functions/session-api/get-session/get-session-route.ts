import type { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { SESSION_PATH } from '../../api/api-routes.ts';
import { httpErrorBackstop, httpErrorEnvelope } from '../../api/error-envelope-middleware.ts';
import { identityFromAuthorizer } from '../../api/identity-from-authorizer.ts';
import { sessionStatusBody, sessionSuccessResponse } from '../../api/session-bodies.ts';
import { NotFoundError } from '../../domain/errors/app-errors.ts';
import type { GetSessionStatus } from './get-session-status.ts';

export interface GetSessionRouteDependencies {
  getSessionStatus: GetSessionStatus;
  logger: Logger;
}

/**
 * GET /session: the status of the caller's own session (the authorizer names it). Any other
 * method or path reaching the session function is a 404 envelope from here.
 */
export function createGetSessionRoute(dependencies: GetSessionRouteDependencies) {
  async function getSession(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
    if (event.resource !== SESSION_PATH || event.httpMethod !== 'GET') {
      throw new NotFoundError(
        `no route for ${event.httpMethod} ${event.path}; use GET or DELETE ${SESSION_PATH}, or POST ${SESSION_PATH}/pair`,
      );
    }
    const identity = identityFromAuthorizer(event.requestContext.authorizer);
    const view = await dependencies.getSessionStatus(identity);
    dependencies.logger.info('session status served', {
      tenantId: identity.tenantId,
      status: view.status,
    });
    return sessionSuccessResponse(sessionStatusBody(view));
  }

  return middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
    .use(httpErrorBackstop())
    .use(httpErrorEnvelope(dependencies.logger))
    .handler(getSession);
}

export type GetSessionRoute = ReturnType<typeof createGetSessionRoute>;
