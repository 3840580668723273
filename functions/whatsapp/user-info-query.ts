import {
  type BinaryNode,
  childNode,
  childrenByTag,
  nodeText,
  type StanzaError,
  stanzaError,
} from './binary-node.ts';
import type { PrivacyToken } from './privacy-token.ts';
import { type FieldReading, NOT_SET, readingForErrorCode, UNAVAILABLE } from './profile-field.ts';
import { buildUsyncIq, readUsyncReply } from './usync-query.ts';
import { parseVerifiedName, type VerifiedName } from './verified-name.ts';
import { WhatsAppStanzaError } from './whatsapp-stanza-error.ts';

/** A field WhatsApp's reply left out, and why (for the log line; never sent to clients). */
export interface MissingField {
  field: 'Devices' | 'VerifiedName';
  reason: string;
}

export interface UserInfo {
  jid: string;
  status: FieldReading;
  picture: FieldReading;
  /** Device JIDs, `user:device@server` (`user@server` for device 0); [] when unavailable. */
  devices: string[];
  /** null for a non-business, and when the certificate could not be read (see `missing`). */
  verifiedName: VerifiedName | null;
  /** The contact's linked identity, when WhatsApp disclosed it. */
  lid: string | undefined;
  /** Devices and VerifiedName when WhatsApp's answer for them was an error or unreadable. */
  missing: MissingField[];
}

/** The usync protocol that feeds each field: its error in `<result>` degrades that field. */
const PROTOCOL_OF = {
  status: 'status',
  picture: 'picture',
  devices: 'devices',
  business: 'business',
};

/**
 * One usync query for everything user_info needs: status, picture id, device list and the
 * verified business name (the last two Baileys has no method for), plus the LID. Mode `full`,
 * context `background`, as whatsmeow's GetUserInfo sends it. A privacy token goes in as a bare
 * `<tctoken>` (no `t` attribute), as whatsmeow sends it in usync; Baileys adds `t` only in its
 * message and picture IQs.
 */
export function buildUserInfoQuery(
  jid: string,
  sid: string,
  privacyToken?: PrivacyToken,
): BinaryNode {
  return buildUserInfoBatchQuery([{ jid, privacyToken }], sid);
}

/** A user of a user-info query: the JID, with the contact's privacy token when the session holds one. */
export interface UserInfoTarget {
  jid: string;
  privacyToken?: PrivacyToken | undefined;
}

/**
 * The same query for many users at once: one `<user>` per contact in the list, as whatsmeow's
 * GetUserInfo sends a list of JIDs (neither whatsmeow nor Baileys splits a usync list).
 */
export function buildUserInfoBatchQuery(users: UserInfoTarget[], sid: string): BinaryNode {
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
    users: users.map(({ jid, privacyToken }) => ({
      tag: 'user',
      attrs: { jid },
      content: privacyToken?.length ? [{ tag: 'tctoken', attrs: {}, content: privacyToken }] : [],
    })),
  });
}

/**
 * Reads the reply to buildUserInfoQuery; null when WhatsApp returned no such user. Like
 * whatsmeow, it reads what it can: a field WhatsApp could not answer is left empty and
 * reported (`unavailable` visibility, or `missing`), never failing the lookup.
 */
export function parseUserInfoReply(reply: BinaryNode, jid: string): UserInfo | null {
  const { users, protocolErrors } = readUsyncReply(reply);
  const user =
    users.find((node) => node.attrs.jid === jid) ?? (users.length === 1 ? users[0] : undefined);
  return readUserInfo(user, jid, protocolErrors);
}

/**
 * Reads the reply to buildUserInfoBatchQuery: for each JID asked, its info, null when WhatsApp
 * returned no such user, or the error that kept WhatsApp from answering for it.
 */
export function parseUserInfoBatchReply(
  reply: BinaryNode,
  jids: string[],
): Map<string, UserInfo | null | Error> {
  const { users, protocolErrors } = readUsyncReply(reply);
  const answers = new Map<string, UserInfo | null | Error>();
  for (const jid of jids) {
    try {
      answers.set(
        jid,
        readUserInfo(
          users.find((node) => node.attrs.jid === jid),
          jid,
          protocolErrors,
        ),
      );
    } catch (error) {
      answers.set(jid, error as Error);
    }
  }
  return answers;
}

function readUserInfo(
  user: BinaryNode | undefined,
  jid: string,
  protocolErrors: Map<string, StanzaError>,
): UserInfo | null {
  if (!user) {
    // Nothing to read and WhatsApp said why: that is a failed lookup, not an unknown contact.
    const [firstError] = protocolErrors.values();
    if (firstError) throw new WhatsAppStanzaError(firstError.code, firstError.text);
    return null;
  }
  const missing: MissingField[] = [];
  const devicesNode = childNode(user, 'devices');
  const devicesError = stanzaError(devicesNode) ?? protocolErrors.get(PROTOCOL_OF.devices);
  // A device list WhatsApp says it has nothing for (404) is an empty one: whatsmeow keeps the
  // user and leaves Devices empty, and so do we.
  const devicesFailed = devicesError !== undefined && devicesError.code !== 404;
  if (devicesFailed) {
    missing.push({ field: 'Devices', reason: `error ${devicesError.code} ${devicesError.text}` });
  }
  return {
    jid,
    status: readStatus(childNode(user, 'status'), protocolErrors.has(PROTOCOL_OF.status)),
    picture: readPicture(childNode(user, 'picture'), protocolErrors.has(PROTOCOL_OF.picture)),
    devices: devicesFailed ? [] : readDevices(jid, devicesNode),
    verifiedName: readVerifiedName(
      childNode(user, 'business'),
      protocolErrors.get(PROTOCOL_OF.business)?.code,
      missing,
    ),
    lid: childNode(user, 'lid')?.attrs.val || undefined,
    missing,
  };
}

function readVerifiedName(
  business: BinaryNode | undefined,
  protocolErrorCode: number | undefined,
  missing: MissingField[],
): VerifiedName | null {
  const error = stanzaError(business);
  const code = error?.code ?? protocolErrorCode;
  if (code !== undefined && code !== 404) {
    missing.push({ field: 'VerifiedName', reason: `error ${code}` });
    return null;
  }
  try {
    return parseVerifiedName(business);
  } catch (decodeError) {
    missing.push({
      field: 'VerifiedName',
      reason: `certificate does not decode: ${(decodeError as Error).message}`,
    });
    return null;
  }
}

function readStatus(node: BinaryNode | undefined, protocolFailed: boolean): FieldReading {
  if (!node) return protocolFailed ? UNAVAILABLE : NOT_SET;
  const error = stanzaError(node);
  if (error) return readingForErrorCode(error.code) ?? UNAVAILABLE;
  const text = nodeText(node);
  return text.length > 0 ? { visibility: 'set', value: text } : NOT_SET;
}

function readPicture(node: BinaryNode | undefined, protocolFailed: boolean): FieldReading {
  if (!node) return protocolFailed ? UNAVAILABLE : NOT_SET;
  const error = stanzaError(node);
  if (error) return readingForErrorCode(error.code) ?? UNAVAILABLE;
  const id = node.attrs.id;
  return id ? { visibility: 'set', value: id } : NOT_SET;
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
