import type { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { NotFoundError } from '../domain/errors/app-errors.ts';
import type { SessionIdentity } from '../domain/session/session-identity.ts';
import type { ApiRoute } from './api-routes.ts';
import { httpRoute } from './http-route.ts';
import { identityFromAuthorizer } from './identity-from-authorizer.ts';

/** What every user route is given besides its use case: its logger, and the clock it times by. */
export interface UserRouteDependencies {
  logger: Logger;
  now?: () => number;
}

export interface UserRouteDefinition {
  method: Exclude<ApiRoute['method'], 'ANY'>;
  path: string;
  logger: Logger;
  /** What the 404 of another method or path suggests; `<method> <path>` unless given. */
  otherwise?: string;
}

/** What a user route serves: the request, its invocation and the authorizer's caller. */
export interface UserRequest {
  event: APIGatewayProxyEvent;
  context: Context;
  identity: SessionIdentity;
}

/**
 * The thin middy handler every user-token route is: another method or path reaching it is a
 * 404 envelope naming the route, a request without the authorizer's identity a 401, and then
 * `serve` answers for the caller.
 */
export function userRoute(
  definition: UserRouteDefinition,
  serve: (request: UserRequest) => Promise<APIGatewayProxyResult>,
) {
  const { method, path } = definition;
  const otherwise = definition.otherwise ?? `${method} ${path}`;
  return httpRoute(definition.logger, async (event, context) => {
    if (event.resource !== path || event.httpMethod !== method) {
      throw new NotFoundError(`no route for ${event.httpMethod} ${event.path}; use ${otherwise}`);
    }
    const identity = identityFromAuthorizer(event.requestContext.authorizer);
    return serve({ event, context, identity });
  });
}
