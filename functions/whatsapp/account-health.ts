import type { Logger } from '@aws-lambda-powertools/logger';
import type { ReachoutTimelockState } from 'baileys';
import type { SessionStatusStore } from '../adapters/dynamodb-session-status-store.ts';
import { AccountRestrictedError } from '../domain/errors/app-errors.ts';
import { type AccountRestriction, restrictionTime } from '../domain/session/account-restriction.ts';
import type { SessionIdentity } from '../domain/session/session-identity.ts';
import { isReachoutTimelockRefusal, reachoutTimelockOf } from './account-restriction-signals.ts';

/** Lookups held back after a 463 whose end WhatsApp did not tell (WhatsApp Web's own default). */
export const TIMELOCK_HOLD_WITHOUT_END_MS = 60_000;
/** The one reconnect attempt after a temporary ban without an expiry: an hour later. */
export const BAN_RETRY_WITHOUT_END_MS = 60 * 60_000;
/**
 * The longest a banned session waits before it tries again: a longer ban is tried daily (and
 * refused, waits again), and a timer never overflows (Node fires a delay past 24.8 days at once).
 */
export const BAN_RETRY_AT_MOST_MS = 24 * 60 * 60_000;
/** Spread over which banned sessions reconnect once their ban ends, so they do not all at once. */
export const BAN_END_SPREAD_MS = 30_000;
/** How long a 463 waits for WhatsApp's answer about the lock's end before answering without it. */
export const TIMELOCK_END_QUERY_TIMEOUT_MS = 5_000;

export interface AccountHealthOptions {
  identity: SessionIdentity;
  statusStore: Pick<SessionStatusStore, 'restrict' | 'endTimelock'>;
  logger: Logger;
  now?: () => number;
  random?: () => number;
}

/** How a session asks WhatsApp when its time lock ends (Baileys' fetchAccountReachoutTimelock). */
export type TimelockQuery = () => Promise<ReachoutTimelockState>;

/**
 * What WhatsApp holds against one session's account, and how gently the session acts on it:
 * while held, lookups are refused at once with a 429 naming the reason (never sent to
 * WhatsApp), a banned socket reconnects once, when the ban ends, and a time lock's end is asked
 * of WhatsApp once per lock. Each change is recorded on the session status (which reports it).
 */
export class AccountHealth {
  readonly #options: AccountHealthOptions;
  readonly #now: () => number;
  #restriction: AccountRestriction | undefined;
  #heldUntil = 0;
  #learning: Promise<unknown> | undefined;
  /** Set from the moment a 463's query is sent until it is recorded (pushes wait for it). */
  #asking = false;

  constructor(options: AccountHealthOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /** What WhatsApp holds against the account, as this session last heard. */
  get restriction(): AccountRestriction | undefined {
    return this.#restriction;
  }

  /** The 429 a lookup gets while the restriction holds, or undefined when it may go ahead. */
  refusal(): AccountRestrictedError | undefined {
    const restriction = this.#restriction;
    const now = this.#now();
    if (!restriction || now >= this.#heldUntil) return undefined;
    return new AccountRestrictedError(restriction, Math.ceil((this.#heldUntil - now) / 1000));
  }

  /** WhatsApp banned the account: recorded; returns the delay before the one reconnect. */
  banned(ban: AccountRestriction): { delayMs: number; recorded: Promise<void> } {
    this.#hold(ban, BAN_RETRY_WITHOUT_END_MS);
    const spread = (this.#options.random ?? Math.random)() * BAN_END_SPREAD_MS;
    const untilEnd = Math.min(Math.max(0, this.#heldUntil - this.#now()), BAN_RETRY_AT_MOST_MS);
    const delayMs = untilEnd + Math.round(spread);
    this.#options.logger.warn(
      'WhatsApp temporarily banned the account; reconnecting once it ends',
      {
        banCode: ban.banCode,
        endsAt: ban.endsAt,
        delayMs,
      },
    );
    return { delayMs, recorded: this.#record(ban) };
  }

  /** The socket opened: a ban is over (the status write on open ends its record). */
  opened(): void {
    if (this.#restriction?.reason === 'temporary_ban') this.#clear();
  }

  /**
   * What a lookup WhatsApp refused throws: for a 463 the time lock, recorded, with its end asked
   * of WhatsApp once (`ask`); anything else unchanged.
   */
  async refused(error: unknown, ask: TimelockQuery | undefined): Promise<unknown> {
    if (!isReachoutTimelockRefusal(error)) return error;
    if (this.#restriction?.reason !== 'reachout_timelock' || !this.refusal()) {
      this.#asking = true;
      this.#learning ??= this.#learnTimelock(ask).finally(() => {
        this.#learning = undefined;
        this.#asking = false;
      });
    }
    await this.#learning;
    return this.refusal() ?? error;
  }

  /** WhatsApp pushed the time lock's state (set or lifted). */
  async timelockPushed(state: ReachoutTimelockState): Promise<void> {
    const lock = reachoutTimelockOf(state, this.#now());
    if (lock === 'lifted') {
      if (this.#restriction?.reason !== 'reachout_timelock') return;
      this.#clear();
      await this.#write(this.#options.statusStore.endTimelock(this.#options.identity));
      return;
    }
    // Baileys pushes the answer of the query a 463 sent as well: the 463 records that one.
    if (this.#asking) return;
    const known = this.#restriction;
    if (known?.reason === 'reachout_timelock' && known.endsAt === lock.endsAt) return;
    if (known?.reason === 'temporary_ban') return;
    this.#hold(lock, TIMELOCK_HOLD_WITHOUT_END_MS);
    await this.#record(lock);
  }

  /** A lookup went through: a time lock past its hold is over. */
  async succeeded(): Promise<void> {
    if (this.#restriction?.reason !== 'reachout_timelock' || this.refusal()) return;
    this.#clear();
    await this.#write(this.#options.statusStore.endTimelock(this.#options.identity));
  }

  async #learnTimelock(ask: TimelockQuery | undefined): Promise<void> {
    const now = this.#now();
    let lock: AccountRestriction = {
      reason: 'reachout_timelock',
      since: restrictionTime(now),
    };
    const state = ask ? await withTimeout(ask(), TIMELOCK_END_QUERY_TIMEOUT_MS) : undefined;
    const told = state ? reachoutTimelockOf(state, now) : 'lifted';
    // A 463 is the lock itself, whatever the query said (it may lag behind, or have failed).
    if (told !== 'lifted') lock = told;
    this.#hold(lock, TIMELOCK_HOLD_WITHOUT_END_MS);
    this.#options.logger.warn('WhatsApp time-locked the account (463); lookups held back', {
      endsAt: lock.endsAt,
    });
    await this.#record(lock);
  }

  #hold(restriction: AccountRestriction, withoutEndMs: number): void {
    this.#restriction = restriction;
    this.#heldUntil = restriction.endsAt
      ? Date.parse(restriction.endsAt)
      : this.#now() + withoutEndMs;
  }

  #clear(): void {
    this.#restriction = undefined;
    this.#heldUntil = 0;
  }

  #record(restriction: AccountRestriction): Promise<void> {
    return this.#write(this.#options.statusStore.restrict(this.#options.identity, restriction));
  }

  async #write(work: Promise<void>): Promise<void> {
    try {
      await work;
    } catch (error) {
      this.#options.logger.warn('recording the account restriction failed', {
        errorMessage: error instanceof Error ? error.message : String(error),
      });
    }
  }
}

async function withTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), timeoutMs);
  });
  try {
    return await Promise.race([work.catch(() => undefined), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
