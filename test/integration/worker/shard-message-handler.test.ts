import { randomUUID } from 'node:crypto';
import {
  CreateQueueCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DynamoDbPictureCache } from '../../../functions/adapters/dynamodb-picture-cache.ts';
import type { DynamoDbProfileCache } from '../../../functions/adapters/dynamodb-profile-cache.ts';
import {
  type BatchLookupMessage,
  batchReplyMessageSchema,
  type PictureLookupMessage,
  pictureReplyMessageSchema,
} from '../../../functions/contracts/shard-messages.ts';
import { replyQueueName } from '../../../functions/resources/queue-definitions.ts';
import {
  DEMO_DIRECTORY_FILE,
  OfflineDirectory,
} from '../../../functions/whatsapp/offline-directory.ts';
import { createHandleBatchRequest } from '../../../functions/worker/handle-batch-request.ts';
import { createHandlePictureRequest } from '../../../functions/worker/handle-picture-request.ts';
import { createHandleProfileRequest } from '../../../functions/worker/handle-profile-request.ts';
import type { SqsQueueConsumer } from '../../../functions/worker/sqs-queue-consumer.ts';
import { pictureCacheOn, profileCacheOn } from '../../support/aws/cache-tables.ts';
import { type EmbeddedAws, startEmbeddedAws } from '../../support/aws/embedded-aws.ts';
import { consumeShardZeroLookups } from '../../support/worker/embedded-shard-worker.ts';

const IDENTITY = { tenantId: 'acme', userId: 'alice' };
const RETENTION_SECONDS = 3600;

describe('the worker answering picture and batch lookups from the offline directory (fauxqs, dynalite)', () => {
  let aws: EmbeddedAws;
  let worker: SqsQueueConsumer;
  let replyQueueUrl: string;
  let profiles: DynamoDbProfileCache;
  let pictures: DynamoDbPictureCache;

  beforeAll(async () => {
    aws = await startEmbeddedAws();
    const directory = await OfflineDirectory.fromFile(DEMO_DIRECTORY_FILE);
    profiles = profileCacheOn(aws, RETENTION_SECONDS);
    pictures = pictureCacheOn(aws, RETENTION_SECONDS);
    worker = consumeShardZeroLookups(aws, {
      handleProfileRequest: createHandleProfileRequest({ directory, cache: profiles }),
      handlePictureRequest: createHandlePictureRequest({ directory, cache: pictures }),
      handleBatchRequest: createHandleBatchRequest({ directory, cache: profiles }),
    });
    const created = await aws.sqs.send(
      new CreateQueueCommand({
        QueueName: replyQueueName(aws.resources.replyQueueNamePrefix, randomUUID()),
      }),
    );
    replyQueueUrl = created.QueueUrl ?? '';
  });

  afterAll(async () => {
    await worker?.stop();
    await aws?.stop();
  });

  async function ask(message: object): Promise<Message[]> {
    await aws.sqs.send(
      new SendMessageCommand({
        QueueUrl: aws.resources.requestQueueUrls[0],
        MessageBody: JSON.stringify(message),
      }),
    );
    const received: Message[] = [];
    for (let poll = 0; poll < 20 && received.length === 0; poll++) {
      const result = await aws.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: replyQueueUrl,
          WaitTimeSeconds: 1,
          MaxNumberOfMessages: 10,
        }),
      );
      received.push(...(result.Messages ?? []));
    }
    return received;
  }

  it('answers a batch of contacts with one reply and caches each profile found', async () => {
    const batch: BatchLookupMessage = {
      kind: 'batch-lookup',
      version: 1,
      correlationId: 'batch-1',
      deadline: Date.now() + 20_000,
      ...IDENTITY,
      refresh: false,
      replyQueueUrl,
      contacts: [
        { kind: 'number', digits: '14155550123' },
        { kind: 'number', digits: '5511900000404' },
        { kind: 'jid', jid: '5511999999999@s.whatsapp.net' },
      ],
    };

    const replies = await ask(batch);

    expect(replies).toHaveLength(1);
    const reply = batchReplyMessageSchema.parse(JSON.parse(replies[0]?.Body ?? ''));
    expect(
      reply.ok && reply.items.map((item) => (item.ok ? item.profile.jid : item.errorCode)),
    ).toEqual(['14155550123@s.whatsapp.net', 'NOT_FOUND', '5511999999999@s.whatsapp.net']);
    expect(await profiles.get(IDENTITY, { kind: 'number', digits: '14155550123' })).not.toBeNull();
    expect(
      await profiles.get(IDENTITY, { kind: 'jid', jid: '5511999999999@s.whatsapp.net' }),
    ).not.toBeNull();
  });

  it('answers a picture lookup and caches the picture until its URL expires', async () => {
    const lookup: PictureLookupMessage = {
      kind: 'picture-lookup',
      version: 1,
      correlationId: 'picture-1',
      deadline: Date.now() + 20_000,
      ...IDENTITY,
      refresh: false,
      replyQueueUrl,
      contact: { kind: 'number', digits: '5511999999999' },
      pictureType: 'image',
    };

    const replies = await ask(lookup);

    const reply = pictureReplyMessageSchema.parse(JSON.parse(replies[0]?.Body ?? ''));
    expect(reply).toMatchObject({
      ok: true,
      picture: { jid: '5511999999999@s.whatsapp.net', picture: { id: '1718000000' } },
      expiresAt: Date.parse('2100-01-01T00:00:00Z'),
    });
    const cached = await pictures.get(IDENTITY, lookup.contact, 'image');
    expect(cached?.pictureId).toBe('1718000000');
  });
});
