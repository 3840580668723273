import type { ReachoutTimelockState } from 'baileys';
import { type AccountRestriction, restrictionTime } from '../domain/session/account-restriction.ts';
import { REACHOUT_TIMELOCK_ERROR_CODE, replyErrorCode } from './map-whatsapp-error.ts';

/**
 * How WhatsApp tells a linked device that it restricts the account, as Baileys 7 hands it over:
 *
 * - a temporary ban: WhatsApp answers the login with `<failure reason="402" code="101"
 *   expire="86400"/>` (whatsmeow's ConnectFailureTempBanned, read into `events.TemporaryBan`
 *   with the code and the expiry in seconds); Baileys ends the socket with a Boom whose status
 *   code is the reason and whose data are the failure's attributes;
 * - the reach-out time lock: error 463 on a stanza (an IQ's `<error code="463">`, which Baileys
 *   throws with the code as data; a message's nack), and WhatsApp's `mex` notification
 *   `NotificationUserReachoutTimelockUpdate` (whatsmeow's NotifyAccountReachoutTimelock), which
 *   Baileys emits as `connection.update`'s `reachoutTimeLock`, as it does the answer of its
 *   `fetchAccountReachoutTimelock` query.
 */
export const TEMPORARY_BAN_FAILURE_REASON = 402;

function attributesOf(data: unknown): Record<string, unknown> {
  if (typeof data !== 'object' || data === null) return {};
  // A `<failure>` arrives as its attributes; a stream error as its node.
  const attrs = (data as { attrs?: unknown }).attrs;
  return typeof attrs === 'object' && attrs !== null
    ? (attrs as Record<string, unknown>)
    : (data as Record<string, unknown>);
}

/** The temporary ban a closed socket reports, or undefined for any other close. */
export function temporaryBanOf(error: unknown, now: number): AccountRestriction | undefined {
  const boom = error as { output?: { statusCode?: unknown }; data?: unknown } | undefined;
  if (boom?.output?.statusCode !== TEMPORARY_BAN_FAILURE_REASON) return undefined;
  const attrs = attributesOf(boom.data);
  const code = Number(attrs.code);
  const expireSeconds = Number(attrs.expire);
  return {
    reason: 'temporary_ban',
    since: restrictionTime(now),
    ...(Number.isFinite(expireSeconds) &&
      expireSeconds > 0 && { endsAt: restrictionTime(now + expireSeconds * 1000) }),
    ...(Number.isInteger(code) && code > 0 && { banCode: code }),
  };
}

/** Whether WhatsApp refused a stanza because the account is reach-out time-locked (463). */
export function isReachoutTimelockRefusal(error: unknown): boolean {
  return replyErrorCode(error) === REACHOUT_TIMELOCK_ERROR_CODE;
}

/**
 * The time lock a `reachoutTimeLock` state describes: a restriction while active (its end when
 * WhatsApp gave one that is still ahead), `lifted` when WhatsApp says it no longer holds.
 */
export function reachoutTimelockOf(
  state: ReachoutTimelockState,
  now: number,
): AccountRestriction | 'lifted' {
  if (!state.isActive) return 'lifted';
  const endsAtMs = state.timeEnforcementEnds?.getTime();
  return {
    reason: 'reachout_timelock',
    since: restrictionTime(now),
    ...(endsAtMs !== undefined &&
      Number.isFinite(endsAtMs) &&
      endsAtMs > now && { endsAt: restrictionTime(endsAtMs) }),
  };
}
