import type { WhatsAppDirectory } from '../shared/ports/whatsapp-directory.ts';
import { OfflineDirectory } from './offline-directory.ts';
import type { WorkerConfig } from './worker-config.ts';

/** Picks the directory adapter the configuration asks for. */
export async function createWhatsAppDirectory(config: WorkerConfig): Promise<WhatsAppDirectory> {
  switch (config.WA_BACKEND) {
    case 'offline':
      return OfflineDirectory.fromFile(config.WA_DIRECTORY_FILE);
    case 'baileys':
      throw new Error('WA_BACKEND=baileys is not available in this build yet');
  }
}
