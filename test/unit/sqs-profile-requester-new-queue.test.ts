import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  type Message,
  QueueDoesNotExist,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
  TagQueueCommand,
} from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { SqsProfileRequester } from '../../functions/adapters/sqs-profile-requester.ts';
import type { ProfileRequestMessage } from '../../functions/contracts/shard-messages.ts';
import { ServiceUnavailableError } from '../../functions/domain/errors/app-errors.ts';
import { plainProfile } from '../support/seed-profile.ts';

const identity = { tenantId: 'acme', userId: 'alice' };
const contact = { kind: 'jid', jid: '5511999999999@s.whatsapp.net' } as const;
const profile = plainProfile(contact.jid, 'hi');
const REQUEST_QUEUE = 'https://sqs.local/000000000000/requests';

/**
 * A fake SQS port: reply queues it creates answer QueueDoesNotExist to their first
 * `missingCalls` calls, as a new queue may on AWS for about a second after CreateQueue. A
 * request sent to the request queue is answered at once on the reply queue it names.
 */
function fakeSqs(options: { missingCalls: number; missingLongPolls?: number }) {
  const calls: { command: string; queueUrl?: string; ok: boolean }[] = [];
  const pending: Message[] = [];
  let missing = options.missingCalls;
  let missingPolls = options.missingLongPolls ?? 0;
  let created = 0;
  const send = async (command: unknown) => {
    const input = (command as { input: Record<string, unknown> }).input;
    const queueUrl = input.QueueUrl as string | undefined;
    const name = (command as object).constructor.name;
    const record = (ok: boolean) => calls.push({ command: name, queueUrl, ok });
    if (command instanceof CreateQueueCommand) {
      created++;
      record(true);
      return { QueueUrl: `https://sqs.local/000000000000/reply-${created}` };
    }
    const longPoll = command instanceof ReceiveMessageCommand && Boolean(input.WaitTimeSeconds);
    if (queueUrl?.includes('/reply-') && (missing > 0 || (longPoll && missingPolls > 0))) {
      if (longPoll && missingPolls > 0) missingPolls--;
      else missing--;
      record(false);
      throw new QueueDoesNotExist({
        message: 'The specified queue does not exist.',
        $metadata: {},
      });
    }
    record(true);
    if (command instanceof SendMessageCommand && queueUrl === REQUEST_QUEUE) {
      const request = JSON.parse(input.MessageBody as string) as ProfileRequestMessage;
      const reply = {
        version: 1,
        correlationId: request.correlationId,
        ok: true,
        profile,
        fetchedAt: 1,
      };
      pending.push({ Body: JSON.stringify(reply), ReceiptHandle: 'r' });
      return {};
    }
    if (command instanceof ReceiveMessageCommand) {
      // The readiness probe (no wait) finds nothing; a long poll gets what is pending.
      if (!input.WaitTimeSeconds) return {};
      return { Messages: pending.splice(0) };
    }
    if (command instanceof DeleteMessageBatchCommand || command instanceof TagQueueCommand)
      return {};
    throw new Error(`unexpected command ${name}`);
  };
  return { sqs: { send } as unknown as SQSClient, calls, created: () => created };
}

function requester(sqs: SQSClient, newQueueGraceMs = 2_000) {
  return new SqsProfileRequester({
    sqs,
    presence: { isShardServed: async () => true },
    requestQueueUrls: [REQUEST_QUEUE],
    replyQueueNamePrefix: 'test-reply-',
    newQueueGraceMs,
  });
}

describe('SqsProfileRequester with a reply queue that is not usable yet', () => {
  it('sends no request before its new reply queue answers, retrying QueueDoesNotExist', async () => {
    // prepare
    const fake = fakeSqs({ missingCalls: 3 });

    // act
    const live = await requester(fake.sqs).request(identity, contact, {
      deadline: Date.now() + 5_000,
      refresh: false,
    });

    // assert
    expect(live.profile).toEqual(profile);
    expect(fake.created()).toBe(1);
    const sendIndex = fake.calls.findIndex((call) => call.queueUrl === REQUEST_QUEUE);
    const firstUsable = fake.calls.findIndex(
      (call) => call.queueUrl?.includes('/reply-') && call.ok,
    );
    expect(fake.calls.filter((call) => !call.ok)).toHaveLength(3);
    expect(firstUsable).toBeGreaterThan(-1);
    expect(sendIndex).toBeGreaterThan(firstUsable);
  });

  it('keeps the same reply queue for the next request instead of creating another', async () => {
    // prepare
    const fake = fakeSqs({ missingCalls: 2 });
    const subject = requester(fake.sqs);

    // act
    await subject.request(identity, contact, { deadline: Date.now() + 5_000, refresh: false });
    await subject.request(identity, contact, { deadline: Date.now() + 5_000, refresh: false });

    // assert
    expect(fake.created()).toBe(1);
  });

  it('keeps polling its new reply queue through QueueDoesNotExist, and keeps the queue', async () => {
    // prepare
    const fake = fakeSqs({ missingCalls: 0, missingLongPolls: 2 });
    const subject = requester(fake.sqs);

    // act
    const first = await subject.request(identity, contact, {
      deadline: Date.now() + 5_000,
      refresh: false,
    });
    await subject.request(identity, contact, { deadline: Date.now() + 5_000, refresh: false });

    // assert
    expect(first.profile).toEqual(profile);
    expect(fake.calls.filter((call) => !call.ok)).toHaveLength(2);
    expect(fake.created()).toBe(1);
  });

  it('gives up with 503 SERVICE_UNAVAILABLE once the grace period after creation is over', async () => {
    // prepare
    const fake = fakeSqs({ missingCalls: 1_000 });

    // act
    const outcome = requester(fake.sqs, 300).request(identity, contact, {
      deadline: Date.now() + 5_000,
      refresh: false,
    });

    // assert
    await expect(outcome).rejects.toBeInstanceOf(ServiceUnavailableError);
    expect(fake.calls.some((call) => call.queueUrl === REQUEST_QUEUE)).toBe(false);
  });
});
