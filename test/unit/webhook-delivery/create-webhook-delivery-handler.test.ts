import type { SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createWebhookDeliveryHandler } from '../../../functions/webhook-delivery/create-webhook-delivery-handler.ts';
import { createDeliverEvent } from '../../../functions/webhook-delivery/deliver-event/deliver-event.ts';
import { silentLogger } from '../../support/logging/silent-logger.ts';
import {
  InMemoryWebhookStore,
  RecordingWebhookSender,
  sessionStatusEnvelope,
  taggingSealer,
  webhookRecord,
} from '../../support/webhooks/in-memory-webhook-ports.ts';

function record(body: string, messageId: string, receiveCount = 1): SQSRecord {
  return {
    messageId,
    receiptHandle: `handle-${messageId}`,
    body,
    attributes: {
      ApproximateReceiveCount: String(receiveCount),
      SentTimestamp: '0',
      SenderId: 'test',
      ApproximateFirstReceiveTimestamp: '0',
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:WebhookDeliveries',
    awsRegion: 'us-east-1',
  };
}

async function setup(sender: RecordingWebhookSender) {
  const webhooks = new InMemoryWebhookStore();
  await webhooks.put(webhookRecord('acme'));
  await webhooks.put(webhookRecord('globex'));
  const delays: { receiptHandle: string; seconds: number }[] = [];
  const handler = createWebhookDeliveryHandler({
    deliverEvent: createDeliverEvent({
      webhooks,
      sealer: taggingSealer,
      sender,
      logger: silentLogger(),
      attemptTimeoutMs: 5_000,
    }),
    delay: async (failed, seconds) => {
      delays.push({ receiptHandle: failed.receiptHandle, seconds });
    },
    retryBaseSeconds: 30,
    logger: silentLogger(),
  });
  return { handler, delays };
}

describe('webhookDeliveryHandler', () => {
  it('reports only the failed delivery, delayed by the schedule for its attempt number', async () => {
    // prepare: acme's endpoint answers 500, globex's 204
    const sender = new RecordingWebhookSender((url) =>
      url.includes('acme') ? { kind: 'answered', status: 500 } : { kind: 'answered', status: 204 },
    );
    const { handler, delays } = await setup(sender);

    // act
    const result = await handler({
      Records: [
        record(JSON.stringify(sessionStatusEnvelope('acme')), 'm-acme', 4),
        record(JSON.stringify(sessionStatusEnvelope('globex')), 'm-globex'),
      ],
    });

    // assert: the 4th attempt failed, so the next waits 30 s x 2^3
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-acme' }] });
    expect(delays).toEqual([{ receiptHandle: 'handle-m-acme', seconds: 240 }]);
  });

  it("sends every tenant's delivery at once: a slow endpoint does not hold another's", async () => {
    // prepare: acme's endpoint takes 300 ms to answer
    const sender = new RecordingWebhookSender(async (url) => {
      if (url.includes('acme')) await new Promise((resolve) => setTimeout(resolve, 300));
      return { kind: 'answered', status: 204 };
    });
    const { handler } = await setup(sender);
    const started = Date.now();

    // act
    await handler({
      Records: [
        record(JSON.stringify(sessionStatusEnvelope('acme')), 'm-acme'),
        record(JSON.stringify(sessionStatusEnvelope('globex')), 'm-globex'),
      ],
    });

    // assert: globex's request went out before acme's answer came back
    const globex = sender.requests.find((request) => request.url.includes('globex'));
    expect((globex?.at ?? Number.POSITIVE_INFINITY) - started).toBeLessThan(250);
  });

  it('drops a message that is not an event instead of retrying it forever', async () => {
    const sender = new RecordingWebhookSender();
    const { handler, delays } = await setup(sender);

    const result = await handler({ Records: [record('{"not":"an event"}', 'm-bad')] });

    expect(result).toEqual({ batchItemFailures: [] });
    expect(delays).toEqual([]);
    expect(sender.requests).toEqual([]);
  });
});
