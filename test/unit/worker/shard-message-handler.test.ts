import type { Message } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import type {
  ProfileReplyMessage,
  ProfileRequestMessage,
} from '../../../functions/contracts/shard-messages.ts';
import type {
  HandleProfileRequest,
  ProfileRequestOutcome,
} from '../../../functions/worker/handle-profile-request.ts';
import { SEED_PROFILE } from '../../support/contacts/seed-profile.ts';
import { silentLogger } from '../../support/logging/silent-logger.ts';
import { NOW, REPLY_QUEUE_URL } from '../../support/worker/lookup-fakes.ts';
import { recordingSqs } from '../../support/worker/recording-sqs.ts';
import { shardZeroHandler } from '../../support/worker/shard-message-boundary.ts';

const FIELDS = {
  version: 1 as const,
  correlationId: 'corr-1',
  deadline: NOW + 10_000,
  tenantId: 'acme',
  userId: 'alice',
  contact: { kind: 'jid' as const, jid: SEED_PROFILE.jid },
  refresh: false,
};
const LOOKUP: ProfileRequestMessage = {
  kind: 'profile-lookup',
  ...FIELDS,
  replyQueueUrl: REPLY_QUEUE_URL,
};
const WARMUP: ProfileRequestMessage = { kind: 'warmup-lookup', ...FIELDS };

const ANSWERED: ProfileRequestOutcome = {
  kind: 'reply',
  reply: { version: 1, correlationId: 'corr-1', ok: true, profile: SEED_PROFILE, fetchedAt: NOW },
};
const RATE_LIMITED: ProfileRequestOutcome = {
  kind: 'reply',
  reply: {
    version: 1,
    correlationId: 'corr-1',
    ok: false,
    errorCode: 'RATE_LIMITED',
    message: 'budget spent',
    retryAfterSeconds: 7,
  },
};
const FAILED: ProfileRequestOutcome = {
  kind: 'retry',
  error: new Error('socket hang up'),
  reply: {
    version: 1,
    correlationId: 'corr-1',
    ok: false,
    errorCode: 'INTERNAL_ERROR',
    message: 'internal error',
  },
};

function setup(outcome: ProfileRequestOutcome) {
  const { sqs, replies } = recordingSqs<ProfileReplyMessage>();
  const lookups: ProfileRequestMessage[] = [];
  const handleProfileRequest: HandleProfileRequest = async (request) => {
    lookups.push(request);
    return outcome;
  };
  const handle = shardZeroHandler({
    sqs,
    handleProfileRequest,
    logger: silentLogger(),
    lateRequestMaxAgeMs: 60_000,
    now: () => NOW,
  });
  const message = (body: unknown): Message => ({
    MessageId: 'message-1',
    ReceiptHandle: 'receipt-1',
    Body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { handle, message, replies, lookups };
}

describe('createShardMessageHandler', () => {
  it('answers a profile lookup on its reply queue and acknowledges it', async () => {
    const { handle, message, replies } = setup(ANSWERED);

    const decision = await handle(message(LOOKUP));

    expect(decision).toEqual({ kind: 'ack' });
    expect(replies).toEqual([{ queueUrl: REPLY_QUEUE_URL, reply: ANSWERED.reply }]);
  });

  it('acknowledges a warm-up without sending a reply', async () => {
    const { handle, message, replies, lookups } = setup(ANSWERED);

    const decision = await handle(message(WARMUP));

    expect(decision).toEqual({ kind: 'ack' });
    expect(lookups).toHaveLength(1);
    expect(replies).toEqual([]);
  });

  it('retries a warm-up the session budget cannot take yet after its Retry-After', async () => {
    const { handle, message } = setup(RATE_LIMITED);

    const decision = await handle(message(WARMUP));

    expect(decision).toEqual({ kind: 'retry', afterSeconds: 7 });
  });

  it('answers a rate-limited profile lookup and acknowledges it: its caller decides', async () => {
    const { handle, message, replies } = setup(RATE_LIMITED);

    const decision = await handle(message(LOOKUP));

    expect(decision).toEqual({ kind: 'ack' });
    expect(replies.map((sent) => sent.reply)).toEqual([RATE_LIMITED.reply]);
  });

  it('leaves a request that failed unexpectedly, after answering its caller', async () => {
    const { handle, message, replies } = setup(FAILED);

    const decision = await handle(message(LOOKUP));

    expect(decision).toEqual({ kind: 'leave' });
    expect(replies.map((sent) => sent.reply)).toEqual([FAILED.reply]);
  });

  it('leaves an unreadable message for the dead-letter queue without a lookup', async () => {
    const { handle, message, lookups } = setup(ANSWERED);

    const decision = await handle(message('{"version":2,"garbage":true}'));

    expect(decision).toEqual({ kind: 'leave' });
    expect(lookups).toEqual([]);
  });

  it('acknowledges a request long past its deadline without a lookup', async () => {
    const { handle, message, lookups, replies } = setup(ANSWERED);

    const decision = await handle(message({ ...LOOKUP, deadline: NOW - 120_000 }));

    expect(decision).toEqual({ kind: 'ack' });
    expect(lookups).toEqual([]);
    expect(replies).toEqual([]);
  });

  it('still serves a request sent before kinds existed, by its reply queue', async () => {
    const { handle, message, replies, lookups } = setup(ANSWERED);
    const { kind: _kind, ...legacy } = LOOKUP;

    const decision = await handle(message(legacy));

    expect(decision).toEqual({ kind: 'ack' });
    expect(lookups[0]?.kind).toBe('profile-lookup');
    expect(replies.map((sent) => sent.queueUrl)).toEqual([REPLY_QUEUE_URL]);
  });
});
