import type { ContactChange } from '../domain/contact/contact-change.ts';
import { normaliseUserJid } from '../domain/contact/normalise-jid.ts';
import { type BinaryNode, childNode, childNodes, nodeBytes } from './binary-node.ts';
import { parseVerifiedName } from './verified-name.ts';

/** What a `<notification>` says about the session's contacts, read as whatsmeow reads it. */
export type NotificationReading =
  | { kind: 'changes'; type: string; changes: ContactChange[] }
  /** A type Baileys acts on (keys, app state, groups, ...) that changes no contact's profile. */
  | { kind: 'not-a-contact-change'; type: string }
  | { kind: 'unknown'; type: string }
  | { kind: 'malformed'; type: string; reason: string };

/** Notification types Baileys or whatsmeow handle that say nothing about a contact's profile. */
const OTHER_KNOWN_TYPES = new Set([
  'encrypt',
  'server_sync',
  'account_sync',
  'fbid:devices',
  'w:gp2',
  'mediaretry',
  'privacy_token',
  'link_code_companion_reg',
  'newsletter',
  'mex',
  'passkey_prologue_request',
  'crsc_continuation',
]);

/**
 * Reads a `<notification>` as whatsmeow's handlers do: `picture` (events.Picture: each
 * `<set|add id>` or `<delete>` child names its contact in `jid`), `status` (events.UserAbout:
 * the sender's new about text, the bytes of `<set>`), `devices` (the sender's device list
 * changed: `<add|remove|update>`; whatsmeow keeps it only in a cache, our profiles serve it, so
 * it marks them stale). A child that does not parse is skipped, as whatsmeow skips it; groups
 * and other non-user JIDs are no contact of a directory reader.
 */
export function readNotification(node: BinaryNode): NotificationReading {
  const type = node.attrs.type;
  if (node.tag !== 'notification' || !type) {
    return { kind: 'malformed', type: type ?? '', reason: 'not a notification with a type' };
  }
  switch (type) {
    case 'picture':
      return pictureChanges(node, type);
    case 'status':
      return statusChange(node, type);
    case 'devices':
      return deviceListChange(node, type);
    default:
      return OTHER_KNOWN_TYPES.has(type)
        ? { kind: 'not-a-contact-change', type }
        : { kind: 'unknown', type };
  }
}

function pictureChanges(node: BinaryNode, type: string): NotificationReading {
  const changes: ContactChange[] = [];
  let skipped = 0;
  for (const child of childNodes(node)) {
    if (child.tag !== 'set' && child.tag !== 'add' && child.tag !== 'delete') continue;
    const jid = userJid(child.attrs.jid);
    // A removed picture has no id; a set or added one must name it (whatsmeow skips it else).
    const id = child.tag === 'delete' ? '' : child.attrs.id;
    if (jid === undefined || id === undefined || (child.tag !== 'delete' && id === '')) {
      if (!isOtherJid(child.attrs.jid)) skipped += 1;
      continue;
    }
    changes.push({ jids: [jid], fields: ['PictureID'], values: { PictureID: id } });
  }
  if (changes.length > 0) return { kind: 'changes', type, changes };
  return skipped > 0
    ? { kind: 'malformed', type, reason: 'no child names a contact and a picture id' }
    : { kind: 'not-a-contact-change', type };
}

/** What a notification from a non-user sender reads as: a group's or channel's is not ours. */
function notFromAUser(node: BinaryNode, type: string): NotificationReading {
  return isOtherJid(node.attrs.from)
    ? { kind: 'not-a-contact-change', type }
    : { kind: 'malformed', type, reason: 'the sender is not a user JID' };
}

function statusChange(node: BinaryNode, type: string): NotificationReading {
  const jid = userJid(node.attrs.from);
  if (jid === undefined) return notFromAUser(node, type);
  const set = childNode(node, 'set');
  if (!set) return { kind: 'malformed', type, reason: 'no <set> child' };
  const status = nodeBytes(set);
  if (status === undefined) return { kind: 'malformed', type, reason: '<set> holds no text' };
  const text = Buffer.from(status).toString('utf8');
  return {
    kind: 'changes',
    type,
    changes: [{ jids: [jid], fields: ['Status'], values: { Status: text } }],
  };
}

function deviceListChange(node: BinaryNode, type: string): NotificationReading {
  const jid = userJid(node.attrs.from);
  if (jid === undefined) return notFromAUser(node, type);
  const known = childNodes(node).some((child) => ['add', 'remove', 'update'].includes(child.tag));
  if (!known) return { kind: 'malformed', type, reason: 'no <add>, <remove> or <update> child' };
  const lid = userJid(node.attrs.lid);
  const jids = lid && lid !== jid ? [jid, lid] : [jid];
  return { kind: 'changes', type, changes: [{ jids, fields: ['Devices'], values: {} }] };
}

/**
 * The verified business name an incoming message carries (whatsmeow's events.BusinessName
 * comes from the same `<verified_name>` child): the sender's certificate, as a user-info
 * lookup would serve it. Undefined for a message without one, or with one naming no name (as
 * whatsmeow, which updates only on a non-empty name); throws when the certificate is corrupt.
 */
export function readVerifiedNameChange(node: BinaryNode): ContactChange | undefined {
  if (node.tag !== 'message' || node.attrs.participant) return undefined;
  if (!childNode(node, 'verified_name')) return undefined;
  const jid = userJid(node.attrs.from);
  if (jid === undefined) return undefined;
  const verifiedName = parseVerifiedName(node);
  if (!verifiedName?.Details.verifiedName) return undefined;
  const alternate = userJid(node.attrs.sender_pn) ?? userJid(node.attrs.sender_lid);
  return {
    jids: alternate && alternate !== jid ? [jid, alternate] : [jid],
    fields: ['VerifiedName'],
    values: { VerifiedName: verifiedName },
  };
}

/** A user's JID without its device, or undefined for anything else (absent, group, bad). */
function userJid(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  try {
    return normaliseUserJid(raw);
  } catch {
    return undefined;
  }
}

/** A well-formed JID that names no user (a group's picture, a channel): not ours to read. */
function isOtherJid(raw: string | undefined): boolean {
  if (!raw) return false;
  const server = raw.slice(raw.indexOf('@') + 1);
  return raw.includes('@') && !['s.whatsapp.net', 'c.us', 'lid'].includes(server);
}
