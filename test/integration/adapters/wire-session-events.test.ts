import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueueSessionEvents } from '../../../functions/adapters/wire-session-events.ts';
import { parseEventEnvelope } from '../../../functions/webhook-delivery/deliver-event/webhook-message.ts';
import { type EmbeddedAws, startEmbeddedAws } from '../../support/aws/embedded-aws.ts';
import { silentLogger } from '../../support/logging/silent-logger.ts';

describe('QueueSessionEvents (fauxqs)', () => {
  let aws: EmbeddedAws;

  beforeAll(async () => {
    aws = await startEmbeddedAws();
  });
  afterAll(async () => {
    await aws?.stop();
  });

  const receiveOne = async () => {
    const received = await aws.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: aws.resources.webhookDeliveryQueueUrl,
        WaitTimeSeconds: 2,
        MaxNumberOfMessages: 1,
      }),
    );
    return received.Messages?.[0]?.Body ?? '';
  };

  it('writes a contact.changed event in the envelope EventBridge delivers, an emoji status included', async () => {
    // prepare
    const events = new QueueSessionEvents({
      sqs: aws.sqs,
      queueUrl: aws.resources.webhookDeliveryQueueUrl,
      logger: silentLogger(),
    });
    const data = {
      tenant: 'acme',
      user: 'alice',
      jid: '5511988887777@s.whatsapp.net',
      changed: ['Status' as const],
      user_info: { Status: 'Gone fishing 🎣' },
    };

    // act
    await events.publishContactChanged(data);
    const body = await receiveOne();

    // assert
    expect(body).toMatch(/^[\x20-\x7e]+$/);
    expect(parseEventEnvelope(body)).toMatchObject({
      'detail-type': 'contact.changed',
      source: 'wa-contact-profile',
      detail: data,
    });
  });

  it('still writes session.status events as before', async () => {
    const events = new QueueSessionEvents({
      sqs: aws.sqs,
      queueUrl: aws.resources.webhookDeliveryQueueUrl,
      logger: silentLogger(),
    });

    await events.publish({
      tenant: 'acme',
      user: 'alice',
      status: 'paired',
      previous_status: 'pairing',
      reason: 'paired',
      jid: null,
    });

    expect(parseEventEnvelope(await receiveOne())).toMatchObject({
      'detail-type': 'session.status',
      detail: { status: 'paired' },
    });
  });
});
