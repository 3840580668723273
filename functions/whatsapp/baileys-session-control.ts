import type { Logger } from '@aws-lambda-powertools/logger';
import type { SessionIdentity } from '../domain/session/session-identity.ts';
import type { PairingCommand, SessionControl } from '../ports/session-control.ts';
import type { DynamoDbAuthStateStore } from './dynamodb-auth-state-store.ts';
import type { PairingCoordinator } from './pairing-coordinator.ts';
import type { SessionManager } from './session-manager.ts';

export interface BaileysSessionControlOptions {
  sessions: Pick<SessionManager, 'session' | 'closeSession'>;
  pairing: Pick<PairingCoordinator, 'start' | 'cancel'>;
  /** The session's credential store, fenced by the shard's lease like the session's own. */
  authStoreFor: (identity: SessionIdentity) => Pick<DynamoDbAuthStateStore, 'clear'>;
  /** How long a logout waits for a linked session to connect before giving up on the unlink. */
  connectWaitMs: number;
  logger: Logger;
}

/**
 * Pairing and logout on the worker's own sockets (the session control port on Baileys).
 * Pairing goes through the pairing coordinator; a logout ends it, then unlinks a linked device
 * through the session's socket (WhatsApp's `remove-companion-device`), within the caller's
 * signal and `connectWaitMs`, and deletes the credentials whether or not WhatsApp answered.
 */
export class BaileysSessionControl implements SessionControl {
  readonly #options: BaileysSessionControlOptions;

  constructor(options: BaileysSessionControlOptions) {
    this.#options = options;
  }

  startPairing(identity: SessionIdentity, command: PairingCommand): Promise<void> {
    return this.#options.pairing.start(identity, command);
  }

  async logOut(identity: SessionIdentity, signal: AbortSignal): Promise<{ unlinked: boolean }> {
    const { sessions, logger } = this.#options;
    await this.#options.pairing.cancel(identity, 'logged_out');
    // Throws SessionUnavailableError when this worker does not hold the session's shard.
    const session = await sessions.session(identity);
    let unlinked = false;
    if (session.linked) {
      try {
        const socket = await session.waitUntilOpen(signal, this.#options.connectWaitMs);
        await abortable(socket.logout('logged out over the API'), signal);
        unlinked = true;
      } catch (error) {
        logger.warn('could not unlink the device from WhatsApp; deleting it here only', {
          errorMessage: error instanceof Error ? error.message : String(error),
        });
      }
    }
    // Closing waits for what the session still writes (a logout's own status and clearing).
    await sessions.closeSession(identity, session);
    await this.#options.authStoreFor(identity).clear();
    return { unlinked };
  }
}

/** The work, or a rejection once `signal` aborts (the work itself goes on and is ignored). */
function abortable<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
