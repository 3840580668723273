import type { SessionStatus } from '../adapters/dynamodb-session-status-store.ts';
import type { ContactProfile } from '../domain/contact/contact-profile.ts';
import type { ContactQuery } from '../domain/contact/contact-query.ts';
import type { SessionIdentity } from '../domain/session/session-identity.ts';
import type {
  DirectoryBatchItem,
  DirectoryPicture,
  PictureRequest,
  WhatsAppDirectory,
} from '../ports/whatsapp-directory.ts';

/**
 * `WA_BACKEND=auto`, the local stack's choice: a session never paired answers from the offline
 * directory, so `npm start` works out of the box; once a session is paired (or was, and is now
 * logged out and must be re-paired) it answers from WhatsApp through the live directory.
 */
export class PairedOrOfflineDirectory implements WhatsAppDirectory {
  readonly #live: WhatsAppDirectory;
  readonly #offline: WhatsAppDirectory;
  readonly #statuses: { get(identity: SessionIdentity): Promise<SessionStatus> };

  constructor(options: {
    live: WhatsAppDirectory;
    offline: WhatsAppDirectory;
    statuses: { get(identity: SessionIdentity): Promise<SessionStatus> };
  }) {
    this.#live = options.live;
    this.#offline = options.offline;
    this.#statuses = options.statuses;
  }

  async lookup(
    identity: SessionIdentity,
    contact: ContactQuery,
    signal: AbortSignal,
  ): Promise<ContactProfile> {
    return (await this.#directoryFor(identity)).lookup(identity, contact, signal);
  }

  async lookupPicture(
    identity: SessionIdentity,
    contact: ContactQuery,
    request: PictureRequest,
    signal: AbortSignal,
  ): Promise<DirectoryPicture> {
    return (await this.#directoryFor(identity)).lookupPicture(identity, contact, request, signal);
  }

  async lookupMany(
    identity: SessionIdentity,
    contacts: ContactQuery[],
    signal: AbortSignal,
  ): Promise<DirectoryBatchItem[]> {
    return (await this.#directoryFor(identity)).lookupMany(identity, contacts, signal);
  }

  async #directoryFor(identity: SessionIdentity): Promise<WhatsAppDirectory> {
    const status = await this.#statuses.get(identity);
    return status.state === 'unpaired' ? this.#offline : this.#live;
  }

  async openShard(shard: number): Promise<void> {
    await this.#live.openShard?.(shard);
  }

  async closeShard(shard: number): Promise<void> {
    await this.#live.closeShard?.(shard);
  }

  async close(): Promise<void> {
    await this.#live.close?.();
  }
}
