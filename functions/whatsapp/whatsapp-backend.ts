import type { Logger } from '@aws-lambda-powertools/logger';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SessionStatusStore } from '../adapters/dynamodb-session-status-store.ts';
import { type SessionIdentity, sessionShard } from '../domain/session/session-identity.ts';
import type { ContactChangeListener } from '../ports/contact-changes.ts';
import type { CredentialCipher } from '../ports/credential-cipher.ts';
import type { HeldShardLeases } from '../ports/held-shard-leases.ts';
import type { PairingAttemptStore } from '../ports/pairing-attempts.ts';
import type { SessionControl } from '../ports/session-control.ts';
import type { SessionEventPublisher } from '../ports/session-events.ts';
import type { WhatsAppDirectory } from '../ports/whatsapp-directory.ts';
import type { BaileysDirectoryConfig } from './baileys-directory-config.ts';
import type {
  DynamoDbAuthStateStore,
  DynamoDbAuthStateStoreOptions,
} from './dynamodb-auth-state-store.ts';
import { OfflineDirectory } from './offline-directory.ts';
import { OfflineSessionControl } from './offline-session-control.ts';
import { PairedOrOfflineDirectory } from './paired-or-offline-directory.ts';

/** Where profiles come from, and who pairs and logs out the sessions. */
export interface WhatsAppBackend {
  directory: WhatsAppDirectory;
  sessionControl: SessionControl;
}

/** The part of the worker's configuration the backend reads. */
export interface WhatsAppBackendConfig extends BaileysDirectoryConfig {
  /** `auto`: paired sessions from WhatsApp, unpaired ones from the offline directory. */
  WA_BACKEND: 'offline' | 'baileys' | 'auto';
  WA_DIRECTORY_FILE: string;
  SESSIONS_TABLE_NAME: string;
}

/** The worker's stores and clients the backend is built on; the worker builds each once. */
export interface WhatsAppBackendDependencies {
  /** For the sessions' credential stores, which carry Baileys and are loaded only when used. */
  dynamoDb: DynamoDBClient;
  statuses: SessionStatusStore;
  attempts: PairingAttemptStore;
  /** The shard leases this process holds: only their sessions are served, their writes fenced. */
  leases: HeldShardLeases;
  /** Seals the sessions' credentials and Signal keys before they are stored. */
  cipher: CredentialCipher;
  shardCount: number;
  logger: Logger;
  /** Where a paired session's drop and return are reported (`session.status` events). */
  events?: SessionEventPublisher;
  /** Where the live sessions hand the contact changes WhatsApp pushes (none offline). */
  contactChanges?: ContactChangeListener;
}

/** The one switch between WhatsApp backends: the directory the configuration asks for, and its session control. */
export async function wireWhatsAppBackend(
  config: WhatsAppBackendConfig,
  deps: WhatsAppBackendDependencies,
): Promise<WhatsAppBackend> {
  switch (config.WA_BACKEND) {
    case 'offline':
      return {
        directory: await OfflineDirectory.fromFile(config.WA_DIRECTORY_FILE),
        sessionControl: new OfflineSessionControl({
          attempts: deps.attempts,
          // Credentials another backend stored; loads the store (and Baileys) only on a logout.
          clearCredentials: async (identity: SessionIdentity) =>
            (await wireAuthStateStores(config, deps))(identity).clear(),
        }),
      };
    case 'baileys':
      return wireLiveBackend(config, deps);
    case 'auto': {
      // Pairing and logout are the live side's: pairing is how a session leaves the offline one.
      const live = await wireLiveBackend(config, deps);
      return {
        directory: new PairedOrOfflineDirectory({
          live: live.directory,
          offline: await OfflineDirectory.fromFile(config.WA_DIRECTORY_FILE),
          statuses: deps.statuses,
        }),
        sessionControl: live.sessionControl,
      };
    }
  }
}

async function wireLiveBackend(
  config: WhatsAppBackendConfig,
  deps: WhatsAppBackendDependencies,
): Promise<WhatsAppBackend> {
  // Loaded only when asked for: Baileys is heavy, and the offline worker starts faster.
  const { createBaileysBackend } = await import('./baileys-directory.ts');
  return createBaileysBackend({
    config,
    shardCount: deps.shardCount,
    leases: deps.leases,
    logger: deps.logger,
    statuses: deps.statuses,
    attempts: deps.attempts,
    authStoreFor: await wireAuthStateStores(config, deps),
    ...(deps.events && { events: deps.events }),
    ...(deps.contactChanges && { contactChanges: deps.contactChanges }),
  });
}

async function wireAuthStateStores(
  config: WhatsAppBackendConfig,
  deps: WhatsAppBackendDependencies,
) {
  // Loaded only when asked for: the store carries Baileys.
  const { DynamoDbAuthStateStore } = await import('./dynamodb-auth-state-store.ts');
  return createAuthStateStores({
    client: deps.dynamoDb,
    tableName: config.SESSIONS_TABLE_NAME,
    shardCount: deps.shardCount,
    leases: deps.leases,
    cipher: deps.cipher,
    open: (options) => new DynamoDbAuthStateStore(options),
  });
}

/**
 * Each session's credential store, fenced by its shard's lease: the one place the worker's
 * credential stores are built, for serving, pairing and logout alike. `open` builds one store
 * (the caller has loaded the store's module, which carries Baileys).
 */
export function createAuthStateStores(options: {
  client: DynamoDBClient;
  tableName: string;
  shardCount: number;
  leases: Pick<HeldShardLeases, 'fencingToken'>;
  cipher: CredentialCipher;
  open: (options: DynamoDbAuthStateStoreOptions) => DynamoDbAuthStateStore;
}): (identity: SessionIdentity) => DynamoDbAuthStateStore {
  const { client, tableName, shardCount, leases, cipher } = options;
  return (identity) => {
    const shard = sessionShard(identity, shardCount);
    return options.open({
      client,
      tableName,
      identity,
      cipher,
      fencingToken: () => leases.fencingToken(shard),
    });
  };
}
