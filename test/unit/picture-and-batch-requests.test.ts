import { Logger } from '@aws-lambda-powertools/logger';
import type { Message, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import {
  type BatchLookupMessage,
  batchReplyMessageSchema,
  type PictureLookupMessage,
  pictureReplyMessageSchema,
  shardRequestMessageSchema,
} from '../../functions/contracts/profile-request-messages.ts';
import type { ContactProfile } from '../../functions/domain/contact/contact-profile.ts';
import type { ContactQuery } from '../../functions/domain/contact/contact-query.ts';
import type { ContactPicture } from '../../functions/domain/contact/profile-picture.ts';
import { NotFoundError, RateLimitedError } from '../../functions/domain/errors/app-errors.ts';
import type { PictureCache } from '../../functions/ports/picture-cache.ts';
import type { ProfileCache } from '../../functions/ports/profile-cache.ts';
import type {
  DirectoryBatchItem,
  DirectoryPicture,
  WhatsAppDirectory,
} from '../../functions/ports/whatsapp-directory.ts';
import { createHandleBatchRequest } from '../../functions/worker/handle-batch-request.ts';
import { createHandlePictureRequest } from '../../functions/worker/handle-picture-request.ts';
import { createProfileRequestMessageHandler } from '../../functions/worker/profile-request-message-handler.ts';
import { SEED_PROFILE } from '../support/contacts/seed-profile.ts';

const NOW = Date.parse('2026-06-15T12:00:00Z');
const REPLY_QUEUE_URL = 'http://127.0.0.1:4566/000000000000/replies-1';
const OE = Math.floor(Date.parse('2026-06-20T00:00:00Z') / 1000).toString(16);
const PICTURE: ContactPicture = {
  jid: SEED_PROFILE.jid,
  picture: {
    url: `https://pps.whatsapp.net/v/t61.24694-24/1_2_n.jpg?ccb=11-4&oe=${OE}&_nc_sid=5e03e0`,
    id: '1718000000',
    type: 'image',
    direct_path: `/v/t61.24694-24/1_2_n.jpg?ccb=11-4&oe=${OE}&_nc_sid=5e03e0`,
  },
};

const BASE = {
  version: 1 as const,
  correlationId: 'corr-1',
  deadline: NOW + 10_000,
  tenantId: 'acme',
  userId: 'alice',
  refresh: false,
  replyQueueUrl: REPLY_QUEUE_URL,
};
const PICTURE_LOOKUP: PictureLookupMessage = {
  kind: 'picture-lookup',
  ...BASE,
  contact: { kind: 'number', digits: '5511999999999' },
  pictureType: 'image',
};
const BATCH_LOOKUP: BatchLookupMessage = {
  kind: 'batch-lookup',
  ...BASE,
  contacts: [
    { kind: 'jid', jid: SEED_PROFILE.jid },
    { kind: 'number', digits: '5511900000404' },
    { kind: 'number', digits: '5511900000429' },
  ],
};

function fakeDirectory(answers: {
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

function recordingCaches() {
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

const signal = () => new AbortController().signal;

describe('createHandlePictureRequest', () => {
  it("answers the picture and caches it until the URL's oe expiry", async () => {
    const caches = recordingCaches();
    const handle = createHandlePictureRequest({
      directory: fakeDirectory({ picture: PICTURE }),
      cache: caches.pictureCache,
      now: () => NOW,
    });

    const outcome = await handle(PICTURE_LOOKUP, signal());

    expect(outcome.kind).toBe('reply');
    expect(pictureReplyMessageSchema.parse(outcome.reply)).toEqual({
      version: 1,
      correlationId: 'corr-1',
      ok: true,
      picture: PICTURE,
      fetchedAt: NOW,
      expiresAt: Date.parse('2026-06-20T00:00:00Z'),
    });
    expect(caches.pictures).toEqual([
      { askedAs: PICTURE_LOOKUP.contact, urlExpiresAt: Date.parse('2026-06-20T00:00:00Z') },
    ]);
  });

  it('answers unchanged without caching anything', async () => {
    const caches = recordingCaches();
    const handle = createHandlePictureRequest({
      directory: fakeDirectory({ picture: { jid: SEED_PROFILE.jid, unchanged: true } }),
      cache: caches.pictureCache,
    });

    const outcome = await handle({ ...PICTURE_LOOKUP, existingId: '1718000000' }, signal());

    expect(outcome.reply).toMatchObject({ ok: true, picture: { unchanged: true } });
    expect(caches.pictures).toEqual([]);
  });

  it('answers NOT_FOUND for a contact not on WhatsApp', async () => {
    const caches = recordingCaches();
    const handle = createHandlePictureRequest({
      directory: fakeDirectory({ picture: new NotFoundError('the number is not on WhatsApp') }),
      cache: caches.pictureCache,
    });

    const outcome = await handle(PICTURE_LOOKUP, signal());

    expect(outcome).toMatchObject({
      kind: 'reply',
      reply: { ok: false, errorCode: 'NOT_FOUND', message: 'the number is not on WhatsApp' },
    });
  });
});

describe('createHandleBatchRequest', () => {
  it('answers one item per contact in order, caching each profile found', async () => {
    const caches = recordingCaches();
    const directory = fakeDirectory({
      batch: [
        { ok: true, profile: SEED_PROFILE },
        { ok: false, error: new NotFoundError('the number is not on WhatsApp') },
        { ok: false, error: new RateLimitedError('budget spent', 6) },
      ],
    });
    const handle = createHandleBatchRequest({
      directory,
      cache: caches.profileCache,
      now: () => NOW,
    });

    const outcome = await handle(BATCH_LOOKUP, signal());

    expect(directory.batches).toEqual([BATCH_LOOKUP.contacts]);
    expect(batchReplyMessageSchema.parse(outcome.reply)).toEqual({
      version: 1,
      correlationId: 'corr-1',
      ok: true,
      items: [
        { ok: true, profile: SEED_PROFILE, fetchedAt: NOW },
        { ok: false, errorCode: 'NOT_FOUND', message: 'the number is not on WhatsApp' },
        { ok: false, errorCode: 'RATE_LIMITED', message: 'budget spent', retryAfterSeconds: 6 },
      ],
    });
    expect(caches.profiles).toEqual([{ askedAs: BATCH_LOOKUP.contacts[0], profile: SEED_PROFILE }]);
  });
});

describe('request messages of the picture and batch kinds', () => {
  it('reads both kinds and refuses a batch of more than 50 contacts', () => {
    expect(shardRequestMessageSchema.parse(PICTURE_LOOKUP)).toEqual(PICTURE_LOOKUP);
    expect(shardRequestMessageSchema.parse(BATCH_LOOKUP)).toEqual(BATCH_LOOKUP);
    const tooMany = {
      ...BATCH_LOOKUP,
      contacts: Array.from({ length: 51 }, () => BATCH_LOOKUP.contacts[0]),
    };
    expect(shardRequestMessageSchema.safeParse(tooMany).success).toBe(false);
    expect(shardRequestMessageSchema.safeParse({ ...BATCH_LOOKUP, contacts: [] }).success).toBe(
      false,
    );
  });

  it('answers a batch message with ONE reply on its reply queue', async () => {
    const replies: Array<{ queueUrl: string | undefined; body: unknown }> = [];
    const sqs = {
      async send(command: SendMessageCommand) {
        replies.push({
          queueUrl: command.input.QueueUrl,
          body: JSON.parse(command.input.MessageBody ?? ''),
        });
        return {};
      },
    } as unknown as SQSClient;
    const caches = recordingCaches();
    const handle = createProfileRequestMessageHandler({
      sqs,
      logger: new Logger({ logLevel: 'SILENT' }),
      lateRequestMaxAgeMs: 60_000,
      now: () => NOW,
      handleProfileRequest: () => Promise.reject(new Error('not a profile lookup')),
      handleBatchRequest: createHandleBatchRequest({
        directory: fakeDirectory({
          batch: BATCH_LOOKUP.contacts.map(() => ({ ok: true, profile: SEED_PROFILE })),
        }),
        cache: caches.profileCache,
        now: () => NOW,
      }),
    });
    const message: Message = { MessageId: 'm-1', Body: JSON.stringify(BATCH_LOOKUP) };

    const decision = await handle(message);

    expect(decision).toEqual({ kind: 'ack' });
    expect(replies).toHaveLength(1);
    expect(replies[0]?.queueUrl).toBe(REPLY_QUEUE_URL);
    expect(batchReplyMessageSchema.parse(replies[0]?.body)).toMatchObject({
      ok: true,
      items: [{ ok: true }, { ok: true }, { ok: true }],
    });
  });

  it('leaves a picture message on the queue when this worker has no picture handler', async () => {
    const handle = createProfileRequestMessageHandler({
      sqs: { send: async () => ({}) } as unknown as SQSClient,
      logger: new Logger({ logLevel: 'SILENT' }),
      lateRequestMaxAgeMs: 60_000,
      now: () => NOW,
      handleProfileRequest: () => Promise.reject(new Error('not a profile lookup')),
    });

    const decision = await handle({ MessageId: 'm-2', Body: JSON.stringify(PICTURE_LOOKUP) });

    expect(decision).toEqual({ kind: 'leave' });
  });
});
