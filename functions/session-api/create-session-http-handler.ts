import { SESSION_PAIR_PATH, SESSION_PATH } from '../api/api-routes.ts';
import { routeDispatcher } from '../api/http-route.ts';
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
  return routeDispatcher(
    {
      [`POST ${SESSION_PAIR_PATH}`]: handlers.pair,
      [`DELETE ${SESSION_PATH}`]: handlers.logOut,
    },
    handlers.status,
  );
}

export type SessionHttpHandler = ReturnType<typeof createSessionHttpHandler>;
