import { SESSION_PATH } from '../../api/api-routes.ts';
import { sessionStatusBody, sessionSuccessResponse } from '../../api/session-bodies.ts';
import { type UserRouteDependencies, userRoute } from '../../api/user-route.ts';
import type { GetSessionStatus } from './get-session-status.ts';

export interface GetSessionRouteDependencies extends UserRouteDependencies {
  getSessionStatus: GetSessionStatus;
}

/**
 * GET /session: the status of the caller's own session (the authorizer names it). Any other
 * method or path reaching the session function is a 404 envelope from here.
 */
export function createGetSessionRoute(dependencies: GetSessionRouteDependencies) {
  const route = {
    method: 'GET',
    path: SESSION_PATH,
    logger: dependencies.logger,
    otherwise: `GET or DELETE ${SESSION_PATH}, or POST ${SESSION_PATH}/pair`,
  } as const;

  return userRoute(route, async ({ identity }) => {
    const view = await dependencies.getSessionStatus(identity);
    dependencies.logger.info('session status served', {
      tenantId: identity.tenantId,
      status: view.status,
    });
    return sessionSuccessResponse(sessionStatusBody(view));
  });
}

export type GetSessionRoute = ReturnType<typeof createGetSessionRoute>;
