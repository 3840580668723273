import type { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { SESSION_PATH } from '../../api/api-routes.ts';
import { httpErrorBackstop, httpErrorEnvelope } from '../../api/error-envelope-middleware.ts';
import { identityFromAuthorizer } from '../../api/identity-from-authorizer.ts';
import { invocationDeadline } from '../../api/invocation-deadline.ts';
import { sessionSuccessResponse } from '../../api/session-bodies.ts';
import { NotFoundError } from '../../domain/errors/app-errors.ts';
import type { LogOutSession } from './log-out-session.ts';

export interface LogOutSessionRouteDependencies {
  logOutSession: LogOutSession;
  logger: Logger;
  commandDeadlineMs: number;
  now?: () => number;
}

/** DELETE /session: logs the caller's own session out and deletes what it stored. */
export function createLogOutSessionRoute(dependencies: LogOutSessionRouteDependencies) {
  const now = dependencies.now ?? Date.now;

  async function logOut(
    event: APIGatewayProxyEvent,
    context: Context,
  ): Promise<APIGatewayProxyResult> {
    if (event.resource !== SESSION_PATH || event.httpMethod !== 'DELETE') {
      throw new NotFoundError(
        `no route for ${event.httpMethod} ${event.path}; use DELETE ${SESSION_PATH}`,
      );
    }
    const started = now();
    const identity = identityFromAuthorizer(event.requestContext.authorizer);
    const result = await dependencies.logOutSession(identity, {
      deadline: invocationDeadline(started, dependencies.commandDeadlineMs, context),
    });
    dependencies.logger.info('session logged out', {
      tenantId: identity.tenantId,
      unlinked: result.unlinked,
      durationMs: now() - started,
    });
    return sessionSuccessResponse({ status: result.status });
  }

  return middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
    .use(httpErrorBackstop())
    .use(httpErrorEnvelope(dependencies.logger))
    .handler(logOut);
}

export type LogOutSessionRoute = ReturnType<typeof createLogOutSessionRoute>;
