import type { Logger } from '@aws-lambda-powertools/logger';
import { DisconnectReason } from 'baileys';
import type { PairingEndReason } from '../domain/session/pairing-attempt.ts';
import { type SessionIdentity, sessionKey } from '../domain/session/session-identity.ts';
import type { PairingAttemptStore, PairingProgress } from '../ports/pairing-attempts.ts';
import type { PairingCommand } from '../ports/session-control.ts';
import type { SessionManager } from './session-manager.ts';
import type { SessionEvent, WhatsAppSession } from './whatsapp-session.ts';

/**
 * How long a QR payload is valid: Baileys shows the first ref for 60 s and each next one for
 * 20 s (its `qrTimeout`), as WhatsApp Web does.
 */
const FIRST_QR_VALID_MS = 60_000;
const NEXT_QR_VALID_MS = 20_000;
/**
 * A phone that accepted the link just before the time limit has linked a device: the restart
 * and first login WhatsApp asks for get this long past the limit before the socket closes.
 */
const LINKING_GRACE_MS = 30_000;

export interface PairingCoordinatorOptions {
  attempts: PairingAttemptStore;
  /** Opens and closes the pairing sockets, and says which shard a session is on. */
  sessions: Pick<SessionManager, 'startPairing' | 'closeSession' | 'shardOf'>;
  logger: Logger;
  /**
   * How often the attempt's liveness (`aliveUntil`) is extended while its socket is up, and
   * the margin beyond it: an attempt whose worker died stops counting as alive soon after.
   */
  aliveEveryMs?: number;
  aliveGraceMs?: number;
  now?: () => number;
}

interface RunningAttempt {
  identity: SessionIdentity;
  attemptId: string;
  deadline: number;
  session: WhatsAppSession | undefined;
  qrsShown: number;
  /** The phone accepted the link; the socket reconnects as WhatsApp asks. */
  linking: boolean;
  ended: boolean;
  timers: NodeJS.Timeout[];
  /** The attempt's writes, one after another: a later state never lands before an earlier one. */
  writes: Promise<unknown>;
}

/**
 * The worker's side of pairing attempts: one at a time per session on this worker. It opens the
 * pairing socket through the session manager (so the session, once linked, serves lookups on
 * that same socket) and turns the session's events into the attempt's record: each QR payload
 * or the pairing code with its expiry, `linking` after the scan, and the end: `paired` on open,
 * `closed` when the socket closes first, `timed_out` at the time limit (the socket closes),
 * `lease_lost` when the shard goes, `logged_out` on a logout. A write refused because the
 * attempt was replaced or ended elsewhere closes the pairing socket. QR payloads and pairing
 * codes are secrets: never logged.
 */
export class PairingCoordinator {
  readonly #options: PairingCoordinatorOptions;
  readonly #running = new Map<string, RunningAttempt>();
  readonly #now: () => number;
  readonly #aliveEveryMs: number;
  readonly #aliveGraceMs: number;

  constructor(options: PairingCoordinatorOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#aliveEveryMs = options.aliveEveryMs ?? 10_000;
    this.#aliveGraceMs = options.aliveGraceMs ?? 15_000;
  }

  /** Attempts under way on this worker. */
  get running(): number {
    return this.#running.size;
  }

