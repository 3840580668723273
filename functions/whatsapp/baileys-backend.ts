import type { Logger } from '@aws-lambda-powertools/logger';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { UserFacingSocketConfig, WASocket } from 'baileys';
import { DynamoDbPairingAttempts } from '../adapters/dynamodb-pairing-attempts.ts';
import { SessionStatusStore } from '../adapters/dynamodb-session-status-store.ts';
import type { SessionIdentity } from '../domain/session/session-identity.ts';
import type { HeldShardLeases } from '../ports/held-shard-leases.ts';
import type { PairingAttemptStore } from '../ports/pairing-attempts.ts';
import type { SessionControl } from '../ports/session-control.ts';
import { BaileysDirectory } from './baileys-directory.ts';
import type { BaileysDirectoryConfig } from './baileys-directory-config.ts';
import { BaileysSessionControl } from './baileys-session-control.ts';
import { createAuthStateStores, type DynamoDbAuthStateStore } from './dynamodb-auth-state-store.ts';
import { PairingCoordinator } from './pairing-coordinator.ts';
import { createPairingSession } from './pairing-session.ts';
import { createServingSession } from './serving-session.ts';
import { SessionManager } from './session-manager.ts';

export interface BaileysBackendOptions {
  config: BaileysDirectoryConfig;
  shardCount: number;
  /** The shard leases this process holds: only their sessions are served, their writes fenced. */
  leases: HeldShardLeases;
  logger: Logger;
  statuses: SessionStatusStore;
  attempts: PairingAttemptStore;
  /** Each session's credential store, fenced by its shard's lease. */
  authStoreFor: (identity: SessionIdentity) => DynamoDbAuthStateStore;
  /** Seam for tests; Baileys' makeWASocket otherwise. */
  makeSocket?: (config: UserFacingSocketConfig) => WASocket;
}

/**
 * The live backend (`WA_BACKEND=baileys`, and the live side of `auto`): one session manager
 * whose sockets serve the directory's lookups, and pairing and logout on the same sessions.
 */
export function createBaileysBackend(options: BaileysBackendOptions): {
  directory: BaileysDirectory;
  sessionControl: SessionControl;
} {
  const { config, shardCount, leases, logger, statuses, authStoreFor } = options;
  const connection = (identity: SessionIdentity) => ({
    identity,
    authStore: authStoreFor(identity),
    statusStore: statuses,
    webSocketUrl: config.WA_WEBSOCKET_URL,
    logger,
    connectTimeoutMs: config.WA_CONNECT_TIMEOUT_MS,
    ...(options.makeSocket && { makeSocket: options.makeSocket }),
  });
  const backoff = { baseMs: config.WA_RECONNECT_BASE_MS, maxMs: config.WA_RECONNECT_MAX_MS };
  const sessions = new SessionManager({
    shardCount,
    leases,
    recheckIdleMs: config.WA_SESSION_RECHECK_MS,
    createSession: (identity) => createServingSession({ ...connection(identity), backoff }),
    createPairingSession: (identity, { phoneDigits, onEvent }) =>
      createPairingSession({
        ...connection(identity),
        ...(phoneDigits && { phoneNumber: phoneDigits }),
        onEvent,
        serveOnceOpen: { backoff },
      }),
  });
  const pairing = new PairingCoordinator({
    attempts: options.attempts,
    sessions,
    shardCount,
    logger,
  });
  return {
    directory: new BaileysDirectory({ config, sessions, statuses, logger, pairing }),
    sessionControl: new BaileysSessionControl({
      sessions,
      pairing,
      authStoreFor,
      connectWaitMs: config.WA_CONNECT_WAIT_MS,
      logger,
    }),
  };
}

/**
 * The live backend on its own, from a DynamoDB client and the sessions table (the bench and the
 * integration tests; the worker builds its stores once and goes through `wireWhatsAppBackend`).
 */
export function wireBaileysBackend(
  config: BaileysDirectoryConfig,
  clients: {
    dynamoDb: DynamoDBClient;
    sessionsTableName: string;
    shardCount: number;
    logger: Logger;
    leases: HeldShardLeases;
    makeSocket?: (config: UserFacingSocketConfig) => WASocket;
  },
): ReturnType<typeof createBaileysBackend> {
  const { dynamoDb: client, sessionsTableName: tableName, ...rest } = clients;
  return createBaileysBackend({
    config,
    ...rest,
    statuses: new SessionStatusStore({ client, tableName }),
    attempts: new DynamoDbPairingAttempts(client, tableName),
    authStoreFor: createAuthStateStores({
      client,
      tableName,
      shardCount: clients.shardCount,
      leases: clients.leases,
    }),
  });
}
