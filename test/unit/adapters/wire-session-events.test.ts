import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { describe, expect, it, vi } from 'vitest';
import {
  EventBridgeSessionEvents,
  QueueSessionEvents,
  wireSessionEvents,
} from '../../../functions/adapters/wire-session-events.ts';
import { NO_SESSION_EVENTS, statusChange } from '../../../functions/ports/session-events.ts';
import { silentLogger } from '../../support/logging/silent-logger.ts';

const change = statusChange(
  { tenantId: 'acme', userId: 'alice' },
  { status: 'paired', previous_status: 'pairing', reason: 'paired', jid: '55119@s.whatsapp.net' },
);

/** An SDK client whose `send` records each command's input and answers `answer`. */
function recordingClient(answer: () => Promise<unknown>) {
  const inputs: unknown[] = [];
  const client = {
    send: async (command: { input: unknown }) => {
      inputs.push(command.input);
      return answer();
    },
  };
  return { client, inputs };
}

describe('wireSessionEvents', () => {
  const sqs = {} as SQSClient;
  const logger = silentLogger();

  it('publishes to the bus when EVENT_BUS_NAME is set, even with a local queue set too', () => {
    const events = wireSessionEvents(
      { EVENT_BUS_NAME: 'bus', LOCAL_EVENTS_QUEUE_URL: 'http://127.0.0.1:1/q' },
      { sqs },
      logger,
    );

    expect(events).toBeInstanceOf(EventBridgeSessionEvents);
  });

  it('publishes to the local queue without a bus, and nowhere without either', () => {
    const local = wireSessionEvents(
      { LOCAL_EVENTS_QUEUE_URL: 'http://127.0.0.1:1/q' },
      { sqs },
      logger,
    );
    const off = wireSessionEvents({}, { sqs }, logger);

    expect(local).toBeInstanceOf(QueueSessionEvents);
    expect(off).toBe(NO_SESSION_EVENTS);
  });
});

/** A publisher over a recording client, and a spy on the errors it logs. */
function publisherOver(
  kind: 'bus' | 'queue',
  answer: () => Promise<unknown>,
): { events: EventBridgeSessionEvents | QueueSessionEvents; inputs: unknown[]; error: unknown } {
  const { client, inputs } = recordingClient(answer);
  const logger = silentLogger();
  const error = vi.spyOn(logger, 'error');
  const events =
    kind === 'bus'
      ? new EventBridgeSessionEvents({
          client: client as unknown as EventBridgeClient,
          busName: 'bus',
          logger,
        })
      : new QueueSessionEvents({
          sqs: client as unknown as SQSClient,
          queueUrl: 'http://127.0.0.1:1/000000000000/deliveries',
          logger,
        });
  return { events, inputs, error };
}

describe('EventBridgeSessionEvents', () => {
  it('puts the change on the bus as the product’s session.status event', async () => {
    const { events, inputs } = publisherOver('bus', async () => ({ FailedEntryCount: 0 }));

    await events.publish(change);

    expect(inputs).toEqual([
      {
        Entries: [
          expect.objectContaining({
            EventBusName: 'bus',
            Source: 'wa-contact-profile',
            DetailType: 'session.status',
            Detail: JSON.stringify(change),
          }),
        ],
      },
    ]);
  });

  it('logs an entry PutEvents refused, without throwing and without the JID', async () => {
    const { events, error } = publisherOver('bus', async () => ({
      FailedEntryCount: 1,
      Entries: [{ ErrorMessage: 'bus not found' }],
    }));

    await events.publish(change);

    expect(error).toHaveBeenCalledWith('session event not published', {
      status: 'paired',
      reason: 'paired',
      errorMessage: 'bus not found',
    });
  });
});

describe('QueueSessionEvents', () => {
  it('sends the envelope EventBridge would deliver, its time in whole seconds', async () => {
    const { events, inputs } = publisherOver('queue', async () => ({}));

    await events.publish(change);

    const input = inputs[0] as { QueueUrl: string; MessageBody: string };
    expect(input.QueueUrl).toBe('http://127.0.0.1:1/000000000000/deliveries');
    const envelope = JSON.parse(input.MessageBody);
    expect(envelope).toMatchObject({
      'detail-type': 'session.status',
      source: 'wa-contact-profile',
      detail: change,
    });
    expect(envelope.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('logs a send that failed instead of throwing: the status change stands', async () => {
    const { events, error } = publisherOver('queue', async () => {
      throw new Error('queue does not exist');
    });

    await expect(events.publish(change)).resolves.toBeUndefined();
    expect(error).toHaveBeenCalledOnce();
  });
});