  /**
   * Opens the attempt's pairing socket; resolves once it is connecting or the attempt is over.
   * The attempt already running here (a redelivered command) is left alone; another attempt of
   * the same session ends the one under way first.
   */
  async start(identity: SessionIdentity, command: PairingCommand): Promise<void> {
    const key = sessionKey(identity);
    const current = this.#running.get(key);
    if (current?.attemptId === command.attemptId) return;
    if (current) await this.#finish(current, 'closed', { closeSocket: true });
    if (this.#now() >= command.deadline) {
      await this.#options.attempts.end(identity, command.attemptId, 'timed_out');
      return;
    }
    const run: RunningAttempt = {
      identity,
      attemptId: command.attemptId,
      deadline: command.deadline,
      session: undefined,
      qrsShown: 0,
      linking: false,
      ended: false,
      timers: [],
      writes: Promise.resolve(),
    };
    this.#running.set(key, run);
    let started: Awaited<ReturnType<SessionManager['startPairing']>>;
    try {
      started = await this.#options.sessions.startPairing(identity, {
        phoneDigits: command.phoneDigits,
        onEvent: (event) => this.#onEvent(run, event),
      });
    } catch (error) {
      this.#options.logger.warn('could not start a pairing socket', {
        errorMessage: error instanceof Error ? error.message : String(error),
      });
      await this.#finish(run, 'closed', { closeSocket: false });
      throw error;
    }
    if (started.kind === 'already-paired') {
      await this.#finish(run, 'paired', { closeSocket: false });
      return;
    }
    run.session = started.session;
    if (run.ended) {
      // Ended while the socket was starting (logout, lease lost): it must not stay open.
      await this.#options.sessions.closeSession(identity, started.session);
      return;
    }
    const timeLimit = (graceMs: number) =>
      setTimeout(
        () => {
          if (run.linking && graceMs === 0) {
            run.timers.push(timeLimit(LINKING_GRACE_MS));
            return;
          }
          void this.#finish(run, 'timed_out', { closeSocket: true });
        },
        Math.max(0, command.deadline + graceMs - this.#now()),
      );
    run.timers.push(
      timeLimit(0),
      setInterval(
        () => this.#progress(run, { aliveUntil: this.#aliveUntil() }),
        this.#aliveEveryMs,
      ),
    );
  }

  /** Ends the session's attempt under way here and closes its socket (a logout). */
  async cancel(identity: SessionIdentity, reason: PairingEndReason): Promise<void> {
    const run = this.#running.get(sessionKey(identity));
    if (run) await this.#finish(run, reason, { closeSocket: true });
  }

  /**
   * The shard's lease is gone and its sockets are closed (by the session manager): its attempts
   * end as `lease_lost`, best effort (the successor does not take them over).
   */
  async shardClosed(shard: number): Promise<void> {
    const ending = [...this.#running.values()]
      .filter((run) => this.#options.sessions.shardOf(run.identity) === shard)
      .map((run) => this.#finish(run, 'lease_lost', { closeSocket: false }));
    await Promise.allSettled(ending);
  }

  /** Ends every attempt under way (the worker stops; its sockets are closed by the manager). */
  async closeAll(): Promise<void> {
    const ending = [...this.#running.values()].map((run) =>
      this.#finish(run, 'lease_lost', { closeSocket: false }),
    );
    await Promise.allSettled(ending);
  }

  #onEvent(run: RunningAttempt, event: SessionEvent): void {
    if (run.ended) return;
    const now = this.#now();
    switch (event.type) {
      case 'qr': {
        run.qrsShown += 1;
        const validMs = run.qrsShown === 1 ? FIRST_QR_VALID_MS : NEXT_QR_VALID_MS;
        const codeExpiresAt = Math.min(now + validMs, run.deadline);
        this.#progress(run, {
          state: 'waiting',
          qr: event.qr,
          codeExpiresAt,
          aliveUntil: Math.max(codeExpiresAt, now) + this.#aliveGraceMs,
        });
        return;
      }
      case 'pairing-code':
        // Valid while the pairing socket lives: at the latest until the time limit.
        this.#progress(run, {
          state: 'waiting',
          pairingCode: event.code,
          codeExpiresAt: run.deadline,
          aliveUntil: this.#aliveUntil(),
        });
        return;
      case 'pairing-code-refused':
        // No code that cannot work is shown: the attempt ends and says why.
        void this.#finish(run, event.code === 429 ? 'rate_limited' : 'code_refused', {
          closeSocket: true,
        });
        return;
      case 'reconnecting':
        if (event.statusCode === DisconnectReason.restartRequired) {
          // The phone accepted the link; WhatsApp asks the companion to log in anew.
          run.linking = true;
          this.#progress(run, { state: 'linking', aliveUntil: this.#aliveUntil() });
        }
        return;
      case 'open':
        void this.#finish(run, 'paired', { closeSocket: false });
        return;
      case 'closed':
      case 'logged-out':
        void this.#finish(run, 'closed', { closeSocket: false });
        return;
      case 'fenced':
        void this.#finish(run, 'lease_lost', { closeSocket: false });
        return;
      case 'connecting':
        return;
    }
  }

  #aliveUntil(): number {
    return this.#now() + this.#aliveEveryMs + this.#aliveGraceMs;
  }

  /** Records progress; refused (the attempt was replaced or ended elsewhere): stop pairing. */
  #progress(run: RunningAttempt, progress: PairingProgress): void {
    run.writes = run.writes
      .then(async () => {
        if (run.ended) return;
        const current = await this.#options.attempts.progress(
          run.identity,
          run.attemptId,
          progress,
        );
        // Not awaited: the end is queued behind this very write.
        if (!current) void this.#finish(run, 'closed', { closeSocket: true });
      })
      .catch((error: unknown) =>
        this.#options.logger.warn('recording pairing progress failed', {
          errorMessage: error instanceof Error ? error.message : String(error),
        }),
      );
  }

  /**
   * Ends the attempt once: stops its timers, closes its socket when asked (the time limit, a
   * logout, a replaced attempt), then records the end after the writes before it.
   */
  async #finish(
    run: RunningAttempt,
    reason: PairingEndReason,
    { closeSocket }: { closeSocket: boolean },
  ): Promise<void> {
    if (run.ended) return;
    run.ended = true;
    for (const timer of run.timers) clearTimeout(timer);
    const key = sessionKey(run.identity);
    if (this.#running.get(key) === run) this.#running.delete(key);
    if (closeSocket && run.session) {
      await this.#options.sessions.closeSession(run.identity, run.session);
    }
    this.#options.logger.info('pairing attempt ended', { reason });
    const ending = run.writes.then(() =>
      this.#options.attempts.end(run.identity, run.attemptId, reason),
    );
    run.writes = ending.catch(() => undefined);
    try {
      await ending;
    } catch (error) {
      this.#options.logger.warn('recording the end of a pairing attempt failed', {
        reason,
        errorMessage: error instanceof Error ? error.message : String(error),
      });
    }
  }
}
