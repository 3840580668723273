import type { ContactQuery } from '../domain/contact/contact-query.ts';
import type { PictureType } from '../domain/contact/profile-picture.ts';
import {
  contactJids,
  type ProfileFetchOptions,
  resolveNumber,
  type StanzaTransport,
  send,
} from './fetch-contact-profile.ts';
import {
  buildProfilePictureQuery,
  type PictureAnswer,
  parseProfilePictureReply,
  pictureAnswerForRefusal,
} from './profile-picture-query.ts';

export interface PictureFetchOptions
  extends Pick<ProfileFetchOptions, 'queryTimeoutMs' | 'signal' | 'nextSid' | 'privacyToken'> {
  type: PictureType;
  existingId?: string | undefined;
  /** The session's own JIDs: no privacy token is sent for them (WhatsApp never answers then). */
  ownJids?: string[];
}

/**
 * A contact's profile picture: a number is first resolved with the same contact lookup as the
 * profile (a number not on WhatsApp is NotFoundError), then one picture IQ, with the contact's
 * privacy token when the session holds one. Both stanzas go through `send`, under the
 * request's deadline and abort signal.
 */
export async function fetchProfilePicture(
  transport: StanzaTransport,
  contact: ContactQuery,
  options: PictureFetchOptions,
): Promise<{ jid: string; answer: PictureAnswer }> {
  const lookup =
    contact.kind === 'number' ? await resolveNumber(transport, contact.digits, options) : undefined;
  const { jid, askJid } = contactJids(contact, lookup);
  const own = options.ownJids?.includes(askJid) ?? false;
  const privacyToken = own ? undefined : await options.privacyToken?.(askJid, lookup?.lid);
  const query = buildProfilePictureQuery(askJid, {
    type: options.type,
    ...(options.existingId && { existingId: options.existingId }),
    ...(privacyToken && { privacyToken }),
  });
  const answer = await send(transport, query, options).then(
    (reply) => parseProfilePictureReply(reply, options.existingId),
    (error: unknown) => {
      const refused = pictureAnswerForRefusal(error);
      if (refused) return refused;
      throw error;
    },
  );
  return { jid, answer };
}
