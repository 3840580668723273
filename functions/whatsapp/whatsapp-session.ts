import type { Logger } from '@aws-lambda-powertools/logger';
import {
  DisconnectReason,
  makeWASocket,
  type UserFacingSocketConfig,
  type WASocket,
} from 'baileys';
import type { SessionStatusStore } from '../adapters/dynamodb-session-status-store.ts';
import { SessionUnavailableError } from '../domain/errors/app-errors.ts';
import type { SessionIdentity } from '../domain/session/session-identity.ts';
import { maskJid } from '../platform/mask-personal-data.ts';
import type { SessionEventPublisher } from '../ports/session-events.ts';
import { AccountHealth } from './account-health.ts';
import { temporaryBanOf } from './account-restriction-signals.ts';
import { baileysLogger } from './baileys-logger.ts';
import { ConnectionDrops } from './connection-drops.ts';
import {
  behaveAsDirectoryReader,
  createDirectoryReaderCaches,
  type DirectoryReaderSocketTimings,
  directoryReaderSocketConfig,
} from './directory-reader-socket.ts';
import { type DynamoDbAuthStateStore, SessionFencedError } from './dynamodb-auth-state-store.ts';
import { forgetPairingSecrets } from './pairing-secrets.ts';
import { enforceServerCertificateChecks } from './server-certificate-check.ts';
import type { SessionEvent, SessionRole } from './session-role.ts';

// Before any socket exists: the server certificate and a linked phone's signature are checked.
enforceServerCertificateChecks();

export type SessionConnectionState =
  | 'idle'
  | 'connecting'
  | 'open'
  | 'reconnecting'
  | 'logged_out'
  | 'unpaired'
  | 'closed';

export type { SessionEvent, SessionRole, SessionRoleContext } from './session-role.ts';

/** What every session needs, whatever its role. */
export interface SessionConnectionOptions extends DirectoryReaderSocketTimings {
  identity: SessionIdentity;
  authStore: DynamoDbAuthStateStore;
  statusStore: SessionStatusStore;
  /** WA_WEBSOCKET_URL: WhatsApp's own by default; a loopback server in tests. */
  webSocketUrl: string;
  logger: Logger;
  onEvent?: (event: SessionEvent) => void;
  /** Where a paired session's drop and return are reported (see connection-drops.ts). */
  events?: SessionEventPublisher;
  /** Seam for tests; Baileys' makeWASocket otherwise. */
  makeSocket?: (config: UserFacingSocketConfig) => WASocket;
}

export interface WhatsAppSessionOptions extends SessionConnectionOptions {
  role: SessionRole;
}

/**
 * One WhatsApp Web session (one tenant's user), one socket. Its role decides whether it links or
 * serves, and how it reconnects; a device WhatsApp logged out is recorded, its credentials
 * deleted, and lookups fail fast with 503. Built by `createPairingSession` / `createServingSession`.
 */
export class WhatsAppSession {
  readonly identity: SessionIdentity;
  /** What WhatsApp holds against the account (a temporary ban, the reach-out time lock). */
  readonly health: AccountHealth;
  readonly #options: WhatsAppSessionOptions;
  #state: SessionConnectionState = 'idle';
  #socket: WASocket | undefined;
  #attempt = 0;
  #opened = false;
  readonly #drops: ConnectionDrops;
  #reconnectTimer: NodeJS.Timeout | undefined;
  #auth: Awaited<ReturnType<DynamoDbAuthStateStore['load']>> | undefined;
  #waiters = new Set<() => void>();
  /** Start-up reads and background writes still running: close() waits for them. */
  readonly #inFlight = new Set<Promise<unknown>>();
  readonly #caches = createDirectoryReaderCaches();

  constructor(options: WhatsAppSessionOptions) {
    this.identity = options.identity;
    this.#options = options;
    this.#drops = new ConnectionDrops({ identity: options.identity, events: options.events });
    const { identity, statusStore, logger } = options;
    this.health = new AccountHealth({ identity, statusStore, logger });
  }

  get state(): SessionConnectionState {
    return this.#state;
  }

