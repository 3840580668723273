import { describe, expect, it } from 'vitest';
import type { PairSessionCommand } from '../../../functions/contracts/session-commands.ts';
import { SessionUnavailableError } from '../../../functions/domain/errors/app-errors.ts';
import type { SessionIdentity } from '../../../functions/domain/session/session-identity.ts';
import type { PairingCommand, SessionControl } from '../../../functions/ports/session-control.ts';
import { createHandlePairSession } from '../../../functions/worker/handle-pair-session.ts';
import { silentLogger } from '../../support/silent-logger.ts';

const COMMAND: PairSessionCommand = {
  kind: 'pair-session',
  version: 1,
  correlationId: 'corr-1',
  deadline: Date.parse('2026-06-15T12:05:00Z'),
  tenantId: 'acme',
  userId: 'alice',
  attemptId: 'attempt-1',
  phoneDigits: '5511999999999',
};

function control(startPairing: SessionControl['startPairing']): SessionControl {
  return { startPairing, logOut: () => Promise.reject(new Error('not used')) };
}

describe('createHandlePairSession', () => {
  it('starts pairing for the command’s session and attempt, then answers ok', async () => {
    const started: Array<[SessionIdentity, PairingCommand]> = [];
    const handle = createHandlePairSession({
      sessionControl: control(async (identity, command) => {
        started.push([identity, command]);
      }),
      logger: silentLogger('test'),
    });

    const outcome = await handle(COMMAND);

    expect(started).toEqual([
      [
        { tenantId: 'acme', userId: 'alice' },
        { attemptId: 'attempt-1', deadline: COMMAND.deadline, phoneDigits: '5511999999999' },
      ],
    ]);
    expect(outcome).toEqual({
      kind: 'reply',
      reply: { version: 1, correlationId: 'corr-1', ok: true },
    });
  });

  it('still answers (never retries) when pairing cannot start, with the failure’s code', async () => {
    const handle = createHandlePairSession({
      sessionControl: control(() =>
        Promise.reject(new SessionUnavailableError('this worker does not hold the session')),
      ),
      logger: silentLogger('test'),
    });

    const outcome = await handle(COMMAND);

    expect(outcome).toMatchObject({
      kind: 'reply',
      reply: { ok: false, errorCode: 'SESSION_UNAVAILABLE' },
    });
  });

  it('answers INTERNAL_ERROR for an unexpected failure, without its message', async () => {
    const handle = createHandlePairSession({
      sessionControl: control(() => Promise.reject(new Error('dynamodb said no'))),
      logger: silentLogger('test'),
    });

    const outcome = await handle(COMMAND);

    expect(outcome.kind).toBe('reply');
    expect(outcome.reply).toMatchObject({ ok: false, errorCode: 'INTERNAL_ERROR' });
    expect(JSON.stringify(outcome.reply)).not.toContain('dynamodb');
  });
});
