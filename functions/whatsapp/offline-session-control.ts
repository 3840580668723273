import type { SessionIdentity } from '../domain/session/session-identity.ts';
import type { PairingAttemptStore } from '../ports/pairing-attempts.ts';
import type { PairingCommand, SessionControl } from '../ports/session-control.ts';

/**
 * Session control of the offline backend (`WA_BACKEND=offline`), which has no sockets: a
 * pairing attempt ends at once as `closed` (the API answers that WhatsApp cannot be reached to
 * pair), and a logout deletes whatever credentials are stored (nothing to unlink).
 */
export class OfflineSessionControl implements SessionControl {
  readonly #attempts: Pick<PairingAttemptStore, 'end'>;
  readonly #clearCredentials: (identity: SessionIdentity) => Promise<void>;

  constructor(options: {
    attempts: Pick<PairingAttemptStore, 'end'>;
    clearCredentials: (identity: SessionIdentity) => Promise<void>;
  }) {
    this.#attempts = options.attempts;
    this.#clearCredentials = options.clearCredentials;
  }

  async startPairing(identity: SessionIdentity, command: PairingCommand): Promise<void> {
    await this.#attempts.end(identity, command.attemptId, 'closed');
  }

  async logOut(identity: SessionIdentity): Promise<{ unlinked: boolean }> {
    await this.#clearCredentials(identity);
    return { unlinked: false };
  }
}
