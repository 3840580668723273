import type { Message } from '@aws-sdk/client-sqs';
import { describe, expect, it, vi } from 'vitest';
import type { ProfileRequestMessage } from '../../../functions/contracts/shard-messages.ts';
import { sessionShard } from '../../../functions/domain/session/session-identity.ts';
import type { HandleLogoutSession } from '../../../functions/worker/handle-logout-session.ts';
import type { HandleProfileRequest } from '../../../functions/worker/handle-profile-request.ts';
import { SEED_PROFILE } from '../../support/contacts/seed-profile.ts';
import { silentLogger } from '../../support/logging/silent-logger.ts';
import { NOW, REPLY_QUEUE_URL } from '../../support/worker/lookup-fakes.ts';
import { recordingSqs } from '../../support/worker/recording-sqs.ts';
import {
  COMMANDS_OF_SHARD_0,
  QUEUE_URL_BASE,
  shardZeroHandler,
} from '../../support/worker/shard-message-boundary.ts';

const LOOKUP: ProfileRequestMessage = {
  kind: 'profile-lookup',
  version: 1,
  correlationId: 'corr-1',
  deadline: NOW + 10_000,
  tenantId: 'acme',
  userId: 'alice',
  contact: { kind: 'jid', jid: SEED_PROFILE.jid },
  refresh: false,
  replyQueueUrl: REPLY_QUEUE_URL,
};

function setup(options: { commands?: boolean } = {}) {
  const { sqs, replies } = recordingSqs();
  const handled: unknown[] = [];
  const handleProfileRequest: HandleProfileRequest = async (request) => {
    handled.push(request);
    return {
      kind: 'reply',
      reply: {
        version: 1,
        correlationId: request.correlationId,
        ok: true,
        profile: SEED_PROFILE,
        fetchedAt: NOW,
      },
    };
  };
  const handleLogoutSession: HandleLogoutSession = async (command) => {
    handled.push(command);
    return {
      kind: 'reply',
      reply: { version: 1, correlationId: command.correlationId, ok: true, unlinked: true },
    };
  };
  const logger = silentLogger();
  const warned = vi.spyOn(logger, 'warn');
  const handle = shardZeroHandler({
    sqs,
    logger,
    lateRequestMaxAgeMs: 60_000,
    now: () => NOW,
    handleProfileRequest,
    handleLogoutSession,
    ...(options.commands ? { source: COMMANDS_OF_SHARD_0 } : {}),
  });
  const message = (body: unknown): Message => ({
    MessageId: 'message-1',
    ReceiptHandle: 'receipt-1',
    Body: JSON.stringify(body),
  });
  /** What was logged about the refusal, as one string (to look for unmasked values in). */
  const refusalLog = () => {
    const call = warned.mock.calls.find(
      ([text]) => text === 'refused a shard message; deleting it',
    );
    return call ? JSON.stringify(call[1]) : undefined;
  };
  return { handle, message, handled, replies, refusalLog };
}

describe('createShardMessageHandler: the boundary', () => {
  it('refuses a forged message whose tenant id would alias another tenant’s keys, and logs it masked', async () => {
    const { handle, message, handled, replies, refusalLog } = setup();

    // "acme#alice" + "x" would share the key prefix of tenant "acme", user "alice#x".
    const decision = await handle(message({ ...LOOKUP, tenantId: 'acme#alice', userId: 'x' }));

    expect(decision).toEqual({ kind: 'ack' });
    expect(handled).toEqual([]);
    expect(replies).toEqual([]);
    expect(refusalLog()).toMatch(/tenantId/);
    expect(refusalLog()).toContain('"tenantId":"ac…(10)"');
    expect(refusalLog()).not.toContain('acme#alice');
  });

  it('refuses a message naming a tenant of another shard than its queue’s', async () => {
    const { sqs } = recordingSqs();
    const handled: unknown[] = [];
    const handle = shardZeroHandler({
      sqs,
      logger: silentLogger(),
      lateRequestMaxAgeMs: 60_000,
      now: () => NOW,
      boundary: { shardCount: 64, isReplyQueue: () => true },
      handleProfileRequest: async (request) => {
        handled.push(request);
        throw new Error('must not be called');
      },
    });
    // With 64 shards, "acme"/"alice" lives on a shard other than 0 (checked below).
    expect(sessionShard({ tenantId: 'acme', userId: 'alice' }, 64)).not.toBe(0);

    const decision = await handle({ MessageId: 'm', Body: JSON.stringify(LOOKUP) });

    expect(decision).toEqual({ kind: 'ack' });
    expect(handled).toEqual([]);
  });

  it('refuses a reply queue that is not one of the deployment’s, sending nothing there', async () => {
    const { handle, message, handled, replies, refusalLog } = setup();

    const decision = await handle(
      message({
        ...LOOKUP,
        replyQueueUrl: 'https://sqs.eu-west-1.amazonaws.com/999999999999/steal',
      }),
    );

    expect(decision).toEqual({ kind: 'ack' });
    expect(handled).toEqual([]);
    expect(replies).toEqual([]);
    expect(refusalLog()).toMatch(/reply queue that is not one of this deployment/);
    expect(refusalLog()).not.toContain('999999999999');
  });

  it('refuses malformed identifiers and contacts the API’s parsing never yields', async () => {
    const { handle, message, handled } = setup();
    const forged = [
      { ...LOOKUP, userId: '' },
      { ...LOOKUP, userId: 'a'.repeat(65) },
      { ...LOOKUP, tenantId: 'acme corp' },
      { ...LOOKUP, contact: { kind: 'jid', jid: '120363000000000000@g.us' } },
      { ...LOOKUP, contact: { kind: 'jid', jid: '5511999999999:3@s.whatsapp.net' } },
      { ...LOOKUP, contact: { kind: 'number', digits: '+5511999999999' } },
    ];

    const decisions = await Promise.all(forged.map((body) => handle(message(body))));

    expect(decisions).toEqual(forged.map(() => ({ kind: 'ack' })));
    expect(handled).toEqual([]);
  });

  it('refuses a logout on a request queue, where the contacts functions may send', async () => {
    const { handle, message, handled, refusalLog } = setup();
    const { contact: _contact, refresh: _refresh, ...fields } = LOOKUP;

    const decision = await handle(message({ ...fields, kind: 'logout-session' }));

    expect(decision).toEqual({ kind: 'ack' });
    expect(handled).toEqual([]);
    expect(refusalLog()).toMatch(/session command on a request queue/);
  });

  it('carries out a logout read from the session-command queue', async () => {
    const { handle, message, handled, replies } = setup({ commands: true });
    const { contact: _contact, refresh: _refresh, ...fields } = LOOKUP;

    const decision = await handle(message({ ...fields, kind: 'logout-session' }));

    expect(decision).toEqual({ kind: 'ack' });
    expect(handled).toHaveLength(1);
    expect(replies.map((sent) => sent.queueUrl)).toEqual([REPLY_QUEUE_URL]);
    expect(REPLY_QUEUE_URL.startsWith(QUEUE_URL_BASE)).toBe(true);
  });

  it('leaves a message of another version for a worker that reads it', async () => {
    const { handle, message, handled } = setup();

    const decision = await handle(message({ ...LOOKUP, version: 2 }));

    expect(decision).toEqual({ kind: 'leave' });
    expect(handled).toEqual([]);
  });
});
