import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { SESSION_PAIR_PATH, SESSION_PATH } from '../api/api-routes.ts';
import type { GetSessionRoute } from './get-session/get-session-route.ts';
import type { LogOutSessionRoute } from './log-out-session/log-out-session-route.ts';
import type { PairSessionRoute } from './pair-session/pair-session-route.ts';

export interface SessionHttpRoutes {
  status: GetSessionRoute;
  pair: PairSessionRoute;
  logOut: LogOutSessionRoute;
}

/**
 * The session function: one Lambda for the session routes (they share the sessions table and
 * the request queues). Each route has its own middy handler; any other method on their paths
 * goes to the status handler, whose envelope answers 404 NOT_FOUND.
 */
export function createSessionHttpHandler(handlers: SessionHttpRoutes) {
  return function sessionHandler(
    event: APIGatewayProxyEvent,
    context: Context,
  ): Promise<APIGatewayProxyResult> {
    if (event.resource === SESSION_PAIR_PATH && event.httpMethod === 'POST') {
      return handlers.pair(event, context);
    }
    if (event.resource === SESSION_PATH && event.httpMethod === 'DELETE') {
      return handlers.logOut(event, context);
    }
    return handlers.status(event, context);
  };
}

export type SessionHttpHandler = ReturnType<typeof createSessionHttpHandler>;
