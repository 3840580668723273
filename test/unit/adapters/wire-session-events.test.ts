import type { SQSClient } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { wireSessionEvents } from '../../../functions/adapters/wire-session-events.ts';
import { NO_SESSION_EVENTS, statusChange } from '../../../functions/ports/session-events.ts';
import { silentLogger } from '../../support/logging/silent-logger.ts';

const QUEUE_URL = 'https://sqs.local/000000000000/webhook-delivery';
const CHANGE = statusChange(
  { tenantId: 'acme', userId: 'alice' },
  { status: 'pairing', previous_status: 'unpaired', reason: 'pairing_started' },
);

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

describe('wireSessionEvents', () => {
  it('publishes nothing when neither a bus nor a queue is configured', () => {
    // prepare
    const { clients } = countingSqs();

    // act
    const events = wireSessionEvents({}, clients, silentLogger());

    // assert
    expect(events).toBe(NO_SESSION_EVENTS);
  });

  it('creates its client on the first event, not when wired', async () => {
    // prepare
    const { clients, reads, sent } = countingSqs();
    const events = wireSessionEvents(
      { LOCAL_EVENTS_QUEUE_URL: QUEUE_URL },
      clients,
      silentLogger(),
    );
    const readsWhenWired = reads.sqs;

    // act
    await events.publish(CHANGE);
    await events.publish(CHANGE);

    // assert
    expect(readsWhenWired).toBe(0);
    expect(reads.sqs).toBe(1);
    expect(sent).toHaveLength(2);
  });
});
