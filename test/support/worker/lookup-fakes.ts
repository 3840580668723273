import type {
  BatchLookupMessage,
  PictureLookupMessage,
} from '../../../functions/contracts/shard-messages.ts';
import type { ContactProfile } from '../../../functions/domain/contact/contact-profile.ts';
import type { ContactQuery } from '../../../functions/domain/contact/contact-query.ts';
import type { ContactPicture } from '../../../functions/domain/contact/profile-picture.ts';
import type { PictureCache } from '../../../functions/ports/picture-cache.ts';
import type { ProfileCache } from '../../../functions/ports/profile-cache.ts';
import type {
  DirectoryBatchItem,
  DirectoryPicture,
  WhatsAppDirectory,
} from '../../../functions/ports/whatsapp-directory.ts';
import { replyQueueName } from '../../../functions/resources/queue-definitions.ts';
import { SEED_PROFILE } from '../contacts/seed-profile.ts';
import { QUEUE_URL_BASE, REPLY_QUEUE_NAME_PREFIX } from './shard-message-boundary.ts';

/**
 * The picture and batch lookups the worker's unit tests share: one message of each kind, a
 * directory answering what it is given, and caches recording what they were asked to store.
 */
export const NOW = Date.parse('2026-06-15T12:00:00Z');
export const REPLY_QUEUE_URL = `${QUEUE_URL_BASE}${replyQueueName(REPLY_QUEUE_NAME_PREFIX, '0f8fad5b-d9cb-469f-a165-70867728950e')}`;
export const OE = Math.floor(Date.parse('2026-06-20T00:00:00Z') / 1000).toString(16);
export const PICTURE: ContactPicture = {
  jid: SEED_PROFILE.jid,
  picture: {
    url: `https://pps.whatsapp.net/v/t61.24694-24/1_2_n.jpg?ccb=11-4&oe=${OE}&_nc_sid=5e03e0`,
    id: '1718000000',
    type: 'image',
    direct_path: `/v/t61.24694-24/1_2_n.jpg?ccb=11-4&oe=${OE}&_nc_sid=5e03e0`,
  },
};

export const BASE = {
  version: 1 as const,
  correlationId: 'corr-1',
  deadline: NOW + 10_000,
  tenantId: 'acme',
  userId: 'alice',
  refresh: false,
  replyQueueUrl: REPLY_QUEUE_URL,
};
export const PICTURE_LOOKUP: PictureLookupMessage = {
  kind: 'picture-lookup',
  ...BASE,
  contact: { kind: 'number', digits: '5511999999999' },
  pictureType: 'image',
};
export const BATCH_LOOKUP: BatchLookupMessage = {
  kind: 'batch-lookup',
  ...BASE,
  contacts: [
    { kind: 'jid', jid: SEED_PROFILE.jid },
    { kind: 'number', digits: '5511900000404' },
    { kind: 'number', digits: '5511900000429' },
  ],
};

export function fakeDirectory(answers: {
  picture?: DirectoryPicture | Error;
  batch?: DirectoryBatchItem[];
}): WhatsAppDirectory & { batches: ContactQuery[][] } {
  const batches: ContactQuery[][] = [];
  return {
    batches,
    lookup: () => Promise.reject(new Error('not used')),
    async lookupPicture() {
      if (answers.picture instanceof Error) throw answers.picture;
      if (!answers.picture) throw new Error('no picture answer');
      return answers.picture;
    },
    async lookupMany(_identity, contacts) {
      batches.push(contacts);
      return answers.batch ?? [];
    },
  };
}

export function recordingCaches() {
  const pictures: Array<{ askedAs: ContactQuery; urlExpiresAt: number | undefined }> = [];
  const profiles: Array<{ askedAs: ContactQuery; profile: ContactProfile }> = [];
  const pictureCache: PictureCache = {
    get: async () => null,
    async put(_identity, askedAs, _type, _picture, _fetchedAt, urlExpiresAt) {
      pictures.push({ askedAs, urlExpiresAt });
    },
  };
  const profileCache: ProfileCache = {
    get: async () => null,
    async put(_identity, askedAs, profile) {
      profiles.push({ askedAs, profile });
    },
  };
  return { pictures, profiles, pictureCache, profileCache };
}

export const signal = () => new AbortController().signal;
