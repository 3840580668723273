import type { BusinessProfile, ContactProfile } from '../domain/contact/contact-profile.ts';
import type { ContactQuery } from '../domain/contact/contact-query.ts';
import { NotFoundError, UpstreamTimeoutError } from '../domain/errors/app-errors.ts';
import type { BinaryNode } from './binary-node.ts';
import { buildBusinessProfileQuery, parseBusinessProfileReply } from './business-profile-query.ts';
import {
  buildContactLookupQuery,
  type ContactLookupResult,
  parseContactLookupReply,
} from './contact-lookup-query.ts';
import { replyErrorCode } from './map-whatsapp-error.ts';
import type { PrivacyToken } from './privacy-token.ts';
import {
  buildUserInfoQuery,
  type MissingField,
  parseUserInfoReply,
  type UserInfo,
} from './user-info-query.ts';

/** What a connected session offers for queries: Baileys' socket.query(node, timeoutMs). */
export interface StanzaTransport {
  query(node: BinaryNode, timeoutMs?: number): Promise<BinaryNode | undefined>;
}

export interface ProfileFetchOptions {
  /** Longest wait for one query; the request's own deadline (signal) still wins. */
  queryTimeoutMs: number;
  signal: AbortSignal;
  /** A fresh usync session id per query. */
  nextSid: () => string;
  /** Reads the contact's privacy token from the session's local store only (never a stanza). */
  privacyToken?: (jid: string, knownLid: string | undefined) => Promise<PrivacyToken | undefined>;
  /** Records a PN→LID pair WhatsApp disclosed, in the session's local store. */
  rememberLid?: (phoneJid: string, lid: string) => Promise<void>;
  /** Told which fields WhatsApp could not answer (the lookup carries on without them). */
  onMissingFields?: (jid: string, missing: MissingField[]) => void;
}

/**
 * Reads a contact's complete profile from WhatsApp: the number (if given) resolved to the JID
 * WhatsApp uses, then the user-sync query and the business-profile query at the same time.
 * Every stanza of a lookup goes through `send`, so one deadline and abort signal bound them all;
 * nothing else (privacy token, LID) asks WhatsApp anything.
 */
export async function fetchContactProfile(
  transport: StanzaTransport,
  contact: ContactQuery,
  options: ProfileFetchOptions,
): Promise<ContactProfile> {
  const lookup =
    contact.kind === 'number' ? await resolveNumber(transport, contact.digits, options) : undefined;
  const { jid, askJid } = contactJids(contact, lookup);
  const privacyToken = await options.privacyToken?.(askJid, lookup?.lid);
  const [userInfo, businessProfile] = await Promise.all([
    send(transport, buildUserInfoQuery(askJid, options.nextSid(), privacyToken), options).then(
      (reply) => parseUserInfoReply(reply, askJid),
    ),
    send(transport, buildBusinessProfileQuery(askJid), options)
      .then(parseBusinessProfileReply)
      .catch((error: unknown) => {
        // item-not-found on this query means "not a business", not "no such contact".
        if (replyErrorCode(error) === 404) return null;
        throw error;
      }),
  ]);
  if (!userInfo) throw new NotFoundError('the contact is not on WhatsApp');
  return assembleProfile(jid, userInfo, businessProfile, lookup?.lid, {
    ...options,
    // A phone-number JID WhatsApp did not name is not recorded as the LID's.
    ...(jid !== askJid && { rememberLid: undefined }),
  });
}

/**
 * Which JID WhatsApp is asked about, and which one the answer carries. A JID is both. A number
 * is asked about by the JID the contact lookup answered, as whatsmeow's callers use what
 * IsOnWhatsApp returns: its phone-number JID, or its LID when WhatsApp answered only that. The
 * answer's jid stays a phone-number JID (the typed digits when WhatsApp named none).
 */
export function contactJids(
  contact: ContactQuery,
  lookup: ContactLookupResult | undefined,
): { jid: string; askJid: string } {
  if (contact.kind === 'jid') return { jid: contact.jid, askJid: contact.jid };
  const jid = lookup?.phoneJid ?? `${contact.digits}@s.whatsapp.net`;
  return { jid, askJid: lookup?.phoneJid ?? lookup?.lid ?? jid };
}

/** The contract's profile from what WhatsApp answered (shared with the batch lookup). */
export function assembleProfile(
  jid: string,
  userInfo: UserInfo,
  businessProfile: BusinessProfile | null,
  lookupLid: string | undefined,
  options: Pick<ProfileFetchOptions, 'rememberLid' | 'onMissingFields'>,
): ContactProfile {
  const lid = [userInfo.lid, lookupLid, jid].find((value) => value?.endsWith('@lid'));
  if (lid && jid.endsWith('@s.whatsapp.net')) {
    // Off the reply's path: a failed write only means the next token read falls back to the PN.
    options.rememberLid?.(jid, lid).catch(() => undefined);
  }
  if (userInfo.missing.length > 0) options.onMissingFields?.(jid, userInfo.missing);
  const unavailable = (field: MissingField['field']) =>
    userInfo.missing.some((missing) => missing.field === field)
      ? { [field]: 'unavailable' as const }
      : {};
  return {
    jid,
    user_info: {
      Status: userInfo.status.value,
      PictureID: userInfo.picture.value,
      Devices: userInfo.devices,
      VerifiedName: userInfo.verifiedName,
      ...(lid && { LID: lid }),
      Visibility: {
        Status: userInfo.status.visibility,
        PictureID: userInfo.picture.visibility,
        ...unavailable('Devices'),
        ...unavailable('VerifiedName'),
      },
    },
    business_profile: businessProfile,
  };
}

/** Resolves a number to the JID WhatsApp uses (NotFoundError when it is not on WhatsApp). */
export async function resolveNumber(
  transport: StanzaTransport,
  digits: string,
  options: Pick<ProfileFetchOptions, 'queryTimeoutMs' | 'signal' | 'nextSid'>,
): Promise<ContactLookupResult> {
  const reply = await send(transport, buildContactLookupQuery(digits, options.nextSid()), options);
  const found = parseContactLookupReply(reply);
  if (!found) throw new NotFoundError('the number is not on WhatsApp');
  return found;
}

/** One query, bounded by its own timeout and by the request's deadline. */
export async function send(
  transport: StanzaTransport,
  node: BinaryNode,
  options: Pick<ProfileFetchOptions, 'queryTimeoutMs' | 'signal'>,
): Promise<BinaryNode> {
  if (options.signal.aborted) throw new UpstreamTimeoutError('WhatsApp did not answer in time');
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const stop = new Promise<never>((_, reject) => {
    const timedOut = () => reject(new UpstreamTimeoutError('WhatsApp did not answer in time'));
    timer = setTimeout(timedOut, options.queryTimeoutMs);
    onAbort = timedOut;
    options.signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    const reply = await Promise.race([transport.query(node, options.queryTimeoutMs), stop]);
    if (!reply) throw new UpstreamTimeoutError('WhatsApp did not answer in time');
    return reply;
  } finally {
    clearTimeout(timer);
    if (onAbort) options.signal.removeEventListener('abort', onAbort);
  }
}
