import { createGetContactPicture } from '../../../functions/contacts/get-picture/get-contact-picture.ts';
import type { ContactQuery } from '../../../functions/domain/contact/contact-query.ts';
import type {
  ContactPicture,
  PictureType,
} from '../../../functions/domain/contact/profile-picture.ts';
import type { SessionIdentity } from '../../../functions/domain/session/session-identity.ts';
import type { CachedPicture, PictureCache } from '../../../functions/ports/picture-cache.ts';
import type { LivePicture, PictureWorkerClient } from '../../../functions/ports/worker-client.ts';
import { NOW } from './recording-get-contact-profile.ts';

export const PICTURE_JID = '5511999999999@s.whatsapp.net';

/** A picture whose URL expires ten minutes after NOW (its `oe` parameter). */
export const PICTURE: ContactPicture = {
  jid: PICTURE_JID,
  picture: {
    url: `https://pps.whatsapp.net/v/t61/abc.jpg?oe=${Math.floor((NOW + 600_000) / 1000).toString(16)}`,
    id: '1718000000',
    type: 'image',
    direct_path: '/v/t61/abc.jpg',
  },
};

/** The worker's answer with PICTURE, fetched at NOW. */
export const LIVE_PICTURE: LivePicture = {
  picture: PICTURE,
  fetchedAt: NOW,
  expiresAt: NOW + 600_000,
};

/** The picture cache port holding at most the one entry a test puts in it. */
export class FakePictureCache implements PictureCache {
  entry: CachedPicture | null = null;
  readonly reads: Array<{ contact: ContactQuery; type: PictureType }> = [];
  async get(_identity: SessionIdentity, contact: ContactQuery, type: PictureType) {
    this.reads.push({ contact, type });
    return this.entry;
  }
  async put() {}
}

/** The picture worker client answering (or failing) the same way every time, recording calls. */
export class FakePictureWorkerClient implements PictureWorkerClient {
  readonly calls: Array<{
    contact: ContactQuery;
    type: PictureType;
    existingId?: string;
    deadline: number;
    refresh: boolean;
  }> = [];
  readonly answer: LivePicture | Error;
  constructor(answer: LivePicture | Error = LIVE_PICTURE) {
    this.answer = answer;
  }
  async requestPicture(
    _identity: SessionIdentity,
    contact: ContactQuery,
    options: { type: PictureType; existingId?: string; deadline: number; refresh: boolean },
  ) {
    this.calls.push({
      contact,
      type: options.type,
      ...(options.existingId ? { existingId: options.existingId } : {}),
      deadline: options.deadline,
      refresh: options.refresh,
    });
    if (this.answer instanceof Error) throw this.answer;
    return this.answer;
  }
}

/**
 * The real picture use case over the two fakes (fresh for an hour, STALE after 2 s of a live
 * fetch, the clock at NOW), with the cache holding `cached`.
 */
export function pictureUseCaseOverFakes(
  answer: LivePicture | Error = LIVE_PICTURE,
  cached: CachedPicture | null = null,
) {
  const cache = new FakePictureCache();
  cache.entry = cached;
  const workerClient = new FakePictureWorkerClient(answer);
  const getContactPicture = createGetContactPicture({
    cache,
    workerClient,
    freshSeconds: 3600,
    staleFallbackAfterMs: 2000,
    now: () => NOW,
  });
  return { getContactPicture, cache, workerClient };
}
