import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDbPairingAttempts } from '../adapters/dynamodb-pairing-attempts.ts';
import { SessionStatusStore } from '../adapters/dynamodb-session-status-store.ts';
import { type SessionIdentity, sessionShard } from '../domain/session/session-identity.ts';
import type { SessionControl } from '../ports/session-control.ts';
import type { WhatsAppDirectory } from '../ports/whatsapp-directory.ts';
import type { BaileysDirectoryDependencies } from '../whatsapp/baileys-directory.ts';
import { OfflineDirectory } from './offline-directory.ts';
import { OfflineSessionControl } from './offline-session-control.ts';
import { PairedOrOfflineDirectory } from './paired-or-offline-directory.ts';
import type { WorkerConfig } from './worker-config.ts';

/** Where profiles come from, and who pairs and logs out the sessions. */
export interface WhatsAppBackend {
  directory: WhatsAppDirectory;
  sessionControl: SessionControl;
}

type BackendDependencies = Pick<
  BaileysDirectoryDependencies,
  'dynamoDb' | 'logger' | 'leases' | 'events'
>;

/** Picks the directory adapter the configuration asks for, and its session control. */
export async function createWhatsAppBackend(
  config: WorkerConfig,
  deps: BackendDependencies,
): Promise<WhatsAppBackend> {
  switch (config.WA_BACKEND) {
    case 'offline':
      return {
        directory: await OfflineDirectory.fromFile(config.WA_DIRECTORY_FILE),
        sessionControl: offlineSessionControl(config, deps),
      };
    case 'baileys':
      return createLiveBackend(config, deps);
    case 'auto': {
      // Pairing and logout are the live side's: pairing is how a session leaves the offline one.
      const live = await createLiveBackend(config, deps);
      return {
        directory: new PairedOrOfflineDirectory({
          live: live.directory,
          offline: await OfflineDirectory.fromFile(config.WA_DIRECTORY_FILE),
          statuses: new SessionStatusStore({
            client: deps.dynamoDb,
            tableName: config.SESSIONS_TABLE_NAME,
          }),
        }),
        sessionControl: live.sessionControl,
      };
    }
  }
}

async function createLiveBackend(
  config: WorkerConfig,
  deps: BackendDependencies,
): Promise<WhatsAppBackend> {
  // Loaded only when asked for: Baileys is heavy, and the offline worker starts faster.
  const { createBaileysDirectory } = await import('../whatsapp/baileys-directory.ts');
  const directory = createBaileysDirectory(config, {
    ...deps,
    sessionsTableName: config.SESSIONS_TABLE_NAME,
    shardCount: config.REQUEST_QUEUE_URLS.length,
  });
  if (!directory.sessionControl) throw new Error('the Baileys directory was built without pairing');
  return { directory, sessionControl: directory.sessionControl };
}

function offlineSessionControl(config: WorkerConfig, deps: BackendDependencies): SessionControl {
  const shardCount = config.REQUEST_QUEUE_URLS.length;
  return new OfflineSessionControl({
    attempts: new DynamoDbPairingAttempts(deps.dynamoDb, config.SESSIONS_TABLE_NAME, {
      ...(deps.events && { events: deps.events }),
    }),
    clearCredentials: (identity) =>
      clearCredentials(deps.dynamoDb, config.SESSIONS_TABLE_NAME, identity, () =>
        deps.leases.fencingToken(sessionShard(identity, shardCount)),
      ),
  });
}

/** Credentials another backend stored; loads the store (and Baileys) only on a logout. */
async function clearCredentials(
  client: DynamoDBClient,
  tableName: string,
  identity: SessionIdentity,
  fencingToken: () => number | undefined,
): Promise<void> {
  const { DynamoDbAuthStateStore } = await import('../whatsapp/dynamodb-auth-state-store.ts');
  await new DynamoDbAuthStateStore({ client, tableName, identity, fencingToken }).clear();
}
