import type { SessionIdentity } from '../domain/session/session-identity.ts';

/** What the session API reads of a session's stored status (see the session status store). */
export interface StoredSessionStatus {
  state: 'paired' | 'logged_out' | 'unpaired';
  /** The paired account's JID; only while paired. Personal data: never logged. */
  jid?: string;
  /** When the account was linked (ISO); only while paired. */
  pairedAt?: string;
}

/** Reads a session's status item (strongly consistent): unpaired when there is none. */
export interface SessionStatusReader {
  get(identity: SessionIdentity): Promise<StoredSessionStatus>;
}
