import type { BinaryNode } from 'baileys';

/**
 * What the WhatsApp server stand-in does when WhatsApp restricts an account, on the wire as
 * whatsmeow reads it and Baileys 7 hands it over:
 *
 * - a temporary ban ends the companion's live streams and refuses its logins with
 *   `<failure reason="402" code="…" expire="…"/>` (whatsmeow's handleConnectFailure:
 *   ConnectFailureTempBanned, `code` the TempBanReason, `expire` the seconds left) until it ends;
 * - the reach-out time lock answers the IQs scripted with error 463 (see stand-in-replies), and
 *   Baileys' `fetchAccountReachoutTimelock` query (`w:mex`, its REACHOUT_TIMELOCK query id) with
 *   the lock's state; a lock (or its lift) can be pushed as WhatsApp's `mex` notification
 *   `NotificationUserReachoutTimelockUpdate`.
 */

/** Baileys 7.0.0-rc14's QueryIds.REACHOUT_TIMELOCK (the `w:mex` query it sends after a 463). */
export const REACHOUT_TIMELOCK_QUERY_ID = '23983697327930364';

/** WhatsApp's reach-out time-lock refusal on a stanza; the worker reads the code only. */
export const REACHOUT_TIMELOCK_IQ_ERROR = { 463: 'reachout-timelocked' } as const;

export interface TemporaryBan {
  /** WhatsApp's reason code (whatsmeow's TempBanReason: 101 ... 106). */
  code: number;
  /** Seconds until the ban ends; 0: WhatsApp sends no expiry. */
  expireSeconds: number;
}

export interface ReachoutTimelock {
  /** When the lock ends (ms since the epoch); undefined: WhatsApp says no end. */
  endsAtMs?: number;
}

type Push = (node: BinaryNode, companion: string) => number;

export class StandInAccountHealth {
  readonly #push: Push;
  readonly #bans = new Map<string, { code: number; endsAtMs: number | undefined }>();
  #timelock: ReachoutTimelock | undefined;
  /** Each `fetchAccountReachoutTimelock` query a companion sent. */
  readonly timelockQueries: BinaryNode[] = [];

  /** `push`: sends a stanza to the companion's live connections, returns how many. */
  constructor(push: Push) {
    this.#push = push;
  }

  /**
   * WhatsApp bans the companion's account for a while: each live stream ends with the ban's
   * `<failure>`, and each login gets it until the ban ends. Returns the streams ended.
   */
  banTemporarily(companion: string, ban: TemporaryBan): number {
    const endsAtMs = ban.expireSeconds > 0 ? Date.now() + ban.expireSeconds * 1000 : undefined;
    this.#bans.set(companion, { code: ban.code, endsAtMs });
    const failure = this.loginRefusal(companion);
    return failure ? this.#push(failure, companion) : 0;
  }

  /** The `<failure>` a banned companion's login gets, or undefined when it may log in. */
  loginRefusal(companion: string): BinaryNode | undefined {
    const ban = this.#bans.get(companion);
    if (!ban) return undefined;
    const left = ban.endsAtMs === undefined ? 0 : Math.ceil((ban.endsAtMs - Date.now()) / 1000);
    if (ban.endsAtMs !== undefined && left <= 0) {
      this.#bans.delete(companion);
      return undefined;
    }
    return {
      tag: 'failure',
      attrs: { reason: '402', code: String(ban.code), expire: String(left), location: 'loopback' },
    };
  }

  /** The account's reach-out time lock as the `w:mex` query answers it (none: not locked). */
  setTimelock(lock: ReachoutTimelock | undefined): void {
    this.#timelock = lock;
  }

  /** Pushes WhatsApp's `mex` notification of the lock (or of its lift) to the companion. */
  pushTimelock(companion: string, lock: ReachoutTimelock | undefined): number {
    this.#timelock = lock;
    const payload = { data: { xwa2_notify_account_reachout_timelock: this.#timelockState() } };
    return this.#push(
      {
        tag: 'notification',
        attrs: {
          from: 's.whatsapp.net',
          type: 'mex',
          id: `mex-${Date.now()}`,
          t: String(Math.floor(Date.now() / 1000)),
        },
        content: [
          {
            tag: 'update',
            attrs: { op_name: 'NotificationUserReachoutTimelockUpdate' },
            content: Buffer.from(JSON.stringify(payload)),
          },
        ],
      },
      companion,
    );
  }

  /** Answers the IQs the account's health owns (the time-lock query); true when it did. */
  answer(node: BinaryNode, send: (node: BinaryNode) => void): boolean {
    const query = Array.isArray(node.content) ? node.content[0] : undefined;
    if (node.attrs.xmlns !== 'w:mex' || query?.attrs.query_id !== REACHOUT_TIMELOCK_QUERY_ID) {
      return false;
    }
    this.timelockQueries.push(node);
    const data = { data: { xwa2_fetch_account_reachout_timelock: this.#timelockState() } };
    send({
      tag: 'iq',
      attrs: { from: 's.whatsapp.net', type: 'result', id: node.attrs.id ?? '' },
      content: [{ tag: 'result', attrs: {}, content: Buffer.from(JSON.stringify(data)) }],
    });
    return true;
  }

  #timelockState(): Record<string, unknown> {
    const lock = this.#timelock;
    if (!lock) return { is_active: false, enforcement_type: 'DEFAULT' };
    return {
      is_active: true,
      enforcement_type: 'WEB_COMPANION_ONLY',
      ...(lock.endsAtMs !== undefined && {
        time_enforcement_ends: String(Math.floor(lock.endsAtMs / 1000)),
      }),
    };
  }
}
