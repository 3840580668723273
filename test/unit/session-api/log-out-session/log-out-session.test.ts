import { describe, expect, it } from 'vitest';
import { SessionUnavailableError } from '../../../../functions/domain/errors/app-errors.ts';
import { createLogOutSession } from '../../../../functions/session-api/log-out-session/log-out-session.ts';
import {
  InMemoryPairingAttempts,
  RecordingSessionWorkerClient,
} from '../../../support/session-api/in-memory-session-ports.ts';

const ALICE = { tenantId: 'acme', userId: 'alice' };
const NOW = Date.parse('2026-06-15T12:00:00Z');

describe('logOutSession', () => {
  it('ends a pairing under way, then has the worker log the session out', async () => {
    // prepare
    const attempts = new InMemoryPairingAttempts();
    const workerClient = new RecordingSessionWorkerClient();
    attempts.items.set('acme#alice', {
      attemptId: 'a1',
      method: 'qr',
      state: 'waiting',
      startedAt: NOW,
      endsAt: NOW + 160_000,
      aliveUntil: NOW + 60_000,
      qr: 'secret',
      codeExpiresAt: NOW + 20_000,
      recentStarts: [NOW],
    });
    const logOut = createLogOutSession({ attempts, workerClient });

    // act
    const result = await logOut(ALICE, { deadline: NOW + 20_000 });

    // assert
    expect(result).toEqual({ status: 'unpaired', unlinked: true });
    expect(workerClient.logouts).toEqual([{ identity: ALICE, deadline: NOW + 20_000 }]);
    const stored = await attempts.latest(ALICE);
    expect(stored).toMatchObject({ state: 'ended', endReason: 'logged_out' });
    expect(stored?.qr).toBeUndefined();
  });

  it('reports a device WhatsApp could not be told about', async () => {
    const workerClient = new RecordingSessionWorkerClient();
    workerClient.unlinked = false;
    const logOut = createLogOutSession({ attempts: new InMemoryPairingAttempts(), workerClient });

    expect(await logOut(ALICE, { deadline: NOW })).toEqual({ status: 'unpaired', unlinked: false });
  });

  it('fails with 503 when no worker serves the session', async () => {
    const workerClient = new RecordingSessionWorkerClient();
    workerClient.failWith = new SessionUnavailableError(
      'no session worker is serving this session',
    );
    const logOut = createLogOutSession({ attempts: new InMemoryPairingAttempts(), workerClient });

    await expect(logOut(ALICE, { deadline: NOW })).rejects.toBeInstanceOf(SessionUnavailableError);
  });
});
