import type { AccountRestriction } from '../domain/session/account-restriction.ts';
import type { SessionIdentity } from '../domain/session/session-identity.ts';

/** What the session API reads of a session's stored status (see the session status store). */
export interface StoredSessionStatus {
  state: 'paired' | 'logged_out' | 'unpaired';
  /** The paired account's JID; only while paired. Personal data: never logged. */
  jid?: string;
  /** When the account was linked (ISO); only while paired. */
  pairedAt?: string;
  /** What WhatsApp holds against the paired account (a temporary ban wins over a time lock). */
  restriction?: AccountRestriction;
}

/** Reads a session's status item (strongly consistent): unpaired when there is none. */
export interface SessionStatusReader {
  get(identity: SessionIdentity): Promise<StoredSessionStatus>;
}
