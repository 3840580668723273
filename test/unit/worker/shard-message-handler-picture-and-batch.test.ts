import { Logger } from '@aws-lambda-powertools/logger';
import type { Message, SQSClient } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import {
  batchReplyMessageSchema,
  shardRequestMessageSchema,
} from '../../../functions/contracts/shard-messages.ts';
import { createHandleBatchRequest } from '../../../functions/worker/handle-batch-request.ts';
import { SEED_PROFILE } from '../../support/contacts/seed-profile.ts';
import {
  BATCH_LOOKUP,
  fakeDirectory,
  NOW,
  PICTURE_LOOKUP,
  REPLY_QUEUE_URL,
  recordingCaches,
} from '../../support/worker/lookup-fakes.ts';
import { recordingSqs } from '../../support/worker/recording-sqs.ts';
import { shardZeroHandler } from '../../support/worker/shard-message-boundary.ts';

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
    const { sqs, replies } = recordingSqs();
    const caches = recordingCaches();
    const handle = shardZeroHandler({
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
    expect(batchReplyMessageSchema.parse(replies[0]?.reply)).toMatchObject({
      ok: true,
      items: [{ ok: true }, { ok: true }, { ok: true }],
    });
  });

  it('leaves a picture message on the queue when this worker has no picture handler', async () => {
    const handle = shardZeroHandler({
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
