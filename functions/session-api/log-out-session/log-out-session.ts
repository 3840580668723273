import type { SessionIdentity } from '../../domain/session/session-identity.ts';
import type { PairingAttemptStore } from '../../ports/pairing-attempts.ts';
import type { SessionWorkerClient } from '../../ports/worker-client.ts';

export interface LogOutSessionDependencies {
  attempts: PairingAttemptStore;
  workerClient: SessionWorkerClient;
}

export interface LogOutResult {
  status: 'unpaired';
  /** Whether WhatsApp confirmed removing the linked device (false: none was linked). */
  unlinked: boolean;
}

export type LogOutSession = (
  identity: SessionIdentity,
  request: { deadline: number },
) => Promise<LogOutResult>;

/**
 * DELETE /session. A pairing under way ends first (its QR payload or code disappears at once,
 * and the worker's next progress write fails, which closes its pairing socket); then the worker
 * holding the session's shard unlinks the device, deletes the credentials and the session's
 * cached profiles, and confirms before `deadline`.
 */
export function createLogOutSession(dependencies: LogOutSessionDependencies): LogOutSession {
  return async (identity, request) => {
    const attempt = await dependencies.attempts.latest(identity);
    if (attempt && attempt.state !== 'ended') {
      await dependencies.attempts.end(identity, attempt.attemptId, 'logged_out');
    }
    const { unlinked } = await dependencies.workerClient.logOut(identity, request);
    return { status: 'unpaired', unlinked };
  };
}
