import type { PairingAttempt } from '../../../functions/domain/session/pairing-attempt.ts';

/** A QR pairing attempt as the API claims it: just started, alive for 10 s, over after `timeLimitMs`. */
export function startingAttempt(
  attemptId: string,
  timeLimitMs: number,
  aliveForMs = 10_000,
): PairingAttempt {
  const now = Date.now();
  return {
    attemptId,
    method: 'qr',
    state: 'starting',
    startedAt: now,
    endsAt: now + timeLimitMs,
    aliveUntil: now + aliveForMs,
    recentStarts: [now],
  };
}
