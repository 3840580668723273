import type { BinaryNode } from './binary-node.ts';
import { WHATSAPP_SERVER } from './usync-query.ts';

/**
 * The IQ that unlinks this companion from the account (`<remove-companion-device>` in the `md`
 * namespace, reason `user_initiated`), as whatsmeow's Logout and Baileys' logout send it. Sent
 * with a query and its answer read, as whatsmeow does: only a result means WhatsApp unlinked it.
 */
export function buildLogoutQuery(deviceJid: string): BinaryNode {
  return {
    tag: 'iq',
    attrs: { to: WHATSAPP_SERVER, type: 'set', xmlns: 'md' },
    content: [
      { tag: 'remove-companion-device', attrs: { jid: deviceJid, reason: 'user_initiated' } },
    ],
  };
}
