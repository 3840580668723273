import type { ContactProfile } from '../domain/contact/contact-profile.ts';
import type { ContactQuery } from '../domain/contact/contact-query.ts';
import { NotFoundError, UpstreamTimeoutError } from '../domain/errors/app-errors.ts';
import type { BinaryNode } from './binary-node.ts';
import { buildBusinessProfileQuery, parseBusinessProfileReply } from './business-profile-query.ts';
import { buildContactLookupQuery, parseContactLookupReply } from './contact-lookup-query.ts';
import { replyErrorCode } from './map-whatsapp-error.ts';
import { buildUserInfoQuery, type PrivacyToken, parseUserInfoReply } from './user-info-query.ts';

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
  privacyToken?: (jid: string) => Promise<PrivacyToken | undefined>;
}

/**
 * Reads a contact's complete profile from WhatsApp: the number (if given) resolved to the JID
 * WhatsApp uses, then the user-sync query and the business-profile query at the same time.
 */
export async function fetchContactProfile(
  transport: StanzaTransport,
  contact: ContactQuery,
  options: ProfileFetchOptions,
): Promise<ContactProfile> {
  const jid =
    contact.kind === 'jid' ? contact.jid : await resolveNumber(transport, contact.digits, options);
  const privacyToken = await options.privacyToken?.(jid);
  const [userInfo, businessProfile] = await Promise.all([
    send(transport, buildUserInfoQuery(jid, options.nextSid(), privacyToken), options).then(
      (reply) => parseUserInfoReply(reply, jid),
    ),
    send(transport, buildBusinessProfileQuery(jid), options)
      .then(parseBusinessProfileReply)
      .catch((error: unknown) => {
        // item-not-found on this query means "not a business", not "no such contact".
        if (replyErrorCode(error) === 404) return null;
        throw error;
      }),
  ]);
  if (!userInfo) throw new NotFoundError('the contact is not on WhatsApp');
  return {
    jid,
    user_info: {
      Status: userInfo.status.value,
      PictureID: userInfo.picture.value,
      Devices: userInfo.devices,
      VerifiedName: userInfo.verifiedName,
      Visibility: { Status: userInfo.status.visibility, PictureID: userInfo.picture.visibility },
    },
    business_profile: businessProfile,
  };
}

async function resolveNumber(
  transport: StanzaTransport,
  digits: string,
  options: ProfileFetchOptions,
): Promise<string> {
  const reply = await send(transport, buildContactLookupQuery(digits, options.nextSid()), options);
  const jid = parseContactLookupReply(reply);
  if (!jid) throw new NotFoundError('the number is not on WhatsApp');
  return jid;
}

/** One query, bounded by its own timeout and by the request's deadline. */
async function send(
  transport: StanzaTransport,
  node: BinaryNode,
  options: ProfileFetchOptions,
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
