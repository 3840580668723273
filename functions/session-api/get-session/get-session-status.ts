import { type SessionView, storedStatusView } from '../../api/session-bodies.ts';
import { isPairingActive, type PairingAttempt } from '../../domain/session/pairing-attempt.ts';
import type { SessionIdentity } from '../../domain/session/session-identity.ts';
import type { PairingAttemptStore } from '../../ports/pairing-attempts.ts';
import type { SessionStatusReader } from '../../ports/session-status-reader.ts';

export interface SessionStatusDependencies {
  attempts: PairingAttemptStore;
  statuses: SessionStatusReader;
  now?: () => number;
}

export type GetSessionStatus = (identity: SessionIdentity) => Promise<SessionView>;

/**
 * The view of an attempt under way: `pairing` with the current QR payload or pairing code
 * while it is still valid, `connecting` once the phone accepted the link.
 */
export function activeAttemptView(attempt: PairingAttempt, now: number): SessionView {
  if (attempt.state === 'linking') return { status: 'connecting' };
  const valid = attempt.codeExpiresAt !== undefined && now < attempt.codeExpiresAt;
  return {
    status: 'pairing',
    ...(valid && attempt.qr !== undefined && { qr: attempt.qr }),
    ...(valid && attempt.pairingCode !== undefined && { pairingCode: attempt.pairingCode }),
    ...(valid && { expiresAt: attempt.codeExpiresAt }),
  };
}

/**
 * An attempt over by time whose worker never ended it (the worker died or lost its lease) still
 * holds its QR payload or pairing code: ended here, best effort, so the secret does not linger.
 */
export async function endIfAbandoned(
  attempts: PairingAttemptStore,
  identity: SessionIdentity,
  attempt: PairingAttempt | null,
  now: number,
): Promise<void> {
  if (!attempt || attempt.state === 'ended' || isPairingActive(attempt, now)) return;
  await attempts.end(identity, attempt.attemptId, 'timed_out').catch(() => undefined);
}

/** GET /session: the status of the caller's own session. */
export function createGetSessionStatus(dependencies: SessionStatusDependencies): GetSessionStatus {
  const now = dependencies.now ?? Date.now;
  return async (identity) => {
    const [status, attempt] = await Promise.all([
      dependencies.statuses.get(identity),
      dependencies.attempts.latest(identity),
    ]);
    const at = now();
    if (attempt && isPairingActive(attempt, at)) return activeAttemptView(attempt, at);
    await endIfAbandoned(dependencies.attempts, identity, attempt, at);
    return storedStatusView(status, at);
  };
}
