import { SessionUnavailableError } from '../domain/errors/app-errors.ts';
import {
  type SessionIdentity,
  sessionKey,
  sessionShard,
} from '../domain/session/session-identity.ts';
import type { HeldShardLeases } from '../ports/held-shard-leases.ts';
import { ConnectPacer, type ConnectPacing } from './connect-pacer.ts';
import { reconnectDelayMs } from './reconnect-backoff.ts';
import type { SessionEvent, WhatsAppSession } from './whatsapp-session.ts';

/** What a pairing session is made of beyond its identity. */
export interface PairingSessionRequest {
  /** Digits of the phone to show a pairing code for, instead of QR codes. */
  phoneDigits?: string | undefined;
  onEvent: (event: SessionEvent) => void;
}

/** `started`: a pairing socket is connecting; `already-paired`: the session is linked. */
export type PairingStart =
  | { kind: 'started'; session: WhatsAppSession }
  | { kind: 'already-paired'; session: WhatsAppSession };

export interface SessionManagerOptions {
  /** A serving session (the one lookups open). */
  createSession: (identity: SessionIdentity) => WhatsAppSession;
  /** A session that pairs, then serves on the same socket once linked. */
  createPairingSession: (
    identity: SessionIdentity,
    request: PairingSessionRequest,
  ) => WhatsAppSession;
  shardCount: number;
  /** The shard leases this process holds right now. */
  leases: Pick<HeldShardLeases, 'holds'>;
  /** How long an unpaired or logged-out session is trusted before the store is read again. */
  recheckIdleMs: number;
  /**
   * Most sessions kept beyond the paired and pairing ones: past it, the oldest idle sessions
   * (unpaired, logged out, closed) are closed and forgotten, so lookups and warm-ups naming
   * many identities that have no WhatsApp account cannot grow the worker's memory.
   */
  maxIdleSessions?: number;
  /**
   * How the sessions of a shard connect when it is opened (see connect-pacer.ts): each holds
   * its slot until open or `holdMs`. No pacing when omitted: all connect at once.
   */
  openPacing?: ConnectPacing & { holdMs: number };
  now?: () => number;
}

/** Tries to open a session of an opened shard whose stored state could not be read. */
const OPEN_ATTEMPTS = 6;
const OPEN_RETRY = { baseMs: 1_000, maxMs: 30_000 };

/** Idle sessions hold no socket, only their caches; a thousand is a few MiB. */
export const DEFAULT_MAX_IDLE_SESSIONS = 1_000;

interface Entry {
  session: WhatsAppSession;
  started: Promise<void>;
  startedAtMs: number;
}

/**
 * One session (one socket) per (tenant, user), opened on first use, only for sessions whose
 * shard this process holds. Closing a shard closes its sockets: a lost lease must never leave
 * two processes connected to one WhatsApp session.
 */
export class SessionManager {
  readonly #options: SessionManagerOptions;
  readonly #entries = new Map<string, Entry>();
  readonly #now: () => number;
  readonly #maxIdleSessions: number;
  readonly #pacer: ConnectPacer;

  constructor(options: SessionManagerOptions) {
    this.#options = options;
    this.#pacer = new ConnectPacer(options.openPacing ?? { concurrency: 0, jitterMs: 0 });
    this.#now = options.now ?? Date.now;
    this.#maxIdleSessions = options.maxIdleSessions ?? DEFAULT_MAX_IDLE_SESSIONS;
  }

  get openSessions(): number {
    return this.#entries.size;
  }

  async session(identity: SessionIdentity): Promise<WhatsAppSession> {
    this.#checkHeld(identity);
    const key = sessionKey(identity);
    let entry = this.#entries.get(key);
    if (entry && this.#isStaleIdle(entry)) {
      // Paired again (CLI) since we last looked? Read the store anew.
      this.#entries.delete(key);
      await entry.session.close();
      entry = undefined;
    }
    entry ??= this.#add(key, this.#options.createSession(identity));
    await entry.started;
    return entry.session;
  }

