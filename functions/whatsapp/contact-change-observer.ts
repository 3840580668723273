import type { Logger } from '@aws-lambda-powertools/logger';
import type { BinaryNode, WASocket } from 'baileys';
import type { ContactChange } from '../domain/contact/contact-change.ts';
import type { SessionIdentity } from '../domain/session/session-identity.ts';
import { maskJid } from '../platform/mask-personal-data.ts';
import type { ContactChangeListener } from '../ports/contact-changes.ts';
import { BoundedCache } from './bounded-cache.ts';
import { readNotification, readVerifiedNameChange } from './contact-change-notifications.ts';

export interface ContactChangeObserverOptions {
  identity: SessionIdentity;
  listener: ContactChangeListener;
  logger: Logger;
}

/** Changes waiting for the cache beyond this are dropped (and logged): a burst cannot grow memory. */
export const MAX_PENDING_CHANGES = 1_000;

/** Senders whose verified name this socket has seen, so each name is looked at once. */
const VERIFIED_NAMES_SEEN = { maxEntries: 256, ttlMs: 60 * 60_000 };

/**
 * Listens, beside Baileys, to what WhatsApp pushes on a session's socket: change notifications
 * (picture, about text, device list) and the verified name on incoming messages. Baileys keeps
 * handling and acknowledging every stanza itself (one plain `<ack>` each, as whatsmeow sends),
 * so this only reads. Each change names the contact by both its phone-number JID and its LID
 * when Baileys' mapping knows the other, and goes to the listener in arrival order, one at a
 * time. Unknown and malformed notifications are logged with masked JIDs and otherwise ignored.
 */
export function observeContactChanges(socket: WASocket, options: ContactChangeObserverOptions) {
  const { identity, listener, logger } = options;
  const seenNames = new BoundedCache(VERIFIED_NAMES_SEEN);
  let queue: Promise<void> = Promise.resolve();
  let pending = 0;

  const enqueue = (change: ContactChange) => {
    if (pending >= MAX_PENDING_CHANGES) {
      logger.warn('contact change dropped: too many waiting', {
        contact: change.jids.map(maskJid),
      });
      return;
    }
    pending += 1;
    queue = queue
      .then(async () => listener.contactChanged(identity, await withAlternateJids(socket, change)))
      .catch(() => undefined)
      .finally(() => {
        pending -= 1;
      });
  };

  socket.ws.on('CB:notification', (node: BinaryNode) => {
    const reading = readNotification(node);
    const from = maskJid(node.attrs?.from ?? '');
    if (reading.kind === 'changes') {
      for (const change of reading.changes) enqueue(change);
    } else if (reading.kind === 'unknown') {
      logger.debug('notification type not read', { type: reading.type, from });
    } else if (reading.kind === 'malformed') {
      logger.warn('notification ignored: malformed', {
        type: reading.type,
        from,
        reason: reading.reason,
      });
    }
  });

  socket.ws.on('CB:message', (node: BinaryNode) => {
    try {
      const change = readVerifiedNameChange(node);
      if (!change) return;
      const key = `${change.jids[0]}|${JSON.stringify(change.values.VerifiedName)}`;
      if (seenNames.get(key)) return;
      seenNames.set(key, true);
      enqueue(change);
    } catch (error) {
      logger.warn('verified name ignored: malformed', {
        from: maskJid(node.attrs?.from ?? ''),
        errorMessage: error instanceof Error ? error.message : String(error),
      });
    }
  });

  /** Resolves once every change received so far reached the listener (tests, shutdown). */
  return { settled: () => queue };
}

/**
 * The change with the contact's other JID (LID for a phone number, or back) when the session
 * already knows it. Read from the stored mapping only: Baileys' getLIDForPN would ask WhatsApp
 * (a usync query) for a number it does not know, and a notification must never cost a lookup.
 */
async function withAlternateJids(socket: WASocket, change: ContactChange): Promise<ContactChange> {
  const jids = new Set(change.jids);
  for (const jid of change.jids) {
    const user = jid.slice(0, jid.indexOf('@'));
    const other = await (jid.endsWith('@lid')
      ? socket.signalRepository.lidMapping.getPNForLID(jid)
      : storedLid(user)
    ).catch(() => null);
    if (typeof other === 'string') jids.add(other.replace(/:\d+@/, '@'));
  }
  return { ...change, jids: [...jids] };

  async function storedLid(user: string): Promise<string | null> {
    const stored: Record<string, unknown> = await socket.authState.keys.get('lid-mapping', [user]);
    const lidUser = stored[user];
    return typeof lidUser === 'string' && lidUser ? `${lidUser}@lid` : null;
  }
}
