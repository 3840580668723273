import { describe, expect, it } from 'vitest';
import {
  RateLimitedError,
  SessionUnavailableError,
  UpstreamTimeoutError,
} from '../../../../functions/domain/errors/app-errors.ts';
import type { PairingAttempt } from '../../../../functions/domain/session/pairing-attempt.ts';
import type { SessionIdentity } from '../../../../functions/domain/session/session-identity.ts';
import { createStartPairing } from '../../../../functions/session-api/pair-session/start-pairing.ts';
import {
  InMemoryPairingAttempts,
  InMemorySessionStatuses,
  RecordingSessionWorkerClient,
} from '../../../support/session-api/in-memory-session-ports.ts';

const ALICE: SessionIdentity = { tenantId: 'acme', userId: 'alice' };
const BOB: SessionIdentity = { tenantId: 'acme', userId: 'bob' };
const START = Date.parse('2026-06-15T12:00:00Z');
const LIMITS = { timeLimitMs: 160_000, maxAttemptsPerHour: 5 };
const WAIT_MS = 8_000;

function setUp() {
  const clock = { now: START };
  const attempts = new InMemoryPairingAttempts();
  const statuses = new InMemorySessionStatuses();
  const workerClient = new RecordingSessionWorkerClient();
  let ids = 0;
  const startPairing = createStartPairing({
    attempts,
    statuses,
    workerClient,
    limits: LIMITS,
    startGraceMs: WAIT_MS + 10_000,
    pollIntervalMs: 250,
    now: () => clock.now,
    sleep: async (ms) => {
      clock.now += ms;
    },
    newAttemptId: () => `attempt-${++ids}`,
  });
  const waitUntil = () => clock.now + WAIT_MS;
  return { clock, attempts, statuses, workerClient, startPairing, waitUntil };
}

/** The worker's first QR payload, recorded on the attempt as the worker does. */
function showQr(attempts: InMemoryPairingAttempts, identity: SessionIdentity, at: number) {
  return (id: string) =>
    attempts.progress(identity, id, {
      state: 'waiting',
      qr: `qr-of-${id}`,
      codeExpiresAt: at + 60_000,
      aliveUntil: at + 70_000,
    });
}

function activeAttempt(overrides: Partial<PairingAttempt> = {}): PairingAttempt {
  return {
    attemptId: 'earlier',
    method: 'qr',
    state: 'waiting',
    startedAt: START - 10_000,
    endsAt: START + 150_000,
    aliveUntil: START + 50_000,
    qr: 'current-qr',
    codeExpiresAt: START + 15_000,
    recentStarts: [START - 10_000],
    ...overrides,
  };
}

