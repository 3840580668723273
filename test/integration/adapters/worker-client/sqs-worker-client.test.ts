import { ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { SqsWorkerClient } from '../../../../functions/adapters/worker-client/sqs-worker-client.ts';
import type { ProfileLookupMessage } from '../../../../functions/contracts/shard-messages.ts';
import {
  NotFoundError,
  ServiceUnavailableError,
  SessionUnavailableError,
  UpstreamTimeoutError,
} from '../../../../functions/domain/errors/app-errors.ts';
import { type EmbeddedAws, useEmbeddedAws } from '../../../support/aws/embedded-aws.ts';
import { UNREACHABLE_ENDPOINT } from '../../../support/aws/unreachable-endpoint.ts';
import { plainProfile } from '../../../support/contacts/seed-profile.ts';

const identity = { tenantId: 'acme', userId: 'alice' };
const contact = { kind: 'jid', jid: '5511999999999@s.whatsapp.net' } as const;
const profile = plainProfile(contact.jid, 'hi');
const served = { isShardServed: async () => true };

/** A stand-in worker speaking the real message protocol over the real queues. */
async function answerNextRequest(
  aws: EmbeddedAws,
  reply: (request: ProfileLookupMessage) => object[],
): Promise<ProfileLookupMessage> {
  for (;;) {
    const received = await aws.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: aws.resources.requestQueueUrls[0],
        WaitTimeSeconds: 5,
      }),
    );
    const message = received.Messages?.[0];
    if (!message) continue;
    const request = JSON.parse(message.Body ?? '') as ProfileLookupMessage;
    for (const body of reply(request)) {
      await aws.sqs.send(
        new SendMessageCommand({
          QueueUrl: request.replyQueueUrl,
          MessageBody: JSON.stringify(body),
        }),
      );
    }
    return request;
  }
}

describe('SqsWorkerClient', () => {
  const aws = useEmbeddedAws();

  function workerClient(overrides: Partial<ConstructorParameters<typeof SqsWorkerClient>[0]> = {}) {
    return new SqsWorkerClient({
      sqs: aws.sqs,
      presence: served,
      requestQueueUrls: aws.resources.requestQueueUrls,
      replyQueueNamePrefix: 'test-reply-',
      ...overrides,
    });
  }

  it('returns the profile from the reply that carries its correlation id', async () => {
    const ignored: string[] = [];
    const subject = workerClient({ onIgnoredReply: (id) => ignored.push(id) });
    const worker = answerNextRequest(aws, (request) => [
      { version: 1, correlationId: 'someone-else', ok: true, profile, fetchedAt: 1 },
      { version: 1, correlationId: request.correlationId, ok: true, profile, fetchedAt: 2 },
    ]);

    const result = await subject.request(identity, contact, {
      deadline: Date.now() + 5000,
      refresh: false,
    });
    const request = await worker;

    expect(result).toEqual({ profile, fetchedAt: 2 });
    expect(ignored).toEqual(['someone-else']);
    expect(request.contact).toEqual(contact);
    expect(request.kind).toBe('profile-lookup');
    expect(request.replyQueueUrl).toContain('test-reply-');
  });

  it('rebuilds the worker’s error from its error code', async () => {
    const subject = workerClient();
    const worker = answerNextRequest(aws, (request) => [
      {
        version: 1,
        correlationId: request.correlationId,
        ok: false,
        errorCode: 'NOT_FOUND',
        message: 'the number is not on WhatsApp',
      },
    ]);

    const outcome = subject.request(identity, contact, {
      deadline: Date.now() + 5000,
      refresh: false,
    });

    await expect(outcome).rejects.toBeInstanceOf(NotFoundError);
    await worker;
  });

  it('throws UpstreamTimeoutError when no reply arrives before the deadline', async () => {
    const subject = workerClient();
    const started = Date.now();

    const outcome = subject.request(identity, contact, {
      deadline: started + 1200,
      refresh: false,
    });

    await expect(outcome).rejects.toBeInstanceOf(UpstreamTimeoutError);
    expect(Date.now() - started).toBeLessThan(4000);
    await aws.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: aws.resources.requestQueueUrls[0],
        WaitTimeSeconds: 1,
      }),
    );
  });

  it('throws SessionUnavailableError when no worker holds the shard', async () => {
    const subject = workerClient({ presence: { isShardServed: async () => false } });

    const outcome = subject.request(identity, contact, {
      deadline: Date.now() + 2000,
      refresh: false,
    });

    await expect(outcome).rejects.toBeInstanceOf(SessionUnavailableError);
  });

  it('throws ServiceUnavailableError when SQS cannot be reached', async () => {
    const unreachable = new SQSClient({ ...UNREACHABLE_ENDPOINT, useQueueUrlAsEndpoint: false });
    const subject = workerClient({ sqs: unreachable });

    const outcome = subject.request(identity, contact, {
      deadline: Date.now() + 2000,
      refresh: false,
    });

    await expect(outcome).rejects.toBeInstanceOf(ServiceUnavailableError);
    await expect(outcome).rejects.toThrow('cannot be reached');
  });
});
