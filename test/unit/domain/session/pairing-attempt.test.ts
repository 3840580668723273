import { describe, expect, it } from 'vitest';
import {
  decidePairingStart,
  isPairingActive,
  PAIRING_WINDOW_MS,
  type PairingAttempt,
} from '../../../../functions/domain/session/pairing-attempt.ts';

const NOW = 1_800_000_000_000;
const LIMITS = { timeLimitMs: 160_000, maxAttemptsPerHour: 3 };

function attempt(overrides: Partial<PairingAttempt> = {}): PairingAttempt {
  return {
    attemptId: 'a1',
    method: 'qr',
    state: 'waiting',
    startedAt: NOW - 10_000,
    endsAt: NOW + 150_000,
    aliveUntil: NOW + 20_000,
    recentStarts: [NOW - 10_000],
    ...overrides,
  };
}

describe('isPairingActive', () => {
  it('holds an attempt that is waiting within its time limit and liveness', () => {
    expect(isPairingActive(attempt(), NOW)).toBe(true);
  });

  it('ends an attempt past its time limit, its liveness, or ended', () => {
    expect(isPairingActive(attempt({ endsAt: NOW }), NOW)).toBe(false);
    expect(isPairingActive(attempt({ aliveUntil: NOW - 1 }), NOW)).toBe(false);
    expect(isPairingActive(attempt({ state: 'ended', endReason: 'closed' }), NOW)).toBe(false);
    expect(isPairingActive(null, NOW)).toBe(false);
  });

  it('keeps a linking attempt past the time limit while its worker keeps it alive', () => {
    const linking = attempt({ state: 'linking', endsAt: NOW - 5_000, aliveUntil: NOW + 10_000 });

    expect(isPairingActive(linking, NOW)).toBe(true);
    expect(isPairingActive({ ...linking, aliveUntil: NOW }, NOW)).toBe(false);
  });
});

describe('decidePairingStart', () => {
  it('continues the attempt under way instead of starting a second one', () => {
    const running = attempt();

    expect(decidePairingStart(running, NOW, LIMITS)).toEqual({
      kind: 'continue',
      attempt: running,
    });
  });

  it('starts an attempt and counts only the starts of the last hour', () => {
    const ended = attempt({
      state: 'ended',
      endReason: 'timed_out',
      recentStarts: [NOW - PAIRING_WINDOW_MS - 1, NOW - 60_000],
    });

    expect(decidePairingStart(ended, NOW, LIMITS)).toEqual({
      kind: 'start',
      recentStarts: [NOW - 60_000, NOW],
    });
    expect(decidePairingStart(null, NOW, LIMITS)).toEqual({ kind: 'start', recentStarts: [NOW] });
  });

  it('refuses past the hourly limit until the oldest start leaves the hour', () => {
    const oldest = NOW - PAIRING_WINDOW_MS + 90_500;
    const ended = attempt({
      state: 'ended',
      endReason: 'closed',
      recentStarts: [oldest, NOW - 60_000, NOW - 30_000],
    });

    expect(decidePairingStart(ended, NOW, LIMITS)).toEqual({
      kind: 'rate-limited',
      retryAfterSeconds: 91,
    });
  });
});
