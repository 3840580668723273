import type { PictureLookupMessage, PictureReplyMessage } from '../contracts/shard-messages.ts';
import { pictureUrlExpiresAt } from '../domain/contact/profile-picture.ts';
import type { PictureCache } from '../ports/picture-cache.ts';
import type { WhatsAppDirectory } from '../ports/whatsapp-directory.ts';
import { answerMessage, type RequestOutcome } from './request-failure.ts';

export interface HandlePictureRequestDependencies {
  directory: WhatsAppDirectory;
  cache: PictureCache;
  now?: () => number;
}

export type PictureRequestOutcome = RequestOutcome<PictureReplyMessage>;

/**
 * A picture lookup: asks the directory, writes the picture cache (never past the URL's `oe`
 * expiry; an `unchanged` answer carries no URL and is not stored) and answers. Failures are
 * answered as the profile lookup answers them; an unexpected one is INTERNAL_ERROR and retried.
 */
export function createHandlePictureRequest(dependencies: HandlePictureRequestDependencies) {
  const now = dependencies.now ?? Date.now;

  return function handlePictureRequest(
    request: PictureLookupMessage,
    signal: AbortSignal,
  ): Promise<PictureRequestOutcome> {
    return answerMessage(request, async (identity) => {
      const picture = await dependencies.directory.lookupPicture(
        identity,
        request.contact,
        { type: request.pictureType, existingId: request.existingId },
        signal,
      );
      const fetchedAt = now();
      const expiresAt =
        'picture' in picture && picture.picture
          ? pictureUrlExpiresAt(picture.picture.url)
          : undefined;
      if (!('unchanged' in picture)) {
        await dependencies.cache.put(
          identity,
          request.contact,
          request.pictureType,
          picture,
          fetchedAt,
          expiresAt,
        );
      }
      return { picture, fetchedAt, ...(expiresAt && { expiresAt }) };
    });
  };
}

export type HandlePictureRequest = ReturnType<typeof createHandlePictureRequest>;