  /** Whether the credentials, as they are now, are a linked device's (pairing: from the scan). */
  get linked(): boolean {
    return Boolean(this.#auth?.state.creds.account);
  }

  /** The open socket; undefined while not connected. */
  get socket(): WASocket | undefined {
    return this.#state === 'open' ? this.#socket : undefined;
  }

  /** Loads the stored state and connects when there is something to connect. */
  start(): Promise<void> {
    return this.#track(this.#start());
  }

  async #start(): Promise<void> {
    this.#auth = await this.#options.authStore.load();
    if (this.#auth.stored && !this.#auth.paired && this.#options.role.connectsUnpaired) {
      // An unfinished pairing's leftovers (a code's `me`) make Baileys log in instead of
      // registering: a pairing starts afresh unless the stored credentials hold an `account`.
      await this.#options.authStore.clear();
      this.#auth = await this.#options.authStore.load();
    }
    // close() may have come while we read the store.
    if (this.#closed()) return;
    if (!this.#auth.paired && !this.#options.role.connectsUnpaired) {
      const status = await this.#options.statusStore.get(this.identity);
      if (this.#closed()) return;
      this.#setState(status.state === 'logged_out' ? 'logged_out' : 'unpaired');
      return;
    }
    this.#connect();
  }

  /**
   * The socket once open; 503 at once when logged out or unpaired, or after `maxWaitMs`; 429 at
   * once while WhatsApp restricts the account (see account-health.ts).
   */
  async waitUntilOpen(signal: AbortSignal, maxWaitMs: number): Promise<WASocket> {
    for (;;) {
      const refusal = this.health.refusal();
      if (refusal) throw refusal;
      const socket = this.socket;
      if (socket) return socket;
      if (this.#state === 'logged_out') {
        throw new SessionUnavailableError(
          'the WhatsApp session was logged out from the phone; re-pair this session',
        );
      }
      if (this.#state === 'unpaired') {
        throw new SessionUnavailableError('the WhatsApp session is not paired; pair this session');
      }
      if (this.#state === 'closed' || signal.aborted || maxWaitMs <= 0) {
        throw new SessionUnavailableError(
          'the WhatsApp session is not connected; try again shortly',
        );
      }
      const started = Date.now();
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          signal.removeEventListener('abort', done);
          this.#waiters.delete(done);
          resolve();
        };
        const timer = setTimeout(done, maxWaitMs);
        signal.addEventListener('abort', done, { once: true });
        this.#waiters.add(done);
      });
      maxWaitMs -= Date.now() - started;
    }
  }

  /** Ends the socket; resolves once all this session started settled (its store shut down). */
  async close(): Promise<void> {
    this.#setState('closed');
    clearTimeout(this.#reconnectTimer);
    const socket = this.#socket;
    this.#socket = undefined;
    if (socket) {
      socket.ev.removeAllListeners('connection.update');
      socket.end(undefined);
    }
    await Promise.allSettled([...this.#inFlight]);
    await this.#options.authStore.shutDown();
  }

  #track<T>(work: Promise<T>): Promise<T> {
    this.#inFlight.add(work);
    const untrack = () => this.#inFlight.delete(work);
    work.then(untrack, untrack);
    return work;
  }

  #connect(): void {
    const auth = this.#auth;
    if (!auth || this.#state === 'closed') return;
    const { logger, webSocketUrl } = this.#options;
    const log = baileysLogger(logger, { component: 'whatsapp-session' });
    this.#setState(this.#attempt === 0 ? 'connecting' : 'reconnecting');
    this.#emit({ type: 'connecting', url: webSocketUrl });
    const socket = (this.#options.makeSocket ?? makeWASocket)(
      directoryReaderSocketConfig({
        ...this.#options, // the URL and the timings
        auth: auth.state,
        caches: this.#caches,
        logger: log,
      }),
    );
    behaveAsDirectoryReader(socket);
    this.#socket = socket;
    socket.ev.on('creds.update', () => {
      this.#track(auth.saveCreds()).catch((error: unknown) => this.#onSaveFailed(error));
    });
    socket.ev.on('connection.update', (update) => {
      if (socket !== this.#socket) return;
      if (update.qr) this.#onQr(socket, update.qr);
      if (update.reachoutTimeLock) this.#track(this.health.timelockPushed(update.reachoutTimeLock));
      if (update.connection === 'open') this.#onOpen(socket);
      if (update.connection === 'close') this.#onClose(update.lastDisconnect?.error);
    });
  }

  #onQr(socket: WASocket, qr: string): void {
    this.#options.role.onQr(socket, qr, {
      emit: (event) => this.#emit(event),
      logger: this.#options.logger,
    });
  }

  #onOpen(socket: WASocket): void {
    const auth = this.#auth;
    if (auth && forgetPairingSecrets(auth.state.creds)) {
      this.#track(auth.saveCreds()).catch((error: unknown) => this.#onSaveFailed(error));
    }
    this.#attempt = 0;
    this.health.opened();
    this.#setState('open');
    const jid = socket.user?.id?.replace(/:\d+@/, '@') ?? '';
    const account = maskJid(jid);
    this.#options.logger.info('whatsapp session open', { account });
    // `open` is told once the status says paired: whoever waits for it (a pairing attempt)
    // then finds the account's JID and pairing time on the status.
    const role = this.#options.role.name;
    const note = this.#drops.pairedNote(!this.#opened && role === 'pair');
    this.#opened = true;
    this.#track(this.#drops.returned(jid));
    const status = { account, ...(jid && { jid }), reason: `connected (${role})` };
    this.#track(
      this.#options.statusStore
        .put(this.identity, { state: 'paired', ...status }, note)
        .catch((error: unknown) =>
          this.#options.logger.warn('session status write failed', {
            errorMessage: error instanceof Error ? error.message : String(error),
          }),
        )
        .then(() => this.#emit({ type: 'open', account })),
    );
  }

  #onClose(error: (Error & { output?: { statusCode?: number } }) | undefined): void {
    const statusCode = error?.output?.statusCode;
    const reason = error?.message ?? 'closed';
    this.#socket = undefined;
    if (this.#state === 'closed') return;
    const ban = this.linked ? temporaryBanOf(error, Date.now()) : undefined;
    if (ban) {
      // No reconnect storm: one attempt, when the ban ends; the ban's record reports it.
      const { delayMs, recorded } = this.health.banned(ban);
      this.#track(recorded);
      this.#drops.superseded();
      this.#setState('reconnecting');
      this.#reconnectTimer = setTimeout(() => this.#connect(), delayMs);
      return;
    }
    // A 401 logs out a linked device; a device never linked has nothing to log out (WhatsApp
    // refused its registration): that is an ordinary close, its role decides what follows.
    if (statusCode === DisconnectReason.loggedOut && this.linked) {
      void this.#track(this.#onLoggedOut());
      return;
    }
    const restartAsked = statusCode === DisconnectReason.restartRequired;
    const delayMs = restartAsked
      ? 0
      : this.#options.role.reconnectDelayMs(this.#attempt, { opened: this.#opened });
    if (delayMs === undefined) {
      this.#setState('closed');
      this.#emit({ type: 'closed', statusCode, reason });
      return;
    }
    this.#attempt += 1;
    if (this.#state === 'open') this.#track(this.#drops.lost());
    this.#setState('reconnecting');
    this.#options.logger.warn('whatsapp session closed; reconnecting', { statusCode, delayMs });
    this.#emit({ type: 'reconnecting', delayMs, statusCode });
    this.#reconnectTimer = setTimeout(() => this.#connect(), delayMs);
  }

  async #onLoggedOut(): Promise<void> {
    this.#setState('logged_out');
    this.#options.logger.warn('whatsapp session logged out; it must be paired again');
    this.#emit({ type: 'logged-out' });
    try {
      const reason = 'WhatsApp reported the device as logged out';
      const note = this.#drops.loggedOutNote();
      await this.#options.statusStore.put(this.identity, { state: 'logged_out', reason }, note);
      await this.#options.authStore.clear();
    } catch (error) {
      this.#options.logger.error('recording the logout failed', {
        errorMessage: error instanceof Error ? error.message : String(error),
      });
    }
  }

  #onSaveFailed(error: unknown): void {
    if (error instanceof SessionFencedError) {
      // Another worker took the session over: stop using it at once.
      this.#options.logger.warn('session fenced by a newer owner; closing it');
      this.#emit({ type: 'fenced' });
      void this.close();
      return;
    }
    this.#options.logger.error('saving WhatsApp credentials failed', {
      errorMessage: error instanceof Error ? error.message : String(error),
    });
  }

  #closed(): boolean {
    return this.#state === 'closed';
  }

  #setState(state: SessionConnectionState): void {
    this.#state = state;
    for (const wake of [...this.#waiters]) wake();
  }

  #emit(event: SessionEvent): void {
    this.#options.onEvent?.(event);
  }
}
