import type { SessionIdentity } from '../domain/session/session-identity.ts';

/**
 * Seals a session's WhatsApp auth state (credentials and Signal keys) before it is stored, so
 * reading the sessions table is not enough to take an account over: opening a value needs the
 * key only the worker may use, and a value sealed for one session does not open as another's.
 */
export interface CredentialCipher {
  seal(plaintext: Uint8Array, identity: SessionIdentity): Promise<Uint8Array>;
  /** Refuses a value sealed for another session, or one that was altered. */
  open(sealed: Uint8Array, identity: SessionIdentity): Promise<Uint8Array>;
}
