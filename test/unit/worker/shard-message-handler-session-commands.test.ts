import type { Message } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import type {
  LogoutSessionCommand,
  PairSessionCommand,
} from '../../../functions/contracts/session-commands.ts';
import { SessionUnavailableError } from '../../../functions/domain/errors/app-errors.ts';
import type { SessionIdentity } from '../../../functions/domain/session/session-identity.ts';
import type { PairingCommand, SessionControl } from '../../../functions/ports/session-control.ts';
import { createHandleLogoutSession } from '../../../functions/worker/handle-logout-session.ts';
import { createHandlePairSession } from '../../../functions/worker/handle-pair-session.ts';
import { silentLogger } from '../../support/logging/silent-logger.ts';
import { NOW, REPLY_QUEUE_URL } from '../../support/worker/lookup-fakes.ts';
import { recordingSqs } from '../../support/worker/recording-sqs.ts';
import {
  COMMANDS_OF_SHARD_0,
  shardZeroHandler,
} from '../../support/worker/shard-message-boundary.ts';

const FIELDS = {
  version: 1 as const,
  correlationId: 'corr-1',
  tenantId: 'acme',
  userId: 'alice',
};
const PAIR: PairSessionCommand = {
  kind: 'pair-session',
  ...FIELDS,
  deadline: NOW + 180_000,
  attemptId: 'attempt-1',
  phoneDigits: '5511987654321',
};
const LOGOUT: LogoutSessionCommand = {
  kind: 'logout-session',
  ...FIELDS,
  deadline: NOW + 10_000,
  replyQueueUrl: REPLY_QUEUE_URL,
};

/** Session control that records what it was asked; `fail` makes it throw. */
function recordingControl(fail?: Error) {
  const calls: Array<{ op: string; identity: SessionIdentity; command?: PairingCommand }> = [];
  const control: SessionControl = {
    async startPairing(identity, command) {
      calls.push({ op: 'pair', identity, command });
      if (fail) throw fail;
    },
    async logOut(identity) {
      calls.push({ op: 'logout', identity });
      if (fail) throw fail;
      return { unlinked: true };
    },
  };
  return { control, calls };
}

function setup(control: SessionControl) {
  const { sqs, replies } = recordingSqs();
  const steps: string[] = [];
  const logger = silentLogger();
  const handle = shardZeroHandler({
    source: COMMANDS_OF_SHARD_0,
    sqs,
    handleProfileRequest: async () => {
      throw new Error('not a lookup');
    },
    handlePairSession: createHandlePairSession({ sessionControl: control, logger }),
    handleLogoutSession: createHandleLogoutSession({
      sessionControl: {
        ...control,
        logOut: async (identity, signal) => {
          steps.push('log out');
          return control.logOut(identity, signal);
        },
      },
      attempts: {
        latest: async () => ({
          attemptId: 'attempt-1',
          method: 'qr',
          state: 'waiting',
          startedAt: NOW,
          endsAt: NOW + 60_000,
          aliveUntil: NOW + 30_000,
          recentStarts: [NOW],
        }),
        end: async (_identity, attemptId, reason) => {
          steps.push(`end ${attemptId} ${reason}`);
        },
      },
      statuses: {
        put: async (_identity, status) => {
          steps.push(`status ${status.state}`);
        },
      },
      cache: {
        deleteSession: async () => {
          steps.push('delete cache');
          return 2;
        },
      },
    }),
    logger,
    lateRequestMaxAgeMs: 60_000,
    now: () => NOW,
  });
  const message = (body: unknown): Message => ({
    MessageId: 'message-1',
    ReceiptHandle: 'receipt-1',
    Body: JSON.stringify(body),
  });
  return { handle, message, replies, steps };
}

describe('createShardMessageHandler: session commands', () => {
  it('acknowledges a pair command once the pairing socket started, and sends no reply', async () => {
    const { control, calls } = recordingControl();
    const { handle, message, replies } = setup(control);

    const decision = await handle(message(PAIR));

    expect(decision).toEqual({ kind: 'ack' });
    expect(calls).toEqual([
      {
        op: 'pair',
        identity: { tenantId: 'acme', userId: 'alice' },
        command: { attemptId: 'attempt-1', deadline: PAIR.deadline, phoneDigits: '5511987654321' },
      },
    ]);
    expect(replies).toEqual([]);
  });

  it('acknowledges a pair command this worker cannot carry out (its attempt has ended)', async () => {
    const { control } = recordingControl(new SessionUnavailableError('no worker serves it'));
    const { handle, message } = setup(control);

    expect(await handle(message(PAIR))).toEqual({ kind: 'ack' });
  });

  it('logs out in order and answers on the reply queue', async () => {
    const { control } = recordingControl();
    const { handle, message, replies, steps } = setup(control);

    const decision = await handle(message(LOGOUT));

    expect(decision).toEqual({ kind: 'ack' });
    expect(steps).toEqual([
      'end attempt-1 logged_out',
      'log out',
      'status unpaired',
      'delete cache',
    ]);
    expect(replies).toEqual([
      {
        queueUrl: REPLY_QUEUE_URL,
        reply: { version: 1, correlationId: 'corr-1', ok: true, unlinked: true },
      },
    ]);
  });

  it('answers a logout this worker cannot carry out with the failure, through the one mapping', async () => {
    const { control } = recordingControl(new SessionUnavailableError('no worker serves it'));
    const { handle, message, replies, steps } = setup(control);

    const decision = await handle(message(LOGOUT));

    expect(decision).toEqual({ kind: 'ack' });
    expect(steps).not.toContain('status unpaired');
    expect(replies[0]?.reply).toEqual({
      version: 1,
      correlationId: 'corr-1',
      ok: false,
      errorCode: 'SESSION_UNAVAILABLE',
      message: 'no worker serves it',
    });
  });

  it('leaves a logout that failed unexpectedly, after telling the caller', async () => {
    const { control } = recordingControl(new Error('DynamoDB is down'));
    const { handle, message, replies } = setup(control);

    const decision = await handle(message(LOGOUT));

    expect(decision).toEqual({ kind: 'leave' });
    expect(replies[0]?.reply).toMatchObject({ ok: false, errorCode: 'INTERNAL_ERROR' });
  });
});
