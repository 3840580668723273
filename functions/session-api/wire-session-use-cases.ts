import type { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDbPairingAttempts } from '../adapters/dynamodb-pairing-attempts.ts';
import { SessionStatusStore } from '../adapters/dynamodb-session-status-store.ts';
import { wireSessionEvents } from '../adapters/wire-session-events.ts';
import { wireWorkerClient } from '../adapters/worker-client/wire-worker-client.ts';
import type { AwsClients } from '../platform/aws-clients.ts';
import { createLogger } from '../platform/logger.ts';
import { createGetSessionStatus, type GetSessionStatus } from './get-session/get-session-status.ts';
import { createLogOutSession, type LogOutSession } from './log-out-session/log-out-session.ts';
import { createStartPairing, type StartPairing } from './pair-session/start-pairing.ts';
import type { SessionConfig } from './session-config.ts';

export interface SessionUseCases {
  getSessionStatus: GetSessionStatus;
  startPairing: StartPairing;
  logOutSession: LogOutSession;
  config: SessionConfig;
}

/** Past the first-code wait, a new attempt stays alive this much longer for a slow worker. */
const START_GRACE_MARGIN_MS = 10_000;

/**
 * The session use cases on their real adapters, as the session API function and the session
 * CLI run them: the sessions table (status, pairing attempt, shard leases) and the request
 * queues, with one reply queue per process for logouts.
 */
export function wireSessionUseCases(
  config: SessionConfig,
  clients: AwsClients,
  options: { onIgnoredReply?: () => void; logger?: Logger } = {},
): SessionUseCases {
  const events = wireSessionEvents(config, clients, options.logger ?? createLogger('session'));
  const attempts = new DynamoDbPairingAttempts({
    client: clients.dynamoDb,
    tableName: config.SESSIONS_TABLE_NAME,
    events,
  });
  const statuses = new SessionStatusStore({
    client: clients.dynamoDb,
    tableName: config.SESSIONS_TABLE_NAME,
  });
  const workerClient = wireWorkerClient(config, clients, options);
  return {
    config,
    getSessionStatus: createGetSessionStatus({ attempts, statuses }),
    startPairing: createStartPairing({
      attempts,
      statuses,
      workerClient,
      limits: {
        timeLimitMs: config.PAIRING_TIME_LIMIT_SECONDS * 1000,
        maxAttemptsPerHour: config.PAIRING_ATTEMPTS_PER_HOUR,
      },
      startGraceMs: config.PAIRING_FIRST_CODE_WAIT_MS + START_GRACE_MARGIN_MS,
    }),
    logOutSession: createLogOutSession({ attempts, workerClient }),
  };
}