  /**
   * Opens a pairing session in place of the session's idle one (never paired, logged out or
   * closed), so that once linked it serves lookups on the same socket. A session already linked
   * is left as it is (`already-paired`); a pairing already under way is replaced (the caller
   * keeps one attempt per session). Resolves once the stored state is read and the socket is
   * connecting; the pairing itself goes on in the background.
   */
  async startPairing(
    identity: SessionIdentity,
    request: PairingSessionRequest,
  ): Promise<PairingStart> {
    this.#checkHeld(identity);
    const key = sessionKey(identity);
    const current = this.#entries.get(key);
    if (current) {
      const startedWell = await current.started.then(
        () => true,
        () => false,
      );
      if (startedWell && this.#entries.get(key) === current && isLinkedAndUp(current.session)) {
        return { kind: 'already-paired', session: current.session };
      }
      if (this.#entries.get(key) === current) this.#entries.delete(key);
      await current.session.close();
    }
    // Another call may have added an entry while the old one closed: it is replaced too.
    const raced = this.#entries.get(key);
    if (raced) {
      this.#entries.delete(key);
      await raced.session.close();
    }
    const entry = this.#add(key, this.#options.createPairingSession(identity, request));
    await entry.started;
    if (entry.session.linked && this.#entries.get(key) === entry) {
      // Linked meanwhile (stored credentials): it connects and serves like any paired session.
      return { kind: 'already-paired', session: entry.session };
    }
    return { kind: 'started', session: entry.session };
  }

  /** Closes the session if `session` is still the one held for it (any session when omitted). */
  async closeSession(identity: SessionIdentity, session?: WhatsAppSession): Promise<void> {
    const key = sessionKey(identity);
    const entry = this.#entries.get(key);
    if (entry && (session === undefined || entry.session === session)) {
      this.#entries.delete(key);
    }
    const closing = session ?? entry?.session;
    await closing?.close();
  }

  /** The shard a session belongs to (the one place the shard count is read on this side). */
  shardOf(identity: SessionIdentity): number {
    return sessionShard(identity, this.#options.shardCount);
  }

  #checkHeld(identity: SessionIdentity): void {
    if (!this.#options.leases.holds(this.shardOf(identity))) {
      throw new SessionUnavailableError(
        'no worker serves this WhatsApp session right now; try again shortly',
      );
    }
  }

  #add(key: string, session: WhatsAppSession): Entry {
    const created: Entry = { session, started: session.start(), startedAtMs: this.#now() };
    created.started.catch(() => {
      if (this.#entries.get(key) === created) this.#entries.delete(key);
    });
    this.#entries.set(key, created);
    this.#evictIdleOverCap();
    return created;
  }

  /**
   * Closes and forgets the oldest idle sessions (the map keeps insertion order, and an entry
   * opened again is inserted again) while more are held than the paired ones plus the cap.
   */
  #evictIdleOverCap(): void {
    if (this.#entries.size <= this.#maxIdleSessions) return;
    const idle = [...this.#entries].filter(([, entry]) => isIdle(entry.session));
    for (const [key, entry] of idle.slice(0, Math.max(idle.length - this.#maxIdleSessions, 0))) {
      this.#entries.delete(key);
      entry.session.close().catch(() => undefined);
    }
  }

  /**
   * Opens the given sessions that belong to a shard this process holds, without waiting for
   * them to connect: a takeover or a deploy does not make the next lookups wait or fail. They
   * connect paced (`openPacing`); a lookup for one still waiting opens it at once.
   */
  openShard(shard: number, identities: readonly SessionIdentity[]): number {
    let opened = 0;
    for (const identity of identities) {
      if (this.shardOf(identity) !== shard) continue;
      opened += 1;
      this.#pacer.run(() => this.#openPaced(identity)).catch(() => undefined);
    }
    return opened;
  }

  /** Sessions of opened shards still waiting for their turn to connect. */
  get waitingToConnect(): number {
    return this.#pacer.waiting;
  }

  async #openPaced(identity: SessionIdentity): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      // The shard may have been closed (its lease lost) while this session waited: skip it.
      if (!this.#options.leases.holds(sessionShard(identity, this.#options.shardCount))) return;
      try {
        const session = await this.session(identity);
        const holdMs = this.#options.openPacing?.holdMs ?? 0;
        if (holdMs > 0) {
          await session.waitUntilOpen(AbortSignal.timeout(holdMs), holdMs).catch(() => undefined);
        }
        return;
      } catch (error) {
        // Its stored state could not be read (DynamoDB busy or away): a session left unopened
        // here would stay down until a lookup named it, so try again after a backoff.
        if (attempt + 1 >= OPEN_ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, reconnectDelayMs(attempt, OPEN_RETRY)));
      }
    }
  }

  async closeShard(shard: number): Promise<void> {
    const closing: Promise<void>[] = [];
    for (const [key, entry] of this.#entries) {
      if (this.shardOf(entry.session.identity) !== shard) continue;
      this.#entries.delete(key);
      closing.push(entry.session.close());
    }
    await Promise.allSettled(closing);
  }

  async closeAll(): Promise<void> {
    const closing = [...this.#entries.values()].map((entry) => entry.session.close());
    this.#entries.clear();
    await Promise.allSettled(closing);
  }

  #isStaleIdle(entry: Entry): boolean {
    if (entry.session.state === 'closed') return true;
    const idle = entry.session.state === 'unpaired' || entry.session.state === 'logged_out';
    return idle && this.#now() - entry.startedAtMs >= this.#options.recheckIdleMs;
  }
}

/** A session without a socket to keep: never paired, logged out, or closed. */
function isIdle(session: WhatsAppSession): boolean {
  return (
    session.state === 'unpaired' || session.state === 'logged_out' || session.state === 'closed'
  );
}

/** A session with linked credentials that is connected, connecting or about to reconnect. */
function isLinkedAndUp(session: WhatsAppSession): boolean {
  return (
    session.linked &&
    (session.state === 'open' || session.state === 'connecting' || session.state === 'reconnecting')
  );
}
