import type { PictureType, ProfilePictureInfo } from '../domain/contact/profile-picture.ts';
import { type BinaryNode, childNode, stanzaError } from './binary-node.ts';
import { replyErrorCode } from './map-whatsapp-error.ts';
import type { PrivacyToken } from './privacy-token.ts';
import { readingForErrorCode } from './profile-field.ts';
import { WHATSAPP_SERVER } from './usync-query.ts';
import { malformedReply, WhatsAppStanzaError } from './whatsapp-stanza-error.ts';

export interface PictureQueryOptions {
  type: PictureType;
  /** The picture id the caller already has: WhatsApp then answers "unchanged" instead of a URL. */
  existingId?: string;
  privacyToken?: PrivacyToken;
}

/**
 * The picture IQ (`xmlns="w:profile:picture"`, `target` the contact) as whatsmeow's
 * GetProfilePictureInfo sends it for a user: `<picture query="url" type="image|preview">`,
 * with `id` when the caller knows the current picture, and the contact's privacy token inside
 * as a bare `<tctoken>` (Baileys' profilePictureUrl puts it in the same place).
 */
export function buildProfilePictureQuery(jid: string, options: PictureQueryOptions): BinaryNode {
  const attrs: Record<string, string> = { query: 'url', type: options.type };
  if (options.existingId) attrs.id = options.existingId;
  const picture: BinaryNode = options.privacyToken?.length
    ? {
        tag: 'picture',
        attrs,
        content: [{ tag: 'tctoken', attrs: {}, content: options.privacyToken }],
      }
    : { tag: 'picture', attrs };
  return {
    tag: 'iq',
    attrs: { target: jid, to: WHATSAPP_SERVER, type: 'get', xmlns: 'w:profile:picture' },
    content: [picture],
  };
}

export type PictureAnswer =
  | { kind: 'picture'; picture: ProfilePictureInfo }
  | { kind: 'none'; visibility: 'not_set' | 'hidden' }
  | { kind: 'unchanged' };

/**
 * A refused picture IQ as whatsmeow's GetProfilePictureInfo reads it: Baileys hands a reply
 * with `<error>` over as a thrown error, never as a reply, so this is where 401 not-authorized
 * (and 403) becomes a picture hidden from this session and 404 item-not-found no picture.
 * Undefined for any other error (429, 500, a timeout, ...): the adapter maps those.
 */
export function pictureAnswerForRefusal(error: unknown): PictureAnswer | undefined {
  const code = replyErrorCode(error);
  const reading = code === undefined ? undefined : readingForErrorCode(code);
  if (reading?.visibility === 'hidden' || reading?.visibility === 'not_set') {
    return { kind: 'none', visibility: reading.visibility };
  }
  return undefined;
}

/**
 * Reads an accepted answer as whatsmeow does (a refused IQ is Baileys' thrown error, read by
 * pictureAnswerForRefusal): an error inside `<picture>` as that function reads it,
 * `status="204"` no picture, `status="304"` (or no `<picture>` when an id was given) the
 * caller's picture unchanged. Any other error is thrown for the adapter to map.
 */
export function parseProfilePictureReply(reply: BinaryNode, existingId?: string): PictureAnswer {
  const picture = childNode(reply, 'picture');
  const error = stanzaError(picture);
  if (error) {
    const reading = readingForErrorCode(error.code);
    if (reading?.visibility === 'hidden' || reading?.visibility === 'not_set') {
      return { kind: 'none', visibility: reading.visibility };
    }
    throw new WhatsAppStanzaError(error.code, error.text);
  }
  if (!picture) {
    if (existingId) return { kind: 'unchanged' };
    throw malformedReply('picture reply without <picture>');
  }
  const status = picture.attrs.status;
  if (status === '304') return { kind: 'unchanged' };
  if (status === '204') return { kind: 'none', visibility: 'not_set' };
  const { url, id } = picture.attrs;
  if (!url || !id) throw malformedReply('picture reply without url or id');
  return {
    kind: 'picture',
    picture: {
      url,
      id,
      type: picture.attrs.type ?? '',
      direct_path: picture.attrs.direct_path ?? '',
    },
  };
}
