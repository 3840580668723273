import type { AwsClients } from '../platform/aws-clients.ts';
import { createLogger } from '../platform/logger.ts';
import { buildGetSessionHttpHandler } from './build-get-session-http-handler.ts';
import { buildLogOutSessionHttpHandler } from './build-log-out-session-http-handler.ts';
import { buildPairSessionHttpHandler } from './build-pair-session-http-handler.ts';
import { buildSessionHttpHandler } from './build-session-http-handler.ts';
import { createSessionUseCases } from './create-session-use-cases.ts';
import type { SessionConfig } from './session-config.ts';

/** The API Gateway session function (GET/DELETE /session, POST /session/pair). */
export function createSessionHttpHandler(config: SessionConfig, clients: AwsClients) {
  const logger = createLogger('session');
  const useCases = createSessionUseCases(config, clients, {
    logger,
    onIgnoredReply: () => logger.debug('ignored a late reply'),
  });
  return buildSessionHttpHandler({
    status: buildGetSessionHttpHandler({ getSessionStatus: useCases.getSessionStatus, logger }),
    pair: buildPairSessionHttpHandler({
      startPairing: useCases.startPairing,
      logger,
      firstCodeWaitMs: config.PAIRING_FIRST_CODE_WAIT_MS,
    }),
    logOut: buildLogOutSessionHttpHandler({
      logOutSession: useCases.logOutSession,
      logger,
      commandDeadlineMs: config.SESSION_COMMAND_DEADLINE_MS,
    }),
  });
}
