import type { WhatsAppDirectory } from '../shared/ports/whatsapp-directory.ts';
import { OfflineDirectory } from './offline-directory.ts';
import {
  type BaileysDirectoryDependencies,
  createBaileysDirectory,
} from './whatsapp/baileys-directory.ts';
import type { WorkerConfig } from './worker-config.ts';

/** Picks the directory adapter the configuration asks for. */
export async function createWhatsAppDirectory(
  config: WorkerConfig,
  deps: Pick<BaileysDirectoryDependencies, 'dynamoDb' | 'logger' | 'ownsShard' | 'fencingToken'>,
): Promise<WhatsAppDirectory> {
  switch (config.WA_BACKEND) {
    case 'offline':
      return OfflineDirectory.fromFile(config.WA_DIRECTORY_FILE);
    case 'baileys':
      return createBaileysDirectory(config, {
        ...deps,
        sessionsTableName: config.SESSIONS_TABLE_NAME,
        shardCount: config.REQUEST_QUEUE_URLS.length,
      });
  }
}
