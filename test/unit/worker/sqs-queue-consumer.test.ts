import type { Logger } from '@aws-lambda-powertools/logger';
import {
  DeleteMessageCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { afterEach, describe, expect, it } from 'vitest';
import type { MessageDecision } from '../../../functions/worker/message-decision.ts';
import { SqsQueueConsumer } from '../../../functions/worker/sqs-queue-consumer.ts';

const QUEUE_URL = 'http://127.0.0.1:4566/000000000000/requests-0';

const MESSAGE: Message = {
  MessageId: 'message-1',
  ReceiptHandle: 'receipt-1',
  Body: '{"hello":"world"}',
};

/**
 * An SQS client that hands out the given messages on the first receive, then nothing, and
 * records every other command it is sent.
 */
function fakeSqs(options: { failSend?: boolean } = {}) {
  const sent: Array<SendMessageCommand | DeleteMessageCommand> = [];
  let pending = [MESSAGE];
  const sqs = {
    async send(command: unknown) {
      if (command instanceof ReceiveMessageCommand) {
        const messages = pending;
        pending = [];
        if (messages.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
        return { Messages: messages };
      }
      if (command instanceof SendMessageCommand && options.failSend) {
        throw new Error('SQS is unreachable');
      }
      sent.push(command as SendMessageCommand | DeleteMessageCommand);
      return {};
    },
  } as unknown as SQSClient;
  return { sqs, sent };
}

function capturingLogger() {
  const messages: string[] = [];
  const record = (message: string) => messages.push(message);
  const logger = { debug: record, info: record, warn: record, error: record } as unknown as Logger;
  return { logger, messages };
}

const consumers: SqsQueueConsumer[] = [];
afterEach(async () => {
  await Promise.all(consumers.splice(0).map((consumer) => consumer.stop()));
});

/** Consumes one message with a handler that returns `decision`, and waits until it is handled. */
async function handleOne(
  decide: () => Promise<MessageDecision>,
  options: { failSend?: boolean } = {},
) {
  const { sqs, sent } = fakeSqs(options);
  const { logger, messages } = capturingLogger();
  const consumer = new SqsQueueConsumer({ sqs, logger, maxInFlight: 2 });
  consumers.push(consumer);
  const handled: Message[] = [];
  let settled!: () => void;
  const done = new Promise<void>((resolve) => {
    settled = resolve;
  });
  consumer.consume(QUEUE_URL, async (message) => {
    handled.push(message);
    try {
      return await decide();
    } finally {
      settled();
    }
  });
  await done;
  await consumer.stop();
  return { sent, handled, logged: messages };
}

describe('SqsQueueConsumer', () => {
  it('deletes a message its handler acknowledged', async () => {
    const { sent, handled } = await handleOne(async () => ({ kind: 'ack' }));

    expect(handled).toEqual([MESSAGE]);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toBeInstanceOf(DeleteMessageCommand);
    expect(sent[0]?.input).toEqual({ QueueUrl: QUEUE_URL, ReceiptHandle: 'receipt-1' });
  });

  it('leaves a message on the queue when its handler says leave', async () => {
    const { sent, handled } = await handleOne(async () => ({ kind: 'leave' }));

    expect(handled).toEqual([MESSAGE]);
    expect(sent).toEqual([]);
  });

  it('sends a retried message again, delayed, then deletes the original', async () => {
    const { sent } = await handleOne(async () => ({ kind: 'retry', afterSeconds: 2.2 }));

    expect(sent.map((command) => command.constructor)).toEqual([
      SendMessageCommand,
      DeleteMessageCommand,
    ]);
    expect(sent[0]?.input).toEqual({
      QueueUrl: QUEUE_URL,
      MessageBody: MESSAGE.Body,
      DelaySeconds: 3,
    });
    expect(sent[1]?.input).toEqual({ QueueUrl: QUEUE_URL, ReceiptHandle: 'receipt-1' });
  });

  it('caps the delay of a retry at the 15 minutes SQS allows', async () => {
    const { sent } = await handleOne(async () => ({ kind: 'retry', afterSeconds: 3600 }));

    expect((sent[0] as SendMessageCommand).input.DelaySeconds).toBe(900);
  });

  it('keeps the original message when a retry cannot be sent', async () => {
    const { sent, logged } = await handleOne(async () => ({ kind: 'retry', afterSeconds: 5 }), {
      failSend: true,
    });

    expect(sent).toEqual([]);
    expect(logged).toContain('could not postpone a message');
  });

  it('leaves a message whose handler crashed', async () => {
    const { sent, logged } = await handleOne(async () => {
      throw new Error('boom');
    });

    expect(sent).toEqual([]);
    expect(logged).toContain('message handling crashed');
  });
});
