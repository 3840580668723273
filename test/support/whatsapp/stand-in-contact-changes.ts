import { createHash, randomBytes } from 'node:crypto';
import { type BinaryNode, proto } from 'baileys';
import type { WhatsAppServerStandIn } from './server-stand-in.ts';

/**
 * The change notifications WhatsApp's server pushes to a linked device when a contact changes
 * its profile, shaped as whatsmeow's handlers read them (notification.go): a `picture`
 * notification names the contact in each `<set|delete jid>` child, a `status` one carries the
 * new about text as the bytes of `<set>`, a `devices` one lists `<add|remove|update>` with the
 * changed device. Each has WhatsApp's numeric id and `t` (seconds); the device must answer
 * each with one `<ack class="notification" type=… id=…>`.
 */

let sequence = 0;

function notification(type: string, from: string, content: BinaryNode[]): BinaryNode {
  sequence += 1;
  return {
    tag: 'notification',
    attrs: {
      from,
      type,
      id: String(3_000_000_000 + sequence),
      t: String(Math.floor(Date.now() / 1000)),
    },
    content,
  };
}

/** The contact set a new picture (`pictureId`), or removed it (`null`). */
export function pictureChanged(contactJid: string, pictureId: string | null): BinaryNode {
  return notification('picture', contactJid, [
    pictureId === null
      ? { tag: 'delete', attrs: { jid: contactJid } }
      : { tag: 'set', attrs: { jid: contactJid, id: pictureId, author: contactJid } },
  ]);
}

/** The contact set a new about text. */
export function aboutChanged(contactJid: string, status: string): BinaryNode {
  return notification('status', contactJid, [
    { tag: 'set', attrs: {}, content: Buffer.from(status, 'utf8') },
  ]);
}

/** The contact linked (`add`) or removed a device (`device`: its number, e.g. 3). */
export function deviceListChanged(
  contactJid: string,
  change: 'add' | 'remove',
  device: number,
  lid?: string,
): BinaryNode {
  const user = contactJid.slice(0, contactJid.indexOf('@'));
  const node = notification('devices', contactJid, [
    {
      tag: change,
      attrs: { device_hash: '2:loopback' },
      content: [{ tag: 'device', attrs: { jid: `${user}:${device}@s.whatsapp.net` } }],
    },
  ]);
  // WhatsApp names the contact's LID beside its phone-number JID when it has one.
  if (lid) node.attrs.lid = lid;
  return node;
}

/**
 * An incoming message from a business whose verified name is `name`: WhatsApp puts the
 * sender's certificate beside the ciphertext (`<verified_name>`), which whatsmeow reads for its
 * BusinessName event. The ciphertext is random: Baileys fails to decrypt it, as for any message
 * a stand-in without Signal sessions pushes.
 */
export function messageWithVerifiedName(contactJid: string, name: string, serial = 7): BinaryNode {
  sequence += 1;
  const details = proto.VerifiedNameCertificate.Details.encode({
    serial,
    issuer: 'smb:wa',
    verifiedName: name,
  }).finish();
  const certificate = proto.VerifiedNameCertificate.encode({
    details,
    // The same certificate on every message, as WhatsApp sends it.
    signature: createHash('sha512').update(details).digest(),
  }).finish();
  return {
    tag: 'message',
    attrs: {
      from: contactJid,
      id: `3EB0C0FFEE${String(sequence).padStart(10, '0')}`,
      type: 'text',
      t: String(Math.floor(Date.now() / 1000)),
    },
    content: [
      { tag: 'verified_name', attrs: { v: '1' }, content: Buffer.from(certificate) },
      { tag: 'enc', attrs: { v: '2', type: 'msg' }, content: randomBytes(96) },
    ],
  };
}

/** Pushes `node` to the companion's live connections as the server does; returns its id. */
export function pushToCompanion(
  whatsApp: Pick<WhatsAppServerStandIn, 'push'>,
  companion: string,
  node: BinaryNode,
): string {
  const delivered = whatsApp.push(node, companion);
  if (delivered === 0) throw new Error(`no live connection of ${companion} to push to`);
  return node.attrs.id ?? '';
}

/** The acks the companion sent for the stanza `id`. */
export function acksFor(
  whatsApp: Pick<WhatsAppServerStandIn, 'receivedFrom'>,
  companion: string,
  id: string,
): BinaryNode[] {
  return whatsApp
    .receivedFrom(companion)
    .filter((node) => node.tag === 'ack' && node.attrs.id === id);
}
