import type { SessionIdentity } from '../domain/session/session-identity.ts';

/**
 * The session API's line to the worker that holds the session's shard (only it has the
 * session's socket). Both fail with SessionUnavailableError when no worker serves the shard and
 * ServiceUnavailableError when the queue cannot be reached.
 */
export interface SessionCommands {
  /** Asks the worker to open the pairing socket for a claimed attempt; does not wait. */
  startPairing(
    identity: SessionIdentity,
    command: { attemptId: string; deadline: number; phoneDigits?: string },
  ): Promise<void>;
  /**
   * Asks the worker to log the session out and waits for it until `deadline` (then
   * UpstreamTimeoutError). `unlinked`: whether WhatsApp confirmed removing the device.
   */
  logOut(identity: SessionIdentity, options: { deadline: number }): Promise<{ unlinked: boolean }>;
}
