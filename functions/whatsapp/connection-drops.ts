import type { StatusChangeNote } from '../adapters/dynamodb-session-status-store.ts';
import type { SessionIdentity } from '../domain/session/session-identity.ts';
import { type SessionEventPublisher, statusChange } from '../ports/session-events.ts';

/**
 * A paired session's drop (`connecting`) and its return (`paired`), reported once each: the
 * stored status stays `paired` through both, so only the session itself sees them.
 */
export class ConnectionDrops {
  readonly #identity: SessionIdentity;
  readonly #events: SessionEventPublisher | undefined;
  #dropped = false;

  constructor(options: { identity: SessionIdentity; events?: SessionEventPublisher | undefined }) {
    this.#identity = options.identity;
    this.#events = options.events;
  }

  /** What the status write on open reports: `pairing` before it on a pairing's first open. */
  pairedNote(linkedNow: boolean): StatusChangeNote {
    return { reason: 'paired', ...(linkedNow && { previousStatus: 'pairing' }) };
  }

  /** What the status write of a logout from the phone reports. */
  loggedOutNote(): StatusChangeNote {
    return {
      reason: 'unlinked_from_phone',
      ...(this.#dropped && { previousStatus: 'connecting' }),
    };
  }

  /** The open socket closed; the session reconnects. */
  async lost(): Promise<void> {
    if (this.#dropped) return;
    this.#dropped = true;
    await this.#events?.publish(
      statusChange(this.#identity, {
        status: 'connecting',
        previous_status: 'paired',
        reason: 'connection_lost',
      }),
    );
  }

  /** Another report took over (a temporary ban): its end is reported instead of a return. */
  superseded(): void {
    this.#dropped = false;
  }

  /** The socket opened again after a drop (nothing to report otherwise). */
  async returned(jid: string): Promise<void> {
    if (!this.#dropped) return;
    this.#dropped = false;
    await this.#events?.publish(
      statusChange(this.#identity, {
        status: 'paired',
        previous_status: 'connecting',
        reason: 'reconnected',
        ...(jid && { jid }),
      }),
    );
  }
}
