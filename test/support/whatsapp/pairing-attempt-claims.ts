import { randomUUID } from 'node:crypto';
import { DynamoDbPairingAttempts } from '../../../functions/adapters/dynamodb-pairing-attempts.ts';
import type { PairingAttempt } from '../../../functions/domain/session/pairing-attempt.ts';
import type { SessionIdentity } from '../../../functions/domain/session/session-identity.ts';
import type { PairingCommand } from '../../../functions/ports/session-control.ts';
import type { SessionsTable } from '../aws/sessions-table.ts';

/**
 * Pairing attempts on a real sessions table as the API claims them, and the worker's progress
 * on them read back, for tests that drive the worker's pairing.
 */
export function pairingAttemptClaims(table: Pick<SessionsTable, 'client' | 'tableName'>) {
  const attempts = new DynamoDbPairingAttempts({
    client: table.client,
    tableName: table.tableName,
  });
  /** The first state of the session's latest attempt that `accept` takes (10 s at most). */
  const until = async (identity: SessionIdentity, accept: (attempt: PairingAttempt) => boolean) => {
    for (const deadline = Date.now() + 10_000; Date.now() < deadline; ) {
      const attempt = await attempts.latest(identity);
      if (attempt && accept(attempt)) return attempt;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('the pairing attempt did not get there in time');
  };
  return {
    /** Claims an attempt by QR, or by code for `phoneDigits`; the pair command for it. */
    async claim(
      identity: SessionIdentity,
      timeLimitMs: number,
      phoneDigits?: string,
    ): Promise<PairingCommand> {
      const now = Date.now();
      const attempt: PairingAttempt = {
        attemptId: randomUUID(),
        method: phoneDigits ? 'code' : 'qr',
        state: 'starting',
        startedAt: now,
        endsAt: now + timeLimitMs,
        aliveUntil: now + 30_000,
        recentStarts: [now],
      };
      const latest = await attempts.latest(identity);
      if (!(await attempts.claim(identity, attempt, latest))) throw new Error('not claimed');
      return { attemptId: attempt.attemptId, deadline: attempt.endsAt, phoneDigits };
    },
    until,
    ended: (identity: SessionIdentity) => until(identity, (attempt) => attempt.state === 'ended'),
  };
}
