import { SessionStatusStore } from '../adapters/dynamodb-session-status-store.ts';
import type { WhatsAppDirectory } from '../ports/whatsapp-directory.ts';
import type { BaileysDirectoryDependencies } from '../whatsapp/baileys-directory.ts';
import { OfflineDirectory } from './offline-directory.ts';
import { PairedOrOfflineDirectory } from './paired-or-offline-directory.ts';
import type { WorkerConfig } from './worker-config.ts';

/** Picks the directory adapter the configuration asks for. */
export async function createWhatsAppDirectory(
  config: WorkerConfig,
  deps: Pick<BaileysDirectoryDependencies, 'dynamoDb' | 'logger' | 'leases'>,
): Promise<WhatsAppDirectory> {
  switch (config.WA_BACKEND) {
    case 'offline':
      return OfflineDirectory.fromFile(config.WA_DIRECTORY_FILE);
    case 'baileys':
      return createLiveDirectory(config, deps);
    case 'auto':
      return new PairedOrOfflineDirectory({
        live: await createLiveDirectory(config, deps),
        offline: await OfflineDirectory.fromFile(config.WA_DIRECTORY_FILE),
        statuses: new SessionStatusStore({
          client: deps.dynamoDb,
          tableName: config.SESSIONS_TABLE_NAME,
        }),
      });
  }
}

async function createLiveDirectory(
  config: WorkerConfig,
  deps: Pick<BaileysDirectoryDependencies, 'dynamoDb' | 'logger' | 'leases'>,
): Promise<WhatsAppDirectory> {
  // Loaded only when asked for: Baileys is heavy, and the offline worker starts faster.
  const { createBaileysDirectory } = await import('../whatsapp/baileys-directory.ts');
  return createBaileysDirectory(config, {
    ...deps,
    sessionsTableName: config.SESSIONS_TABLE_NAME,
    shardCount: config.REQUEST_QUEUE_URLS.length,
  });
}
