import { GetQueueAttributesCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProfileRequestMessage } from '../../../functions/contracts/shard-messages.ts';
import { RateLimitedError } from '../../../functions/domain/errors/app-errors.ts';
import type { WhatsAppDirectory } from '../../../functions/ports/whatsapp-directory.ts';
import { createHandleProfileRequest } from '../../../functions/worker/handle-profile-request.ts';
import type { SqsQueueConsumer } from '../../../functions/worker/sqs-queue-consumer.ts';
import { profileCacheOn } from '../../support/aws/cache-tables.ts';
import { type EmbeddedAws, startEmbeddedAws } from '../../support/aws/embedded-aws.ts';
import { SEED_PROFILE } from '../../support/contacts/seed-profile.ts';
import { unusedDirectoryMethods } from '../../support/unused-directory-methods.ts';
import { consumeShardZeroLookups } from '../../support/worker/embedded-shard-worker.ts';

describe('the request queue consumer with a warm-up the session budget cannot take yet', () => {
  let aws: EmbeddedAws;
  let worker: SqsQueueConsumer;
  const attempts: number[] = [];

  beforeAll(async () => {
    aws = await startEmbeddedAws();
    // Spent at first, then allows: like a token bucket refilling after Retry-After.
    const directory: WhatsAppDirectory = {
      ...unusedDirectoryMethods,
      async lookup() {
        attempts.push(Date.now());
        if (attempts.length === 1) throw new RateLimitedError('budget spent', 1);
        return SEED_PROFILE;
      },
    };
    worker = consumeShardZeroLookups(aws, {
      handleProfileRequest: createHandleProfileRequest({
        directory,
        cache: profileCacheOn(aws, 3600),
      }),
    });
  });

  afterAll(async () => {
    await worker?.stop();
    await aws?.stop();
  });

  it('comes back after Retry-After as a new message and warms the cache', async () => {
    const identity = { tenantId: 'acme', userId: 'alice' };
    const warmup: ProfileRequestMessage = {
      kind: 'warmup-lookup',
      version: 1,
      correlationId: 'warmup-1',
      deadline: Date.now() + 30_000,
      ...identity,
      contact: { kind: 'jid', jid: SEED_PROFILE.jid },
      refresh: false,
    };
    const cache = profileCacheOn(aws, 3600);

    await aws.sqs.send(
      new SendMessageCommand({
        QueueUrl: aws.resources.requestQueueUrls[0],
        MessageBody: JSON.stringify(warmup),
      }),
    );
    let cached = await cache.get(identity, warmup.contact);
    for (let poll = 0; poll < 100 && !cached; poll++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      cached = await cache.get(identity, warmup.contact);
    }
    const deadLetters = await aws.sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: aws.resources.deadLetterQueueUrl,
        AttributeNames: ['ApproximateNumberOfMessages'],
      }),
    );

    expect(cached?.profileJson).toBe(JSON.stringify(SEED_PROFILE));
    expect(attempts).toHaveLength(2);
    expect((attempts[1] as number) - (attempts[0] as number)).toBeGreaterThanOrEqual(900);
    expect(deadLetters.Attributes?.ApproximateNumberOfMessages).toBe('0');
  });
});
