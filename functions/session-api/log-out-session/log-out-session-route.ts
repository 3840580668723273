import { SESSION_PATH } from '../../api/api-routes.ts';
import { invocationDeadline } from '../../api/invocation-deadline.ts';
import { sessionSuccessResponse } from '../../api/session-bodies.ts';
import { type UserRouteDependencies, userRoute } from '../../api/user-route.ts';
import type { LogOutSession } from './log-out-session.ts';

export interface LogOutSessionRouteDependencies extends UserRouteDependencies {
  logOutSession: LogOutSession;
  commandDeadlineMs: number;
}

/** DELETE /session: logs the caller's own session out and deletes what it stored. */
export function createLogOutSessionRoute(dependencies: LogOutSessionRouteDependencies) {
  const now = dependencies.now ?? Date.now;
  const route = { method: 'DELETE', path: SESSION_PATH, logger: dependencies.logger } as const;

  return userRoute(route, async ({ context, identity }) => {
    const started = now();
    const result = await dependencies.logOutSession(identity, {
      deadline: invocationDeadline(started, dependencies.commandDeadlineMs, context),
    });
    dependencies.logger.info('session logged out', {
      tenantId: identity.tenantId,
      unlinked: result.unlinked,
      durationMs: now() - started,
    });
    return sessionSuccessResponse({ status: result.status });
  });
}

export type LogOutSessionRoute = ReturnType<typeof createLogOutSessionRoute>;
