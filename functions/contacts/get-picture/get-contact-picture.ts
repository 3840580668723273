import type { ContactQuery } from '../../domain/contact/contact-query.ts';
import type { PictureType } from '../../domain/contact/profile-picture.ts';
import type { SessionIdentity } from '../../domain/session/session-identity.ts';
import type { PictureCache } from '../../ports/picture-cache.ts';
import type { PictureWorkerClient } from '../../ports/worker-client.ts';
import type { CacheStatus } from '../get-profile/get-contact-profile.ts';
import {
  allowsStaleAnswer,
  createStaleFallback,
  type StaleFallbackRules,
} from '../stale-fallback.ts';

/** A picture answer to serve: the stored `data` JSON and what its headers are built from. */
export interface ContactPictureResult {
  kind: 'picture';
  pictureJson: string;
  /** The picture id, `""` for no picture: the ETag's source. */
  pictureId: string;
  fetchedAt: number;
  /** Epoch ms after which this answer must not be used (the URL's expiry), when known. */
  expiresAt: number | undefined;
  cacheStatus: CacheStatus;
}

/** The caller's picture id is still the contact's picture: a 304 without a URL. */
export interface UnchangedPictureResult {
  kind: 'unchanged';
  pictureId: string;
}

export interface GetContactPictureRequest {
  identity: SessionIdentity;
  contact: ContactQuery;
  type: PictureType;
  refresh: boolean;
  /** The picture id the caller already holds (from If-None-Match), if any. */
  knownPictureId?: string;
  deadline: number;
}

export interface GetContactPictureDependencies extends StaleFallbackRules {
  cache: PictureCache;
  workerClient: PictureWorkerClient;
}

/**
 * GET /contacts/profile-picture's use case, shaped like the profile's: a fresh cache entry
 * answers at once (the cache never returns one past its URL's expiry), otherwise the worker
 * fetches live; when the live fetch cannot finish, a still-valid entry is served STALE.
 */
export function createGetContactPicture(dependencies: GetContactPictureDependencies) {
  const staleFallback = createStaleFallback(dependencies);

  return async function getContactPicture(
    request: GetContactPictureRequest,
  ): Promise<ContactPictureResult | UnchangedPictureResult> {
    const cached = await dependencies.cache.get(request.identity, request.contact, request.type);
    const fromCache = (cacheStatus: CacheStatus): ContactPictureResult | null =>
      cached && {
        kind: 'picture',
        pictureJson: cached.pictureJson,
        pictureId: cached.pictureId,
        fetchedAt: cached.fetchedAt,
        expiresAt: cached.expiresAt,
        cacheStatus,
      };
    if (cached && staleFallback.isFresh(cached, request.refresh)) {
      return fromCache('HIT') as ContactPictureResult;
    }
    try {
      const deadline = staleFallback.liveDeadline(request.deadline, cached !== null);
      const live = await dependencies.workerClient.requestPicture(
        request.identity,
        request.contact,
        {
          deadline,
          refresh: request.refresh,
          type: request.type,
          ...(request.knownPictureId ? { existingId: request.knownPictureId } : {}),
        },
      );
      if ('unchanged' in live.picture) {
        return { kind: 'unchanged', pictureId: request.knownPictureId ?? '' };
      }
      return {
        kind: 'picture',
        pictureJson: JSON.stringify(live.picture),
        pictureId: live.picture.picture?.id ?? '',
        fetchedAt: live.fetchedAt,
        expiresAt: live.expiresAt,
        cacheStatus: 'MISS',
      };
    } catch (error) {
      const stale = allowsStaleAnswer(error) ? fromCache('STALE') : null;
      if (stale) return stale;
      throw error;
    }
  };
}

export type GetContactPicture = ReturnType<typeof createGetContactPicture>;
