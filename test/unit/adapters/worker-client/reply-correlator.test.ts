import { setTimeout as sleep } from 'node:timers/promises';
import {
  DeleteMessageBatchCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { ReplyCorrelator } from '../../../../functions/adapters/worker-client/reply-correlator.ts';
import { ReplyQueue } from '../../../../functions/adapters/worker-client/reply-queue.ts';
import { UpstreamTimeoutError } from '../../../../functions/domain/errors/app-errors.ts';

const REPLY_QUEUE_URL = 'https://sqs.local/000000000000/reply-1';
const replySchema = z.object({ correlationId: z.string(), ok: z.literal(true) });

/** An SQS port whose receives hand out the given batches, then nothing; deletes are recorded. */
function fakeSqs(batches: Message[][]) {
  const deleted: (string | undefined)[] = [];
  const send = async (command: unknown) => {
    if (command instanceof ReceiveMessageCommand) {
      const next = batches.shift();
      if (next) return { Messages: next };
      await sleep(10);
      return { Messages: [] };
    }
    if (command instanceof DeleteMessageBatchCommand) {
      deleted.push(...(command.input.Entries ?? []).map((entry) => entry.ReceiptHandle));
      return {};
    }
    throw new Error(`unexpected command ${(command as object).constructor.name}`);
  };
  return { sqs: { send } as unknown as SQSClient, deleted };
}

function reply(correlationId: string, body: object = { ok: true }): Message {
  return {
    Body: JSON.stringify({ correlationId, ...body }),
    ReceiptHandle: `receipt-${correlationId}`,
  };
}

function correlator(sqs: SQSClient, ignored: string[] = []) {
  return new ReplyCorrelator({
    sqs,
    replyQueue: new ReplyQueue({ sqs, namePrefix: 'test-' }),
    onIgnoredReply: (correlationId) => ignored.push(correlationId),
  });
}

describe('ReplyCorrelator', () => {
  it('hands a reply to the request waiting for it, ignores a late one, and deletes both', async () => {
    // prepare
    const { sqs, deleted } = fakeSqs([[reply('late'), reply('mine')]]);
    const ignored: string[] = [];
    const replies = correlator(sqs, ignored);

    // act
    const received = await replies.awaitReply(
      REPLY_QUEUE_URL,
      'mine',
      Date.now() + 2000,
      replySchema,
    );
    await sleep(20);

    // assert
    expect(received).toEqual({ correlationId: 'mine', ok: true });
    expect(ignored).toEqual(['late']);
    expect(deleted).toEqual(['receipt-late', 'receipt-mine']);
  });

  it('fails with UPSTREAM_TIMEOUT when no reply comes by the deadline', async () => {
    const { sqs } = fakeSqs([]);

    const waiting = correlator(sqs).awaitReply(
      REPLY_QUEUE_URL,
      'mine',
      Date.now() + 50,
      replySchema,
    );

    await expect(waiting).rejects.toBeInstanceOf(UpstreamTimeoutError);
  });

  it('ignores a reply that does not match the schema, so the request keeps waiting', async () => {
    // prepare
    const { sqs } = fakeSqs([[reply('mine', { ok: 'not a boolean' })]]);
    const ignored: string[] = [];

    // act
    const waiting = correlator(sqs, ignored).awaitReply(
      REPLY_QUEUE_URL,
      'mine',
      Date.now() + 100,
      replySchema,
    );

    // assert
    await expect(waiting).rejects.toBeInstanceOf(UpstreamTimeoutError);
    expect(ignored).toEqual(['mine']);
  });
});
