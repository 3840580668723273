import type { AwsClients } from '../platform/aws-clients.ts';
import { createLogger } from '../platform/logger.ts';
import { createSessionHttpHandler } from './create-session-http-handler.ts';
import { createGetSessionRoute } from './get-session/get-session-route.ts';
import { createLogOutSessionRoute } from './log-out-session/log-out-session-route.ts';
import { createPairSessionRoute } from './pair-session/pair-session-route.ts';
import type { SessionConfig } from './session-config.ts';
import { wireSessionUseCases } from './wire-session-use-cases.ts';

/** The API Gateway session function (GET/DELETE /session, POST /session/pair). */
export function wireSessionHttpHandler(config: SessionConfig, clients: AwsClients) {
  const logger = createLogger('session');
  const useCases = wireSessionUseCases(config, clients, {
    logger,
    onIgnoredReply: () => logger.debug('ignored a late reply'),
  });
  return createSessionHttpHandler({
    status: createGetSessionRoute({ getSessionStatus: useCases.getSessionStatus, logger }),
    pair: createPairSessionRoute({
      startPairing: useCases.startPairing,
      logger,
      firstCodeWaitMs: config.PAIRING_FIRST_CODE_WAIT_MS,
    }),
    logOut: createLogOutSessionRoute({
      logOutSession: useCases.logOutSession,
      logger,
      commandDeadlineMs: config.SESSION_COMMAND_DEADLINE_MS,
    }),
  });
}
