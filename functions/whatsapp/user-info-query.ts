import { type BinaryNode, childNode, childrenByTag, nodeText, stanzaError } from './binary-node.ts';
import { type FieldReading, NOT_SET, readingForErrorCode } from './profile-field.ts';
import { buildUsyncIq, usyncUsers } from './usync-query.ts';
import { parseVerifiedName, type VerifiedName } from './verified-name.ts';
import { WhatsAppStanzaError } from './whatsapp-stanza-error.ts';

/** A privacy token (tctoken) the contact issued to this session; lets hidden fields through. */
export interface PrivacyToken {
  token: Uint8Array;
  timestamp: string;
}

export interface UserInfo {
  jid: string;
  status: FieldReading;
  picture: FieldReading;
  /** Device JIDs, `user:device@server` (`user@server` for device 0). */
  devices: string[];
  verifiedName: VerifiedName | null;
  /** The contact's linked identity, when WhatsApp disclosed it. */
  lid: string | undefined;
}

/**
 * One usync query for everything user_info needs: status, picture id, device list and the
 * verified business name (the last two Baileys has no method for), plus the LID. Mode `full`,
 * context `background`, as WhatsApp Web does for contact info.
 */
export function buildUserInfoQuery(
  jid: string,
  sid: string,
  privacyToken?: PrivacyToken,
): BinaryNode {
  const userContent: BinaryNode[] = privacyToken
    ? [{ tag: 'tctoken', attrs: { t: privacyToken.timestamp }, content: privacyToken.token }]
    : [];
  return buildUsyncIq({
    sid,
    mode: 'full',
    context: 'background',
    protocols: [
      { tag: 'business', attrs: {}, content: [{ tag: 'verified_name', attrs: {} }] },
      { tag: 'status', attrs: {} },
      { tag: 'picture', attrs: {} },
      { tag: 'devices', attrs: { version: '2' } },
      { tag: 'lid', attrs: {} },
    ],
    users: [{ tag: 'user', attrs: { jid }, content: userContent }],
  });
}

/** Reads the reply to buildUserInfoQuery; null when WhatsApp returned no such user. */
export function parseUserInfoReply(reply: BinaryNode, jid: string): UserInfo | null {
  const users = usyncUsers(reply);
  const user =
    users.find((node) => node.attrs.jid === jid) ?? (users.length === 1 ? users[0] : undefined);
  if (!user) return null;
  const devicesNode = childNode(user, 'devices');
  const devicesError = stanzaError(devicesNode);
  if (devicesError?.code === 404) return null;
  if (devicesError) throw new WhatsAppStanzaError(devicesError.code, devicesError.text);
  return {
    jid,
    status: readStatus(childNode(user, 'status')),
    picture: readPicture(childNode(user, 'picture')),
    devices: readDevices(jid, devicesNode),
    verifiedName: parseVerifiedName(childNode(user, 'business')),
    lid: childNode(user, 'lid')?.attrs.val || undefined,
  };
}

function readStatus(node: BinaryNode | undefined): FieldReading {
  if (!node) return NOT_SET;
  const error = stanzaError(node);
  if (error) return fieldError(error.code, error.text);
  const text = nodeText(node);
  return text.length > 0 ? { visibility: 'set', value: text } : NOT_SET;
}

function readPicture(node: BinaryNode | undefined): FieldReading {
  if (!node) return NOT_SET;
  const error = stanzaError(node);
  if (error) return fieldError(error.code, error.text);
  const id = node.attrs.id;
  return id ? { visibility: 'set', value: id } : NOT_SET;
}

function fieldError(code: number, text: string): FieldReading {
  const reading = readingForErrorCode(code);
  if (reading) return reading;
  throw new WhatsAppStanzaError(code, text);
}

function readDevices(jid: string, devicesNode: BinaryNode | undefined): string[] {
  const at = jid.indexOf('@');
  const user = jid.slice(0, at);
  const server = jid.slice(at + 1);
  const devices: string[] = [];
  for (const device of childrenByTag(childNode(devicesNode, 'device-list'), 'device')) {
    const id = Number(device.attrs.id);
    if (!Number.isInteger(id) || id < 0) continue;
    const hosted = device.attrs.is_hosted === 'true';
    const deviceServer = hosted ? (server === 'lid' ? 'hosted.lid' : 'hosted') : server;
    devices.push(id === 0 ? `${user}@${deviceServer}` : `${user}:${id}@${deviceServer}`);
  }
  return devices;
}