describe('startPairing', () => {
  it('claims an attempt, asks the worker and answers its first QR payload', async () => {
    // prepare
    const { clock, attempts, workerClient, startPairing, waitUntil } = setUp();
    workerClient.onStartPairing = (identity, id) => {
      attempts.beforeLatest = () => {
        if (clock.now >= START + 1_000) void showQr(attempts, identity, clock.now)(id);
      };
    };

    // act
    const view = await startPairing(ALICE, { waitUntil: waitUntil() });

    // assert
    expect(view).toEqual({
      status: 'pairing',
      qr: 'qr-of-attempt-1',
      expiresAt: expect.any(Number),
    });
    expect(workerClient.pairings).toEqual([
      { identity: ALICE, attemptId: 'attempt-1', deadline: START + 160_000 },
    ]);
    const stored = await attempts.latest(ALICE);
    expect(stored).toMatchObject({ method: 'qr', startedAt: START, endsAt: START + 160_000 });
    expect(stored?.recentStarts).toEqual([START]);
  });

  it('sends the phone digits and answers the pairing code', async () => {
    // prepare
    const { clock, attempts, workerClient, startPairing, waitUntil } = setUp();
    workerClient.onStartPairing = (identity, id) => {
      void attempts.progress(identity, id, {
        state: 'waiting',
        pairingCode: 'ABCDEFGH',
        codeExpiresAt: clock.now + 60_000,
        aliveUntil: clock.now + 70_000,
      });
    };

    // act
    const view = await startPairing(ALICE, {
      phoneDigits: '5511999999999',
      waitUntil: waitUntil(),
    });

    // assert
    expect(view).toEqual({
      status: 'pairing',
      pairingCode: 'ABCDEFGH',
      expiresAt: START + 60_000,
    });
    expect(workerClient.pairings[0]?.phoneDigits).toBe('5511999999999');
    expect((await attempts.latest(ALICE))?.method).toBe('code');
  });

  it('continues the attempt under way instead of starting another', async () => {
    // prepare
    const { attempts, workerClient, startPairing, waitUntil } = setUp();
    attempts.items.set('acme#alice', activeAttempt());

    // act
    const view = await startPairing(ALICE, {
      phoneDigits: '5511999999999',
      waitUntil: waitUntil(),
    });

    // assert
    expect(view).toEqual({ status: 'pairing', qr: 'current-qr', expiresAt: START + 15_000 });
    expect(workerClient.pairings).toEqual([]);
  });

  it('continues the winner’s attempt when a concurrent call claimed first (lost claim)', async () => {
    // prepare
    const { attempts, workerClient, startPairing, waitUntil } = setUp();
    const claim = attempts.claim.bind(attempts);
    attempts.claim = async (identity, attempt, replacing) => {
      // Another POST claims between this call's read and its claim.
      attempts.items.set('acme#alice', activeAttempt({ attemptId: 'winner', qr: 'winner-qr' }));
      attempts.claim = claim;
      return claim(identity, attempt, replacing);
    };

    // act
    const view = await startPairing(ALICE, { waitUntil: waitUntil() });

    // assert
    expect(view).toEqual({ status: 'pairing', qr: 'winner-qr', expiresAt: START + 15_000 });
    expect(workerClient.pairings).toEqual([]);
    expect((await attempts.latest(ALICE))?.attemptId).toBe('winner');
  });

  it('answers 429 with the seconds until the oldest attempt leaves the hour', async () => {
    // prepare
    const { attempts, workerClient, startPairing, waitUntil } = setUp();
    const starts = [50, 40, 30, 20, 10].map((minutes) => START - minutes * 60_000);
    attempts.items.set(
      'acme#alice',
      activeAttempt({ state: 'ended', endReason: 'timed_out', recentStarts: starts }),
    );

    // act
    const error = await startPairing(ALICE, { waitUntil: waitUntil() }).catch((e: unknown) => e);

    // assert
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterSeconds).toBe(600);
    expect(workerClient.pairings).toEqual([]);
  });

  it('answers the paired status when the session is already paired', async () => {
    // prepare
    const { statuses, workerClient, startPairing, waitUntil } = setUp();
    statuses.set(ALICE, {
      state: 'paired',
      jid: '5511999999999@s.whatsapp.net',
      pairedAt: '2026-06-01T10:00:00.000Z',
    });

    // act
    const view = await startPairing(ALICE, { waitUntil: waitUntil() });

    // assert
    expect(view).toEqual({
      status: 'paired',
      jid: '5511999999999@s.whatsapp.net',
      since: '2026-06-01T10:00:00.000Z',
    });
    expect(workerClient.pairings).toEqual([]);
  });

  it('fails with 503 and ends the attempt as not_started when no worker serves the session', async () => {
    // prepare
    const { attempts, workerClient, startPairing, waitUntil } = setUp();
    workerClient.failWith = new SessionUnavailableError(
      'no session worker is serving this session',
    );

    // act
    const error = await startPairing(ALICE, { waitUntil: waitUntil() }).catch((e: unknown) => e);

    // assert
    expect(error).toBeInstanceOf(SessionUnavailableError);
    expect(await attempts.latest(ALICE)).toMatchObject({
      attemptId: 'attempt-1',
      state: 'ended',
      endReason: 'not_started',
    });
  });

  it('answers 504 when the worker shows no code within the wait, and the attempt goes on', async () => {
    // prepare
    const { clock, attempts, startPairing, waitUntil } = setUp();

    // act
    const error = await startPairing(ALICE, { waitUntil: waitUntil() }).catch((e: unknown) => e);

    // assert
    expect(error).toBeInstanceOf(UpstreamTimeoutError);
    expect(clock.now).toBe(START + WAIT_MS);
    expect((await attempts.latest(ALICE))?.state).toBe('starting');
  });

  it('answers 503 when the worker ends the attempt as closed before any code', async () => {
    // prepare
    const { attempts, workerClient, startPairing, waitUntil } = setUp();
    workerClient.onStartPairing = (identity, id) => {
      void attempts.end(identity, id, 'closed');
    };

    // act
    const error = await startPairing(ALICE, { waitUntil: waitUntil() }).catch((e: unknown) => e);

    // assert
    expect(error).toBeInstanceOf(SessionUnavailableError);
    expect((error as Error).message).toBe('WhatsApp could not be reached to pair; try again');
  });

  it.each([
    ['code_refused', 400, 'VALIDATION_ERROR'],
    ['rate_limited', 429, 'RATE_LIMITED'],
  ] as const)(
    'answers %s (WhatsApp refused the pairing-code request) with %i %s',
    async (reason, status, code) => {
      // prepare
      const { attempts, workerClient, startPairing, waitUntil } = setUp();
      workerClient.onStartPairing = (identity, id) => {
        void attempts.end(identity, id, reason);
      };

      // act
      const error = await startPairing(ALICE, {
        waitUntil: waitUntil(),
        phoneDigits: '5511987654321',
      }).catch((e: unknown) => e);

      // assert
      expect(error).toMatchObject({ statusCode: status, errorCode: code });
    },
  );

  it('starts a new attempt when the previous one lapsed without its worker, ending it', async () => {
    // prepare
    const { attempts, workerClient, startPairing, waitUntil } = setUp();
    attempts.items.set('acme#alice', activeAttempt({ aliveUntil: START - 1 }));
    workerClient.onStartPairing = (identity, id) => void showQr(attempts, identity, START)(id);

    // act
    const view = await startPairing(ALICE, { waitUntil: waitUntil() });

    // assert
    expect(view).toMatchObject({ status: 'pairing', qr: 'qr-of-attempt-1' });
    expect((await attempts.latest(ALICE))?.recentStarts).toEqual([START - 10_000, START]);
  });

  it('keeps each user’s attempt to that user: two users pairing at once', async () => {
    // prepare
    const { attempts, workerClient, startPairing, waitUntil } = setUp();
    workerClient.onStartPairing = (identity, id) => void showQr(attempts, identity, START)(id);

    // act
    const [alice, bob] = await Promise.all([
      startPairing(ALICE, { waitUntil: waitUntil() }),
      startPairing(BOB, { waitUntil: waitUntil() }),
    ]);

    // assert
    expect(workerClient.pairings.map((p) => p.identity)).toEqual([ALICE, BOB]);
    expect(alice).toMatchObject({ qr: `qr-of-${workerClient.pairings[0]?.attemptId}` });
    expect(bob).toMatchObject({ qr: `qr-of-${workerClient.pairings[1]?.attemptId}` });
    expect((await attempts.latest(ALICE))?.attemptId).not.toBe(
      (await attempts.latest(BOB))?.attemptId,
    );
  });
});
