import type { Logger } from '@aws-lambda-powertools/logger';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { UserFacingSocketConfig, WASocket } from 'baileys';
import { DynamoDbPairingAttempts } from '../../../functions/adapters/dynamodb-pairing-attempts.ts';
import { SessionStatusStore } from '../../../functions/adapters/dynamodb-session-status-store.ts';
import type { ContactChangeListener } from '../../../functions/ports/contact-changes.ts';
import type { CredentialCipher } from '../../../functions/ports/credential-cipher.ts';
import type { HeldShardLeases } from '../../../functions/ports/held-shard-leases.ts';
import { createBaileysBackend } from '../../../functions/whatsapp/baileys-directory.ts';
import type { BaileysDirectoryConfig } from '../../../functions/whatsapp/baileys-directory-config.ts';
import { DynamoDbAuthStateStore } from '../../../functions/whatsapp/dynamodb-auth-state-store.ts';
import { createAuthStateStores } from '../../../functions/whatsapp/whatsapp-backend.ts';
import { testCredentialCipher } from './test-credential-cipher.ts';

/**
 * The live backend on its own, its stores built from a DynamoDB client and the sessions table,
 * for the integration tests and the bench (the worker builds its stores once, in startWorker,
 * and goes through `wireWhatsAppBackend`).
 */
export function wireBaileysBackend(
  config: BaileysDirectoryConfig,
  clients: {
    dynamoDb: DynamoDBClient;
    sessionsTableName: string;
    shardCount: number;
    logger: Logger;
    leases: HeldShardLeases;
    /** The tests' shared local key unless given (the bench brings its own). */
    cipher?: CredentialCipher;
    makeSocket?: (config: UserFacingSocketConfig) => WASocket;
    contactChanges?: ContactChangeListener;
  },
): ReturnType<typeof createBaileysBackend> {
  const {
    dynamoDb: client,
    sessionsTableName: tableName,
    cipher = testCredentialCipher,
    ...rest
  } = clients;
  return createBaileysBackend({
    config,
    ...rest,
    statuses: new SessionStatusStore({ client, tableName }),
    attempts: new DynamoDbPairingAttempts({ client, tableName }),
    authStoreFor: createAuthStateStores({
      client,
      tableName,
      shardCount: clients.shardCount,
      leases: clients.leases,
      cipher,
      open: (options) => new DynamoDbAuthStateStore(options),
    }),
  });
}
