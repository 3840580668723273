import type { SessionStatusStore } from '../adapters/dynamodb-session-status-store.ts';
import type { LogoutReplyMessage, LogoutSessionCommand } from '../contracts/session-commands.ts';
import type { PairingAttemptStore } from '../ports/pairing-attempts.ts';
import type { SessionCacheEraser } from '../ports/session-cache-eraser.ts';
import type { SessionControl } from '../ports/session-control.ts';
import { answerMessage, type RequestOutcome } from './request-failure.ts';

export interface HandleLogoutSessionDependencies {
  sessionControl: SessionControl;
  attempts: Pick<PairingAttemptStore, 'latest' | 'end'>;
  statuses: Pick<SessionStatusStore, 'put'>;
  cache: SessionCacheEraser;
}

export type LogoutSessionOutcome = RequestOutcome<LogoutReplyMessage>;

/**
 * Logs a session out (DELETE /session): ends a pairing attempt (whether or not it runs here
 * yet), closes the pairing socket, unlinks a linked device from WhatsApp when it can be reached
 * in time, deletes the credentials, records the session as `unpaired` and deletes its cached
 * profiles and pictures. Each step is idempotent: a retried logout finishes what one cut short
 * began. Failures go through the worker's one failure mapping.
 */
export function createHandleLogoutSession(dependencies: HandleLogoutSessionDependencies) {
  return function handleLogoutSession(
    command: LogoutSessionCommand,
    signal: AbortSignal,
  ): Promise<LogoutSessionOutcome> {
    return answerMessage(command, async (identity) => {
      const latest = await dependencies.attempts.latest(identity);
      if (latest && latest.state !== 'ended') {
        await dependencies.attempts.end(identity, latest.attemptId, 'logged_out');
      }
      const { unlinked } = await dependencies.sessionControl.logOut(identity, signal);
      await dependencies.statuses.put(
        identity,
        { state: 'unpaired', reason: 'logged out over the API' },
        { reason: 'logged_out' },
      );
      await dependencies.cache.deleteSession(identity);
      return { unlinked };
    });
  };
}

export type HandleLogoutSession = ReturnType<typeof createHandleLogoutSession>;
