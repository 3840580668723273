import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { describe, expect, it, vi } from 'vitest';
import {
  EventBridgeSessionEvents,
  NO_EVENTS,
  QueueSessionEvents,
  wireSessionEvents,
} from '../../../functions/adapters/wire-session-events.ts';
import { statusChange } from '../../../functions/ports/session-events.ts';
import { silentLogger } from '../../support/logging/silent-logger.ts';

const change = statusChange(
  { tenantId: 'acme', userId: 'alice' },
  { status: 'paired', previous_status: 'pairing', reason: 'paired', jid: '55119@s.whatsapp.net' },
);

/** The bus client wireSessionEvents creates, recording what it is sent. */
const bus = vi.hoisted(() => {
  const inputs: unknown[] = [];
  return {
    inputs,
    client: {
      send: async (command: { input: unknown }) => {
        inputs.push(command.input);
        return { FailedEntryCount: 0 };
      },
    },
  };
});
vi.mock('../../../functions/platform/optional-aws-clients.ts', () => ({
  createEventBridgeClient: () => bus.client,
}));

const contactChange = {
  tenant: 'acme',
  user: 'alice',
  jid: '5511988887777@s.whatsapp.net',
  changed: ['PictureID' as const],
  user_info: { PictureID: '1700000777' },
};

/** An SQS client that records what it is sent, and counts how often it is asked for. */
function countingSqs() {
  const sent: unknown[] = [];
  const reads = { sqs: 0 };
  const sqs = {
    send: async (command: { input: unknown }) => {
      sent.push(command.input);
      return {};
    },
  } as unknown as SQSClient;
  const clients = {
    get sqs() {
      reads.sqs++;
      return sqs;
    },
  };
  return { clients, reads, sent };
}

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
  it('publishes to the bus when EVENT_BUS_NAME is set, even with a local queue set too', async () => {
    // prepare
    const { clients, reads } = countingSqs();
    const events = wireSessionEvents(
      { EVENT_BUS_NAME: 'bus', LOCAL_EVENTS_QUEUE_URL: 'http://127.0.0.1:1/q' },
      clients,
      silentLogger(),
    );

    // act
    await events.publish(change);
    await events.publishContactChanged(contactChange);

    // assert
    expect(reads.sqs).toBe(0);
    expect(bus.inputs).toEqual([
      { Entries: [expect.objectContaining({ EventBusName: 'bus', DetailType: 'session.status' })] },
      {
        Entries: [expect.objectContaining({ EventBusName: 'bus', DetailType: 'contact.changed' })],
      },
    ]);
  });

  it('publishes nothing when neither a bus nor a queue is configured', () => {
    // prepare
    const { clients } = countingSqs();

    // act
    const events = wireSessionEvents({}, clients, silentLogger());

    // assert
    expect(events).toBe(NO_EVENTS);
  });

  it('creates its client on the first event, not when wired, and sends both kinds to the queue', async () => {
    // prepare
    const { clients, reads, sent } = countingSqs();
    const events = wireSessionEvents(
      { LOCAL_EVENTS_QUEUE_URL: 'http://127.0.0.1:1/000000000000/events' },
      clients,
      silentLogger(),
    );
    const readsWhenWired = reads.sqs;

    // act
    await events.publish(change);
    await events.publishContactChanged(contactChange);

    // assert
    expect(readsWhenWired).toBe(0);
    expect(reads.sqs).toBe(1);
    expect(sent).toHaveLength(2);
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

describe('EventBridgeSessionEvents with contact changes', () => {
  it('puts a contact.changed event on the bus, its data as the detail', async () => {
    const { events, inputs } = publisherOver('bus', async () => ({ FailedEntryCount: 0 }));

    await events.publishContactChanged(contactChange);

    expect(inputs).toEqual([
      {
        Entries: [
          expect.objectContaining({
            Source: 'wa-contact-profile',
            DetailType: 'contact.changed',
            Detail: JSON.stringify(contactChange),
          }),
        ],
      },
    ]);
  });

  it('logs a refused contact.changed with the fields only, never the contact', async () => {
    const { events, error } = publisherOver('bus', async () => ({
      FailedEntryCount: 1,
      Entries: [{ ErrorMessage: 'throttled' }],
    }));

    await events.publishContactChanged(contactChange);

    expect(error).toHaveBeenCalledWith('contact event not published', {
      changed: ['PictureID'],
      errorMessage: 'throttled',
    });
    expect(JSON.stringify((error as { mock: { calls: unknown[] } }).mock.calls)).not.toContain(
      '5511988887777',
    );
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
