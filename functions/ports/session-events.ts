import type { SessionIdentity } from '../domain/session/session-identity.ts';

/** A session's status as GET /session and the events name it. */
export type PublicSessionStatus = 'unpaired' | 'pairing' | 'connecting' | 'paired' | 'logged_out';

/**
 * Why a session's status changed, as a short code in `session.status` events:
 * `pairing_started`; `paired`; `connection_lost` (connecting after a drop); `pairing_<end>`
 * (an attempt over without a link: timed_out, closed, logged_out, lease_lost, not_started);
 * `logged_out` (DELETE /session); `unlinked_from_phone` (WhatsApp logged the device out);
 * `temporary_ban` / `temporary_ban_ended` and `reachout_timelock` / `reachout_timelock_lifted`
 * (WhatsApp restricted the account, or stopped; see docs/session-api.md#account-health).
 */
export type SessionStatusReason = string;

/** One `session.status` event's data, as the contract names it. Never a secret in it. */
export interface SessionStatusChange {
  tenant: string;
  user: string;
  status: PublicSessionStatus;
  previous_status: PublicSessionStatus;
  reason: SessionStatusReason;
  /** The paired account's JID while paired; null otherwise. */
  jid: string | null;
  /** With `temporary_ban` and `reachout_timelock`: when WhatsApp said it ends (ISO), or null. */
  restricted_until?: string | null;
}

/**
 * Where session events go: the EventBridge bus on AWS, the embedded delivery queue locally.
 * `publish` never throws: a failure is logged by the adapter, and the status change it reports
 * stands (the change is recorded before its event is sent).
 */
export interface SessionEventPublisher {
  publish(change: SessionStatusChange): Promise<void>;
}

/** A publisher that sends nothing: a process configured without a bus or a queue. */
export const NO_SESSION_EVENTS: SessionEventPublisher = { publish: async () => undefined };

export function statusChange(
  identity: SessionIdentity,
  change: Omit<SessionStatusChange, 'tenant' | 'user' | 'jid'> & { jid?: string | null },
): SessionStatusChange {
  return {
    tenant: identity.tenantId,
    user: identity.userId,
    status: change.status,
    previous_status: change.previous_status,
    reason: change.reason,
    jid: change.jid ?? null,
    ...(change.restricted_until !== undefined && { restricted_until: change.restricted_until }),
  };
}
