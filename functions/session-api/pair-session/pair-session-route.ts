import { SESSION_PAIR_PATH } from '../../api/api-routes.ts';
import { invocationDeadline } from '../../api/invocation-deadline.ts';
import {
  pairSessionResultBody,
  parsePairSessionBody,
  sessionSuccessResponse,
} from '../../api/session-bodies.ts';
import { type UserRouteDependencies, userRoute } from '../../api/user-route.ts';
import type { StartPairing } from './start-pairing.ts';

export interface PairSessionRouteDependencies extends UserRouteDependencies {
  startPairing: StartPairing;
  firstCodeWaitMs: number;
}

/**
 * POST /session/pair: starts (or continues) pairing the caller's own session and answers the
 * current QR payload or pairing code. Neither, nor the phone, is ever logged.
 */
export function createPairSessionRoute(dependencies: PairSessionRouteDependencies) {
  const now = dependencies.now ?? Date.now;
  const route = { method: 'POST', path: SESSION_PAIR_PATH, logger: dependencies.logger } as const;

  return userRoute(route, async ({ event, context, identity }) => {
    const started = now();
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
  });
}

export type PairSessionRoute = ReturnType<typeof createPairSessionRoute>;
