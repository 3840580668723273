import { describe, expect, it } from 'vitest';
import { DynamoDbPairingAttempts } from '../../../functions/adapters/dynamodb-pairing-attempts.ts';
import { SessionStatusStore } from '../../../functions/adapters/dynamodb-session-status-store.ts';
import type {
  SessionEventPublisher,
  SessionStatusChange,
} from '../../../functions/ports/session-events.ts';
import { useEmbeddedAws } from '../../support/aws/embedded-aws.ts';
import { startingAttempt } from '../../support/whatsapp/starting-attempt.ts';

function recordingPublisher(): SessionEventPublisher & { changes: SessionStatusChange[] } {
  const changes: SessionStatusChange[] = [];
  return { changes, publish: async (change) => void changes.push(change) };
}

/** A pairing attempt just claimed: over in 160 s, alive for 30 s. */
const attempt = (attemptId: string) => startingAttempt(attemptId, 160_000, 30_000);

describe('session.status events from the stores that change the status', () => {
  const aws = useEmbeddedAws();

  it('reports a stored status change once, however many writers write it', async () => {
    // prepare
    const events = recordingPublisher();
    const statuses = new SessionStatusStore({
      client: aws.dynamoDb,
      tableName: aws.resources.sessionsTableName,
      events,
    });
    const identity = { tenantId: 'acme', userId: 'erin' };
    await statuses.put(identity, { state: 'paired', jid: '5511999999999@s.whatsapp.net' });

    // act: two writers record the same logout at once
    await Promise.all([
      statuses.put(identity, { state: 'logged_out' }, { reason: 'unlinked_from_phone' }),
      statuses.put(identity, { state: 'logged_out' }, { reason: 'unlinked_from_phone' }),
    ]);

    // assert
    expect(events.changes).toEqual([
      {
        tenant: 'acme',
        user: 'erin',
        status: 'paired',
        previous_status: 'unpaired',
        reason: 'paired',
        jid: '5511999999999@s.whatsapp.net',
      },
      {
        tenant: 'acme',
        user: 'erin',
        status: 'logged_out',
        previous_status: 'paired',
        reason: 'unlinked_from_phone',
        jid: null,
      },
    ]);
  });

  it('reports a claimed attempt as pairing_started and its end once, back at the stored status', async () => {
    // prepare
    const events = recordingPublisher();
    const attempts = new DynamoDbPairingAttempts({
      client: aws.dynamoDb,
      tableName: aws.resources.sessionsTableName,
      events,
    });
    const identity = { tenantId: 'acme', userId: 'frank' };
    const claimed = attempt('attempt-1');

    // act
    await attempts.claim(identity, claimed, null);
    await attempts.claim(identity, attempt('attempt-2'), null); // loses: one is under way
    await Promise.all([
      attempts.end(identity, 'attempt-1', 'timed_out'),
      attempts.end(identity, 'attempt-1', 'closed'),
    ]);

    // assert
    expect(events.changes.map((c) => [c.previous_status, c.status, c.reason])).toEqual([
      ['unpaired', 'pairing', 'pairing_started'],
      ['pairing', 'unpaired', expect.stringMatching(/^pairing_(timed_out|closed)$/)],
    ]);
  });
});
