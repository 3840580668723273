import { SessionUnavailableError } from '../domain/errors/app-errors.ts';
import {
  type SessionIdentity,
  sessionKey,
  sessionShard,
} from '../domain/session/session-identity.ts';
import type { HeldShardLeases } from '../ports/held-shard-leases.ts';
import type { WhatsAppSession } from './whatsapp-session.ts';

export interface SessionManagerOptions {
  createSession: (identity: SessionIdentity) => WhatsAppSession;
  shardCount: number;
  /** The shard leases this process holds right now. */
  leases: Pick<HeldShardLeases, 'holds'>;
  /** How long an unpaired or logged-out session is trusted before the store is read again. */
  recheckIdleMs: number;
  now?: () => number;
}

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

  constructor(options: SessionManagerOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  get openSessions(): number {
    return this.#entries.size;
  }

  async session(identity: SessionIdentity): Promise<WhatsAppSession> {
    const shard = sessionShard(identity, this.#options.shardCount);
    if (!this.#options.leases.holds(shard)) {
      throw new SessionUnavailableError(
        'no worker serves this WhatsApp session right now; try again shortly',
      );
    }
    const key = sessionKey(identity);
    let entry = this.#entries.get(key);
    if (entry && this.#isStaleIdle(entry)) {
      // Paired again (CLI) since we last looked? Read the store anew.
      this.#entries.delete(key);
      await entry.session.close();
      entry = undefined;
    }
    if (!entry) {
      const session = this.#options.createSession(identity);
      const created: Entry = { session, started: session.start(), startedAtMs: this.#now() };
      created.started.catch(() => {
        if (this.#entries.get(key) === created) this.#entries.delete(key);
      });
      entry = created;
      this.#entries.set(key, entry);
    }
    await entry.started;
    return entry.session;
  }

  /**
   * Opens the given sessions that belong to a shard this process holds, without waiting for
   * them to connect: a takeover or a deploy does not make the next lookups wait or fail.
   */
  openShard(shard: number, identities: readonly SessionIdentity[]): number {
    let opened = 0;
    for (const identity of identities) {
      if (sessionShard(identity, this.#options.shardCount) !== shard) continue;
      opened += 1;
      this.session(identity).catch(() => undefined);
    }
    return opened;
  }

  async closeShard(shard: number): Promise<void> {
    const closing: Promise<void>[] = [];
    for (const [key, entry] of this.#entries) {
      if (sessionShard(entry.session.identity, this.#options.shardCount) !== shard) continue;
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
