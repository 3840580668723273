import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PairingCoordinator } from '../../../functions/whatsapp/pairing-coordinator.ts';
import type {
  SessionEvent,
  WhatsAppSession,
} from '../../../functions/whatsapp/whatsapp-session.ts';
import { silentLogger } from '../../support/logging/silent-logger.ts';
import { InMemoryPairingAttempts } from '../../support/session-api/in-memory-session-ports.ts';
import { startingAttempt } from '../../support/whatsapp/starting-attempt.ts';

const identity = { tenantId: 'acme', userId: 'alice' };
const TIME_LIMIT_MS = 60_000;

/** A session manager whose one pairing socket the test drives through its events. */
function fakeSessions(shard = 0) {
  const session = { state: 'connecting' } as unknown as WhatsAppSession;
  const fake: {
    emit: (event: SessionEvent) => void;
    closed: number;
    startPairing: (
      identity: unknown,
      request: { onEvent: (event: SessionEvent) => void },
    ) => Promise<{ kind: 'started'; session: WhatsAppSession }>;
    closeSession: () => Promise<void>;
    shardOf: () => number;
  } = {
    emit: () => undefined,
    closed: 0,
    async startPairing(_identity: unknown, request: { onEvent: (event: SessionEvent) => void }) {
      fake.emit = request.onEvent;
      return { kind: 'started' as const, session };
    },
    async closeSession() {
      fake.closed += 1;
    },
    shardOf: () => shard,
  };
  return fake;
}

async function startAttempt(options: { shard?: number } = {}) {
  const attempts = new InMemoryPairingAttempts();
  const attempt = startingAttempt('a1', TIME_LIMIT_MS);
  await attempts.claim(identity, attempt, null);
  const sessions = fakeSessions(options.shard);
  const coordinator = new PairingCoordinator({ attempts, sessions, logger: silentLogger() });
  await coordinator.start(identity, { attemptId: 'a1', deadline: attempt.endsAt });
  return { attempts, sessions, coordinator };
}

describe('PairingCoordinator', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('closes the pairing socket and ends the attempt at the time limit', async () => {
    const { attempts, sessions } = await startAttempt();
    sessions.emit({ type: 'qr', qr: '2@ref,noise,identity,adv' });

    await vi.advanceTimersByTimeAsync(TIME_LIMIT_MS + 1);

    const attempt = await attempts.latest(identity);
    expect(sessions.closed).toBe(1);
    expect(attempt?.state).toBe('ended');
    expect(attempt?.endReason).toBe('timed_out');
    expect(attempt?.qr).toBeUndefined();
  });

  it('gives a link the phone accepted just before the time limit its reconnect', async () => {
    const { attempts, sessions } = await startAttempt();
    sessions.emit({ type: 'qr', qr: '2@ref,noise,identity,adv' });
    await vi.advanceTimersByTimeAsync(TIME_LIMIT_MS - 1_000);
    sessions.emit({ type: 'reconnecting', delayMs: 0, statusCode: 515 });

    await vi.advanceTimersByTimeAsync(5_000);
    const whileLinking = await attempts.latest(identity);
    sessions.emit({ type: 'open', account: '55*********21' });
    await vi.advanceTimersByTimeAsync(1);

    const attempt = await attempts.latest(identity);
    expect(whileLinking?.state).toBe('linking');
    expect(sessions.closed).toBe(0);
    expect(attempt?.endReason).toBe('paired');
  });

  it("ends the attempt as lease_lost when its session's shard closes, and not for another shard", async () => {
    const { attempts, coordinator } = await startAttempt({ shard: 2 });

    await coordinator.shardClosed(1);
    const afterOtherShard = await attempts.latest(identity);
    await coordinator.shardClosed(2);

    const attempt = await attempts.latest(identity);
    expect(afterOtherShard?.state).not.toBe('ended');
    expect(attempt?.state).toBe('ended');
    expect(attempt?.endReason).toBe('lease_lost');
  });
});
